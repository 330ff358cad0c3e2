-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- early: build (line 25)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) FILTER (WHERE (f."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 90 DAY))) AS __a1,
  count(*) FILTER (WHERE ((f."category" NOT IN ('grocery')) AND (f."purchased_at" >= DATE '2026-01-01'))) AS __a2,
  count(*) FILTER (WHERE (f."purchased_at" >= DATE '2026-01-01')) AS __a3
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
CREATE TABLE "run"."early__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id"
WHERE (e."loyalty_points" >= 500)
  AND coalesce((coalesce(g1.__a1, 0) > 0), FALSE)
  AND (((e."email" IS NOT NULL) AND (e."created_at" < DATE '2026-11-01')) AND (coalesce(g1.__a2, 0) > 0));

-- unique: dedup (line 30)
DROP TABLE IF EXISTS "camp_scratch"."run__unique__ranked";
CREATE TABLE "camp_scratch"."run__unique__ranked" AS
SELECT w.__key,
  row_number() OVER (
    PARTITION BY lower(trim(e."email"))
    ORDER BY e."loyalty_points" DESC NULLS LAST, camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."early__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."unique__out" AS
SELECT r.__key
FROM "camp_scratch"."run__unique__ranked" AS r
WHERE r.__rank <= 1;
CREATE TABLE "run"."unique__duplicates" AS
SELECT r.__key
FROM "camp_scratch"."run__unique__ranked" AS r
WHERE NOT (r.__rank <= 1);

-- details: enrich (line 31)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) FILTER (WHERE (f."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 90 DAY))) AS __a1,
  count(*) FILTER (WHERE ((f."category" NOT IN ('grocery')) AND (f."purchased_at" >= DATE '2026-01-01'))) AS __a2,
  count(*) FILTER (WHERE (f."purchased_at" >= DATE '2026-01-01')) AS __a3
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
CREATE TABLE "run"."details__out" AS
SELECT w.__key,
  j1."name" AS "store_name",
  coalesce(g1.__a3, 0) AS "orders_2026"
FROM "run"."unique__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "run"."src_stores" AS j1 ON j1."store_id" = e."favorite_store_id"
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id";

-- both_ways: fork (line 35)
CREATE VIEW "run"."both_ways__out" AS
SELECT * FROM "run"."details__out";

-- early_mail: email (line 36)
DROP TABLE IF EXISTS "camp_scratch"."run__early_mail__messages";
CREATE TABLE "camp_scratch"."run__early_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  e."loyalty_points" AS __v1,
  w."orders_2026" AS __v2,
  w."store_name" AS __v3,
  w."store_name",
  w."orders_2026",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."both_ways__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Black Friday 2026', 'preview', 'early_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."early_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."early_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__early_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."early_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3
FROM "run"."early_mail__ledger" AS d
JOIN "camp_scratch"."run__early_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."early_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."early_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."early_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."early_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."early_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."early_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."early_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Black Friday 2026', 'early_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."early_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Black Friday 2026', 'early_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."early_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."early_mail__sent" AS
SELECT s.__row_key AS __key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__early_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."early_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."early_mail__failed" AS
SELECT s.__row_key AS __key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__early_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."early_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."early_mail__excluded" AS
SELECT w.__key, w."store_name", w."orders_2026", x.reason
FROM "run"."both_ways__out" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__early_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- friday: wait (line 42)
SELECT CAST(TIMESTAMP '2026-11-27 08:00:00' AS TIMESTAMP);
CREATE VIEW "run"."friday__out" AS
SELECT * FROM "run"."both_ways__out";

-- channel: split (line 43)
DROP TABLE IF EXISTS "camp_scratch"."run__channel__split";
CREATE TABLE "camp_scratch"."run__channel__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."store_name", w."orders_2026",
  CASE
    WHEN (e."push_opt_in" AND (e."push_token" IS NOT NULL)) THEN 0
    WHEN (TRUE AND ((e."push_opt_in" = FALSE) OR (e."push_token" IS NULL))) THEN 1
  END AS __segment
FROM "run"."friday__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."channel__app" AS
SELECT s.__key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__channel__split" AS s
WHERE __segment = 0;
CREATE TABLE "run"."channel__no_app" AS
SELECT s.__key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__channel__split" AS s
WHERE __segment = 1;

-- doors_push: push (line 47)
DROP TABLE IF EXISTS "camp_scratch"."run__doors_push__messages";
CREATE TABLE "camp_scratch"."run__doors_push__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."push_token" AS __address,
  e."push_opt_in" AS __consent,
  w."store_name" AS __v0,
  w."store_name",
  w."orders_2026",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."channel__app" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Black Friday 2026', 'preview', 'doors_push', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."doors_push__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."doors_push__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__doors_push__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_push__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0
FROM "run"."doors_push__ledger" AS d
JOIN "camp_scratch"."run__doors_push__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."doors_push__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."doors_push__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."doors_push__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."doors_push__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Black Friday 2026', 'doors_push', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."doors_push__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Black Friday 2026', 'doors_push', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."doors_push__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."doors_push__sent" AS
SELECT s.__row_key AS __key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__doors_push__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."doors_push__ledger" WHERE status = 'sent');
CREATE TABLE "run"."doors_push__failed" AS
SELECT s.__row_key AS __key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__doors_push__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."doors_push__ledger" WHERE status = 'failed');
CREATE TABLE "run"."doors_push__excluded" AS
SELECT w.__key, w."store_name", w."orders_2026", x.reason
FROM "run"."channel__app" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__doors_push__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- doors_sms: sms (line 51)
DROP TABLE IF EXISTS "camp_scratch"."run__doors_sms__messages";
CREATE TABLE "camp_scratch"."run__doors_sms__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."phone" AS __address,
  e."sms_opt_in" AS __consent,
  w."store_name",
  w."orders_2026",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."channel__no_app" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Black Friday 2026', 'preview', 'doors_sms', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."doors_sms__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."doors_sms__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__doors_sms__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_sms__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address
FROM "run"."doors_sms__ledger" AS d
JOIN "camp_scratch"."run__doors_sms__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."doors_sms__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."doors_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."doors_sms__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."doors_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."doors_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Black Friday 2026', 'doors_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."doors_sms__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Black Friday 2026', 'doors_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."doors_sms__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."doors_sms__sent" AS
SELECT s.__row_key AS __key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__doors_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."doors_sms__ledger" WHERE status = 'sent');
CREATE TABLE "run"."doors_sms__failed" AS
SELECT s.__row_key AS __key, s."store_name", s."orders_2026"
FROM "camp_scratch"."run__doors_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."doors_sms__ledger" WHERE status = 'failed');
CREATE TABLE "run"."doors_sms__excluded" AS
SELECT w.__key, w."store_name", w."orders_2026", x.reason
FROM "run"."channel__no_app" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__doors_sms__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

