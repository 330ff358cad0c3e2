-- camp's helper functions, defined on each connection before the activities run:
SET spark.sql.ansi.doubleQuotedIdentifiers = true;
SET spark.sql.timestampType = TIMESTAMP_NTZ;
CREATE SCHEMA IF NOT EXISTS "camp_scratch";
CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN (((((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296) >> 16) ^ (((((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296) >> 16) ^ ((((((k) % 4294967296 + 4294967296 + salt) % 4294967296) >> 16) ^ (((k) % 4294967296 + 4294967296 + salt) % 4294967296)) * 73244475 % 4294967296)) * 73244475 % 4294967296));

-- members: build (line 30)
CREATE TABLE "run"."members__out" AS
SELECT e."id" AS __key
FROM "run"."src_profiles" AS e
LEFT JOIN (
  SELECT a1."profile_id" AS __k,
    count(*) FILTER (WHERE (a1."status" = 'active')) AS __a1
  FROM "run"."src_subscriptions" AS a1
  GROUP BY a1."profile_id"
) AS g1 ON g1.__k = e."id"
WHERE ((coalesce(g1.__a1, 0) > 0) AND (NOT coalesce(endswith(lower(trim(e."email")), '@maison-nord.example'), FALSE)));

-- subs: change dimension (line 33)
CREATE TABLE "run"."subs__out" AS
SELECT t."subscription_id" AS __key
FROM "run"."members__out" AS w
JOIN "run"."src_subscriptions" AS t
  ON t."profile_id" = w.__key;

-- details: enrich (line 34)
CREATE TABLE "run"."details__out" AS
SELECT w.__key,
  j1."first_name" AS "first_name",
  CAST(datediff(CAST(e."expires_on" AS DATE), CAST(DATE '2026-11-24' AS DATE)) AS BIGINT) AS "days_left",
  ceil((CAST(CAST(datediff(CAST(e."expires_on" AS DATE), CAST(DATE '2026-11-24' AS DATE)) AS BIGINT) AS DOUBLE) / 7)) AS "weeks_left",
  floor(((e."monthly_price" * 12) * (1 - 0.10))) AS "yearly_price",
  CAST((e."expires_on" + INTERVAL 1 DAY) AS DATE) AS "renewal_date",
  CAST(EXTRACT(YEAR FROM j1."created_at") AS BIGINT) AS "member_since",
  (CAST(EXTRACT(YEAR FROM DATE '2026-11-24') - EXTRACT(YEAR FROM CAST(CAST(j1."created_at" AS DATE) AS DATE)) AS BIGINT) - CASE WHEN date_format(CAST(CAST(j1."created_at" AS DATE) AS DATE), 'MMdd') > date_format(DATE '2026-11-24', 'MMdd') THEN 1 ELSE 0 END) AS "years_member"
FROM "run"."subs__out" AS w
LEFT JOIN "run"."src_subscriptions" AS e ON e."subscription_id" = w.__key
LEFT JOIN "run"."src_profiles" AS j1 ON j1."id" = e."profile_id";

-- expiring: split (line 45)
DROP TABLE IF EXISTS "camp_scratch"."run__expiring__split";
CREATE TABLE "camp_scratch"."run__expiring__split" AS
SELECT monotonically_increasing_id() AS __rid, w.__key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member",
  CASE
    WHEN (((e."status" = 'active') AND (NOT e."auto_renew")) AND (w."days_left" BETWEEN 0 AND 7)) THEN 0
    WHEN (((e."status" = 'active') AND (NOT e."auto_renew")) AND (w."days_left" BETWEEN 0 AND 30)) THEN 1
    WHEN (((e."status" = 'active') AND (e."auto_renew" = TRUE)) AND (e."expires_on" BETWEEN DATE '2026-11-24' AND CAST((DATE '2026-11-24' + INTERVAL 30 DAY) AS DATE))) THEN 2
  END AS __segment
FROM "run"."details__out" AS w
LEFT JOIN "run"."src_subscriptions" AS e ON e."subscription_id" = w.__key;
CREATE TABLE "run"."expiring__last_call" AS
SELECT s.__key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__expiring__split" AS s
WHERE __segment = 0;
CREATE TABLE "run"."expiring__upcoming" AS
SELECT s.__key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__expiring__split" AS s
WHERE __segment = 1;
CREATE TABLE "run"."expiring__renews" AS
SELECT s.__key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__expiring__split" AS s
WHERE __segment = 2;

-- last_call_sms: sms (line 55)
DROP TABLE IF EXISTS "camp_scratch"."run__last_call_sms__messages";
CREATE TABLE "camp_scratch"."run__last_call_sms__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(j1."id" AS STRING) AS __recipient,
  j1."phone" AS __address,
  j1."sms_opt_in" AS __consent,
  w."first_name" AS __v0,
  e."plan" AS __v1,
  e."expires_on" AS __v2,
  w."first_name",
  w."days_left",
  w."weeks_left",
  w."yearly_price",
  w."renewal_date",
  w."member_since",
  w."years_member",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."expiring__last_call" AS w
LEFT JOIN "run"."src_subscriptions" AS e ON e."subscription_id" = w.__key
LEFT JOIN "run"."src_profiles" AS j1 ON j1."id" = e."profile_id"
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Subscription renewal reminders', 'preview', 'last_call_sms', CAST(s.__row_key AS STRING))) AS __message_key,
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
      AND NOT (run_id = 'preview' AND activity = 'last_call_sms')) AS earlier
  GROUP BY recipient) AS h ON h.recipient = s.__recipient;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."last_call_sms__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."last_call_sms__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__last_call_sms__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."last_call_sms__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2
FROM "run"."last_call_sms__ledger" AS d
JOIN "camp_scratch"."run__last_call_sms__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."last_call_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."last_call_sms__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."last_call_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."last_call_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."last_call_sms__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."last_call_sms__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."last_call_sms__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Subscription renewal reminders', 'last_call_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."last_call_sms__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Subscription renewal reminders', 'last_call_sms', 'sms', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."last_call_sms__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."last_call_sms__sent" AS
SELECT s.__row_key AS __key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__last_call_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."last_call_sms__ledger" WHERE status = 'sent');
CREATE TABLE "run"."last_call_sms__failed" AS
SELECT s.__row_key AS __key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__last_call_sms__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."last_call_sms__ledger" WHERE status = 'failed');
CREATE TABLE "run"."last_call_sms__excluded" AS
SELECT w.__key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member", x.reason
FROM "run"."expiring__last_call" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__last_call_sms__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- max_two: dedup (line 59)
DROP TABLE IF EXISTS "camp_scratch"."run__max_two__ranked";
CREATE TABLE "camp_scratch"."run__max_two__ranked" AS
SELECT w.__key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member",
  row_number() OVER (
    PARTITION BY e."profile_id"
    ORDER BY e."expires_on" ASC NULLS LAST, e."monthly_price" DESC NULLS LAST, camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."expiring__upcoming" AS w
LEFT JOIN "run"."src_subscriptions" AS e ON e."subscription_id" = w.__key;
CREATE TABLE "run"."max_two__out" AS
SELECT r.__key, r."first_name", r."days_left", r."weeks_left", r."yearly_price", r."renewal_date", r."member_since", r."years_member"
FROM "camp_scratch"."run__max_two__ranked" AS r
WHERE r.__rank <= 2;
CREATE TABLE "run"."max_two__duplicates" AS
SELECT r.__key, r."first_name", r."days_left", r."weeks_left", r."yearly_price", r."renewal_date", r."member_since", r."years_member"
FROM "camp_scratch"."run__max_two__ranked" AS r
WHERE NOT (r.__rank <= 2);

-- renews_push: push (line 65)
DROP TABLE IF EXISTS "camp_scratch"."run__renews_push__messages";
CREATE TABLE "camp_scratch"."run__renews_push__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(j1."id" AS STRING) AS __recipient,
  j1."push_token" AS __address,
  j1."push_opt_in" AS __consent,
  e."plan" AS __v0,
  e."expires_on" AS __v1,
  e."monthly_price" AS __v2,
  w."first_name",
  w."days_left",
  w."weeks_left",
  w."yearly_price",
  w."renewal_date",
  w."member_since",
  w."years_member",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."expiring__renews" AS w
LEFT JOIN "run"."src_subscriptions" AS e ON e."subscription_id" = w.__key
LEFT JOIN "run"."src_profiles" AS j1 ON j1."id" = e."profile_id"
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Subscription renewal reminders', 'preview', 'renews_push', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."renews_push__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."renews_push__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__renews_push__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."renews_push__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2
FROM "run"."renews_push__ledger" AS d
JOIN "camp_scratch"."run__renews_push__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."renews_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."renews_push__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."renews_push__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."renews_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."renews_push__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."renews_push__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."renews_push__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Subscription renewal reminders', 'renews_push', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."renews_push__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Subscription renewal reminders', 'renews_push', 'push', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."renews_push__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."renews_push__sent" AS
SELECT s.__row_key AS __key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__renews_push__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."renews_push__ledger" WHERE status = 'sent');
CREATE TABLE "run"."renews_push__failed" AS
SELECT s.__row_key AS __key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__renews_push__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."renews_push__ledger" WHERE status = 'failed');
CREATE TABLE "run"."renews_push__excluded" AS
SELECT w.__key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member", x.reason
FROM "run"."expiring__renews" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__renews_push__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- upcoming_mail: email (line 60)
DROP TABLE IF EXISTS "camp_scratch"."run__upcoming_mail__messages";
CREATE TABLE "camp_scratch"."run__upcoming_mail__messages" AS
WITH candidates AS (
SELECT * EXCEPT (__distinct) FROM (
SELECT w.__key AS __row_key,
  CAST(j1."id" AS STRING) AS __recipient,
  j1."email" AS __address,
  j1."email_opt_in" AS __consent,
  e."plan" AS __v0,
  w."days_left" AS __v1,
  w."first_name" AS __v2,
  e."expires_on" AS __v3,
  w."member_since" AS __v4,
  w."weeks_left" AS __v5,
  w."yearly_price" AS __v6,
  e."monthly_price" AS __v7,
  w."first_name",
  w."days_left",
  w."weeks_left",
  w."yearly_price",
  w."renewal_date",
  w."member_since",
  w."years_member",
  row_number() OVER (PARTITION BY w.__key ORDER BY w.__key) AS __distinct
FROM "run"."max_two__out" AS w
LEFT JOIN "run"."src_subscriptions" AS e ON e."subscription_id" = w.__key
LEFT JOIN "run"."src_profiles" AS j1 ON j1."id" = e."profile_id"
) AS d
WHERE __distinct = 1
)
SELECT s.*,
  md5(concat_ws('|', 'Subscription renewal reminders', 'preview', 'upcoming_mail', CAST(s.__row_key AS STRING))) AS __message_key,
  CASE
    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'
    WHEN s.__consent IS NOT TRUE THEN 'no consent'
  END AS __reason
