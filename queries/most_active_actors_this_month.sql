-- Most active actors this month: who acted in, or was the target of, the most events.
--
-- Answers: in the month of the anchor date, which entities took part in most events, of how many
-- kinds, reported by how many outlets? "This month" is the calendar month of the anchor date, which by
-- default is the latest event date in the marts, so the query means something on any corpus (on the
-- sample corpus: August 2024). Only events dated to the day or the month count.
--
-- Parameters (edit the `params` CTE below): anchor_date (write current_date for the real this month),
-- top_n (how many actors to list).
--
-- Run: warta sql -f queries/most_active_actors_this_month.sql
with params as (
    select
        (select max(event_date) from marts.events where date_precision in ('day', 'month')) as anchor_date,
        10 as top_n
),

this_month as (
    select ev.*
    from marts.events ev cross join params p
    where date_trunc('month', ev.event_date) = date_trunc('month', p.anchor_date)
      and ev.date_precision in ('day', 'month')
),

roles as (
    select event_id, actor1_entity_id as entity_id, 'agent' as role from this_month where actor1_entity_id is not null
    union all
    select event_id, actor2_entity_id, 'recipient' from this_month where actor2_entity_id is not null
),

outlets as (
    select distinct em.event_id, a.publisher
    from marts.event_mentions em join marts.articles a using (article_id)
),

activity as (
    select
        r.entity_id,
        count(distinct r.event_id) as events,
        count(distinct r.event_id) filter (where r.role = 'agent') as as_agent,
        count(distinct r.event_id) filter (where r.role = 'recipient') as as_recipient,
        count(distinct ev.event_type) as event_types,
        string_agg(distinct ev.event_type, ', ' order by ev.event_type) as types,
        count(distinct o.publisher) as outlets
    from roles r
    join this_month ev using (event_id)
    left join outlets o using (event_id)
    group by r.entity_id
)

select
    strftime(p.anchor_date, '%Y-%m') as month,
    e.canonical_name as actor,
    e.entity_type,
    act.events,
    act.as_agent,
    act.as_recipient,
    act.outlets,
    act.types
from activity act
join marts.entities e using (entity_id)
cross join params p
order by act.events desc, act.outlets desc, e.canonical_name
limit (select top_n from params)
