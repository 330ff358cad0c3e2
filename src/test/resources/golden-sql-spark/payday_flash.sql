-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- uk: build (line 24)
CREATE TABLE "run"."uk__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN (
  SELECT a1."profile_id" AS __k,
    count(*) FILTER (WHERE ((a1."amount" <= (-50.00)) AND (a1."purchased_at" >= (TIMESTAMP '2026-11-24 09:00:00' - INTERVAL 30 DAY)))) AS __a1,
    count(*) FILTER (WHERE ((a1."category" NOT IN ('grocery', 'kids')) AND (a1."amount" >= 20.00))) AS __a2
  FROM "run"."src_purchases" AS a1
  GROUP BY a1."profile_id"
) AS g1 ON g1.__k = e."id"
WHERE ((((upper(trim(e."country")) = 'GB') AND ((contains(lower(e."city"), 'london') OR (e."city" IS NULL)) OR (e."favorite_store_id" = 11))) AND (NOT (coalesce(g1.__a1, 0) > 0))) AND (coalesce(g1.__a2, 0) > 0));

-- route: split (line 30)
DROP TABLE IF EXISTS "camp_scratch"."run__route__split";
CREATE TABLE "camp_scratch"."run__route__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key,
  CASE
    WHEN (e."push_opt_in" AND (e."push_token" IS NOT NULL)) THEN 0
    WHEN ((e."sms_opt_in" AND (e."phone" IS NOT NULL)) AND (e."push_opt_in" = FALSE)) THEN 1
  END AS __segment
FROM "run"."uk__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."route__app" AS
SELECT s.__key
FROM "camp_scratch"."run__route__split" AS s
WHERE __segment = 0;
CREATE TABLE "run"."route__sms" AS
SELECT s.__key
FROM "camp_scratch"."run__route__split" AS s
WHERE __segment = 1;

-- flash_push: push (line 34)
DROP TABLE IF EXISTS "camp_scratch"."run__flash_push__messages";
CREATE TABLE "camp_scratch"."run__flash_push__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."push_token" AS __address,
  e."push_opt_in" AS __consent,
  e."first_name" AS __v0,
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."route__app" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Payday flash sale UK', 'preview', 'flash_push', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."flash_push__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."flash_push__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__flash_push__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_push__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0
FROM "run"."flash_push__ledger" AS d
JOIN "camp_scratch"."run__flash_push__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."flash_push__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."flash_push__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."flash_push__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."flash_push__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Payday flash sale UK', 'flash_push', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."flash_push__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Payday flash sale UK', 'flash_push', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."flash_push__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."flash_push__sent" AS
SELECT s.__row_key AS __key
FROM "camp_scratch"."run__flash_push__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."flash_push__ledger" WHERE status = 'sent');
CREATE TABLE "run"."flash_push__failed" AS
SELECT s.__row_key AS __key
FROM "camp_scratch"."run__flash_push__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."flash_push__ledger" WHERE status = 'failed');
CREATE TABLE "run"."flash_push__excluded" AS
SELECT w.__key, x.reason
FROM "run"."route__app" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__flash_push__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- flash_sms: sms (line 38)
DROP TABLE IF EXISTS "camp_scratch"."run__flash_sms__messages";
CREATE TABLE "camp_scratch"."run__flash_sms__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."phone" AS __address,
  e."sms_opt_in" AS __consent,
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."route__sms" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Payday flash sale UK', 'preview', 'flash_sms', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
    WHEN coalesce(h.sent, 0) + row_number() OVER (
      PARTITION BY s.__recipient, (s.__per_key_ok AND s.__address IS NOT NULL AND trim(s.__address) <> '' AND s.__consent IS TRUE)
      ORDER BY s.__row_key) > 1 THEN 'capped'
  END AS __reason
FROM (SELECT *, TRUE AS __per_key_ok FROM candidates) AS s
LEFT JOIN (
  SELECT recipient, count(*) AS sent
  FROM (
    SELECT recipient
    FROM camp_state.deliveries
    WHERE channel = 'sms' AND entity = 'profiles' AND status = 'sent'
      AND sent_at >= TIMESTAMP_LTZ '2026-11-22 00:00:00+00' AND sent_at < TIMESTAMP_LTZ '2026-11-29 00:00:00+00'
      AND NOT (run_id = 'preview' AND activity = 'flash_sms')) AS earlier
  GROUP BY recipient) AS h ON h.recipient = s.__recipient;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."flash_sms__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."flash_sms__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__flash_sms__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_sms__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address
FROM "run"."flash_sms__ledger" AS d
JOIN "camp_scratch"."run__flash_sms__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."flash_sms__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."flash_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."flash_sms__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."flash_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."flash_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Payday flash sale UK', 'flash_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."flash_sms__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Payday flash sale UK', 'flash_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."flash_sms__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."flash_sms__sent" AS
SELECT s.__row_key AS __key
FROM "camp_scratch"."run__flash_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."flash_sms__ledger" WHERE status = 'sent');
CREATE TABLE "run"."flash_sms__failed" AS
SELECT s.__row_key AS __key
FROM "camp_scratch"."run__flash_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."flash_sms__ledger" WHERE status = 'failed');
CREATE TABLE "run"."flash_sms__excluded" AS
SELECT w.__key, x.reason
FROM "run"."route__sms" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__flash_sms__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

