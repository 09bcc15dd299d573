with mentions as (select * from {{ ref('int_entity_mentions_resolved') }}),
articles as (select article_id from {{ ref('articles') }}),

final as (
    select
        {{ surrogate_key(['m.article_id', 'm.start_char', 'm.end_char']) }} as mention_id,
        m.article_id,
        m.entity_id,
        m.surface,
        m.start_char,
        m.end_char,
        m.sentence_index,
        m.resolved_type as entity_type,
        m.found_by
    from mentions as m
    join articles using (article_id)
)

select * from final
