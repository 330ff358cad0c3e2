-- camp benchmark: the expected per-port counts of bench/baskets.camp, by hand.
--
-- Written from the semantics of the language reference (LANGUAGE.md sections 5 and 6), not
-- from camp's code; steps 1-4 are those of bench/handwritten.sql. Run it after
-- bench/generate.sql on the same database. It creates one temporary table per activity and
-- ends with the table
--     expected(activity VARCHAR, port VARCHAR, rows BIGINT)
-- that holds one row per output port of the 12 activities.
--
-- Logical time: 2026-11-24 09:00:00 UTC, so now() - 90 days = 2026-08-26 09:00:00 and
-- now() - 365 days = 2025-11-24 09:00:00. A split segment keeps a row only when its condition
-- is TRUE; sum over no related rows is 0. Semicolons appear only at the end of statements.

-- ------------------------------------------------------------------ per-profile purchase facts
-- One pass over purchases computes every aggregate the builds and the enrich use. A profile
-- without purchases has no row here: the left joins below turn that into count 0 / sum 0 /
-- max null, as the language prescribes.
CREATE OR REPLACE TEMP TABLE h_purchase_facts AS
SELECT
  profile_id,
  count(*) FILTER (WHERE purchased_at >= TIMESTAMP '2026-08-26 09:00:00') AS orders_90d,
  sum(amount) FILTER (WHERE purchased_at >= TIMESTAMP '2026-08-26 09:00:00') AS spent_90d,
  sum(amount) FILTER (WHERE purchased_at >= TIMESTAMP '2025-11-24 09:00:00') AS spent_365d,
  count(*) FILTER (WHERE purchased_at >= TIMESTAMP '2025-11-24 09:00:00') AS orders_365d,
  max(amount) FILTER (WHERE category = 'electronics') AS max_electronics,
  max(purchased_at) AS last_order,
  max(amount) FILTER (WHERE channel = 'web') AS best_web_basket
FROM purchases
GROUP BY profile_id;

-- ------------------------------------------------------------------ 1. buyers (build)
-- build profiles
--   where count(purchases where purchased_at >= now() - 90 days) >= 2
--     and sum(purchases.amount where purchased_at >= now() - 365 days) >= 300
CREATE OR REPLACE TEMP TABLE h_buyers AS
SELECT p.*
FROM profiles AS p
LEFT JOIN h_purchase_facts AS f ON f.profile_id = p.id
WHERE coalesce(f.orders_90d, 0) >= 2
  AND coalesce(f.spent_365d, 0) >= 300;

-- ------------------------------------------------------------------ 2. loyal (build)
-- build profiles
--   where loyalty_points >= 800
--      or max(purchases.amount where category = "electronics") >= 250
-- Three-valued logic: null points OR a null max (no electronics) is unknown, so rejected.
CREATE OR REPLACE TEMP TABLE h_loyal AS
SELECT p.*
FROM profiles AS p
LEFT JOIN h_purchase_facts AS f ON f.profile_id = p.id
WHERE p.loyalty_points >= 800
   OR f.max_electronics >= 250;

-- ------------------------------------------------------------------ 3. targets (combine intersection)
-- out: the keys present in both inputs, each once.
-- complement: union minus intersection (in exactly one of the inputs).
CREATE OR REPLACE TEMP TABLE h_targets_out AS
SELECT * FROM h_buyers WHERE id IN (SELECT id FROM h_loyal);

CREATE OR REPLACE TEMP TABLE h_targets_complement AS
SELECT id FROM (SELECT id FROM h_buyers UNION SELECT id FROM h_loyal)
WHERE id NOT IN (SELECT id FROM h_targets_out);

-- ------------------------------------------------------------------ 4. unique (dedup)
-- dedup by lower(trim(email)) first by loyalty_points desc, created_at asc, id asc
-- keep 1 (the default) per key; null keys are equal to each other (one group, as GROUP BY);
-- nulls last in every ordering, also with desc.
CREATE OR REPLACE TEMP TABLE h_unique_ranked AS
SELECT *,
       row_number() OVER (
         PARTITION BY lower(trim(email))
         ORDER BY loyalty_points DESC NULLS LAST, created_at ASC NULLS LAST, id ASC
       ) AS rn
FROM h_targets_out;

CREATE OR REPLACE TEMP TABLE h_unique_out AS
SELECT * EXCLUDE (rn) FROM h_unique_ranked WHERE rn = 1;

