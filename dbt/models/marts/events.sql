with clusters as (select * from {{ ref('int_event_clusters') }}),
countries as (select name_id from {{ ref('countries') }}),

counted as (
    select
        *,
        count(*) over (partition by event_id, p_key) as p_count,
        count(*) over (partition by event_id, q_key) as q_count,
        count(*) over (partition by event_id, event_mode) as mode_count,
        count(*) over (partition by event_id, location_resolved) as location_count,
        -- a city names the place more precisely than its country ("Pyongyang" over "Korea Utara")
        location_resolved in (select name_id from countries) as location_is_country
    from clusters
),

event_rollup as (
    select
        event_id,
        first(event_type order by rank_in_cluster) as event_type,
        first(event_mode order by mode_count desc, rank_in_cluster) as event_mode,
        first(quad_class order by rank_in_cluster) as quad_class,
        -- an event some article reports as done is done, even if another only announced it
        case when bool_or(event_context = 'reported') then 'reported'
             when bool_or(event_context = 'historical') then 'historical' else 'planned' end as event_context,
        first(event_date order by rank_in_cluster) as event_date,
        first(date_precision order by rank_in_cluster) as date_precision,
        first(date_source order by rank_in_cluster) in ('publication', 'article') as date_from_publication,
        -- per party: the most often named, then the most specific (a person over their country)
        first(p_key order by p_key is null, p_count desc, p_is_country, rank_in_cluster) as actor1_key,
        first(case when swapped then actor2_entity_id else actor1_entity_id end
              order by p_key is null, p_count desc, p_is_country, rank_in_cluster) as actor1_entity_id,
        first(case when swapped then actor2_resolved else actor1_resolved end
              order by p_key is null, p_count desc, p_is_country, rank_in_cluster) as actor1_name,
        first(p_country order by p_key is null, p_count desc, p_is_country, rank_in_cluster) as actor1_country_code,
        first(case when swapped then actor1_entity_id else actor2_entity_id end
              order by q_key is null, q_count desc, q_is_country, rank_in_cluster) as actor2_entity_id,
        first(case when swapped then actor1_resolved else actor2_resolved end
              order by q_key is null, q_count desc, q_is_country, rank_in_cluster) as actor2_name,
        first(q_country order by q_key is null, q_count desc, q_is_country, rank_in_cluster) as actor2_country_code,
        first(location_entity_id order by location_resolved is null, location_is_country, location_count desc,
              rank_in_cluster) as location_entity_id,
        first(location_resolved order by location_resolved is null, location_is_country, location_count desc,
              rank_in_cluster) as location_name,
        bool_or(is_symmetric) as is_symmetric,
        count(*) as num_mentions,
        count(distinct article_id) as num_articles,
        count(distinct coalesce(publisher, article_id)) as num_sources,
        min(published_at) as first_reported_at
    from counted
    group by event_id
),

described as (
    select
        * exclude (actor1_key),
        concat_ws(' ', coalesce(actor1_name, '?'), '—', event_type || '/' || coalesce(event_mode, '?'),
                  '—', coalesce(actor2_name, '?'),
                  case when location_name is not null then 'di ' || location_name end,
                  '(' || coalesce(cast(event_date as varchar), 'tanggal tidak diketahui') || ')',
                  case when event_context <> 'reported' then '[' || event_context || ']' end) as summary
    from event_rollup
)

select * from described
