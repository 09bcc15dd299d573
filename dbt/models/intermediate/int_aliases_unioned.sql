-- Every known spelling of every gazetteer entity, keyed the way extraction keys names.
with entity_aliases as (select * from {{ ref('entity_aliases') }}),
countries as (select * from {{ ref('countries') }}),

curated as (
    select canonical_name, entity_type, country_code, unnest(list_prepend(canonical_name, coalesce(string_split(aliases, '|'), []))) as alias, 1 as priority
    from entity_aliases
),

generated as (
    select name_id as canonical_name, 'LOCATION' as entity_type, iso3 as country_code,
           unnest(list_prepend(name_id, coalesce(string_split(aliases, '|'), []))) as alias, 2 as priority
    from countries
),

keyed as (
    select *, {{ name_key('alias') }} as alias_key from (select * from curated union all select * from generated)
    where alias <> ''
)

select alias_key, arg_min(canonical_name, priority) as canonical_name, arg_min(entity_type, priority) as entity_type,
       arg_min(country_code, priority) as country_code
from keyed
group by alias_key
