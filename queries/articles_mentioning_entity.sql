-- Articles mentioning an entity, most mentions first.
--
-- Answers: where is this person, organisation or place talked about, how often in each article,
-- and under which spellings?
--
-- Parameters (edit the `params` CTE below): entity, matched against canonical names and aliases,
-- ignoring case ('Kim Jong Un', 'Putin', 'Korut', 'KCNA' ...).
--
-- Run: warta sql -f queries/articles_mentioning_entity.sql
with params as (
    select 'Kim Jong Un' as entity
),

wanted as (
    select e.entity_id, e.canonical_name
    from marts.entities e cross join params p
    where lower(e.canonical_name) = lower(p.entity)
       or list_contains(list_transform(e.aliases, lambda n: lower(n)), lower(p.entity))
),

mentions as (
    select m.article_id, w.canonical_name, count(*) as mentions,
           string_agg(distinct m.surface, ', ' order by m.surface) as written_as,
           min(m.sentence_index) as first_sentence
    from marts.entity_mentions m join wanted w using (entity_id)
    group by all
)

select
    mentions.canonical_name as entity,
    a.published_at,
    a.publisher,
    a.title,
    mentions.mentions,
    mentions.written_as,
    mentions.first_sentence,
    a.article_id
from mentions
join marts.articles a using (article_id)
order by mentions.mentions desc, a.published_at desc nulls last, a.article_id
