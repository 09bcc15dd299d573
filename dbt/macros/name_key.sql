{#- Spelling-insensitive key of a name, the SQL twin of flows/extract/entities.py:name_key:
    "Kim Jong-un" and "Kim Jong Un" both give "kim jong un". -#}
{% macro name_key(expr) -%}
    trim(regexp_replace(regexp_replace(lower(replace({{ expr }}, '-', ' ')), '[^\p{L}\p{N}\s]', ' ', 'g'), '\s+', ' ', 'g'))
{%- endmacro %}

{#- A stable surrogate key from several columns (dbt_utils is unavailable offline). -#}
{% macro surrogate_key(columns) -%}
    md5(concat_ws('|', {% for c in columns %}coalesce(cast({{ c }} as varchar), '∅'){% if not loop.last %}, {% endif %}{% endfor %}))
{%- endmacro %}
