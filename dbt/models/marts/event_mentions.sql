with clusters as (select * from {{ ref('int_event_clusters') }}),

final as (
    select
        event_id,
        article_id,
        sentence,
        start_char,
        end_char,
        trigger,
        confidence,
        {{ surrogate_key(['article_id', 'mention_index']) }} as event_mention_id,
        event_type,
        event_mode,
        event_context,
        event_date,
        date_precision,
        date_source,
        actor1_resolved as actor1_name,
        actor2_resolved as actor2_name,
        location_resolved as location_name
    from clusters
)

select * from final
