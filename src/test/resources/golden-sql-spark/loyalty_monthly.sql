-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- members: build (line 30)
CREATE TABLE "run"."members__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
WHERE (e."loyalty_points" >= 500)
  AND ((e."email_opt_in" AND (e."email" IS NOT NULL)) AND ((CAST(NULL AS STRING) IS NULL) OR (upper(trim(e."country")) = CAST(NULL AS STRING))));

-- app_users: build (line 33)
CREATE TABLE "run"."app_users__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
WHERE ((e."push_opt_in" AND (e."push_token" IS NOT NULL)) AND (e."loyalty_points" > 0));

-- spring_gold: build (line 35)
CREATE TABLE "run"."spring_gold__out" AS
SELECT w.__key AS __key
FROM "camp_saved"."spring_gold_2026" AS w
WHERE TRUE;

-- everyone: combine (line 36)
CREATE TABLE "run"."everyone__out" AS
SELECT __key FROM "run"."members__out"
UNION
SELECT __key FROM "run"."app_users__out"
UNION
SELECT __key FROM "run"."spring_gold__out";
CREATE TABLE "run"."everyone__complement" AS
SELECT t1.__key
FROM "run"."members__out" AS t1
WHERE FALSE;

-- unique: dedup (line 37)
DROP TABLE IF EXISTS "camp_scratch"."run__unique__ranked";
CREATE TABLE "camp_scratch"."run__unique__ranked" AS
SELECT w.__key,
  row_number() OVER (
    PARTITION BY coalesce(lower(trim(e."email")), e."push_token")
    ORDER BY camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."everyone__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."unique__out" AS
SELECT r.__key
FROM "camp_scratch"."run__unique__ranked" AS r
WHERE r.__rank <= 1;
CREATE TABLE "run"."unique__duplicates" AS
SELECT r.__key
FROM "camp_scratch"."run__unique__ranked" AS r
WHERE NOT (r.__rank <= 1);

-- stats: enrich (line 40)
CREATE TABLE "run"."stats__out" AS
SELECT w.__key,
  coalesce(e."loyalty_points", 0) AS "points",
  floor((CAST(coalesce(e."loyalty_points", 0) AS DOUBLE) / 500)) AS "vouchers",
  (500 - (coalesce(e."loyalty_points", 0) % 500)) AS "points_to_next",
  trim(concat_ws('', CAST(coalesce(e."first_name", '') AS STRING), CAST(' ' AS STRING), CAST(coalesce(e."last_name", '') AS STRING))) AS "display_name",
  coalesce(j1."name", 'our online shop') AS "favorite_store",
  coalesce(g1.__a1, 0) AS "visits_this_year",
  coalesce(g1.__a2, 0) AS "spent_last_month",
  g1.__a3 AS "avg_spend",
  g1.__a4 AS "smallest_order",
  (coalesce(g1.__a5, 0) > 0) AS "evening_shopper",
  coalesce(g1.__a6, 0) AS "weekend_orders",
  coalesce(g1.__a7, 0) AS "paris_orders",
  (CAST(EXTRACT(YEAR FROM DATE '2026-11-24') - EXTRACT(YEAR FROM CAST(CAST(e."created_at" AS DATE) AS DATE)) AS BIGINT) - CASE WHEN date_format(CAST(CAST(e."created_at" AS DATE) AS DATE), 'MMdd') > date_format(DATE '2026-11-24', 'MMdd') THEN 1 ELSE 0 END) AS "member_years",
  (coalesce(g2.__a1, 0) > 0) AS "has_subscription"
FROM "run"."unique__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "run"."src_stores" AS j1 ON j1."store_id" = e."favorite_store_id"
LEFT JOIN (
  SELECT a1."profile_id" AS __k,
    count(*) FILTER (WHERE ((CAST(EXTRACT(YEAR FROM a1."purchased_at") AS BIGINT) = CAST(EXTRACT(YEAR FROM DATE '2026-11-24') AS BIGINT)) AND (a1."purchased_at" < TIMESTAMP '2026-11-24 10:00:00'))) AS __a1,
    sum(a1."amount") FILTER (WHERE ((a1."purchased_at" >= (TIMESTAMP '2026-11-24 10:00:00' - INTERVAL 1 MONTH)) AND (a1."purchased_at" < TIMESTAMP '2026-11-24 10:00:00'))) AS __a2,
    avg(a1."amount") FILTER (WHERE (a1."amount" > 0)) AS __a3,
    min(a1."amount") FILTER (WHERE (a1."amount" > 0)) AS __a4,
    count(*) FILTER (WHERE (CAST(EXTRACT(HOUR FROM a1."purchased_at") AS BIGINT) >= 18)) AS __a5,
    count(*) FILTER (WHERE (CAST((dayofweek(a1."purchased_at") + 5) % 7 + 1 AS BIGINT) IN (6, 7))) AS __a6,
    count(*) FILTER (WHERE (j2."city" = 'Paris')) AS __a7
  FROM "run"."src_purchases" AS a1
  LEFT JOIN "run"."src_stores" AS j2 ON j2."store_id" = a1."store_id"
  WHERE a1."profile_id" IN (SELECT __key FROM "run"."unique__out")
  GROUP BY a1."profile_id"
) AS g1 ON g1.__k = e."id"
LEFT JOIN (
  SELECT a2."profile_id" AS __k,
    count(*) FILTER (WHERE (a2."status" = 'active')) AS __a1
  FROM "run"."src_subscriptions" AS a2
  WHERE a2."profile_id" IN (SELECT __key FROM "run"."unique__out")
  GROUP BY a2."profile_id"
) AS g2 ON g2.__k = e."id";

-- fanout: fork (line 62)
CREATE VIEW "run"."fanout__out" AS
SELECT * FROM "run"."stats__out";

-- newsletter: email (line 63)
DROP TABLE IF EXISTS "camp_scratch"."run__newsletter__messages";
CREATE TABLE "camp_scratch"."run__newsletter__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  w."points" AS __v1,
  w."vouchers" AS __v2,
  w."points_to_next" AS __v3,
  w."visits_this_year" AS __v4,
  w."spent_last_month" AS __v5,
  w."member_years" AS __v6,
  w."favorite_store" AS __v7,
  w."points",
  w."vouchers",
  w."points_to_next",
  w."display_name",
  w."favorite_store",
  w."visits_this_year",
  w."spent_last_month",
  w."avg_spend",
  w."smallest_order",
  w."evening_shopper",
  w."weekend_orders",
  w."paris_orders",
  w."member_years",
  w."has_subscription",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."fanout__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Loyalty monthly newsletter', 'preview', 'newsletter', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."newsletter__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."newsletter__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__newsletter__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."newsletter__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3, s.__v4, s.__v5, s.__v6, s.__v7
FROM "run"."newsletter__ledger" AS d
JOIN "camp_scratch"."run__newsletter__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."newsletter__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."newsletter__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."newsletter__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."newsletter__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."newsletter__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."newsletter__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."newsletter__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Loyalty monthly newsletter', 'newsletter', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."newsletter__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Loyalty monthly newsletter', 'newsletter', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."newsletter__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."newsletter__sent" AS
SELECT s.__row_key AS __key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__newsletter__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."newsletter__ledger" WHERE status = 'sent');
CREATE TABLE "run"."newsletter__failed" AS
SELECT s.__row_key AS __key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__newsletter__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."newsletter__ledger" WHERE status = 'failed');
CREATE TABLE "run"."newsletter__excluded" AS
SELECT w.__key, w."points", w."vouchers", w."points_to_next", w."display_name", w."favorite_store", w."visits_this_year", w."spent_last_month", w."avg_spend", w."smallest_order", w."evening_shopper", w."weekend_orders", w."paris_orders", w."member_years", w."has_subscription", x.reason
FROM "run"."fanout__out" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__newsletter__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- app_nudge: push (line 70)
DROP TABLE IF EXISTS "camp_scratch"."run__app_nudge__messages";
CREATE TABLE "camp_scratch"."run__app_nudge__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."push_token" AS __address,
  e."push_opt_in" AS __consent,
  w."points" AS __v0,
  w."points_to_next" AS __v1,
  w."favorite_store" AS __v2,
  w."points",
  w."vouchers",
  w."points_to_next",
  w."display_name",
  w."favorite_store",
  w."visits_this_year",
  w."spent_last_month",
  w."avg_spend",
  w."smallest_order",
  w."evening_shopper",
  w."weekend_orders",
  w."paris_orders",
  w."member_years",
  w."has_subscription",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."fanout__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Loyalty monthly newsletter', 'preview', 'app_nudge', CAST(s.__row_key AS STRING))) AS __message_key,
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
    WHERE channel = 'push' AND entity = 'profiles' AND status = 'sent'
      AND sent_at >= TIMESTAMP_LTZ '2026-11-22 00:00:00+00' AND sent_at < TIMESTAMP_LTZ '2026-11-29 00:00:00+00'
      AND NOT (run_id = 'preview' AND activity = 'app_nudge')) AS earlier
  GROUP BY recipient) AS h ON h.recipient = s.__recipient;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."app_nudge__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."app_nudge__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__app_nudge__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."app_nudge__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2
