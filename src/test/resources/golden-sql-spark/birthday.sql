-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- birthdays: build (line 22)
CREATE TABLE "run"."birthdays__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
WHERE (e."email_opt_in" AND (e."email" IS NOT NULL))
  AND (((CAST(EXTRACT(MONTH FROM e."birth_date") AS BIGINT) = CAST(EXTRACT(MONTH FROM DATE '2026-11-24') AS BIGINT)) AND (CAST(EXTRACT(DAY FROM e."birth_date") AS BIGINT) = CAST(EXTRACT(DAY FROM DATE '2026-11-24') AS BIGINT))) OR (((((CAST(EXTRACT(MONTH FROM e."birth_date") AS BIGINT) = 2) AND (CAST(EXTRACT(DAY FROM e."birth_date") AS BIGINT) = 29)) AND (CAST(EXTRACT(MONTH FROM DATE '2026-11-24') AS BIGINT) = 2)) AND (CAST(EXTRACT(DAY FROM DATE '2026-11-24') AS BIGINT) = 28)) AND (CAST(EXTRACT(DAY FROM CAST((DATE '2026-11-24' + INTERVAL 1 DAY) AS DATE)) AS BIGINT) = 1)));

-- gift: enrich (line 28)
CREATE TABLE "run"."gift__out" AS
SELECT w.__key,
  (CAST(EXTRACT(YEAR FROM DATE '2026-11-24') - EXTRACT(YEAR FROM CAST(e."birth_date" AS DATE)) AS BIGINT) - CASE WHEN date_format(CAST(e."birth_date" AS DATE), 'MMdd') > date_format(DATE '2026-11-24', 'MMdd') THEN 1 ELSE 0 END) AS "turning",
  (100 * (1 + floor((CAST(coalesce(e."loyalty_points", 0) AS DOUBLE) / 1000)))) AS "gift",
  j1."name" AS "store_name"
FROM "run"."birthdays__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "run"."src_stores" AS j1 ON j1."store_id" = e."favorite_store_id";

-- by_age: split (line 33)
DROP TABLE IF EXISTS "camp_scratch"."run__by_age__split";
CREATE TABLE "camp_scratch"."run__by_age__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."turning", w."gift", w."store_name",
  CASE
    WHEN ((w."turning" = 18) OR ((w."turning" >= 30) AND ((w."turning" % 10) = 0))) THEN 0
  END AS __segment
FROM "run"."gift__out" AS w;
CREATE TABLE "run"."by_age__milestone" AS
SELECT s.__key, s."turning", s."gift", s."store_name"
FROM "camp_scratch"."run__by_age__split" AS s
WHERE __segment = 0;
CREATE TABLE "run"."by_age__regular" AS
SELECT s.__key, s."turning", s."gift", s."store_name"
FROM "camp_scratch"."run__by_age__split" AS s
WHERE __segment IS NULL;

-- milestone_mail: email (line 37)
DROP TABLE IF EXISTS "camp_scratch"."run__milestone_mail__messages";
CREATE TABLE "camp_scratch"."run__milestone_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  w."turning" AS __v0,
  e."first_name" AS __v1,
  w."gift" AS __v2,
  w."store_name" AS __v3,
  w."turning",
  w."gift",
  w."store_name",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."by_age__milestone" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Birthday wishes', 'preview', 'milestone_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."milestone_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."milestone_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__milestone_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."milestone_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3
FROM "run"."milestone_mail__ledger" AS d
JOIN "camp_scratch"."run__milestone_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."milestone_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."milestone_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."milestone_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."milestone_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."milestone_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."milestone_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."milestone_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Birthday wishes', 'milestone_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."milestone_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Birthday wishes', 'milestone_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."milestone_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."milestone_mail__sent" AS
SELECT s.__row_key AS __key, s."turning", s."gift", s."store_name"
FROM "camp_scratch"."run__milestone_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."milestone_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."milestone_mail__failed" AS
SELECT s.__row_key AS __key, s."turning", s."gift", s."store_name"
FROM "camp_scratch"."run__milestone_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."milestone_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."milestone_mail__excluded" AS
SELECT w.__key, w."turning", w."gift", w."store_name", x.reason
FROM "run"."by_age__milestone" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__milestone_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- regular_mail: email (line 41)
DROP TABLE IF EXISTS "camp_scratch"."run__regular_mail__messages";
CREATE TABLE "camp_scratch"."run__regular_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."turning" AS __v1,
  w."gift" AS __v2,
  w."store_name" AS __v3,
  w."turning",
  w."gift",
  w."store_name",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."by_age__regular" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Birthday wishes', 'preview', 'regular_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."regular_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."regular_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__regular_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."regular_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3
FROM "run"."regular_mail__ledger" AS d
JOIN "camp_scratch"."run__regular_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."regular_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."regular_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."regular_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."regular_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."regular_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."regular_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."regular_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Birthday wishes', 'regular_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."regular_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Birthday wishes', 'regular_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."regular_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."regular_mail__sent" AS
SELECT s.__row_key AS __key, s."turning", s."gift", s."store_name"
FROM "camp_scratch"."run__regular_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."regular_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."regular_mail__failed" AS
SELECT s.__row_key AS __key, s."turning", s."gift", s."store_name"
FROM "camp_scratch"."run__regular_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."regular_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."regular_mail__excluded" AS
SELECT w.__key, w."turning", w."gift", w."store_name", x.reason
FROM "run"."by_age__regular" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__regular_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

