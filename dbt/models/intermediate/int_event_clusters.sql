-- One real-world event per cluster: same type, same actors (either order for symmetric acts such as
-- meetings and signings), same date at the mention's precision. Negated and hypothetical mentions
-- never form events.
with mentions as (
    select * from {{ ref('int_event_mentions_resolved') }}
    where event_context not in ('negated', 'hypothetical')
),

keyed as (
    select
        *,
        event_type in ('CONSULT', 'COOPERATE') or event_mode = 'sign' as is_symmetric,
        case date_precision
            when 'day' then strftime(event_date, '%Y-%m-%d')
            when 'month' then strftime(event_date, '%Y-%m')
            when 'year' then strftime(event_date, '%Y')
        end as date_key
    from mentions
),

ordered as (
    select
        *,
        case when is_symmetric then least(coalesce(actor1_entity_id, ''), coalesce(actor2_entity_id, ''))
             else coalesce(actor1_entity_id, '') end as actor_a,
        case when is_symmetric then greatest(coalesce(actor1_entity_id, ''), coalesce(actor2_entity_id, ''))
             else coalesce(actor2_entity_id, '') end as actor_b
    from keyed
)

select *, {{ surrogate_key(['event_type', 'actor_a', 'actor_b', 'date_key']) }} as event_id
from ordered