FROM candidates AS s;
-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:
CREATE TABLE IF NOT EXISTS "run"."upcoming_mail__ledger" (message_key STRING, recipient STRING, row_key STRING, address STRING, status STRING, sent_at TIMESTAMP_LTZ, delivered_at TIMESTAMP_LTZ, error STRING);
INSERT INTO "run"."upcoming_mail__ledger"
SELECT __message_key, __recipient, CAST(__row_key AS STRING), __address, 'planned', NULL, NULL, NULL
FROM "camp_scratch"."run__upcoming_mail__messages" AS s
WHERE __reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM "run"."upcoming_mail__ledger" AS l WHERE l.message_key = s.__message_key)
ORDER BY __message_key;
SELECT d.message_key, d.recipient, d.address, s.__v0, s.__v1, s.__v2, s.__v3, s.__v4, s.__v5, s.__v6, s.__v7
FROM "run"."upcoming_mail__ledger" AS d
JOIN "camp_scratch"."run__upcoming_mail__messages" AS s ON s.__message_key = d.message_key
WHERE d.status = 'planned'
  AND NOT EXISTS (SELECT 1 FROM "run"."upcoming_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')
ORDER BY d.message_key;
INSERT INTO "run"."upcoming_mail__ledger"
SELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL
FROM "run"."upcoming_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM "run"."upcoming_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO "run"."upcoming_mail__ledger"
SELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?
FROM "run"."upcoming_mail__ledger" AS d
WHERE d.status = 'planned' AND d.message_key = ?
  AND NOT EXISTS (SELECT 1 FROM "run"."upcoming_mail__ledger" AS m WHERE m.message_key = d.message_key AND m.status <> 'planned');
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Subscription renewal reminders', 'upcoming_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."upcoming_mail__ledger" AS l
WHERE status IN ('sent', 'failed') AND message_key BETWEEN ? AND ?
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key);
INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key, address, status, sent_at, delivered_at, error)
SELECT message_key, 'preview', 'Subscription renewal reminders', 'upcoming_mail', 'email', 'profiles', recipient, row_key, address, status, coalesce(sent_at, TIMESTAMP_LTZ '2026-11-24 09:00:00+00:00'), delivered_at, error
FROM "run"."upcoming_mail__ledger" AS l
WHERE status IN ('sent', 'failed')
  AND NOT EXISTS (SELECT 1 FROM camp_state.deliveries AS h WHERE h.message_key = l.message_key);
