with clusters as (select * from {{ ref('int_event_clusters') }}),

event_rollup as (
    select
        event_id,
        any_value(event_type) as event_type,
        mode(event_mode) as event_mode,
        any_value(quad_class) as quad_class,
        -- an event some article reports as done is done, even if another only announced it
        case when bool_or(event_context = 'reported') then 'reported'
             when bool_or(event_context = 'historical') then 'historical' else 'planned' end as event_context,
        min(event_date) as event_date,
        any_value(date_precision) as date_precision,
        bool_and(date_source = 'publication') as date_from_publication,
        arg_max(actor1_entity_id, confidence) as actor1_entity_id,
        arg_max(actor1_resolved, confidence) as actor1_name,
        arg_max(actor2_entity_id, confidence) as actor2_entity_id,
        arg_max(actor2_resolved, confidence) as actor2_name,
        mode(location_entity_id) as location_entity_id,
        mode(location_resolved) as location_name,
        count(*) as num_mentions,
        count(distinct article_id) as num_articles,
        count(distinct publisher) as num_sources,
        min(published_at) as first_reported_at
    from clusters
    group by event_id
),

described as (
    select
        *,
        concat_ws(' ', coalesce(actor1_name, '?'), '—', event_type || '/' || coalesce(event_mode, '?'),
                  '—', coalesce(actor2_name, '?'),
                  case when location_name is not null then 'di ' || location_name end,
                  '(' || coalesce(cast(event_date as varchar), 'tanggal tidak diketahui') || ')') as summary
    from event_rollup
)

select * from described
