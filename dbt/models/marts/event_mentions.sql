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
        event_context,
        event_date,
        date_source
    from clusters
)

select * from final