FROM "run"."app_nudge__ledger" AS d
JOIN "camp_scratch"."run__app_nudge__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."app_nudge__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."app_nudge__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."app_nudge__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."app_nudge__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."app_nudge__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."app_nudge__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."app_nudge__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Loyalty monthly newsletter', 'app_nudge', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."app_nudge__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Loyalty monthly newsletter', 'app_nudge', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."app_nudge__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."app_nudge__sent" AS
SELECT s.__row_key AS __key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__app_nudge__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."app_nudge__ledger" WHERE status = 'sent');
CREATE TABLE "run"."app_nudge__failed" AS
SELECT s.__row_key AS __key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__app_nudge__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."app_nudge__ledger" WHERE status = 'failed');
CREATE TABLE "run"."app_nudge__excluded" AS
SELECT w.__key, w."points", w."vouchers", w."points_to_next", w."display_name", w."favorite_store", w."visits_this_year", w."spent_last_month", w."avg_spend", w."smallest_order", w."evening_shopper", w."weekend_orders", w."paris_orders", w."member_years", w."has_subscription", x.reason
FROM "run"."fanout__out" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__app_nudge__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- segments: split (line 75)
DROP TABLE IF EXISTS "camp_scratch"."run__segments__split";
CREATE TABLE "camp_scratch"."run__segments__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."points", w."vouchers", w."points_to_next", w."display_name", w."favorite_store", w."visits_this_year", w."spent_last_month", w."avg_spend", w."smallest_order", w."evening_shopper", w."weekend_orders", w."paris_orders", w."member_years", w."has_subscription",
  coalesce((CAST(EXTRACT(MONTH FROM e."birth_date") AS BIGINT) = CAST(EXTRACT(MONTH FROM DATE '2026-11-24') AS BIGINT)), FALSE) AS __c0,
  coalesce(w."has_subscription", FALSE) AS __c1,
  coalesce((((w."points" >= 2000) AND (NOT (e."id" IN (SELECT __key FROM "camp_saved"."spring_gold_2026")))) AND ((w."paris_orders" >= 5) OR w."evening_shopper")), FALSE) AS __c2,
  camp_hash(w.__key, 0) AS __h
