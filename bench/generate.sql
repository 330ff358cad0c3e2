-- camp benchmark: synthetic data of Maison Nord (the retailer of samples/retail.camp).
--
-- Usage (DuckDB):
--     SET VARIABLE profiles = 1000000;
--     -- then run this file
--
-- Creates (or replaces) the tables profiles, purchases, stores and subscriptions with the
-- columns of samples/retail.camp. Every value is a deterministic function of the row number
-- (hash(i, salt) and modular arithmetic, never random()), so the data is identical on every
-- run with the same number of profiles and the same DuckDB version.
--
-- Shape, for N = getvariable('profiles'):
--   profiles       N rows
--   purchases      about 10.5 * N rows, skewed: 14 % of the profiles never bought, 5 % are
--                  heavy buyers with 35..60 purchases, dates 2025-01-01 .. 2026-11-20
--   stores         200 rows
--   subscriptions  about 0.5 * N rows (62 % of the profiles have none, some have 2 or 3)
-- Edge cases built in: null emails (5 %), blank emails ('' or spaces), the same address on two
-- profiles differing by case (~2 %) or surrounding spaces, null countries, lower-case or padded
-- country codes, null loyalty points, null first names, opt-ins without an address, null
-- opt-in flags, favorite stores that do not exist, web orders without a store, refunds
-- (negative amounts), open-ended subscriptions (null expires_on), null auto_renew,
-- subscriptions of deleted profiles.
--
-- Semicolons appear only at the end of statements (never in literals or comments), so the
-- file may be run as one script or split into statements at line-ending semicolons.
--
-- Performance note: hash() returns UBIGINT. A modulo by a BIGINT column or by a constant
-- expression such as (14 * 3600) makes DuckDB compute in HUGEINT, which is many times
-- slower: moduli are plain literals or casts to UBIGINT.

-- ---------------------------------------------------------------------------- stores
-- 200 stores in 40 cities of 8 countries. Store 1 has a comma in its name.
CREATE OR REPLACE TABLE stores AS
WITH cities AS (
  SELECT * FROM (VALUES
    (0, 'Paris', 'FR'), (1, 'Lyon', 'FR'), (2, 'Marseille', 'FR'), (3, 'Bordeaux', 'FR'),
    (4, 'Lille', 'FR'), (5, 'Nantes', 'FR'), (6, 'Toulouse', 'FR'), (7, 'Nice', 'FR'),
    (8, 'Strasbourg', 'FR'), (9, 'Rennes', 'FR'), (10, 'Berlin', 'DE'), (11, 'München', 'DE'),
    (12, 'Hamburg', 'DE'), (13, 'Köln', 'DE'), (14, 'Frankfurt', 'DE'), (15, 'Stuttgart', 'DE'),
    (16, 'Madrid', 'ES'), (17, 'Barcelona', 'ES'), (18, 'Sevilla', 'ES'), (19, 'Valencia', 'ES'),
    (20, 'Milano', 'IT'), (21, 'Roma', 'IT'), (22, 'Torino', 'IT'), (23, 'Napoli', 'IT'),
    (24, 'Bruxelles', 'BE'), (25, 'Antwerpen', 'BE'), (26, 'Liège', 'BE'), (27, 'Gent', 'BE'),
    (28, 'London', 'GB'), (29, 'Manchester', 'GB'), (30, 'Birmingham', 'GB'),
    (31, 'Edinburgh', 'GB'), (32, 'Amsterdam', 'NL'), (33, 'Rotterdam', 'NL'),
    (34, 'Utrecht', 'NL'), (35, 'Den Haag', 'NL'), (36, 'Paris', 'FR'), (37, 'Paris', 'FR'),
    (38, 'Shanghai', 'CN'), (39, 'Beijing', 'CN')
  ) AS t(idx, city, country)
)
SELECT
  s::BIGINT AS store_id,
  CASE WHEN s = 1 THEN 'Paris Rivoli, Flagship'
       ELSE c.city || ' ' || ['Centre', 'Gare', 'Nord', 'Sud', 'Est', 'Ouest', 'Mall', 'Outlet',
                              'Plaza', 'Rive'][1 + (hash(s, 101) % 10)::INTEGER]
            || ' ' || s::VARCHAR END AS name,
  c.city,
  c.country,
  (DATE '2005-01-01' + (hash(s, 102) % 7900)::INTEGER)::DATE AS opened_on
