-- One real-world event per cluster of mentions. Negated and hypothetical mentions never form events.
--   1. Core mentions (both actors known, dated to the day by their own text) link when they share a merge
--      family, their actors are compatible (a country matches its own people; either order for symmetric
--      acts) and their days are at most one apart (time zones, overnight reporting, two-day visits);
--      linked core mentions form clusters (connected components).
--   2. Every other mention (one actor unknown, a month or year date, a date borrowed from the publication)
--      joins the single core cluster it is compatible with (a planned mention dated by its report may join
--      one up to a month later: announced, then done); if none or several fit, it stays apart and
--      groups only with mentions carrying exactly its key (family, actors, date at its precision).
-- event_id hashes the cluster's best mention: family, parties and date (deterministic for given inputs).
{{ config(materialized='table') }}  -- read by two marts and several tests: compute it once

with recursive

mentions as (
    select * from {{ ref('int_event_mentions_resolved') }}
    where event_context not in ('negated', 'hypothetical')
),

oriented as (
    select
        *,
        article_id || ':' || lpad(cast(mention_index as varchar), 6, '0') as mention_key,
        -- symmetric acts put their parties in a canonical order, so "A meets B" and "B meets A" align
        is_symmetric and actor2_key is not null
        and coalesce(actor2_country, '~') || '|' || actor2_key
        < coalesce(actor1_country, '~') || '|' || coalesce(actor1_key, '~') as swapped
    from mentions
),

sided as (
    select
        *,
        case when swapped then actor2_key else actor1_key end as p_key,
        case when swapped then actor2_country else actor1_country end as p_country,
        case when swapped then actor2_is_country else actor1_is_country end as p_is_country,
        case when swapped then actor1_key else actor2_key end as q_key,
        case when swapped then actor1_country else actor2_country end as q_country,
        case when swapped then actor1_is_country else actor2_is_country end as q_is_country,
        {{ period_end('event_date', 'date_precision') }} as date_end,
        date_precision = 'day' and actor1_key is not null and actor2_key is not null
        and date_source in ('sentence', 'paragraph') as is_core
    from oriented
),

-- Core mentions with the same signature (family, day, parties) are compatible with each other and
-- with the same neighbours, so clustering runs on distinct signatures: a story repeated by thousands
-- of articles is one node, not thousands whose pairwise closure grows with the square of their count.
core_nodes as (
    select
        mention_key, merge_family, event_date, is_symmetric,
        p_key, p_country, p_is_country, q_key, q_country, q_is_country,
        min(mention_key) over (
            partition by merge_family, event_date, is_symmetric,
                p_key, p_country, p_is_country, q_key, q_country, q_is_country
        ) as node
    from sided
    where is_core
),

signatures as (
    select distinct * exclude (mention_key) from core_nodes
),

core_edges as (
    select a.node as src, b.node as dst
    from signatures as a
    join signatures as b
        on a.node <> b.node
        and a.merge_family = b.merge_family
        and abs(date_diff('day', a.event_date, b.event_date)) <= 1
        and {{ mentions_compatible('a', 'b') }}
),

reach (node, root) as (
    select node, node from signatures
    union
    select e.dst, r.root from reach as r join core_edges as e on e.src = r.node
),

clustered_signatures as (
    select s.*, c.cluster_key
    from signatures as s
    join (select node, min(root) as cluster_key from reach group by node) as c using (node)
),

core_clusters as (
    select n.mention_key, c.cluster_key from core_nodes as n join clustered_signatures as c using (node)
),

attach_candidates as (
    select distinct m.mention_key, c.cluster_key
    from sided as m
    join clustered_signatures as c
        on not m.is_core
        and m.merge_family = c.merge_family
        and (
            (m.event_date <= c.event_date + interval 1 day and m.date_end >= c.event_date - interval 1 day)
            -- announced before it happened: dated by its report, the event comes within a month after
            or (m.event_context = 'planned' and m.date_source in ('publication', 'article')
                and c.event_date between m.event_date and m.event_date + interval 31 day)
        )
        and (m.p_key is not null or m.q_key is not null)
        and {{ mentions_compatible('m', 'c') }}
),

attached as (
    select mention_key, min(cluster_key) as cluster_key
    from attach_candidates
    group by mention_key
    having count(distinct cluster_key) = 1
),

assigned as (
    select
        s.*,
        coalesce(
            cc.cluster_key,
            a.cluster_key,
            'loose:' || {{ surrogate_key(['s.merge_family', 's.p_key', 's.q_key', date_key('s.event_date', 's.date_precision')]) }}
        ) as cluster_key
    from sided as s
    left join core_clusters as cc using (mention_key)
    left join attached as a using (mention_key)
),

ranked as (
    select
        *,
        row_number() over (
            partition by cluster_key
            order by
                case date_precision when 'day' then 0 when 'month' then 1 when 'year' then 2 else 3 end,
                case date_source when 'sentence' then 0 when 'paragraph' then 1 else 2 end,
                case event_context when 'reported' then 0 when 'historical' then 1 else 2 end,
                confidence desc,
                mention_key
        ) as rank_in_cluster
    from assigned
),

representative as (
    select
        cluster_key,
        {{ surrogate_key(['merge_family', 'p_key', 'q_key', 'event_date', 'date_precision']) }} as base_id
    from ranked
    where rank_in_cluster = 1
),

identified as (
    select
        cluster_key,
        case when count(*) over (partition by base_id) > 1 then md5(base_id || cluster_key) else base_id end
            as event_id
    from representative
)

select r.*, i.event_id
from ranked as r
join identified as i using (cluster_key)