FROM "run"."fanout__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
DROP TABLE IF EXISTS "camp_scratch"."run__segments__taken";
CREATE TABLE "camp_scratch"."run__segments__taken" (__rid BIGINT, __segment INTEGER);
INSERT INTO "camp_scratch"."run__segments__taken"
SELECT s.__rid, 0 AS __segment
FROM "camp_scratch"."run__segments__split" AS s
WHERE s.__c0;
INSERT INTO "camp_scratch"."run__segments__taken"
SELECT s.__rid, 1 AS __segment
FROM "camp_scratch"."run__segments__split" AS s
WHERE s.__c1;
INSERT INTO "camp_scratch"."run__segments__taken"
SELECT s.__rid, 2 AS __segment
FROM "camp_scratch"."run__segments__split" AS s
WHERE s.__c2;
CREATE TABLE "run"."segments__birthday_month" AS
SELECT s.__key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__segments__split" AS s
WHERE EXISTS (SELECT 1 FROM "camp_scratch"."run__segments__taken" AS t WHERE t.__rid = s.__rid AND t.__segment = 0);
CREATE TABLE "run"."segments__subscribers" AS
SELECT s.__key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__segments__split" AS s
WHERE EXISTS (SELECT 1 FROM "camp_scratch"."run__segments__taken" AS t WHERE t.__rid = s.__rid AND t.__segment = 1);
CREATE TABLE "run"."segments__vip_candidates" AS
SELECT s.__key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__segments__split" AS s
WHERE EXISTS (SELECT 1 FROM "camp_scratch"."run__segments__taken" AS t WHERE t.__rid = s.__rid AND t.__segment = 2);

-- not_reached: save audience (line 91)
CREATE VIEW "run"."not_reached__out" AS
SELECT * FROM "run"."newsletter__excluded";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."loyalty_not_reached_by_email";
CREATE TABLE "camp_saved"."loyalty_not_reached_by_email" AS
SELECT DISTINCT __key FROM "run"."newsletter__excluded";

-- birthdays: save audience (line 89)
CREATE VIEW "run"."birthdays__out" AS
SELECT * FROM "run"."segments__birthday_month";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."loyalty_birthdays_this_month";
CREATE TABLE "camp_saved"."loyalty_birthdays_this_month" AS
SELECT DISTINCT __key FROM "run"."segments__birthday_month";

