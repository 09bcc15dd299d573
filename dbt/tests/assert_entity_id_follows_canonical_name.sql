-- The id contract that `warta entities` relies on: every entity's id is surrogate_key([type,
-- name_key(canonical_name)]), so a name resolved outside dbt computes the same id. Returns violators.
with entities as (select * from {{ ref('entities') }})

select *
from entities
where entity_id <> {{ surrogate_key(['entity_type', name_key('canonical_name')]) }}
