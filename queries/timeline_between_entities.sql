-- Timeline of the events between two sides (by default Russia and North Korea).
--
-- Answers: what did the two sides do to, with or about each other, when, and how many outlets
-- reported it? An event counts when one side is an actor or the place and the other side is too.
-- Undated events come last.
--
-- Parameters (edit the `params` CTE below): side_a and side_b are lists of entity names; a name
-- matches an entity's canonical name or any of its aliases, ignoring case (so 'Putin' or 'Korut' work).
-- For two single entities write e.g. ['Vladimir Putin'] and ['Kim Jong Un'].
--
-- Run: warta sql -f queries/timeline_between_entities.sql
with params as (
    select
        ['Rusia', 'Vladimir Putin', 'Moskow'] as side_a,
        ['Korea Utara', 'Kim Jong Un', 'Pyongyang'] as side_b
),

named as (
    select
        e.entity_id,
        list_contains(list_transform(p.side_a, lambda n: lower(n)), lower(e.canonical_name))
            or len(list_intersect(list_transform(p.side_a, lambda n: lower(n)), list_transform(e.aliases, lambda n: lower(n)))) > 0
            as in_a,
        list_contains(list_transform(p.side_b, lambda n: lower(n)), lower(e.canonical_name))
            or len(list_intersect(list_transform(p.side_b, lambda n: lower(n)), list_transform(e.aliases, lambda n: lower(n)))) > 0
            as in_b
    from marts.entities e cross join params p
),

participants as (
    select ev.event_id, n.in_a, n.in_b
    from marts.events ev
    join named n on n.entity_id in (ev.actor1_entity_id, ev.actor2_entity_id, ev.location_entity_id)
),

between_sides as (
    select event_id
    from participants
    group by event_id
    having bool_or(in_a) and bool_or(in_b)
)

select
    ev.event_date,
    ev.date_precision,
    ev.event_type,
    ev.event_mode,
    ev.actor1_name,
    ev.actor2_name,
    ev.location_name,
    ev.num_sources,
    ev.num_articles,
    ev.summary
from marts.events ev
join between_sides using (event_id)
order by ev.event_date nulls last, ev.event_type, ev.actor1_name
