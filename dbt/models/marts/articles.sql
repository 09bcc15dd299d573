with parses as (select * from {{ ref('stg_article_parses') }}),
documents as (select * from {{ ref('stg_documents') }}),

joined as (
    select
        p.article_id,
        d.source_uri,
        p.publisher,
        p.title,
        p.published_at,
        p.published_at_local,
        p.authors,
        p.editors,
        p.dateline,
        p.source_agencies,
        p.lede,
        p.body,
        p.captions,
        p.language,
        p.word_count,
        d.ingested_at,
        p.extractor_version
    from parses as p
    join documents as d using (article_id)
)

select * from joined
