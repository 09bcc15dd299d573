with source as (select * from {{ source('raw', 'event_mentions') }})
select
    doc_id as article_id,
    mention_index,
    event_type,
    event_mode,
    quad_class,
    event_context,
    trigger,
    sentence,
    sentence_index,
    start_char,
    end_char,
    actor1_mention,
    actor1_name,
    actor2_mention,
    actor2_name,
    location_mention,
    location_name,
    event_date,
    date_precision,
    date_source,
    confidence
from source
