-- Co-occurrence of two entities: the articles that name both, and how closely.
--
-- Answers: when these two appear, do they appear together? For every article naming both: mentions
-- of each, sentences naming both, and events in which both take part (as actors or place).
--
-- Parameters (edit the `params` CTE below): entity_a, entity_b, matched against canonical names and
-- aliases, ignoring case.
--
-- Run: warta sql -f queries/cooccurrence_of_two_entities.sql
with params as (
    select 'Vladimir Putin' as entity_a, 'Kim Jong Un' as entity_b
),

entities as (
    select
        e.entity_id,
        (lower(e.canonical_name) = lower(p.entity_a)
            or list_contains(list_transform(e.aliases, lambda n: lower(n)), lower(p.entity_a))) as is_a,
        (lower(e.canonical_name) = lower(p.entity_b)
            or list_contains(list_transform(e.aliases, lambda n: lower(n)), lower(p.entity_b))) as is_b
    from marts.entities e cross join params p
),

mentions as (
    select m.article_id, m.sentence_index, en.is_a, en.is_b
    from marts.entity_mentions m join entities en using (entity_id)
    where en.is_a or en.is_b
),

per_article as (
    select
        article_id,
        count(*) filter (where is_a) as mentions_a,
        count(*) filter (where is_b) as mentions_b
    from mentions
    group by article_id
    having mentions_a > 0 and mentions_b > 0
),

shared_sentences as (
    select article_id, count(*) as sentences_with_both
    from (
        select article_id, sentence_index
        from mentions
        group by article_id, sentence_index
        having bool_or(is_a) and bool_or(is_b)
    )
    group by article_id
),

event_roles as (
    select distinct em.article_id, ev.event_id, en.is_a, en.is_b
    from marts.events ev
    join marts.event_mentions em using (event_id)
    join entities en on en.entity_id in (ev.actor1_entity_id, ev.actor2_entity_id, ev.location_entity_id)
    where en.is_a or en.is_b
),

shared_events as (
    select article_id, count(*) as events_with_both
    from (
        select article_id, event_id from event_roles group by all having bool_or(is_a) and bool_or(is_b)
    )
    group by article_id
)

select
    (select entity_a from params) as entity_a,
    (select entity_b from params) as entity_b,
    a.published_at,
    a.publisher,
    a.title,
    pa.mentions_a,
    pa.mentions_b,
    coalesce(ss.sentences_with_both, 0) as sentences_with_both,
    coalesce(se.events_with_both, 0) as events_with_both,
    a.article_id
from per_article pa
join marts.articles a using (article_id)
left join shared_sentences ss using (article_id)
left join shared_events se using (article_id)
order by sentences_with_both desc, events_with_both desc, a.published_at desc nulls last, a.article_id
