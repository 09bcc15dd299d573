-- Resolve each mention to one entity: gazetteer names are their canonical entry, other names take their
-- cross-article cluster's name. entity_id = surrogate_key([type, name_key(canonical name)]), the formula
-- flows/extract/gazetteer.py:entity_id reproduces, so ids are stable across runs and computable outside dbt.
with named as (select * from {{ ref('int_entity_mentions_named') }}),
clusters as (select * from {{ ref('int_entity_names_clustered') }}),

clustered as (
    select
        n.*,
        coalesce(c.cluster_name, n.named_as) as resolved_name
    from named as n
    left join clusters as c
        on not n.in_gazetteer and c.entity_type = n.resolved_type and c.named_key = n.named_key
),

keyed as (
    select *, {{ surrogate_key(['resolved_type', name_key('resolved_name')]) }} as entity_id
    from clustered
)

select * from keyed
