with source as (select * from {{ source('raw', 'documents') }})
select
    doc_id as article_id,
    source_uri,
    media_type,
    encoding,
    byte_size,
    redactions,
    ingested_at
from source