FROM range(1, 201) AS r(s)
JOIN cities AS c ON c.idx = (s - 1) % 40
ORDER BY store_id;

-- ---------------------------------------------------------------------------- profiles
-- A "person" p is usually the profile itself. About 3 % of the profiles are a second sign-up
-- of a nearby earlier person: same first name, last name, country and e-mail address, the
-- address differing by case (2 %: upper case, capitalised, upper-case domain), by surrounding
-- spaces (0.5 %) or identical (0.5 %, a household sharing one address).
CREATE OR REPLACE TABLE profiles AS
WITH ids AS (
  SELECT i,
         CASE WHEN i > 5 AND hash(i, 1) % 100 < 3 THEN i - 1 - (hash(i, 2) % 5)::BIGINT
              ELSE i END AS p,
         hash(i, 1) % 100 < 3 AND i > 5 AS is_dup
  FROM range(1, getvariable('profiles')::BIGINT + 1) AS r(i)
),
person AS (
  SELECT *,
         -- country of the person: FR 40, DE 15, ES 10, IT 8, BE 7, GB 8, NL 6, CN 2, none 4
         CASE WHEN c < 40 THEN 'FR' WHEN c < 55 THEN 'DE' WHEN c < 65 THEN 'ES'
              WHEN c < 73 THEN 'IT' WHEN c < 80 THEN 'BE' WHEN c < 88 THEN 'GB'
              WHEN c < 94 THEN 'NL' WHEN c < 96 THEN 'CN' ELSE NULL END AS cc
  FROM (SELECT *, hash(p, 3) % 100 AS c FROM ids)
),
named AS (
  SELECT *,
         CASE coalesce(cc, ['FR', 'DE', 'ES'][1 + (hash(p, 4) % 3)::INTEGER])
           WHEN 'FR' THEN ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Lucas', 'Hugo', 'Louis',
                           'Gabriel', 'Arthur', 'Jules', 'Emma', 'Louise', 'Zoé', 'Théo',
                           'Nathan', 'Élodie', 'Mathilde', 'Sébastien', 'Françoise', 'Hélène',
                           'Jérôme', 'Noémie', 'Anaïs', 'Julien', 'Antoine', 'Claire',
                           'Nicolas', 'Sophie', 'Pierre']
           WHEN 'DE' THEN ['Jürgen', 'Lukas', 'Leon', 'Finn', 'Jonas', 'Paul', 'Mia', 'Hannah',
                           'Lena', 'Sophie', 'Anna', 'Jörg', 'Käthe', 'Felix', 'Maximilian',
                           'Marie', 'Lea', 'Günter', 'Uwe', 'Sabine']
           WHEN 'ES' THEN ['José', 'María', 'Lucía', 'Martina', 'Sofía', 'Hugo', 'Mateo',
                           'Pablo', 'Álvaro', 'Daniel', 'Paula', 'Carmen', 'Javier', 'Inés',
                           'Sergio']
           WHEN 'IT' THEN ['Giulia', 'Francesco', 'Alessandro', 'Sofia', 'Aurora', 'Leonardo',
                           'Lorenzo', 'Matteo', 'Chiara', 'Niccolò', 'Martina', 'Andrea',
                           'Federica', 'Luca']
           WHEN 'BE' THEN ['Lucas', 'Louis', 'Emma', 'Olivia', 'Noah', 'Arthur', 'Mila',
                           'Elise', 'Wout', 'Jules', 'Marie', 'Lotte']
           WHEN 'GB' THEN ['Oliver', 'George', 'Harry', 'Amelia', 'Olivia', 'Isla', 'Jack',
                           'Noah', 'Charlotte', 'Emily', 'Siobhan', 'Niamh', 'D''Arcy']
           WHEN 'NL' THEN ['Daan', 'Sem', 'Lucas', 'Julia', 'Emma', 'Mila', 'Tess', 'Bram',
                           'Sanne', 'Joëlle']
           ELSE ['伟', '芳', '娜', '敏', '静'] END AS firsts,
         CASE coalesce(cc, ['FR', 'DE', 'ES'][1 + (hash(p, 4) % 3)::INTEGER])
           WHEN 'FR' THEN ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard',
                           'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre',
                           'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent',
                           'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont']
           WHEN 'DE' THEN ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer',
                           'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch',
                           'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann']
           WHEN 'ES' THEN ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez',
                           'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz']
           WHEN 'IT' THEN ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano',
                           'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'De Luca']
           WHEN 'BE' THEN ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems',
                           'Claes', 'Goossens', 'Wouters', 'Dubois', 'Lambert']
           WHEN 'GB' THEN ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson',
                           'Johnson', 'Davies', 'Robinson', 'Wright', 'O''Connor', 'Evans']
           WHEN 'NL' THEN ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk',
                           'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer']
           ELSE ['李', '王', '张', '刘', '陈'] END AS lasts,
         CASE coalesce(cc, 'XX')
           WHEN 'FR' THEN ['Paris', 'Paris', 'Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Lille',
                           'Nantes', 'Toulouse', 'Nice', 'Strasbourg', 'Rennes']
           WHEN 'DE' THEN ['Berlin', 'Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt',
                           'Stuttgart']
           WHEN 'ES' THEN ['Madrid', 'Madrid', 'Barcelona', 'Sevilla', 'Valencia']
           WHEN 'IT' THEN ['Milano', 'Milano', 'Roma', 'Torino', 'Napoli']
           WHEN 'BE' THEN ['Bruxelles', 'Bruxelles', 'Antwerpen', 'Liège', 'Gent']
           WHEN 'GB' THEN ['London', 'London', 'Manchester', 'Birmingham', 'Edinburgh']
           WHEN 'NL' THEN ['Amsterdam', 'Amsterdam', 'Utrecht', 'Rotterdam', 'Den Haag']
           WHEN 'CN' THEN ['Shanghai', 'Beijing']
           ELSE ['Paris', 'Berlin', 'Madrid', NULL, NULL, NULL] END AS cities,
         CASE coalesce(cc, 'FR')
           WHEN 'FR' THEN '+336' WHEN 'DE' THEN '+4915' WHEN 'ES' THEN '+346'
           WHEN 'IT' THEN '+393' WHEN 'BE' THEN '+324' WHEN 'GB' THEN '+447'
           WHEN 'NL' THEN '+316' ELSE '+8613' END AS phone_prefix
  FROM person
),
picked AS (
  SELECT *,
         firsts[1 + (hash(p, 5) % len(firsts)::UBIGINT)::INTEGER] AS first0,
         lasts[1 + (hash(p, 6) % len(lasts)::UBIGINT)::INTEGER] AS last0
  FROM named
),
addressed AS (
  SELECT *,
         -- the person's address: ascii-folded name, person number, one of four domains
         coalesce(nullif(regexp_replace(strip_accents(lower(first0)), '[^a-z0-9]', '', 'g'), ''),
                  'client') AS f_ascii,
         coalesce(nullif(regexp_replace(strip_accents(lower(last0)), '[^a-z0-9]', '', 'g'), ''),
                  'nord') AS l_ascii,
         ['example.com', 'example.com', 'example.net', 'example.org'][1 + (hash(p, 7) % 4)::INTEGER]
           AS domain
  FROM picked
),
mailed AS (
  SELECT *,
         CASE hash(p, 8) % 4
           WHEN 0 THEN f_ascii || '.' || l_ascii
           WHEN 1 THEN f_ascii || l_ascii
           WHEN 2 THEN left(f_ascii, 1) || l_ascii
           ELSE f_ascii || '_' || l_ascii END || p::VARCHAR || '@' || domain AS address
  FROM addressed
)
SELECT
  i AS id,
  -- email: 5 % null, 0.5 % blank, 2 % the address of an earlier person with another case/spaces
  CASE WHEN hash(i, 9) % 1000 < 50 THEN NULL
       WHEN hash(i, 9) % 1000 < 53 THEN ''
       WHEN hash(i, 9) % 1000 < 55 THEN '   '
       WHEN NOT is_dup THEN address
       WHEN hash(i, 10) % 6 IN (0, 1) THEN upper(address)
       WHEN hash(i, 10) % 6 = 2 THEN upper(left(address, 1)) || substr(address, 2)
       WHEN hash(i, 10) % 6 = 3 THEN split_part(address, '@', 1) || '@' || upper(domain)
       WHEN hash(i, 10) % 6 = 4 THEN ' ' || address || ' '
       ELSE address END AS email,                             -- a household: same address
  -- phone: 25 % null, 1 % blank
  CASE WHEN hash(i, 11) % 100 < 25 THEN NULL
       WHEN hash(i, 11) % 100 < 26 THEN ''
       ELSE phone_prefix || lpad((hash(i, 12) % 100000000)::VARCHAR, 8, '0') END AS phone,
  -- push token: 35 % of the profiles use the app
  CASE WHEN hash(i, 13) % 100 < 35 THEN 'fcm:' || lpad(to_hex(hash(i, 14)), 16, '0')
       ELSE NULL END AS push_token,
  -- first name: 1 % null (templates need a default)
  CASE WHEN hash(i, 15) % 100 = 0 THEN NULL ELSE first0 END AS first_name,
  last0 AS last_name,
  -- country: mostly upper-case ISO codes, 1 % dirty ('fr', 'de ')
  CASE WHEN cc = 'FR' AND hash(i, 16) % 100 = 0 THEN 'fr'
       WHEN cc = 'DE' AND hash(i, 16) % 100 = 0 THEN 'de '
       ELSE cc END AS country,
  cities[1 + (hash(i, 17) % len(cities)::UBIGINT)::INTEGER] AS city,
  -- birth date: 5 % null, 1950-01-01 .. 2007-12-31
  CASE WHEN hash(i, 18) % 100 < 5 THEN NULL
       ELSE (DATE '1950-01-01' + (hash(i, 19) % 21184)::INTEGER)::DATE END AS birth_date,
  -- created: 70 % in 2021-01-01 .. 2025-05-31, 30 % in 2025-06-01 .. 2026-11-20
  CASE WHEN hash(i, 20) % 100 < 70
       THEN TIMESTAMP '2021-01-01 00:00:00' + to_seconds((hash(i, 21) % 139276800)::BIGINT)  -- 1612 days
       ELSE TIMESTAMP '2025-06-01 00:00:00' + to_seconds((hash(i, 21) % 46483200)::BIGINT)    -- 538 days
  END AS created_at,
  -- loyalty points: 5 % null, skewed, multiples of 10 (ties are common)
  CASE WHEN hash(i, 22) % 100 < 5 THEN NULL
       WHEN hash(i, 23) % 100 < 25 THEN ((hash(i, 24) % 21) * 10)::BIGINT
       WHEN hash(i, 23) % 100 < 60 THEN ((20 + hash(i, 24) % 30) * 10)::BIGINT
       WHEN hash(i, 23) % 100 < 90 THEN ((50 + hash(i, 24) % 101) * 10)::BIGINT
       ELSE ((150 + hash(i, 24) % 251) * 10)::BIGINT END AS loyalty_points,
  -- consents: independent of the address (opt-ins without an address exist), 1 % null
  CASE WHEN hash(i, 25) % 100 = 0 THEN NULL ELSE hash(i, 26) % 100 < 75 END AS email_opt_in,
  CASE WHEN hash(i, 27) % 100 = 0 THEN NULL ELSE hash(i, 28) % 100 < 50 END AS sms_opt_in,
  CASE WHEN hash(i, 13) % 100 < 35 THEN hash(i, 29) % 100 < 80
       ELSE hash(i, 29) % 100 < 3 END AS push_opt_in,
  -- favorite store: 12 % none, 2 % a store that does not exist (201..250)
  CASE WHEN hash(i, 30) % 100 < 12 THEN NULL
       WHEN hash(i, 30) % 100 < 14 THEN (201 + hash(i, 31) % 50)::BIGINT
       ELSE (1 + hash(i, 31) % 200)::BIGINT END AS favorite_store_id
