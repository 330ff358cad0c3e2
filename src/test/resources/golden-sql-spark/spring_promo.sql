-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- optins: build (line 29)
CREATE SCHEMA IF NOT EXISTS "camp_incremental";
CREATE TABLE IF NOT EXISTS "camp_incremental"."spring_promo_2026__optins" (__key BIGINT, logical_time TIMESTAMP);
CREATE TABLE "run"."optins__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
WHERE (e."email_opt_in" AND (e."email" IS NOT NULL))
  AND ((upper(trim(e."country")) IN ('FR', 'BE', 'DE', 'ES', 'IT', 'NL')) AND (NOT endswith(lower(trim(e."email")), '@maison-nord.example')))
  AND NOT EXISTS (
    SELECT 1 FROM "camp_incremental"."spring_promo_2026__optins" AS h
    WHERE h.__key = e."id" AND h.logical_time >= TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 30 DAY);
INSERT INTO "camp_incremental"."spring_promo_2026__optins"
SELECT __key, TIMESTAMP '2026-11-24 10:00:00'
FROM "run"."optins__out";

-- buyers: build (line 33)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) FILTER (WHERE (f."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 90 DAY))) AS __a1,
  sum(f."amount") FILTER (WHERE (f."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 90 DAY))) AS __a2,
  avg(f."amount") AS __a3,
  max(f."amount") FILTER (WHERE (f."channel" IN ('store', 'app'))) AS __a4
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
CREATE TABLE "run"."buyers__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id"
WHERE (coalesce(g1.__a1, 0) > 0);

-- reachable: combine (line 34)
CREATE TABLE "run"."reachable__out" AS
SELECT DISTINCT t1.__key
FROM "run"."optins__out" AS t1
WHERE EXISTS (SELECT 1 FROM "run"."buyers__out" AS t WHERE t.__key = t1.__key);
CREATE TABLE "run"."reachable__complement" AS
SELECT u.*
FROM (
  SELECT __key FROM "run"."optins__out"
  UNION
  SELECT __key FROM "run"."buyers__out"
) AS u
WHERE NOT EXISTS (SELECT 1 FROM "run"."reachable__out" AS o WHERE o.__key = u.__key);

-- unique: dedup (line 35)
DROP TABLE IF EXISTS "camp_scratch"."run__unique__ranked";
CREATE TABLE "camp_scratch"."run__unique__ranked" AS
SELECT w.__key,
  row_number() OVER (
    PARTITION BY lower(trim(e."email"))
    ORDER BY e."loyalty_points" DESC NULLS LAST, e."created_at" ASC NULLS LAST, camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."reachable__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."unique__out" AS
SELECT r.__key
FROM "camp_scratch"."run__unique__ranked" AS r
WHERE r.__rank <= 1;
CREATE TABLE "run"."unique__duplicates" AS
SELECT r.__key
FROM "camp_scratch"."run__unique__ranked" AS r
WHERE NOT (r.__rank <= 1);

-- enriched: enrich (line 38)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) FILTER (WHERE (f."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 90 DAY))) AS __a1,
  sum(f."amount") FILTER (WHERE (f."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 90 DAY))) AS __a2,
  avg(f."amount") AS __a3,
  max(f."amount") FILTER (WHERE (f."channel" IN ('store', 'app'))) AS __a4
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
CREATE TABLE "run"."enriched__out" AS
SELECT w.__key,
  coalesce(g1.__a2, 0) AS "spent_90d",
  coalesce(g1.__a1, 0) AS "orders_90d",
  CAST(round(g1.__a3) AS DOUBLE) AS "avg_basket",
  g1.__a4 AS "best_basket",
  j1."name" AS "store_name",
  j1."city" AS "store_city",
  coalesce(e."loyalty_points", 0) AS "points"
FROM "run"."unique__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id"
LEFT JOIN "run"."src_stores" AS j1 ON j1."store_id" = e."favorite_store_id";

-- tiers: split (line 49)
DROP TABLE IF EXISTS "camp_scratch"."run__tiers__split";
CREATE TABLE "camp_scratch"."run__tiers__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."spent_90d", w."orders_90d", w."avg_basket", w."best_basket", w."store_name", w."store_city", w."points",
  coalesce((w."spent_90d" >= 250.00), FALSE) AS __c0,
  w."spent_90d" AS __o0_0,
  w."orders_90d" AS __o0_1,
  coalesce((w."spent_90d" >= 80.00), FALSE) AS __c1,
  w."orders_90d" AS __o1_0,
  camp_hash(w.__key, 0) AS __h
FROM "run"."enriched__out" AS w;
DROP TABLE IF EXISTS "camp_scratch"."run__tiers__taken";
CREATE TABLE "camp_scratch"."run__tiers__taken" (__rid BIGINT, __segment INTEGER);
INSERT INTO "camp_scratch"."run__tiers__taken"
SELECT q.__rid, q.__segment
FROM (
SELECT s.__rid, 0 AS __segment,
  row_number() OVER (ORDER BY s.__o0_0 DESC NULLS LAST, s.__o0_1 DESC NULLS LAST, s.__key) AS __qualify
FROM "camp_scratch"."run__tiers__split" AS s
WHERE s.__c0
  AND NOT EXISTS (SELECT 1 FROM "camp_scratch"."run__tiers__taken" AS t WHERE t.__rid = s.__rid)
) AS q
WHERE q.__qualify <= 40;
INSERT INTO "camp_scratch"."run__tiers__taken"
SELECT q.__rid, q.__segment
FROM (
SELECT s.__rid, 1 AS __segment,
  row_number() OVER (ORDER BY s.__o1_0 DESC NULLS LAST, s.__key) AS __qualify
FROM "camp_scratch"."run__tiers__split" AS s
WHERE s.__c1
  AND NOT EXISTS (SELECT 1 FROM "camp_scratch"."run__tiers__taken" AS t WHERE t.__rid = s.__rid)
) AS q
WHERE q.__qualify <= (SELECT (count(*) * 30 DIV 100) FROM "camp_scratch"."run__tiers__split");
CREATE TABLE "run"."tiers__gold" AS
SELECT s.__key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__tiers__split" AS s
WHERE EXISTS (SELECT 1 FROM "camp_scratch"."run__tiers__taken" AS t WHERE t.__rid = s.__rid AND t.__segment = 0);
CREATE TABLE "run"."tiers__silver" AS
SELECT s.__key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__tiers__split" AS s
WHERE EXISTS (SELECT 1 FROM "camp_scratch"."run__tiers__taken" AS t WHERE t.__rid = s.__rid AND t.__segment = 1);
CREATE TABLE "run"."tiers__others" AS
SELECT s.__key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__tiers__split" AS s
WHERE NOT EXISTS (SELECT 1 FROM "camp_scratch"."run__tiers__taken" AS t WHERE t.__rid = s.__rid);

-- gold_mail: email (line 58)
DROP TABLE IF EXISTS "camp_scratch"."run__gold_mail__messages";
CREATE TABLE "camp_scratch"."run__gold_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."spent_90d" AS __v1,
  w."orders_90d" AS __v2,
  w."points" AS __v3,
  w."store_name" AS __v4,
  w."spent_90d",
  w."orders_90d",
  w."avg_basket",
  w."best_basket",
  w."store_name",
  w."store_city",
  w."points",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."tiers__gold" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Spring promo 2026', 'preview', 'gold_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."gold_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."gold_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__gold_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."gold_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3, s.__v4
FROM "run"."gold_mail__ledger" AS d
JOIN "camp_scratch"."run__gold_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."gold_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."gold_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."gold_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."gold_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."gold_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."gold_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."gold_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Spring promo 2026', 'gold_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."gold_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Spring promo 2026', 'gold_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."gold_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."gold_mail__sent" AS
SELECT s.__row_key AS __key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__gold_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."gold_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."gold_mail__failed" AS
SELECT s.__row_key AS __key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__gold_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."gold_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."gold_mail__excluded" AS
SELECT w.__key, w."spent_90d", w."orders_90d", w."avg_basket", w."best_basket", w."store_name", w."store_city", w."points", x.reason
FROM "run"."tiers__gold" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__gold_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- silver_mail: email (line 64)
DROP TABLE IF EXISTS "camp_scratch"."run__silver_mail__messages";
CREATE TABLE "camp_scratch"."run__silver_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."avg_basket" AS __v1,
  w."store_name" AS __v2,
  w."store_city" AS __v3,
  w."spent_90d",
  w."orders_90d",
  w."avg_basket",
  w."best_basket",
  w."store_name",
  w."store_city",
  w."points",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."tiers__silver" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Spring promo 2026', 'preview', 'silver_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
    WHEN coalesce(h.sent, 0) + row_number() OVER (
      PARTITION BY s.__recipient, (s.__per_key_ok AND s.__address IS NOT NULL AND trim(s.__address) <> '' AND s.__consent IS TRUE)
      ORDER BY s.__row_key) > 3 THEN 'capped'
  END AS __reason
FROM (SELECT *, TRUE AS __per_key_ok FROM candidates) AS s
LEFT JOIN (
  SELECT recipient, count(*) AS sent
  FROM (
    SELECT recipient
    FROM camp_state.deliveries
    WHERE channel = 'email' AND entity = 'profiles' AND status = 'sent'
      AND sent_at >= TIMESTAMP_LTZ '2026-11-22 00:00:00+00' AND sent_at < TIMESTAMP_LTZ '2026-11-29 00:00:00+00'
      AND NOT (run_id = 'preview' AND activity = 'silver_mail')) AS earlier
  GROUP BY recipient) AS h ON h.recipient = s.__recipient;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."silver_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."silver_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__silver_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."silver_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3
FROM "run"."silver_mail__ledger" AS d
JOIN "camp_scratch"."run__silver_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."silver_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."silver_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."silver_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."silver_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."silver_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."silver_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."silver_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Spring promo 2026', 'silver_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."silver_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Spring promo 2026', 'silver_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."silver_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."silver_mail__sent" AS
SELECT s.__row_key AS __key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__silver_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."silver_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."silver_mail__failed" AS
SELECT s.__row_key AS __key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__silver_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."silver_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."silver_mail__excluded" AS
SELECT w.__key, w."spent_90d", w."orders_90d", w."avg_basket", w."best_basket", w."store_name", w."store_city", w."points", x.reason
FROM "run"."tiers__silver" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__silver_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- others_mail: email (line 70)
DROP TABLE IF EXISTS "camp_scratch"."run__others_mail__messages";
CREATE TABLE "camp_scratch"."run__others_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  lower(trim(e."email")) AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."store_name" AS __v1,
  w."spent_90d",
  w."orders_90d",
  w."avg_basket",
  w."best_basket",
  w."store_name",
  w."store_city",
  w."points",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."tiers__others" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Spring promo 2026', 'preview', 'others_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."others_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."others_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__others_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."others_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1
FROM "run"."others_mail__ledger" AS d
JOIN "camp_scratch"."run__others_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."others_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."others_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."others_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."others_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."others_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."others_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."others_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Spring promo 2026', 'others_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."others_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Spring promo 2026', 'others_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."others_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."others_mail__sent" AS
SELECT s.__row_key AS __key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__others_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."others_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."others_mail__failed" AS
SELECT s.__row_key AS __key, s."spent_90d", s."orders_90d", s."avg_basket", s."best_basket", s."store_name", s."store_city", s."points"
FROM "camp_scratch"."run__others_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."others_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."others_mail__excluded" AS
SELECT w.__key, w."spent_90d", w."orders_90d", w."avg_basket", w."best_basket", w."store_name", w."store_city", w."points", x.reason
FROM "run"."tiers__others" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__others_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- keep_gold: save audience (line 78)
CREATE VIEW "run"."keep_gold__out" AS
SELECT * FROM "run"."gold_mail__sent";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."spring_gold_2026";
CREATE TABLE "camp_saved"."spring_gold_2026" AS
SELECT DISTINCT __key FROM "run"."gold_mail__sent";

-- any_failed: test (line 79)
SELECT CASE
  WHEN ((SELECT count(*) FROM "run"."gold_mail__failed") > 0) THEN 0
  ELSE -1
END;
CREATE VIEW "run"."any_failed__some" AS
SELECT * FROM "run"."gold_mail__failed"
WHERE (
  SELECT CASE
    WHEN ((SELECT count(*) FROM "run"."gold_mail__failed") > 0) THEN 0
    ELSE -1
  END
) = 0;

-- mail_alert: alert (line 80)
CREATE VIEW "run"."mail_alert__out" AS
SELECT * FROM "run"."any_failed__some";

-- done: end (line 82)

