{#- Whether two event actors may be the same party: either unknown, the same entity or group, or a country
    and someone of that country ("Rusia" and "Vladimir Putin"). Arguments are column prefixes: for
    a.p_* and b.q_*, call actors_compatible('a.p', 'b.q'). -#}
{% macro actors_compatible(left, right) -%}
    ({{ left }}_key is null or {{ right }}_key is null or {{ left }}_key = {{ right }}_key
     or ({{ left }}_is_country and {{ left }}_country = {{ right }}_country)
     or ({{ right }}_is_country and {{ right }}_country = {{ left }}_country))
{%- endmacro %}

{#- Both parties of two mentions compatible, in either order when the act is symmetric (meetings, signings). -#}
{% macro mentions_compatible(a, b) -%}
    (({{ actors_compatible(a ~ '.p', b ~ '.p') }} and {{ actors_compatible(a ~ '.q', b ~ '.q') }})
     or ({{ a }}.is_symmetric and {{ actors_compatible(a ~ '.p', b ~ '.q') }} and {{ actors_compatible(a ~ '.q', b ~ '.p') }}))
{%- endmacro %}

{#- The last day of the period an event date names at its precision. -#}
{% macro period_end(date_col, precision_col) -%}
    case {{ precision_col }}
        when 'day' then {{ date_col }}
        when 'month' then last_day({{ date_col }})
        when 'year' then make_date(year({{ date_col }}), 12, 31)
    end
{%- endmacro %}

{#- An event date written at its precision ("2024-06-19", "2024-06", "2024"): equal keys, same period. -#}
{% macro date_key(date_col, precision_col) -%}
    case {{ precision_col }}
        when 'day' then strftime({{ date_col }}, '%Y-%m-%d')
        when 'month' then strftime({{ date_col }}, '%Y-%m')
        when 'year' then strftime({{ date_col }}, '%Y')
    end
{%- endmacro %}
