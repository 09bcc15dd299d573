with source as (select * from {{ source('raw', 'article_parses') }})
select
    doc_id as article_id,
    extractor_version,
    title,
    published_at,
    published_at_local,
    publisher,
    dateline,
    authors,
    editors,
    source_agencies,
    lede,
    body,
    captions,
    language,
    word_count,
    extracted_at
from source
