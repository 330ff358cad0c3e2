-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- at_risk: build (line 19)
CREATE TABLE "run"."at_risk__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN (
  SELECT a1."profile_id" AS __k,
    count(*) FILTER (WHERE (a1."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 3 MONTH))) AS __a1
  FROM "run"."src_purchases" AS a1
  GROUP BY a1."profile_id"
) AS g1 ON g1.__k = e."id"
WHERE (e."email_opt_in" AND (e."email" IS NOT NULL))
  AND (((e."loyalty_points" IS NOT NULL) AND (e."loyalty_points" NOT BETWEEN 0 AND 99)) AND (NOT (coalesce(g1.__a1, 0) > 0)));

-- details: enrich (line 23)
CREATE TABLE "run"."details__out" AS
SELECT w.__key,
  DATE '2026-11-24' AS "ends",
  floor((CAST(e."loyalty_points" AS DOUBLE) / 100)) AS "worth",
  j1."name" AS "store_name",
  j1."city" AS "store_city"
FROM "run"."at_risk__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "run"."src_stores" AS j1 ON j1."store_id" = e."favorite_store_id";

-- where_to: split (line 29)
DROP TABLE IF EXISTS "camp_scratch"."run__where_to__split";
CREATE TABLE "camp_scratch"."run__where_to__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."ends", w."worth", w."store_name", w."store_city",
  CASE
    WHEN ((e."favorite_store_id" IS NULL) OR (w."store_name" IS NULL)) THEN 0
  END AS __segment
FROM "run"."details__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."where_to__online" AS
SELECT s.__key, s."ends", s."worth", s."store_name", s."store_city"
FROM "camp_scratch"."run__where_to__split" AS s
WHERE __segment = 0;
CREATE TABLE "run"."where_to__in_store" AS
SELECT s.__key, s."ends", s."worth", s."store_name", s."store_city"
FROM "camp_scratch"."run__where_to__split" AS s
WHERE __segment IS NULL;

-- online_mail: email (line 33)
DROP TABLE IF EXISTS "camp_scratch"."run__online_mail__messages";
CREATE TABLE "camp_scratch"."run__online_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."loyalty_points" AS __v0,
  e."first_name" AS __v1,
  w."worth" AS __v2,
  w."ends" AS __v3,
  w."ends",
  w."worth",
  w."store_name",
  w."store_city",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."where_to__online" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Points expiry reminder', 'preview', 'online_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."online_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."online_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__online_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."online_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3
FROM "run"."online_mail__ledger" AS d
JOIN "camp_scratch"."run__online_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."online_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."online_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."online_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."online_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."online_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."online_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."online_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Points expiry reminder', 'online_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."online_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Points expiry reminder', 'online_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."online_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."online_mail__sent" AS
SELECT s.__row_key AS __key, s."ends", s."worth", s."store_name", s."store_city"
FROM "camp_scratch"."run__online_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."online_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."online_mail__failed" AS
SELECT s.__row_key AS __key, s."ends", s."worth", s."store_name", s."store_city"
FROM "camp_scratch"."run__online_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."online_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."online_mail__excluded" AS
SELECT w.__key, w."ends", w."worth", w."store_name", w."store_city", x.reason
FROM "run"."where_to__online" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__online_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- store_mail: email (line 39)
DROP TABLE IF EXISTS "camp_scratch"."run__store_mail__messages";
CREATE TABLE "camp_scratch"."run__store_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."loyalty_points" AS __v0,
  e."first_name" AS __v1,
  w."worth" AS __v2,
  w."ends" AS __v3,
  w."store_name" AS __v4,
  w."store_city" AS __v5,
  w."ends",
  w."worth",
  w."store_name",
  w."store_city",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."where_to__in_store" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Points expiry reminder', 'preview', 'store_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."store_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."store_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__store_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."store_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3, s.__v4, s.__v5
FROM "run"."store_mail__ledger" AS d
JOIN "camp_scratch"."run__store_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."store_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."store_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."store_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."store_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."store_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."store_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."store_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Points expiry reminder', 'store_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."store_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Points expiry reminder', 'store_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."store_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."store_mail__sent" AS
SELECT s.__row_key AS __key, s."ends", s."worth", s."store_name", s."store_city"
FROM "camp_scratch"."run__store_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."store_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."store_mail__failed" AS
SELECT s.__row_key AS __key, s."ends", s."worth", s."store_name", s."store_city"
FROM "camp_scratch"."run__store_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."store_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."store_mail__excluded" AS
SELECT w.__key, w."ends", w."worth", w."store_name", w."store_city", x.reason
FROM "run"."where_to__in_store" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__store_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

