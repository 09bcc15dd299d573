with source as (select * from {{ source('raw', 'quarantine') }})
select source_uri, file_hash, stage, reason, detail, doc_id as article_id, first_seen_at, last_seen_at
from source
