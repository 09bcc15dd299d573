with mentions as (select * from {{ ref('int_entity_mentions_resolved') }}),
articles as (select article_id, coalesce(published_at, ingested_at) as seen_at from {{ ref('articles') }}),

entity_stats as (
    select
        m.entity_id,
        mode(m.resolved_name) as canonical_name,
        mode(m.resolved_type) as entity_type,
        mode(m.resolved_country) as country_code,
        list_sort(list(distinct m.surface)) as aliases,
        count(distinct m.article_id) as article_count,
        count(*) as mention_count,
        min(a.seen_at) as first_seen_at,
        max(a.seen_at) as last_seen_at
    from mentions as m
    join articles as a using (article_id)
    group by m.entity_id
)

select * from entity_stats