CREATE OR REPLACE TEMP TABLE h_unique_duplicates AS
SELECT * EXCLUDE (rn) FROM h_unique_ranked WHERE rn > 1;

-- ------------------------------------------------------------------ 5. enriched (enrich)
-- spent_90d = sum(purchases.amount where purchased_at >= now() - 90 days)   0 when none
CREATE OR REPLACE TEMP TABLE h_enriched AS
SELECT u.*, coalesce(f.spent_90d, 0) AS spent_90d
FROM h_unique_out AS u
LEFT JOIN h_purchase_facts AS f ON f.profile_id = u.id;

-- ------------------------------------------------------------------ 6. tiers (split)
-- gold: spent_90d >= 400; others: remainder (every row gold does not take).
CREATE OR REPLACE TEMP TABLE h_tiers_gold AS
SELECT * FROM h_enriched WHERE spent_90d >= 400;

CREATE OR REPLACE TEMP TABLE h_tiers_others AS
SELECT * FROM h_enriched WHERE id NOT IN (SELECT id FROM h_tiers_gold);

-- ------------------------------------------------------------------ 7. baskets (change dimension)
-- to purchases, a many link: one row per purchase of every gold profile, no dedup.
CREATE OR REPLACE TEMP TABLE h_baskets AS
SELECT p.*
FROM purchases AS p
WHERE p.profile_id IN (SELECT id FROM h_tiers_gold);

-- ------------------------------------------------------------------ 8. big (split)
-- large: amount >= 400 (no remainder: the other rows go nowhere).
CREATE OR REPLACE TEMP TABLE h_big_large AS
SELECT * FROM h_baskets WHERE amount >= 400;

-- ------------------------------------------------------------------ 9. enough (test)
-- The whole input goes to the first condition that holds: go when count >= 1000, else too_few.
CREATE OR REPLACE TEMP TABLE h_enough AS
SELECT (SELECT count(*) FROM h_big_large) >= 1000 AS go;

-- ------------------------------------------------------------------ 10. keep_large (save audience)
-- out: pass-through of enough.go.

-- ------------------------------------------------------------------ 11. channels (split)
-- web, then store, then the remainder (a null channel is in none of the first two).
CREATE OR REPLACE TEMP TABLE h_channels AS
SELECT CASE WHEN channel = 'web' THEN 'web' WHEN channel = 'store' THEN 'store' ELSE 'other' END AS segment
FROM h_big_large
WHERE (SELECT go FROM h_enough);

-- ------------------------------------------------------------------ 12. done (end)
-- no output port.

-- ------------------------------------------------------------------ expected counts
CREATE OR REPLACE TABLE expected (activity VARCHAR, port VARCHAR, rows BIGINT);
INSERT INTO expected
          SELECT 'buyers', 'out', count(*) FROM h_buyers
UNION ALL SELECT 'loyal', 'out', count(*) FROM h_loyal
UNION ALL SELECT 'targets', 'out', count(*) FROM h_targets_out
UNION ALL SELECT 'targets', 'complement', count(*) FROM h_targets_complement
UNION ALL SELECT 'unique', 'out', count(*) FROM h_unique_out
UNION ALL SELECT 'unique', 'duplicates', count(*) FROM h_unique_duplicates
UNION ALL SELECT 'enriched', 'out', count(*) FROM h_enriched
UNION ALL SELECT 'tiers', 'gold', count(*) FROM h_tiers_gold
UNION ALL SELECT 'tiers', 'others', count(*) FROM h_tiers_others
UNION ALL SELECT 'baskets', 'out', count(*) FROM h_baskets
UNION ALL SELECT 'big', 'large', count(*) FROM h_big_large
UNION ALL SELECT 'enough', 'go', CASE WHEN (SELECT go FROM h_enough) THEN (SELECT count(*) FROM h_big_large) ELSE 0 END
UNION ALL SELECT 'enough', 'too_few', CASE WHEN (SELECT go FROM h_enough) THEN 0 ELSE (SELECT count(*) FROM h_big_large) END
UNION ALL SELECT 'keep_large', 'out', CASE WHEN (SELECT go FROM h_enough) THEN (SELECT count(*) FROM h_big_large) ELSE 0 END
UNION ALL SELECT 'channels', 'web', count(*) FILTER (WHERE segment = 'web') FROM h_channels
UNION ALL SELECT 'channels', 'store', count(*) FILTER (WHERE segment = 'store') FROM h_channels
UNION ALL SELECT 'channels', 'other', count(*) FILTER (WHERE segment = 'other') FROM h_channels;
