-- Cluster the names the gazetteer does not know across articles, so that "Bambang Sutrisno" and "Bambang
-- Sutrisna" written in two articles become one entity. Two names are close when they have the same type,
-- number of words and first letter (the join's blocking keys), a Jaro-Winkler similarity of at least 0.9,
-- and every word equal or, for words of four letters or more, one edit apart, so "Kim Yong Nam" and
-- "Kim Yong Chol" stay apart (flows/extract/gazetteer.py:close_words is the same rule in Python).
-- Clusters are the connected components of that relation. Each is named by its anchor: the spelling seen
-- first (by publication time, then key), so the entity_id built from it stays put as later articles
-- arrive. Deterministic on its inputs.
with recursive named as (select * from {{ ref('int_entity_mentions_named') }} where not in_gazetteer),
articles as (select article_id, published_at from {{ ref('stg_article_parses') }}),

spellings as (
    select resolved_type as entity_type, named_key, named_as, count(*) as mentions
    from named
    group by all
),

names as (
    select
        n.resolved_type as entity_type,
        n.named_key,
        min(a.published_at) as first_published,
        string_split(n.named_key, ' ') as words,
        len(string_split(n.named_key, ' ')) as n_words,
        left(n.named_key, 1) as initial
    from named as n
    left join articles as a using (article_id)
    group by n.resolved_type, n.named_key
),

close_pairs as (
    select a.entity_type, a.named_key as key_a, b.named_key as key_b
    from names as a
    join names as b
        on a.entity_type = b.entity_type
        and a.n_words = b.n_words
        and a.initial = b.initial
        and a.named_key < b.named_key
        and abs(length(a.named_key) - length(b.named_key)) <= a.n_words
        and jaro_winkler_similarity(a.named_key, b.named_key) >= 0.9
    where list_bool_and(list_transform(
        list_zip(a.words, b.words),
        lambda w: w[1] = w[2] or (least(length(w[1]), length(w[2])) >= 4 and levenshtein(w[1], w[2]) <= 1)
    ))
),

edges as (
    select entity_type, key_a, key_b from close_pairs
    union all
    select entity_type, key_b, key_a from close_pairs
),

reachable(entity_type, named_key, member_key) as (
    select entity_type, named_key, named_key from names
    union
    select r.entity_type, r.named_key, e.key_b
    from reachable as r
    join edges as e on e.entity_type = r.entity_type and e.key_a = r.member_key
),

anchored as (
    select
        r.entity_type,
        r.named_key,
        arg_min(n.named_key, (n.first_published is null, n.first_published, n.named_key)) as anchor_key
    from reachable as r
    join names as n on n.entity_type = r.entity_type and n.named_key = r.member_key
    group by r.entity_type, r.named_key
),

anchor_names as (
    select entity_type, named_key as anchor_key, arg_max(named_as, (mentions, named_as)) as cluster_name
    from spellings
    group by entity_type, named_key
),

clustered as (
    select a.entity_type, a.named_key, a.anchor_key, n.cluster_name
    from anchored as a
    join anchor_names as n using (entity_type, anchor_key)
)

select * from clustered
