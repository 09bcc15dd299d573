-- Resolve each mention to one entity: a gazetteer spelling maps to its canonical entry; any other
-- name is its own entity, keyed by type and spelling-insensitive name (so "Kim Jong-un" = "Kim Jong Un").
with mentions as (select * from {{ ref('stg_entity_mentions') }}),
aliases as (select * from {{ ref('int_aliases_unioned') }}),

looked_up as (
    select
        m.*,
        coalesce(a.canonical_name, m.canonical_name) as resolved_name,
        coalesce(a.entity_type, m.entity_type) as resolved_type,
        coalesce(m.country_code, a.country_code) as resolved_country
    from mentions as m
    left join aliases as a on a.alias_key = {{ name_key('m.canonical_name') }} and a.entity_type = m.entity_type
),

keyed as (
    select *, {{ surrogate_key(['resolved_type', name_key('resolved_name')]) }} as entity_id
    from looked_up
)

select * from keyed
