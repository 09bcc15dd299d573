with source as (select * from {{ source('raw', 'entity_mentions') }})
select
    doc_id as article_id,
    mention_index,
    surface,
    start_char,
    end_char,
    sentence_index,
    entity_type,
    canonical_name,
    country_code,
    source as found_by
from source