CREATE TABLE "run"."upcoming_mail__sent" AS
SELECT s.__row_key AS __key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__upcoming_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."upcoming_mail__ledger" WHERE status = 'sent');
CREATE TABLE "run"."upcoming_mail__failed" AS
SELECT s.__row_key AS __key, s."first_name", s."days_left", s."weeks_left", s."yearly_price", s."renewal_date", s."member_since", s."years_member"
FROM "camp_scratch"."run__upcoming_mail__messages" AS s
WHERE s.__reason IS NULL AND s.__message_key IN (SELECT message_key FROM "run"."upcoming_mail__ledger" WHERE status = 'failed');
CREATE TABLE "run"."upcoming_mail__excluded" AS
SELECT w.__key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member", x.reason
FROM "run"."max_two__out" AS w
JOIN (
  SELECT __row_key, min(__reason) AS reason
  FROM "camp_scratch"."run__upcoming_mail__messages"
  GROUP BY __row_key
  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key;

-- reminders_done: join (line 71)
CREATE VIEW "run"."reminders_done__out" AS
SELECT * FROM "run"."upcoming_mail__sent";

-- report: alert (line 72)
CREATE VIEW "run"."report__out" AS
SELECT * FROM "run"."reminders_done__out";

-- who: change dimension (line 74)
CREATE TABLE "run"."who__out" AS
SELECT t."id" AS __key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member"
FROM "run"."reminders_done__out" AS w
JOIN "run"."src_subscriptions" AS e
  ON e."subscription_id" = w.__key
JOIN "run"."src_profiles" AS t
  ON t."id" = e."profile_id";

-- done: end (line 77)

-- one_each: dedup (line 75)
DROP TABLE IF EXISTS "camp_scratch"."run__one_each__ranked";
CREATE TABLE "camp_scratch"."run__one_each__ranked" AS
SELECT w.__key, w."first_name", w."days_left", w."weeks_left", w."yearly_price", w."renewal_date", w."member_since", w."years_member",
  row_number() OVER (
    PARTITION BY e."id"
    ORDER BY camp_hash(w.__key, 0), w.__key) AS __rank
FROM "run"."who__out" AS w
LEFT JOIN "run"."src_profiles" AS e ON e."id" = w.__key;
CREATE TABLE "run"."one_each__out" AS
SELECT r.__key, r."first_name", r."days_left", r."weeks_left", r."yearly_price", r."renewal_date", r."member_since", r."years_member"
FROM "camp_scratch"."run__one_each__ranked" AS r
WHERE r.__rank <= 1;
CREATE TABLE "run"."one_each__duplicates" AS
SELECT r.__key, r."first_name", r."days_left", r."weeks_left", r."yearly_price", r."renewal_date", r."member_since", r."years_member"
FROM "camp_scratch"."run__one_each__ranked" AS r
WHERE NOT (r.__rank <= 1);

-- keep_due: save audience (line 76)
CREATE VIEW "run"."keep_due__out" AS
SELECT * FROM "run"."one_each__out";
CREATE SCHEMA IF NOT EXISTS "camp_saved";
DROP TABLE IF EXISTS "camp_saved"."renewal_due";
CREATE TABLE "camp_saved"."renewal_due" AS
SELECT DISTINCT __key FROM "run"."one_each__out";

