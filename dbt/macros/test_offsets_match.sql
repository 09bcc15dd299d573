{#- Generic test: every mention's offsets cut exactly its surface out of the article body. -#}
{% test offsets_match_body(model, body_model) %}
select m.*
from {{ model }} as m
join {{ body_model }} as a using (article_id)
where substr(a.body, m.start_char + 1, m.end_char - m.start_char) is distinct from m.surface
{% endtest %}
