-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- lapsed_buyers: build (line 26)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) AS __a1,
  count(*) FILTER (WHERE (CAST(datediff(CAST(TIMESTAMP '2026-11-24 10:00:00' AS DATE), CAST(f."purchased_at" AS DATE)) AS BIGINT) <= 180)) AS __a2,
  max(f."purchased_at") AS __a3,
  min(f."purchased_at") AS __a4,
  sum(f."amount") AS __a5,
  sum(f."amount") FILTER (WHERE (f."amount" < 0)) AS __a6,
  avg(f."amount") AS __a7,
  count(*) FILTER (WHERE (f."channel" <> 'store')) AS __a8,
  count(*) FILTER (WHERE (f."purchased_at" >= TIMESTAMP '2026-11-24 10:00:00')) AS __a9
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
CREATE TABLE "run"."lapsed_buyers__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id"
WHERE ((coalesce(g1.__a1, 0) > 0) AND (NOT (coalesce(g1.__a2, 0) > 0)))
  AND (e."email_opt_in" AND (e."email" IS NOT NULL));

-- contacted: build (line 27)
CREATE TABLE "run"."contacted__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN (
  SELECT a1."recipient" AS __k,
    count(*) FILTER (WHERE (((a1."channel" = 'email') AND (a1."status" = 'sent')) AND (a1."sent_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 14 DAY)))) AS __a1
  FROM (SELECT message_key, campaign, activity, channel, status, convert_timezone(current_timezone(), 'Europe/Paris', CAST(sent_at AS TIMESTAMP_NTZ)) AS sent_at, run_id AS run, address, entity, recipient FROM camp_state.deliveries WHERE status IN ('sent', 'failed')) AS a1
  WHERE a1.entity = 'profiles'
  GROUP BY a1."recipient"
) AS g1 ON g1.__k = CAST(e."id" AS STRING)
WHERE (coalesce(g1.__a1, 0) > 0);

-- fresh: combine (line 31)
CREATE TABLE "run"."fresh__out" AS
SELECT DISTINCT t1.__key
FROM "run"."lapsed_buyers__out" AS t1
WHERE NOT EXISTS (SELECT 1 FROM "run"."contacted__out" AS t WHERE t.__key = t1.__key);
CREATE TABLE "run"."fresh__complement" AS
SELECT DISTINCT t1.__key
FROM "run"."lapsed_buyers__out" AS t1
WHERE t1.__key IN (SELECT __key FROM "run"."contacted__out");

-- one_per_address: dedup (line 35)
DROP TABLE IF EXISTS "camp_scratch"."run__one_per_address__ranked";
CREATE TABLE "camp_scratch"."run__one_per_address__ranked" AS
SELECT w.__key,
  row_number() OVER (
    PARTITION BY lower(trim(e."email"))
    ORDER BY CASE WHEN e."phone" IS NULL OR trim(CAST(e."phone" AS STRING)) = '' THEN 1 ELSE 0 END, camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."fresh__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."one_per_address__out" AS
SELECT r.__key
FROM "camp_scratch"."run__one_per_address__ranked" AS r
WHERE r.__rank <= 1;
CREATE TABLE "run"."one_per_address__duplicates" AS
SELECT r.__key
FROM "camp_scratch"."run__one_per_address__ranked" AS r
WHERE NOT (r.__rank <= 1);

-- suppressed: save audience (line 32)
CREATE VIEW "run"."suppressed__out" AS
SELECT * FROM "run"."fresh__complement";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."winback_recently_contacted";
CREATE TABLE "camp_saved"."winback_recently_contacted" AS
SELECT DISTINCT __key FROM "run"."fresh__complement";

-- big_enough: test (line 38)
SELECT CASE
  WHEN ((SELECT count(*) FROM "run"."one_per_address__out") >= 20) THEN 0
  WHEN TRUE THEN 1
  ELSE -1
END;
CREATE VIEW "run"."big_enough__go" AS
SELECT * FROM "run"."one_per_address__out"
WHERE (
  SELECT CASE
    WHEN ((SELECT count(*) FROM "run"."one_per_address__out") >= 20) THEN 0
    WHEN TRUE THEN 1
    ELSE -1
  END
) = 0;
CREATE VIEW "run"."big_enough__too_small" AS
SELECT * FROM "run"."one_per_address__out"
WHERE (
  SELECT CASE
    WHEN ((SELECT count(*) FROM "run"."one_per_address__out") >= 20) THEN 0
    WHEN TRUE THEN 1
    ELSE -1
  END
) = 1;

-- past_orders: enrich (line 46)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) AS __a1,
  count(*) FILTER (WHERE (CAST(datediff(CAST(TIMESTAMP '2026-11-24 10:00:00' AS DATE), CAST(f."purchased_at" AS DATE)) AS BIGINT) <= 180)) AS __a2,
  max(f."purchased_at") AS __a3,
  min(f."purchased_at") AS __a4,
  sum(f."amount") AS __a5,
  sum(f."amount") FILTER (WHERE (f."amount" < 0)) AS __a6,
  avg(f."amount") AS __a7,
  count(*) FILTER (WHERE (f."channel" <> 'store')) AS __a8,
  count(*) FILTER (WHERE (f."purchased_at" >= TIMESTAMP '2026-11-24 10:00:00')) AS __a9
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
CREATE TABLE "run"."past_orders__out" AS
SELECT w.__key,
  g1.__a3 AS "last_purchase_at",
  CAST(datediff(CAST(TIMESTAMP '2026-11-24 10:00:00' AS DATE), CAST(g1.__a3 AS DATE)) AS BIGINT) AS "days_away",
  CAST(g1.__a4 AS DATE) AS "first_purchase",
  coalesce(g1.__a5, 0) AS "lifetime_value",
  abs(coalesce(g1.__a6, 0)) AS "refunds",
  coalesce(g1.__a1, 0) AS "orders",
  (SELECT count(*) FROM "run"."src_purchases" AS a1 WHERE a1."profile_id" = e."id" AND (a1."amount" > g1.__a7)) AS "big_baskets",
  (CAST((coalesce(g1.__a8, 0) * 100) AS DOUBLE) / coalesce(g1.__a1, 0)) AS "web_share_pct",
  j1."name" AS "store_name",
  'COMEBACK20' AS "voucher"
FROM "run"."big_enough__go" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id"
LEFT JOIN "run"."src_stores" AS j1 ON j1."store_id" = e."favorite_store_id";

-- small_alert: alert (line 42)
CREATE VIEW "run"."small_alert__out" AS
SELECT * FROM "run"."big_enough__too_small";

-- groups: split (line 62)
DROP TABLE IF EXISTS "camp_scratch"."run__groups__split";
CREATE TABLE "camp_scratch"."run__groups__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."last_purchase_at", w."days_away", w."first_purchase", w."lifetime_value", w."refunds", w."orders", w."big_baskets", w."web_share_pct", w."store_name", w."voucher",
  coalesce(TRUE, FALSE) AS __c0,
  camp_hash(w.__key, 0) AS __h
FROM "run"."past_orders__out" AS w;
DROP TABLE IF EXISTS "camp_scratch"."run__groups__taken";
CREATE TABLE "camp_scratch"."run__groups__taken" (__rid BIGINT, __segment INTEGER);
INSERT INTO "camp_scratch"."run__groups__taken"
SELECT q.__rid, q.__segment
FROM (
SELECT s.__rid, 0 AS __segment,
  row_number() OVER (ORDER BY s.__h, s.__key) AS __qualify
FROM "camp_scratch"."run__groups__split" AS s
WHERE s.__c0
  AND NOT EXISTS (SELECT 1 FROM "camp_scratch"."run__groups__taken" AS t WHERE t.__rid = s.__rid)
) AS q
WHERE q.__qualify <= (SELECT (count(*) * 10 DIV 100) FROM "camp_scratch"."run__groups__split");
CREATE TABLE "run"."groups__control" AS
SELECT s.__key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__groups__split" AS s
WHERE EXISTS (SELECT 1 FROM "camp_scratch"."run__groups__taken" AS t WHERE t.__rid = s.__rid AND t.__segment = 0);
CREATE TABLE "run"."groups__target" AS
SELECT s.__key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__groups__split" AS s
WHERE NOT EXISTS (SELECT 1 FROM "camp_scratch"."run__groups__taken" AS t WHERE t.__rid = s.__rid);

-- done: end (line 87)

-- holdout: save audience (line 66)
CREATE VIEW "run"."holdout__out" AS
SELECT * FROM "run"."groups__control";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."winback_control";
CREATE TABLE "camp_saved"."winback_control" AS
SELECT DISTINCT __key FROM "run"."groups__control";

-- winback_mail: email (line 68)
DROP TABLE IF EXISTS "camp_scratch"."run__winback_mail__messages";
CREATE TABLE "camp_scratch"."run__winback_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."days_away" AS __v1,
  w."voucher" AS __v2,
  w."store_name" AS __v3,
  w."last_purchase_at",
  w."days_away",
  w."first_purchase",
  w."lifetime_value",
  w."refunds",
  w."orders",
  w."big_baskets",
  w."web_share_pct",
  w."store_name",
  w."voucher",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."groups__target" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Win-back lapsed buyers', 'preview', 'winback_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
    WHEN coalesce(h.sent, 0) + row_number() OVER (
      PARTITION BY s.__recipient, (s.__per_key_ok AND s.__address IS NOT NULL AND trim(s.__address) <> '' AND s.__consent IS TRUE)
      ORDER BY s.__row_key) > 2 THEN 'capped'
  END AS __reason
FROM (SELECT *, TRUE AS __per_key_ok FROM candidates) AS s
LEFT JOIN (
  SELECT recipient, count(*) AS sent
  FROM (
    SELECT recipient
    FROM camp_state.deliveries
    WHERE channel = 'email' AND entity = 'profiles' AND status = 'sent'
      AND sent_at >= TIMESTAMP_LTZ '2026-11-22 00:00:00+00' AND sent_at < TIMESTAMP_LTZ '2026-11-29 00:00:00+00'
      AND NOT (run_id = 'preview' AND activity = 'winback_mail')) AS earlier
  GROUP BY recipient) AS h ON h.recipient = s.__recipient;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."winback_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."winback_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__winback_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."winback_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3
FROM "run"."winback_mail__ledger" AS d
JOIN "camp_scratch"."run__winback_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."winback_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."winback_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."winback_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."winback_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."winback_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."winback_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."winback_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Win-back lapsed buyers', 'winback_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."winback_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Win-back lapsed buyers', 'winback_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."winback_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."winback_mail__sent" AS
SELECT s.__row_key AS __key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__winback_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."winback_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."winback_mail__failed" AS
SELECT s.__row_key AS __key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__winback_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."winback_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."winback_mail__excluded" AS
SELECT w.__key, w."last_purchase_at", w."days_away", w."first_purchase", w."lifetime_value", w."refunds", w."orders", w."big_baskets", w."web_share_pct", w."store_name", w."voucher", x.reason
FROM "run"."groups__target" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__winback_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- one_week: wait (line 77)
CREATE VIEW "run"."one_week__out" AS
SELECT * FROM "run"."winback_mail__sent";

-- still_away: split (line 78)
CREATE TABLE IF NOT EXISTS "camp_scratch"."run__facts__profiles__purchases" AS
SELECT f."profile_id" AS __k,
  count(*) AS __a1,
  count(*) FILTER (WHERE (CAST(datediff(CAST(TIMESTAMP '2026-11-24 10:00:00' AS DATE), CAST(f."purchased_at" AS DATE)) AS BIGINT) <= 180)) AS __a2,
  max(f."purchased_at") AS __a3,
  min(f."purchased_at") AS __a4,
  sum(f."amount") AS __a5,
  sum(f."amount") FILTER (WHERE (f."amount" < 0)) AS __a6,
  avg(f."amount") AS __a7,
  count(*) FILTER (WHERE (f."channel" <> 'store')) AS __a8,
  count(*) FILTER (WHERE (f."purchased_at" >= TIMESTAMP '2026-11-24 10:00:00')) AS __a9
FROM "run"."src_purchases" AS f
GROUP BY f."profile_id";
DROP TABLE IF EXISTS "camp_scratch"."run__still_away__split";
CREATE TABLE "camp_scratch"."run__still_away__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."last_purchase_at", w."days_away", w."first_purchase", w."lifetime_value", w."refunds", w."orders", w."big_baskets", w."web_share_pct", w."store_name", w."voucher",
  CASE
    WHEN (((NOT (coalesce(g1.__a9, 0) > 0)) AND (e."phone" IS NOT NULL)) AND (startswith(e."phone", '+') OR startswith(e."phone", '00'))) THEN 0
  END AS __segment
FROM "run"."one_week__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "camp_scratch"."run__facts__profiles__purchases" AS g1 ON g1.__k = e."id";
CREATE TABLE "run"."still_away__no_purchase_yet" AS
SELECT s.__key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__still_away__split" AS s
WHERE __segment = 0;

-- reminder_sms: sms (line 83)
DROP TABLE IF EXISTS "camp_scratch"."run__reminder_sms__messages";
CREATE TABLE "camp_scratch"."run__reminder_sms__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."phone" AS __address,
  e."sms_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."voucher" AS __v1,
  w."last_purchase_at",
  w."days_away",
  w."first_purchase",
  w."lifetime_value",
  w."refunds",
  w."orders",
  w."big_baskets",
  w."web_share_pct",
  w."store_name",
  w."voucher",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."still_away__no_purchase_yet" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Win-back lapsed buyers', 'preview', 'reminder_sms', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."reminder_sms__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."reminder_sms__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__reminder_sms__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."reminder_sms__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1
FROM "run"."reminder_sms__ledger" AS d
JOIN "camp_scratch"."run__reminder_sms__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."reminder_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."reminder_sms__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."reminder_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."reminder_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."reminder_sms__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."reminder_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."reminder_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Win-back lapsed buyers', 'reminder_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."reminder_sms__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Win-back lapsed buyers', 'reminder_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."reminder_sms__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."reminder_sms__sent" AS
SELECT s.__row_key AS __key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__reminder_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."reminder_sms__ledger" WHERE status = 'sent');
CREATE TABLE "run"."reminder_sms__failed" AS
SELECT s.__row_key AS __key, s."last_purchase_at", s."days_away", s."first_purchase", s."lifetime_value", s."refunds", s."orders", s."big_baskets", s."web_share_pct", s."store_name", s."voucher"
FROM "camp_scratch"."run__reminder_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."reminder_sms__ledger" WHERE status = 'failed');
CREATE TABLE "run"."reminder_sms__excluded" AS
SELECT w.__key, w."last_purchase_at", w."days_away", w."first_purchase", w."lifetime_value", w."refunds", w."orders", w."big_baskets", w."web_share_pct", w."store_name", w."voucher", x.reason
FROM "run"."still_away__no_purchase_yet" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__reminder_sms__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