-- sub_statement: email (line 82)
DROP TABLE IF EXISTS "camp_scratch"."run__sub_statement__messages";
CREATE TABLE "camp_scratch"."run__sub_statement__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  p."subscription_id" AS __per_key,
  CAST(e."id" AS STRING) AS __recipient,
  e."email" AS __address,
  e."email_opt_in" AS __consent,
  e."first_name" AS __v0,
  p."plan" AS __v1,
  p."status" AS __v2,
  p."started_on" AS __v3,
  p."expires_on" AS __v4,
  p."monthly_price" AS __v5,
  w."points",
  w."vouchers",
  w."points_to_next",
  w."display_name",
  w."favorite_store",
  w."visits_this_year",
  w."spent_last_month",
  w."avg_spend",
  w."smallest_order",
  w."evening_shopper",
  w."weekend_orders",
  w."paris_orders",
  w."member_years",
  w."has_subscription",
  row_number() OVER (PARTITION BY w.__key, p."subscription_id" ORDER BY w.__key, p."subscription_id") AS __distinct
FROM "run"."segments__subscribers" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key
LEFT JOIN "run"."src_subscriptions" AS p ON p."profile_id" = w.__key
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Loyalty monthly newsletter', 'preview', 'sub_statement', CAST(s.__row_key AS STRING), coalesce(CAST(s.__per_key AS STRING), ''))) AS __message_key,
  CASE
    WHEN s.__per_key IS NULL THEN 'no subscriptions'
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
    WHEN coalesce(h.sent, 0) + row_number() OVER (
      PARTITION BY s.__recipient, (s.__per_key_ok AND s.__address IS NOT NULL AND trim(s.__address) <> '' AND s.__consent IS TRUE)
      ORDER BY s.__row_key, s.__per_key) > 4 THEN 'capped'
  END AS __reason
FROM (SELECT *, __per_key IS NOT NULL AS __per_key_ok FROM candidates) AS s
LEFT JOIN (
  SELECT recipient, count(*) AS sent
  FROM (
    SELECT recipient
    FROM camp_state.deliveries
    WHERE channel = 'email' AND entity = 'profiles' AND status = 'sent'
      AND sent_at >= TIMESTAMP_LTZ '2026-11-01 00:00:00+00' AND sent_at < TIMESTAMP_LTZ '2026-12-01 00:00:00+00'
      AND NOT (run_id = 'preview' AND activity = 'sub_statement')) AS earlier
  GROUP BY recipient) AS h ON h.recipient = s.__recipient;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."sub_statement__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."sub_statement__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__sub_statement__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."sub_statement__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3, s.__v4, s.__v5
FROM "run"."sub_statement__ledger" AS d
JOIN "camp_scratch"."run__sub_statement__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."sub_statement__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."sub_statement__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."sub_statement__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."sub_statement__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."sub_statement__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."sub_statement__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."sub_statement__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Loyalty monthly newsletter', 'sub_statement', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."sub_statement__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Loyalty monthly newsletter', 'sub_statement', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."sub_statement__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."sub_statement__sent" AS
SELECT s.__per_key AS __key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__sub_statement__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."sub_statement__ledger" WHERE status = 'sent');
CREATE TABLE "run"."sub_statement__failed" AS
SELECT s.__per_key AS __key, s."points", s."vouchers", s."points_to_next", s."display_name", s."favorite_store", s."visits_this_year", s."spent_last_month", s."avg_spend", s."smallest_order", s."evening_shopper", s."weekend_orders", s."paris_orders", s."member_years", s."has_subscription"
FROM "camp_scratch"."run__sub_statement__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."sub_statement__ledger" WHERE status = 'failed');
CREATE TABLE "run"."sub_statement__excluded" AS
SELECT w.__key, w."points", w."vouchers", w."points_to_next", w."display_name", w."favorite_store", w."visits_this_year", w."spent_last_month", w."avg_spend", w."smallest_order", w."evening_shopper", w."weekend_orders", w."paris_orders", w."member_years", w."has_subscription", x.reason
FROM "run"."segments__subscribers" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__sub_statement__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- vips: save audience (line 90)
CREATE VIEW "run"."vips__out" AS
SELECT * FROM "run"."segments__vip_candidates";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."vip_candidates";
CREATE TABLE "camp_saved"."vip_candidates" AS
SELECT DISTINCT __key FROM "run"."segments__vip_candidates";

