-- Events reported by several outlets: the best-sourced events, with who reported them.
--
-- Answers: which events do at least `min_sources` different publishers report, and in which
-- articles? An event reported by one outlet only may be that outlet's reading; several independent
-- reports make it more credible.
--
-- Parameters (edit the `params` CTE below): min_sources (distinct publishers, default 2).
--
-- Run: warta sql -f queries/events_reported_by_several_outlets.sql
with params as (
    select 2 as min_sources
),

reports as (
    select distinct em.event_id, a.publisher, a.title, a.published_at
    from marts.event_mentions em join marts.articles a using (article_id)
)

select
    ev.event_date,
    ev.event_type,
    ev.event_mode,
    ev.actor1_name,
    ev.actor2_name,
    ev.location_name,
    ev.num_sources,
    ev.num_articles,
    string_agg(distinct r.publisher, ', ' order by r.publisher) as publishers,
    string_agg(coalesce(r.title, '(untitled)'), ' | ' order by r.published_at nulls last) as titles,
    ev.summary
from marts.events ev
join reports r using (event_id)
cross join params p
where ev.num_sources >= p.min_sources
group by all
order by ev.num_sources desc, ev.num_articles desc, ev.event_date nulls last, ev.event_type
