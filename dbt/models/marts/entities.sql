-- One row per real-world entity. The name and type are the resolution's (constant per entity_id); the
-- country is the one its mentions give most often (ties by code, so the table is the same on every run).
with mentions as (select * from {{ ref('int_entity_mentions_resolved') }}),
articles as (select article_id, coalesce(published_at, ingested_at) as seen_at from {{ ref('articles') }}),

country_votes as (
    select entity_id, resolved_country, count(*) as votes
    from mentions
    where resolved_country is not null
    group by entity_id, resolved_country
),

entity_countries as (
    select entity_id, arg_max(resolved_country, (votes, resolved_country)) as country_code
    from country_votes
    group by entity_id
),

entity_stats as (
    select
        m.entity_id,
        min(m.resolved_name) as canonical_name,
        min(m.resolved_type) as entity_type,
        list_sort(list(distinct m.surface)) as aliases,
        count(distinct m.article_id) as article_count,
        count(*) as mention_count,
        min(a.seen_at) as first_seen_at,
        max(a.seen_at) as last_seen_at
    from mentions as m
    join articles as a using (article_id)
    group by m.entity_id
),

final as (
    select
        s.entity_id,
        s.canonical_name,
        s.entity_type,
        c.country_code,
        s.aliases,
        s.article_count,
        s.mention_count,
        s.first_seen_at,
        s.last_seen_at
    from entity_stats as s
    left join entity_countries as c using (entity_id)
)

select * from final
