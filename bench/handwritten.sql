-- camp benchmark: the expected per-port counts of bench/campaign.camp, by hand.
--
-- Written from the semantics of the language reference (LANGUAGE.md sections 5 and 6), not
-- from camp's code. Run it after bench/generate.sql on the same database. It creates one
-- temporary table per activity (h_<activity>, h_<activity>_<port>) and ends with the table
--     expected(activity VARCHAR, port VARCHAR, rows BIGINT)
-- that holds one row per output port of the 12 activities.
--
-- The run's logical time is the runner's --at 2026-11-24T09:00:00Z in the UTC time zone:
--     now()   = TIMESTAMP '2026-11-24 09:00:00'
--     today() = DATE '2026-11-24'
-- so  now() - 90 days  = 2026-08-26 09:00:00  and  now() - 365 days = 2025-11-24 09:00:00.
--
-- Rules that matter for exact counts:
-- * a where / split segment keeps a row only when its condition is TRUE (SQL three-valued
--   logic, which DuckDB's WHERE already follows),
-- * count and sum over no related rows give 0, avg / min / max give null,
-- * every ordering puts nulls last (asc or desc), ties broken by the ascending key,
-- * channels exclude a row whose address is null or blank, or whose consent is not true.
-- Semicolons appear only at the end of statements (never in literals or comments), so the
-- file may be run as one script or split into statements at line-ending semicolons.

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
-- spent_90d    = sum(purchases.amount where purchased_at >= now() - 90 days)   0 when none
-- orders_365d  = count(purchases where purchased_at >= now() - 365 days)        0 when none
-- last_order   = max(purchases.purchased_at)                                    null when none
-- best_web     = max(purchases.amount where channel = "web")                    null when none
-- store_city   = store.city  (one link, null when no favorite store or an unknown one)
CREATE OR REPLACE TEMP TABLE h_enriched AS
SELECT u.*,
       coalesce(f.spent_90d, 0) AS spent_90d,
       coalesce(f.orders_365d, 0) AS orders_365d,
       f.last_order,
       f.best_web_basket AS best_web,
       s.city AS store_city
FROM h_unique_out AS u
LEFT JOIN h_purchase_facts AS f ON f.profile_id = u.id
LEFT JOIN stores AS s ON s.store_id = u.favorite_store_id;

-- ------------------------------------------------------------------ 6. tiers (split)
-- split {
--   vip:     spent_90d >= 400 limit 500 order by spent_90d desc
--   engaged: orders_365d >= 8 and store_city is not null limit 20%
--   others:  remainder
-- }
-- Segments in order: a row goes to the first segment that accepts it and whose limit keeps
-- it. Rows accepted by vip but cut by its limit stay available to engaged. `limit 20%` is
-- floor(20 % of the split's input count), without order by the kept rows are the lowest keys.
CREATE OR REPLACE TEMP TABLE h_tiers_vip AS
SELECT * FROM h_enriched
WHERE spent_90d >= 400
ORDER BY spent_90d DESC NULLS LAST, id ASC
LIMIT 500;

CREATE OR REPLACE TEMP TABLE h_tiers_engaged AS
SELECT * FROM h_enriched
WHERE id NOT IN (SELECT id FROM h_tiers_vip)
  AND orders_365d >= 8 AND store_city IS NOT NULL
ORDER BY id ASC
LIMIT (SELECT count(*) * 20 // 100 FROM h_enriched);

CREATE OR REPLACE TEMP TABLE h_tiers_others AS
SELECT * FROM h_enriched
WHERE id NOT IN (SELECT id FROM h_tiers_vip)
  AND id NOT IN (SELECT id FROM h_tiers_engaged);

-- ------------------------------------------------------------------ 7. vip_mail (email)
-- Excluded: no address (null or blank email) or no consent (email_opt_in not true). No
-- delivery history and no cap, so nobody is capped. Sent: one message per remaining row.
-- Failed: 0 (the default file outbox does not fail).
CREATE OR REPLACE TEMP TABLE h_vip_mail AS
SELECT id,
       CASE WHEN email IS NULL OR trim(email) = '' THEN 'no address'
            WHEN email_opt_in IS NOT TRUE THEN 'no consent'
            ELSE NULL END AS excluded_reason
FROM h_tiers_vip;

-- ------------------------------------------------------------------ 8. engaged_sms (sms)
-- The same rules with the phone and sms_opt_in.
CREATE OR REPLACE TEMP TABLE h_engaged_sms AS
SELECT id,
       CASE WHEN phone IS NULL OR trim(phone) = '' THEN 'no address'
            WHEN sms_opt_in IS NOT TRUE THEN 'no consent'
            ELSE NULL END AS excluded_reason
FROM h_tiers_engaged;

-- ------------------------------------------------------------------ 9. keep_others (save audience)
-- out: pass-through of the others segment (the saved audience holds the same rows).

-- ------------------------------------------------------------------ 10. club (change dimension)
-- change dimension to subscriptions: one row per subscription of every enriched profile
-- (a many link, no dedup).
CREATE OR REPLACE TEMP TABLE h_club AS
SELECT s.*
FROM subscriptions AS s
WHERE s.profile_id IN (SELECT id FROM h_enriched);

-- ------------------------------------------------------------------ 11. renewals (split)
-- split {
--   due: status = "active" and not auto_renew
--          and expires_on between today() and today() + 60 days
-- }
-- `not auto_renew` is unknown for a null auto_renew (rejected), and a null expires_on makes
-- the between unknown (rejected). today() + 60 days = 2027-01-23.
CREATE OR REPLACE TEMP TABLE h_renewals_due AS
SELECT * FROM h_club
WHERE status = 'active' AND NOT auto_renew
  AND expires_on BETWEEN DATE '2026-11-24' AND DATE '2027-01-23';

-- ------------------------------------------------------------------ 12. keep_due (save audience)
-- out: pass-through of renewals.due.

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
UNION ALL SELECT 'tiers', 'vip', count(*) FROM h_tiers_vip
UNION ALL SELECT 'tiers', 'engaged', count(*) FROM h_tiers_engaged
UNION ALL SELECT 'tiers', 'others', count(*) FROM h_tiers_others
UNION ALL SELECT 'vip_mail', 'sent', count(*) FILTER (WHERE excluded_reason IS NULL) FROM h_vip_mail
UNION ALL SELECT 'vip_mail', 'failed', 0
UNION ALL SELECT 'vip_mail', 'excluded', count(*) FILTER (WHERE excluded_reason IS NOT NULL) FROM h_vip_mail
UNION ALL SELECT 'engaged_sms', 'sent', count(*) FILTER (WHERE excluded_reason IS NULL) FROM h_engaged_sms
UNION ALL SELECT 'engaged_sms', 'failed', 0
UNION ALL SELECT 'engaged_sms', 'excluded', count(*) FILTER (WHERE excluded_reason IS NOT NULL) FROM h_engaged_sms
UNION ALL SELECT 'keep_others', 'out', count(*) FROM h_tiers_others
UNION ALL SELECT 'club', 'out', count(*) FROM h_club
UNION ALL SELECT 'renewals', 'due', count(*) FROM h_renewals_due
UNION ALL SELECT 'keep_due', 'out', count(*) FROM h_renewals_due;