FROM mailed
ORDER BY id;

-- ---------------------------------------------------------------------------- purchases
-- Per profile: 14 % never bought, 31 % 1..5, 35 % 6..16, 15 % 15..30, 5 % 35..60 purchases
-- (mean about 10.5). A buyer's kind sets the period of the purchases: active (50 %)
-- 2025-01-01 .. 2026-11-20, lapsed (25 %) until 2026-04-30, new (10 %) from 2026-06-01,
-- seasonal (15 %) in three sale windows, never before the profile's creation. purchase_id is
-- dense: a running sum of the counts.
CREATE OR REPLACE TABLE purchases AS
WITH buyers AS (
  SELECT id AS profile_id, favorite_store_id AS fav, created_at,
         CASE WHEN r < 14 THEN 0
              WHEN r < 45 THEN 1 + hash(id, 41) % 5
              WHEN r < 80 THEN 6 + hash(id, 41) % 11
              WHEN r < 95 THEN 15 + hash(id, 41) % 16
              ELSE 35 + hash(id, 41) % 26 END::BIGINT AS n,
         hash(id, 42) % 100 AS kind
  FROM (SELECT id, favorite_store_id, created_at, hash(id, 40) % 100 AS r FROM profiles)
),
numbered AS (
  SELECT *, sum(n) OVER (ORDER BY profile_id ROWS UNBOUNDED PRECEDING) - n AS first_id
  FROM buyers WHERE n > 0
),
lines AS (
  SELECT profile_id, fav, kind, created_at, first_id + k + 1 AS purchase_id
  FROM numbered, LATERAL unnest(range(n)) AS u(k)
),
drawn AS (
  SELECT *,
         hash(purchase_id, 43) AS h1, hash(purchase_id, 44) AS h2,
         hash(purchase_id, 45) AS h3, hash(purchase_id, 46) AS h4
  FROM lines
),
windowed AS (
  SELECT *,
         -- window start and length (days) of the purchase
         CASE WHEN kind < 50 THEN DATE '2025-01-01'
              WHEN kind < 75 THEN DATE '2025-01-01'
              WHEN kind < 85 THEN DATE '2026-06-01'
              WHEN h1 % 3 = 0 THEN DATE '2025-11-20'
              WHEN h1 % 3 = 1 THEN DATE '2026-02-15'
              ELSE DATE '2026-10-25' END AS w_start,
         CASE WHEN kind < 50 THEN 689
              WHEN kind < 75 THEN 485
              WHEN kind < 85 THEN 173
              WHEN h1 % 3 = 0 THEN 42
              WHEN h1 % 3 = 1 THEN 23
              ELSE 27 END AS w_days
  FROM drawn
),
bounded AS (
  -- nobody buys before signing up: the window starts at the profile's creation at the
  -- earliest, and a window that ended before the sign-up becomes sign-up .. 2026-11-20
  SELECT *,
         CASE WHEN created_at::DATE < w_start + w_days THEN greatest(w_start, created_at::DATE)
              ELSE created_at::DATE END AS b_start,
         CASE WHEN created_at::DATE < w_start + w_days
              THEN w_days - greatest(0, created_at::DATE - w_start)
              ELSE greatest(1, DATE '2026-11-21' - created_at::DATE) END AS b_days
  FROM windowed
),
shaped AS (
  SELECT *,
         -- category: apparel 30, shoes 12, beauty 15, home 12, electronics 6, grocery 12,
         -- sports 8, kids 5
         CASE WHEN h2 % 100 < 30 THEN 'apparel' WHEN h2 % 100 < 42 THEN 'shoes'
              WHEN h2 % 100 < 57 THEN 'beauty' WHEN h2 % 100 < 69 THEN 'home'
              WHEN h2 % 100 < 75 THEN 'electronics' WHEN h2 % 100 < 87 THEN 'grocery'
              WHEN h2 % 100 < 95 THEN 'sports' ELSE 'kids' END AS category,
         -- channel: store 55, web 30, app 15
         CASE WHEN h3 % 100 < 55 THEN 'store' WHEN h3 % 100 < 85 THEN 'web' ELSE 'app' END
           AS channel,
         -- an approximately normal deviate (sum of three uniforms, sd about 1)
         (((h4 % 1000) + (h4 // 1000 % 1000) + (h4 // 1000000 % 1000)) / 1000.0 - 1.5) * 2
           AS z
  FROM bounded
)
SELECT
  purchase_id::BIGINT AS purchase_id,
  profile_id::BIGINT AS profile_id,
  CASE WHEN channel = 'store' AND fav <= 200 AND h3 // 100 % 100 < 75 THEN fav
       WHEN channel = 'store' THEN (1 + h3 // 10000 % 200)::BIGINT
       WHEN channel = 'app' AND fav <= 200 AND h3 // 100 % 100 < 30 THEN fav
       ELSE NULL END::BIGINT AS store_id,
  -- typical basket per category, log-normal spread, 1.2 % refunds (negative)
  (CASE WHEN h4 // 1000000000 % 1000 < 12 THEN -1 ELSE 1 END
   * greatest(1.99, round(
       CASE category WHEN 'apparel' THEN 65 WHEN 'shoes' THEN 90 WHEN 'beauty' THEN 35
                     WHEN 'home' THEN 55 WHEN 'electronics' THEN 160 WHEN 'grocery' THEN 25
                     WHEN 'sports' THEN 70 ELSE 40 END * exp(0.6 * z), 2)))::DECIMAL(10, 2)
    AS amount,
  category,
  greatest(b_start + (h1 // 3 % b_days::UBIGINT)::INTEGER
             + to_seconds((8 * 3600 + h2 // 100 % 50400)::BIGINT),   -- 08:00 .. 21:59
           created_at + INTERVAL 7 MINUTE) AS purchased_at,
  channel
FROM shaped;

-- ---------------------------------------------------------------------------- subscriptions
-- Per profile: 62 % none, 28 % one, 7 % two, 3 % three "Club" plans. Status is a snapshot of
-- 2026-11-23: a plan whose end date has passed is expired, 15 % of the others were cancelled
-- (they may still run until expires_on). 0.1 % of the rows belong to deleted profiles.
CREATE OR REPLACE TABLE subscriptions AS
WITH members AS (
  SELECT id AS profile_id,
         CASE WHEN r < 62 THEN 0 WHEN r < 90 THEN 1 WHEN r < 97 THEN 2 ELSE 3 END::BIGINT AS n
  FROM (SELECT id, hash(id, 60) % 100 AS r FROM profiles)
),
numbered AS (
  SELECT *, sum(n) OVER (ORDER BY profile_id ROWS UNBOUNDED PRECEDING) - n AS first_id
  FROM members WHERE n > 0
),
lines AS (
  SELECT first_id + k + 1 AS subscription_id,
         CASE WHEN hash(first_id + k + 1, 61) % 1000 = 0
              THEN getvariable('profiles')::BIGINT + first_id + k + 1   -- a deleted profile
              ELSE profile_id END AS profile_id
  FROM numbered, LATERAL unnest(range(n)) AS u(k)
),
planned AS (
  SELECT *,
         CASE WHEN hash(subscription_id, 62) % 100 < 50 THEN 'basic'
              WHEN hash(subscription_id, 62) % 100 < 85 THEN 'plus'
              ELSE 'premium' END AS plan,
         (DATE '2025-01-01' + (hash(subscription_id, 63) % 689)::INTEGER)::DATE AS started_on,
         -- term: 12 months 80 %, 6 months 15 %, open-ended 5 %
         CASE WHEN hash(subscription_id, 64) % 100 < 80 THEN 12
              WHEN hash(subscription_id, 64) % 100 < 95 THEN 6
              ELSE NULL END AS months
  FROM lines
),
dated AS (
  SELECT *, (started_on + to_months(months))::DATE AS expires_on FROM planned
)
SELECT
  subscription_id::BIGINT AS subscription_id,
  profile_id::BIGINT AS profile_id,
  plan,
  CASE WHEN expires_on < DATE '2026-11-23' THEN 'expired'
       WHEN hash(subscription_id, 65) % 100 < 15 THEN 'cancelled'
       ELSE 'active' END AS status,
  started_on,
  expires_on,
  (CASE plan WHEN 'basic' THEN 4.99 WHEN 'plus' THEN 9.99 ELSE 19.99 END
   * CASE WHEN hash(subscription_id, 66) % 100 < 10 THEN 0.75 ELSE 1 END)::DECIMAL(10, 2)
    AS monthly_price,
  CASE WHEN hash(subscription_id, 67) % 100 < 2 THEN NULL
       ELSE hash(subscription_id, 68) % 100 < 45 END AS auto_renew
FROM dated
ORDER BY subscription_id;
