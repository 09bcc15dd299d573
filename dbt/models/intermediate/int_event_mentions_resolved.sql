-- Attach entity ids to event actors and places through the mentions extraction pointed at.
with events as (select * from {{ ref('stg_event_mentions') }}),
mentions as (select * from {{ ref('int_entity_mentions_resolved') }}),
articles as (select * from {{ ref('stg_article_parses') }}),

with_actors as (
    select
        e.*,
        a1.entity_id as actor1_entity_id,
        coalesce(a1.resolved_name, e.actor1_name) as actor1_resolved,
        a2.entity_id as actor2_entity_id,
        coalesce(a2.resolved_name, e.actor2_name) as actor2_resolved,
        loc.entity_id as location_entity_id,
        coalesce(loc.resolved_name, e.location_name) as location_resolved,
        art.publisher,
        art.published_at
    from events as e
    join articles as art using (article_id)
    left join mentions as a1 on a1.article_id = e.article_id and a1.mention_index = e.actor1_mention
    left join mentions as a2 on a2.article_id = e.article_id and a2.mention_index = e.actor2_mention
    left join mentions as loc on loc.article_id = e.article_id and loc.mention_index = e.location_mention
)

select * from with_actors
