-- Name each mention through the gazetteer: a known spelling takes its canonical entry (type, country); any
-- other name keeps the name extraction gave it and is left to cross-article clustering.
with mentions as (select * from {{ ref('stg_entity_mentions') }}),
aliases as (select * from {{ ref('int_aliases_unioned') }}),

looked_up as (
    select
        m.*,
        coalesce(a.canonical_name, m.canonical_name) as named_as,
        coalesce(a.entity_type, m.entity_type) as resolved_type,
        coalesce(m.country_code, a.country_code) as resolved_country,
        a.alias_key is not null as in_gazetteer
    from mentions as m
    left join aliases as a on a.alias_key = {{ name_key('m.canonical_name') }} and a.entity_type = m.entity_type
),

keyed as (
    select *, {{ name_key('named_as') }} as named_key
    from looked_up
)

select * from keyed
