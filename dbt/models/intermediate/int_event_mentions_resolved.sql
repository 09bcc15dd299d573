-- Attach entity ids, countries and merge rules to event mentions. An actor extraction named without a
-- mention (a country a capital stands for) is resolved by name; a generic group ("polisi") keeps a
-- "group:" key so it can still match itself across articles.
with events as (select * from {{ ref('stg_event_mentions') }}),
mentions as (select * from {{ ref('int_entity_mentions_resolved') }}),
articles as (select * from {{ ref('stg_article_parses') }}),
lexicon as (select * from {{ ref('event_lexicon') }}),

modes as (
    select
        event_type,
        event_mode,
        min(merge_family) as merge_family,
        bool_or(is_symmetric) as is_symmetric
    from lexicon
    group by event_type, event_mode
),

entities_by_name as (
    select
        {{ name_key('resolved_name') }} as name_key,
        min(entity_id) as entity_id,
        min(resolved_name) as resolved_name,
        min(resolved_country) as resolved_country,
        min(resolved_type) as resolved_type
    from mentions
    group by 1
),

with_actors as (
    select
        e.*,
        coalesce(md.merge_family, e.event_type) as merge_family,
        coalesce(md.is_symmetric, false) as is_symmetric,
        coalesce(a1.entity_id, n1.entity_id) as actor1_entity_id,
        coalesce(a1.resolved_name, n1.resolved_name, e.actor1_name) as actor1_resolved,
        coalesce(a1.resolved_country, n1.resolved_country) as actor1_country,
        coalesce(a1.resolved_type, n1.resolved_type) = 'LOCATION' as actor1_is_country,
        coalesce(a2.entity_id, n2.entity_id) as actor2_entity_id,
        coalesce(a2.resolved_name, n2.resolved_name, e.actor2_name) as actor2_resolved,
        coalesce(a2.resolved_country, n2.resolved_country) as actor2_country,
        coalesce(a2.resolved_type, n2.resolved_type) = 'LOCATION' as actor2_is_country,
        loc.entity_id as location_entity_id,
        coalesce(loc.resolved_name, e.location_name) as location_resolved,
        art.publisher,
        art.published_at
    from events as e
    join articles as art using (article_id)
    left join modes as md using (event_type, event_mode)
    left join mentions as a1 on a1.article_id = e.article_id and a1.mention_index = e.actor1_mention
    left join mentions as a2 on a2.article_id = e.article_id and a2.mention_index = e.actor2_mention
    left join mentions as loc on loc.article_id = e.article_id and loc.mention_index = e.location_mention
    left join entities_by_name as n1 on e.actor1_mention is null and n1.name_key = {{ name_key('e.actor1_name') }}
    left join entities_by_name as n2 on e.actor2_mention is null and n2.name_key = {{ name_key('e.actor2_name') }}
),

keyed as (
    select
        *,
        coalesce(actor1_entity_id, 'group:' || lower(actor1_resolved)) as actor1_key,
        coalesce(actor2_entity_id, 'group:' || lower(actor2_resolved)) as actor2_key
    from with_actors
)

select * from keyed
