-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- leads: load (line 19)
CREATE TABLE "run"."leads__out" (__key BIGINT, "email" STRING, "signup_date" DATE, "source" STRING);
CREATE TABLE "run"."leads__rejected" (__key BIGINT, line_number BIGINT, reason STRING, line STRING);
-- the file, read and typed by camp's reader; its rows and rejected lines copied in from camp:
CREATE OR REPLACE TEMPORARY VIEW camp_copy (__key BIGINT, "email" STRING, "signup_date" DATE, "source" STRING) USING csv OPTIONS (header 'false', quote '"', escape '"', nullValue '\\N', multiLine 'true', timestampNTZFormat 'yyyy-MM-dd HH:mm:ss[.SSSSSS]', path '<typed rows>');
INSERT INTO "run"."leads__out" SELECT * FROM camp_copy;
DROP VIEW camp_copy;
CREATE OR REPLACE TEMPORARY VIEW camp_copy (line_number BIGINT, reason STRING, line STRING) USING csv OPTIONS (header 'false', quote '"', escape '"', nullValue '\\N', multiLine 'true', timestampNTZFormat 'yyyy-MM-dd HH:mm:ss[.SSSSSS]', path '<rejected lines>');
INSERT INTO "run"."leads__rejected" SELECT line_number, line_number, reason, line FROM camp_copy;
DROP VIEW camp_copy;

-- normalized: enrich (line 26)
CREATE TABLE "run"."normalized__out" AS
SELECT w.__key, w."email", w."signup_date", w."source",
  lower(trim(w."email")) AS "lead_email",
  CAST(datediff(CAST(DATE '2026-11-24' AS DATE), CAST(w."signup_date" AS DATE)) AS BIGINT) AS "lead_age"
FROM "run"."leads__out" AS w;

-- bad_lines: alert (line 51)
CREATE VIEW "run"."bad_lines__out" AS
SELECT * FROM "run"."leads__rejected";

-- matched: reconcile (line 30)
CREATE TABLE "run"."matched__out" AS
SELECT e."id" AS __key, w."email", w."signup_date", w."source", w."lead_email", w."lead_age"
FROM "run"."normalized__out" AS w
JOIN "run"."src_profiles" AS e
  ON e."email" = w."lead_email";
CREATE TABLE "run"."matched__unmatched" AS
SELECT w.__key, w."email", w."signup_date", w."source", w."lead_email", w."lead_age"
FROM "run"."normalized__out" AS w
WHERE NOT EXISTS (
    SELECT 1 FROM "run"."src_profiles" AS e
    WHERE e."email" = w."lead_email");

-- one_lead: dedup (line 33)
DROP TABLE IF EXISTS "camp_scratch"."run__one_lead__ranked";
CREATE TABLE "camp_scratch"."run__one_lead__ranked" AS
SELECT w.__key, w."email", w."signup_date", w."source", w."lead_email", w."lead_age",
  row_number() OVER (
    PARTITION BY e."id"
    ORDER BY CASE WHEN w."source" = 'store_event' THEN 0 WHEN w."source" = 'newsletter' THEN 1 WHEN w."source" = 'contest' THEN 2 WHEN w."source" = 'partner_app' THEN 3 ELSE 4 END, camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."matched__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."one_lead__out" AS
SELECT r.__key, r."email", r."signup_date", r."source", r."lead_email", r."lead_age"
FROM "camp_scratch"."run__one_lead__ranked" AS r
WHERE r.__rank <= 1;
CREATE TABLE "run"."one_lead__duplicates" AS
SELECT r.__key, r."email", r."signup_date", r."source", r."lead_email", r."lead_age"
FROM "camp_scratch"."run__one_lead__ranked" AS r
WHERE NOT (r.__rank <= 1);

-- unknown: alert (line 53)
CREATE VIEW "run"."unknown__out" AS
SELECT * FROM "run"."matched__unmatched";

-- fresh: split (line 36)
DROP TABLE IF EXISTS "camp_scratch"."run__fresh__split";
CREATE TABLE "camp_scratch"."run__fresh__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."email", w."signup_date", w."source", w."lead_email", w."lead_age",
  CASE
    WHEN (((w."signup_date" >= CAST((DATE '2026-11-24' - INTERVAL 30 DAY) AS DATE)) AND (w."lead_age" >= 0)) AND (NOT (coalesce(g1.__a1, 0) > 0))) THEN 0
  END AS __segment
FROM "run"."one_lead__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN (
  SELECT a1."recipient" AS __k,
    count(*) FILTER (WHERE ((a1."campaign" = 'Partner leads import') AND (a1."status" = 'sent'))) AS __a1
  FROM (SELECT message_key, campaign, activity, channel, status, convert_timezone(current_timezone(), 'UTC', CAST(sent_at AS TIMESTAMP_NTZ)) AS sent_at, run_id AS run, address, entity, recipient FROM camp_state.deliveries WHERE status IN ('sent', 'failed')) AS a1
  WHERE a1.entity = 'profiles'
  GROUP BY a1."recipient"
) AS g1 ON g1.__k = CAST(e."id" AS STRING);
CREATE TABLE "run"."fresh__recent" AS
SELECT s.__key, s."email", s."signup_date", s."source", s."lead_email", s."lead_age"
FROM "camp_scratch"."run__fresh__split" AS s
WHERE __segment = 0;
CREATE TABLE "run"."fresh__stale" AS
SELECT s.__key, s."email", s."signup_date", s."source", s."lead_email", s."lead_age"
FROM "camp_scratch"."run__fresh__split" AS s
WHERE __segment IS NULL;

-- done: end (line 55)

-- welcome: email (line 43)
DROP TABLE IF EXISTS "camp_scratch"."run__welcome__messages";
CREATE TABLE "camp_scratch"."run__welcome__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."signup_date" AS __v1,
  w."source" AS __v2,
  w."email",
  w."signup_date",
  w."source",
  w."lead_email",
  w."lead_age",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."fresh__recent" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Partner leads import', 'preview', 'welcome', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."welcome__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."welcome__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__welcome__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."welcome__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2
FROM "run"."welcome__ledger" AS d
JOIN "camp_scratch"."run__welcome__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."welcome__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."welcome__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."welcome__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."welcome__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."welcome__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."welcome__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."welcome__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Partner leads import', 'welcome', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."welcome__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Partner leads import', 'welcome', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."welcome__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."welcome__sent" AS
SELECT s.__row_key AS __key, s."email", s."signup_date", s."source", s."lead_email", s."lead_age"
FROM "camp_scratch"."run__welcome__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."welcome__ledger" WHERE status = 'sent');
CREATE TABLE "run"."welcome__failed" AS
SELECT s.__row_key AS __key, s."email", s."signup_date", s."source", s."lead_email", s."lead_age"
FROM "camp_scratch"."run__welcome__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."welcome__ledger" WHERE status = 'failed');
CREATE TABLE "run"."welcome__excluded" AS
SELECT w.__key, w."email", w."signup_date", w."source", w."lead_email", w."lead_age", x.reason
FROM "run"."fresh__recent" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__welcome__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- keep_stale: save audience (line 48)
CREATE VIEW "run"."keep_stale__out" AS
SELECT * FROM "run"."fresh__stale";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."partner_leads_stale";
CREATE TABLE "camp_saved"."partner_leads_stale" AS
SELECT DISTINCT __key FROM "run"."fresh__stale";

