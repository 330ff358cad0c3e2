#!/usr/bin/env python3
"""Generate the sample data of the camp samples (Maison Nord, a fictional retailer).

    python3 samples/data/generate.py        # rewrites the CSV files next to this script

Python 3 standard library only. The output is fully determined by SEED: running the script
twice gives byte-identical files, so the CSV files are committed and regenerated only when
this script changes.

Format of every file: UTF-8 without BOM, "\n" line ends, a header line, comma separated,
ISO dates (2026-03-01), timestamps without zone (2026-03-01 09:30:00), booleans true/false,
decimals with 2 digits, an empty field is null. A field is quoted only when it contains a
comma, a double quote or surrounding spaces.

The data sits between 2025-06 and 2026-11 so that runs at the two reference logical times,
2026-03-10 09:00 and 2026-11-24 09:00, select non-trivial subsets (recent buyers, lapsed
buyers, birthdays, sign-ups of the last week, subscriptions that expire within 30 days).
The status of subscriptions is a snapshot taken on 2026-11-23.

Edge cases built in on purpose (to test engines, see EDGE_CASES below for the ids):
- null email, phone, country, city, birth_date, loyalty_points, first_name, favorite_store_id;
- three profiles whose emails differ only by case or surrounding spaces (dedup by
  lower(trim(email)) keeps one), and two profiles of one household sharing one address;
- opt-outs, opt-ins without an address (email_opt_in true and email null, push_opt_in true and
  no push token), phones in national format instead of +E.164, lower-case country codes;
- profiles without purchases, purchases with a null store_id (web, most app orders), refunds
  (negative amounts), two purchases of one basket with the same timestamp, a purchase exactly
  90 days before each reference logical time;
- a favorite_store_id (99) that matches no store, a store name containing a comma;
- ties in loyalty_points (several profiles at exactly 500, the `loyal` threshold);
- non-ASCII names (é, ü, ñ, 李), a first name with an apostrophe, first names containing
  "<b>" and "{{" (templates must escape them and never re-render them), staff addresses;
- a birthday on 2000-02-29, birthdays on the reference dates, members turning 18 and 40;
- subscriptions: profiles with 2 or 3, cancelled ones still running, one expiring exactly on
  2026-11-24, one active without expires_on, one of a deleted profile (profile_id 9999);
- partner_leads.csv: a bad date and a line with an extra field (2 rejected lines), mixed
  case and spaces in emails, a repeated email from two sources, leads unknown to the CRM.
"""

import os
import random
import unicodedata
from datetime import date, datetime, timedelta

SEED = 20260310
OUT = os.path.dirname(os.path.abspath(__file__))

rng = random.Random(SEED)

# ---------------------------------------------------------------------------- helpers


def fmt(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def field(value):
    text = fmt(value)
    if any(c in text for c in ',"\n\r') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            assert len(row) == len(header), (name, row)
            f.write(",".join(field(v) for v in row) + "\n")
    print(f"{name}: {len(rows)} rows")


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def ascii_fold(text):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(c for c in folded.lower() if c.isalnum())


def rand_date(start, end):
    return start + timedelta(days=rng.randint(0, (end - start).days))


def rand_time(day, first_hour=8, last_hour=21):
    return datetime(day.year, day.month, day.day, rng.randint(first_hour, last_hour),
                    rng.randint(0, 59), rng.choice([0, 0, 0, 15, 30, 45]))


# ---------------------------------------------------------------------------- stores

STORES = [
    # store_id, name, city, country, opened_on
    (1, "Paris Rivoli, Flagship", "Paris", "FR", date(2012, 4, 14)),
    (2, "Lyon Part-Dieu", "Lyon", "FR", date(2014, 9, 6)),
    (3, "Marseille Vieux-Port", "Marseille", "FR", date(2016, 3, 19)),
    (4, "Bordeaux Sainte-Catherine", "Bordeaux", "FR", date(2018, 10, 27)),
    (5, "Lille Grand Place", "Lille", "FR", date(2019, 5, 4)),
    (6, "Berlin Mitte", "Berlin", "DE", date(2017, 11, 11)),
    (7, "München Marienplatz", "München", "DE", date(2020, 2, 29)),
    (8, "Madrid Gran Vía", "Madrid", "ES", date(2018, 6, 2)),
    (9, "Milano Duomo", "Milano", "IT", date(2021, 9, 18)),
    (10, "Bruxelles Louise", "Bruxelles", "BE", date(2015, 12, 5)),
    (11, "London Covent Garden", "London", "GB", date(2023, 3, 25)),
    (12, "Amsterdam Kalverstraat", "Amsterdam", "NL", date(2026, 9, 12)),  # new store
]
STORES_BY_COUNTRY = {}
for s in STORES:
    STORES_BY_COUNTRY.setdefault(s[3], []).append(s[0])
MISSING_STORE_ID = 99  # referenced by one profile, exists in no store row

# ---------------------------------------------------------------------------- names

NAMES = {
    "FR": (["Camille", "Léa", "Manon", "Chloé", "Inès", "Lucas", "Hugo", "Louis", "Gabriel",
            "Arthur", "Jules", "Emma", "Louise", "Zoé", "Théo", "Nathan", "Élodie", "Mathilde",
            "Sébastien", "Françoise", "Hélène", "Jérôme", "Noémie", "Anaïs", "Julien",
            "Antoine", "Claire", "Nicolas", "Sophie", "Pierre"],
           ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
            "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
            "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Faure"],
           ["Paris", "Paris", "Paris", "Lyon", "Marseille", "Bordeaux", "Lille", "Nantes",
            "Toulouse"], "+33", "6"),
    "DE": (["Jürgen", "Lukas", "Leon", "Finn", "Jonas", "Paul", "Mia", "Hannah", "Lena",
            "Sophie", "Anna", "Jörg", "Käthe", "Felix", "Maximilian", "Marie", "Lea", "Günter",
            "Uwe", "Sabine"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
            "Schröder", "Neumann", "Schwarz", "Zimmermann"],
           ["Berlin", "Berlin", "München", "Hamburg", "Köln"], "+49", "15"),
    "ES": (["José", "María", "Lucía", "Martina", "Sofía", "Hugo", "Mateo", "Pablo", "Álvaro",
            "Daniel", "Paula", "Carmen", "Javier", "Inés", "Sergio"],
           ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez",
            "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Muñoz"],
           ["Madrid", "Madrid", "Barcelona", "Sevilla", "Valencia"], "+34", "6"),
    "IT": (["Giulia", "Francesco", "Alessandro", "Sofia", "Aurora", "Leonardo", "Lorenzo",
            "Matteo", "Chiara", "Niccolò", "Martina", "Andrea", "Federica", "Luca"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca"],
           ["Milano", "Milano", "Roma", "Torino"], "+39", "3"),
    "BE": (["Lucas", "Louis", "Emma", "Olivia", "Noah", "Arthur", "Mila", "Elise", "Wout",
            "Jules", "Marie", "Lotte"],
           ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
            "Wouters", "Dubois", "Lambert", "Dupont"],
           ["Bruxelles", "Bruxelles", "Antwerpen", "Liège"], "+32", "4"),
    "GB": (["Oliver", "George", "Harry", "Amelia", "Olivia", "Isla", "Jack", "Noah",
            "Charlotte", "Emily", "Siobhan", "Niamh", "Rhys"],
           ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "O'Connor", "Evans"],
           ["London", "London", "Manchester"], "+44", "7"),
    "NL": (["Daan", "Sem", "Lucas", "Julia", "Emma", "Mila", "Tess", "Bram", "Sanne", "Joëlle"],
           ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser",
            "Smit", "Meijer", "de Boer"],
           ["Amsterdam", "Amsterdam", "Utrecht", "Rotterdam"], "+31", "6"),
    "CN": (["伟", "芳", "娜", "敏", "静"], ["李", "王", "张", "刘", "陈"],
           ["Shanghai", "Beijing"], "+86", "13"),
}
PINYIN = {"伟": "wei", "芳": "fang", "娜": "na", "敏": "min", "静": "jing",
          "李": "li", "王": "wang", "张": "zhang", "刘": "liu", "陈": "chen"}
COUNTRY_WEIGHTS = [("FR", 40), ("DE", 15), ("ES", 10), ("IT", 8), ("BE", 7), ("GB", 8),
                   ("NL", 6), ("CN", 2), (None, 4)]
DOMAINS = ["example.com", "example.com", "example.net", "example.org"]

# ---------------------------------------------------------------------------- profiles

N_PROFILES = 300
used_emails = set()


def make_email(first, last):
    local_first = PINYIN.get(first) or ascii_fold(first)
    local_last = PINYIN.get(last) or ascii_fold(last)
    pattern = rng.choice(["{f}.{l}", "{f}.{l}", "{f}{l}", "{fi}{l}", "{f}_{l}"])
    base = pattern.format(f=local_first, l=local_last, fi=local_first[:1])
    domain = rng.choice(DOMAINS)
    email, n = f"{base}@{domain}", 1
    while email in used_emails:
        n += 1
        email = f"{base}{n}@{domain}"
    used_emails.add(email)
    return email


NATIONAL_DIGITS = {"FR": 9, "DE": 11, "ES": 9, "IT": 10, "BE": 9, "GB": 10, "NL": 9, "CN": 11}


def make_phone(country):
    _, _, _, prefix, mobile = NAMES[country]
    digits = "".join(str(rng.randint(0, 9)) for _ in range(NATIONAL_DIGITS[country] - len(mobile)))
    return f"{prefix}{mobile}{digits}"


def points():
    r = rng.random()
    if r < 0.25:
        return rng.randint(0, 20) * 10
    if r < 0.60:
        return rng.randint(20, 49) * 10
    if r < 0.90:
        return rng.randint(50, 150) * 10
    return rng.randint(150, 400) * 10


profiles = []
for pid in range(1, N_PROFILES + 1):
    country = rng.choices([c for c, _ in COUNTRY_WEIGHTS], [w for _, w in COUNTRY_WEIGHTS])[0]
    name_country = country or rng.choice(["FR", "DE", "ES"])
    firsts, lasts, cities, _, _ = NAMES[name_country]
    first, last = rng.choice(firsts), rng.choice(lasts)
    city = rng.choice(cities) if country or rng.random() < 0.5 else None
    email = make_email(first, last) if rng.random() > 0.05 else None
    phone = make_phone(name_country) if rng.random() > 0.25 else None
    has_app = rng.random() < 0.35
    push_token = "fcm:" + "".join(rng.choice("0123456789abcdef") for _ in range(24)) if has_app else None
    birth = rand_date(date(1950, 1, 1), date(2007, 12, 31)) if rng.random() > 0.05 else None
    if rng.random() < 0.70:
        created = rand_time(rand_date(date(2021, 1, 1), date(2025, 5, 31)), 7, 23)
    else:
        created = rand_time(rand_date(date(2025, 6, 1), date(2026, 11, 16)), 7, 23)
    loyalty = points() if rng.random() > 0.05 else None
    email_opt = email is not None and rng.random() < 0.78
    sms_opt = phone is not None and rng.random() < 0.50
    push_opt = has_app and rng.random() < 0.80
    if country in STORES_BY_COUNTRY and rng.random() < 0.85:
        fav = rng.choice(STORES_BY_COUNTRY[country])
    elif rng.random() < 0.5:
        fav = rng.choice([s[0] for s in STORES])
    else:
        fav = None
    profiles.append({
        "id": pid, "email": email, "phone": phone, "push_token": push_token,
        "first_name": first, "last_name": last, "country": country, "city": city,
        "birth_date": birth, "created_at": created, "loyalty_points": loyalty,
        "email_opt_in": email_opt, "sms_opt_in": sms_opt, "push_opt_in": push_opt,
        "favorite_store_id": fav,
    })

P = {p["id"]: p for p in profiles}


def override(pid, **values):
    P[pid].update(values)


# Edge cases, fixed by id so that tests can name them.
EDGE_CASES = {
    # same person three times: case and surrounding spaces differ (dedup by lower(trim(email)))
    12: dict(email="camille.martin@example.com", first_name="Camille", last_name="Martin",
             country="FR", city="Paris", loyalty_points=1200, email_opt_in=True,
             phone="+33611223344", created_at=datetime(2022, 5, 3, 10, 12, 0)),
    157: dict(email="Camille.Martin@Example.com", first_name="Camille", last_name="Martin",
              country="FR", city="Paris", loyalty_points=1200, email_opt_in=True,
              phone=None, created_at=datetime(2024, 1, 9, 18, 40, 0)),
    233: dict(email="  camille.martin@example.com ", first_name="Camille", last_name="Martin",
              country="FR", city="Paris", loyalty_points=310, email_opt_in=True,
              phone="+33611223344", created_at=datetime(2025, 11, 28, 8, 5, 0)),
    # a household: two profiles share one email address (and favorite store)
    45: dict(email="famille.nguyen@example.net", first_name="Thi", last_name="Nguyen",
             country="FR", city="Lyon", favorite_store_id=2, email_opt_in=True,
             created_at=datetime(2023, 9, 16, 11, 20, 0)),
    46: dict(email="famille.nguyen@example.net", first_name="Bao", last_name="Nguyen",
             country="FR", city="Lyon", favorite_store_id=2, email_opt_in=True,
             created_at=datetime(2023, 9, 16, 11, 31, 0)),
    # non-ASCII names
    7: dict(first_name="Élodie", last_name="Lefèvre", email="elodie.lefevre@example.com",
            country="FR", city="Bordeaux"),
    8: dict(first_name="Jürgen", last_name="Müller", email="juergen.mueller@example.com",
            country="DE", city="München", favorite_store_id=7),
    9: dict(first_name="伟", last_name="李", email="li.wei@example.com", country="CN",
            city="Shanghai", phone="+8613812345678", favorite_store_id=1,
            created_at=datetime(2024, 4, 2, 14, 0, 0)),
    10: dict(first_name="José", last_name="Muñoz", email="jose.munoz@example.org",
             country="ES", city="Madrid", favorite_store_id=8),
    # apostrophes, markup and template syntax in names
    21: dict(first_name="D'Arcy", last_name="O'Connor", email="darcy.oconnor@example.net",
             country="GB", city="London", favorite_store_id=11, email_opt_in=True),
    22: dict(first_name="<b>Léa</b>", last_name="Girard", email="lea.girard@example.com",
             country="FR", city="Paris", email_opt_in=True, loyalty_points=820),
    23: dict(first_name="{{promo_code}}", last_name="Bonnet", email="max.bonnet@example.net",
             country="FR", city="Lille", email_opt_in=True, loyalty_points=640),
    # missing values
    30: dict(first_name=None, email="no.name@example.org", email_opt_in=True),
    31: dict(first_name=None, last_name=None, email=None, phone="+33700000031",
             email_opt_in=True, sms_opt_in=True),           # opted in, but no email
    32: dict(country=None, city=None, loyalty_points=None, favorite_store_id=None),
    33: dict(push_token=None, push_opt_in=True),              # push opt-in without a token
    # favorite store that does not exist
    40: dict(favorite_store_id=MISSING_STORE_ID, country="FR", city="Nantes",
             email_opt_in=True, loyalty_points=540),
    # ties at the loyal threshold (500) and above it
    50: dict(loyalty_points=500), 51: dict(loyalty_points=500), 52: dict(loyalty_points=500),
    53: dict(loyalty_points=500), 54: dict(loyalty_points=1000), 55: dict(loyalty_points=1000),
    # dirty data: lower-case country, national phone formats
    60: dict(country="fr", city="Toulouse"), 61: dict(country="de ", city="Hamburg"),
    62: dict(phone="06 12 34 56 78", country="FR", sms_opt_in=True),
    63: dict(phone="0033698765432", country="FR", sms_opt_in=True),
    # birthdays on the reference dates, leap day, milestones
    70: dict(birth_date=date(2000, 2, 29)),
    71: dict(birth_date=date(1986, 3, 10), email_opt_in=True),   # turns 40 on 2026-03-10
    72: dict(birth_date=date(2008, 3, 10), email_opt_in=True),   # turns 18 on 2026-03-10
    73: dict(birth_date=date(1991, 3, 10)),
    74: dict(birth_date=date(1976, 11, 24), email_opt_in=True),  # turns 50 on 2026-11-24
    75: dict(birth_date=date(1999, 11, 24), email_opt_in=True),
    76: dict(birth_date=date(2008, 11, 24)),                     # turns 18 on 2026-11-24
    # staff (test audience)
    90: dict(email="claire.roux@maison-nord.example", first_name="Claire", last_name="Roux",
             country="FR", city="Paris", email_opt_in=True, sms_opt_in=True,
             phone="+33600000090", favorite_store_id=1),
    91: dict(email="tom.weber@maison-nord.example", first_name="Tom", last_name="Weber",
             country="DE", city="Berlin", email_opt_in=True, favorite_store_id=6,
             push_token="fcm:staff00000000000000000091", push_opt_in=True),
    92: dict(email="QA.Team@Maison-Nord.example", first_name="QA", last_name="Team",
             country="FR", city="Paris", email_opt_in=True),
}
for pid, values in EDGE_CASES.items():
    override(pid, **values)
for pid in (7, 8, 9, 10):
    P[pid]["email_opt_in"] = True
# a generated address must not collide with a hand-made one (only the groups above share one)
edge_addresses = {P[pid]["email"].strip().lower() for pid in EDGE_CASES if P[pid]["email"]}
for p in profiles:
    if p["id"] not in EDGE_CASES and p["email"] and p["email"].lower() in edge_addresses:
        local, domain = p["email"].split("@")
        p["email"] = f"{local}.{p['id']}@{domain}"

# recent sign-ups: the week before each reference logical time (welcome campaign)
for i, pid in enumerate(range(281, 291)):
    P[pid]["created_at"] = datetime(2026, 11, 17, 8, 0, 0) + timedelta(hours=17 * i + 3)
for i, pid in enumerate(range(291, 301)):
    P[pid]["created_at"] = datetime(2026, 3, 3, 8, 0, 0) + timedelta(hours=16 * i + 5)
# a first name must never be empty text: a missing first name is null
for p in profiles:
    assert p["first_name"] is None or p["first_name"].strip()

# ---------------------------------------------------------------------------- purchases

CATEGORIES = [("apparel", 30, 6500), ("shoes", 12, 9000), ("beauty", 15, 3500),
              ("home", 12, 5500), ("electronics", 6, 16000), ("grocery", 12, 2500),
              ("sports", 8, 7000), ("kids", 5, 4000)]
START, END = date(2025, 6, 1), date(2026, 11, 23)
PROFILES_WITHOUT_PURCHASES = {31, 33, 281, 283, 285, 287, 289, 291, 293, 295}

purchases = []
for p in profiles:
    pid = p["id"]
    r = rng.random()
    if pid in PROFILES_WITHOUT_PURCHASES or r < 0.14:
        continue                                     # never bought anything
    if r < 0.45:
        n = rng.randint(1, 5)
    elif r < 0.80:
        n = rng.randint(6, 16)
    elif r < 0.95:
        n = rng.randint(15, 30)
    else:
        n = rng.randint(35, 60)                      # heavy buyers
    kind = rng.choices(["active", "lapsed", "new", "seasonal"], [50, 25, 10, 15])[0]
    window = {"active": (START, END), "lapsed": (START, date(2026, 4, 30)),
              "new": (date(2026, 6, 1), END), "seasonal": (START, END)}[kind]
    first_day = max(window[0], p["created_at"].date())
    last_day = window[1]
    if first_day > last_day:
        first_day, last_day = p["created_at"].date(), END
        if first_day > last_day:
            continue
    for _ in range(n):
        if kind == "seasonal":
            day = rng.choice([rand_date(date(2025, 11, 20), date(2025, 12, 31)),
                              rand_date(date(2026, 2, 15), date(2026, 3, 9)),
                              rand_date(date(2026, 10, 25), date(2026, 11, 23))])
            day = max(day, first_day)
        else:
            day = rand_date(first_day, last_day)
        cat, _, typical = rng.choices(CATEGORIES, [c[1] for c in CATEGORIES])[0]
        cents = max(199, int(rng.lognormvariate(0, 0.6) * typical) // 10 * 10 + rng.choice([0, 9, 90, 99]))
        channel = rng.choices(["store", "web", "app"], [55, 30, 15])[0]
        fav = p["favorite_store_id"]
        if channel == "store":
            if fav is not None and fav != MISSING_STORE_ID and rng.random() < 0.75:
                store = fav
            else:
                local = STORES_BY_COUNTRY.get((p["country"] or "").strip().upper())
                store = rng.choice(local or [s[0] for s in STORES])
        elif channel == "app" and fav not in (None, MISSING_STORE_ID) and rng.random() < 0.3:
            store = fav                               # click and collect
        else:
            store = None
        if store == 12 and day < date(2026, 9, 12):   # Amsterdam opened on 2026-09-12
            store = None if channel != "store" else 1
        when = rand_time(day)
        if when < p["created_at"]:                    # signed up at the till, then paid
            when = p["created_at"] + timedelta(minutes=7)
        if rng.random() < 0.012:
            cents = -cents                             # refund
        purchases.append([pid, store, cents, cat, when, channel])

# hand-made rows: a basket split in two lines at the same instant, purchases exactly 90 days
# before each reference logical time (2026-11-24 09:00 and 2026-03-10 09:00)
purchases.append([12, 1, 4590, "apparel", datetime(2026, 11, 20, 17, 45, 0), "store"])
purchases.append([12, 1, 1290, "beauty", datetime(2026, 11, 20, 17, 45, 0), "store"])
purchases.append([40, None, 8990, "shoes", datetime(2026, 8, 26, 9, 0, 0), "web"])
purchases.append([40, None, 3490, "home", datetime(2025, 12, 10, 9, 0, 0), "web"])
purchases.append([157, 2, 23900, "electronics", datetime(2026, 2, 27, 12, 5, 0), "store"])
purchases.append([233, None, 5990, "sports", datetime(2026, 10, 2, 20, 15, 0), "app"])

purchases.sort(key=lambda row: (row[4], row[0], row[2]))
purchase_rows = [[i + 1, pid, store, money(cents), cat, when, channel]
                 for i, (pid, store, cents, cat, when, channel) in enumerate(purchases)]

# ---------------------------------------------------------------------------- subscriptions

PLANS = [("basic", 499), ("plus", 999), ("premium", 1999)]
SNAPSHOT = date(2026, 11, 23)


def add_months(d, months):
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    last = [31, 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][m - 1]
    return date(y, m, min(d.day, last))


subscriptions = []


def subscribe(pid, plan, started, months, status, auto_renew, price=None):
    prices = dict(PLANS)
    expires = add_months(started, months) if months is not None else None
    subscriptions.append([pid, plan, status, started, expires,
                          money(price if price is not None else prices[plan]), auto_renew])


# subscribers signed up before the first subscription of the data (2025-06-01)
candidates = [p["id"] for p in profiles
              if p["id"] not in (31, 32) and p["created_at"] < datetime(2025, 6, 1)]
rng.shuffle(candidates)
subscribers = sorted(candidates[:128])
for pid in subscribers:
    plan = rng.choices([p[0] for p in PLANS], [50, 35, 15])[0]
    r = rng.random()
    if r < 0.22:
        # active, annual, expiring within the 30 days after 2026-11-24
        expires = rand_date(date(2026, 11, 25), date(2026, 12, 24))
        started = add_months(expires, -12)
        subscribe(pid, plan, started, 12, "active", rng.random() < 0.45)
    elif r < 0.55:
        started = rand_date(date(2025, 12, 26), date(2026, 10, 31))
        subscribe(pid, plan, started, 12, "active", rng.random() < 0.6)
    elif r < 0.75:
        started = rand_date(date(2025, 6, 1), date(2025, 11, 15))
        subscribe(pid, plan, started, 12, "expired" if rng.random() < 0.5 else "active",
                  False)
    elif r < 0.90:
        started = rand_date(date(2025, 6, 1), date(2026, 8, 31))
        subscribe(pid, plan, started, 12, "cancelled", False)  # may still run until expires_on
    else:
        started = rand_date(date(2025, 6, 1), date(2025, 10, 31))
        subscribe(pid, plan, started, 6, "expired", False)
# fix statuses against the snapshot date: an "active" subscription that ended is expired
for row in subscriptions:
    if row[2] == "active" and row[4] is not None and row[4] < SNAPSHOT:
        row[2] = "expired"

# several subscriptions for one profile
for pid in subscribers[:25:3]:
    subscribe(pid, "premium", rand_date(date(2026, 1, 5), date(2026, 6, 30)), 12, "active", True)
subscribe(12, "plus", date(2025, 6, 15), 12, "cancelled", False)
subscribe(12, "premium", date(2025, 12, 20), 12, "active", False)   # expires 2026-12-20
subscribe(12, "basic", date(2026, 3, 1), 12, "active", True, price=249)
subscribe(45, "plus", date(2025, 11, 24), 12, "active", False)      # expires exactly 2026-11-24
subscribe(46, "plus", date(2025, 12, 1), 12, "active", False)       # same household
subscribe(9, "premium", date(2025, 7, 1), None, "active", True)     # no end date
subscribe(9999, "basic", date(2025, 12, 10), 12, "active", False)   # profile was deleted
subscribe(31, "basic", date(2025, 12, 18), 12, "active", False)     # profile without email
subscribe(22, "plus", date(2025, 12, 2), 12, "active", False, price=749)
subscribe(23, "basic", date(2025, 12, 5), 12, "active", True)

subscriptions.sort(key=lambda row: (row[3], row[0], row[1]))
subscription_rows = [[i + 1] + row for i, row in enumerate(subscriptions)]

# ---------------------------------------------------------------------------- partner leads


def partner_leads():
    rows = []
    known = [p for p in profiles if p["email"] and p["email"] == p["email"].strip().lower()
             and p["id"] not in EDGE_CASES]
    rng.shuffle(known)
    sources = ["newsletter", "store_event", "contest", "partner_app"]
    for p in known[:24]:
        rows.append([p["email"], rand_date(date(2026, 9, 1), date(2026, 11, 23)),
                     rng.choice(sources)])
    for p in known[24:27]:                       # case and spaces differ from the CRM
        rows.append([" " + p["email"].upper() + " ", rand_date(date(2026, 10, 1),
                     date(2026, 11, 23)), "contest"])
    for p in known[27:30]:                       # older sign-ups (before the last 30 days)
        rows.append([p["email"], rand_date(date(2026, 2, 1), date(2026, 3, 9)), "newsletter"])
    for i, (first, last) in enumerate([("ines", "haddad"), ("marc", "olivier"),
                                      ("yuki", "tanaka"), ("ana", "silva"),
                                      ("peter", "novak"), ("sara", "lind")]):
        rows.append([f"{first}.{last}@example.org", rand_date(date(2026, 10, 1),
                     date(2026, 11, 23)), sources[i % 4]])                 # unknown to the CRM
    rows.append([known[0]["email"], rand_date(date(2026, 11, 1), date(2026, 11, 23)),
                 "store_event"])                # same lead from a second source
    rows.append([None, date(2026, 11, 5), "partner_app"])                  # no email
    rows.append(["noemi.kovacs@example.net", date(2026, 11, 12), None])    # no source
    rng.shuffle(rows)
    lines = ["email,signup_date,source"] + [",".join(field(v) for v in r) for r in rows]
    lines.insert(17, "bad.date@example.com,2026-02-30,newsletter")          # rejected: bad date
    lines.insert(31, "extra.field@example.com,2026-11-02,contest,vip")     # rejected: 4 fields
    path = os.path.join(OUT, "partner_leads.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines) + "\n")
    print(f"partner_leads.csv: {len(lines) - 1} lines (2 malformed)")


# ---------------------------------------------------------------------------- output

PROFILE_COLUMNS = ["id", "email", "phone", "push_token", "first_name", "last_name", "country",
                   "city", "birth_date", "created_at", "loyalty_points", "email_opt_in",
                   "sms_opt_in", "push_opt_in", "favorite_store_id"]
write_csv("profiles.csv", PROFILE_COLUMNS, [[p[c] for c in PROFILE_COLUMNS] for p in profiles])
write_csv("purchases.csv", ["purchase_id", "profile_id", "store_id", "amount", "category",
                            "purchased_at", "channel"], purchase_rows)
write_csv("stores.csv", ["store_id", "name", "city", "country", "opened_on"],
          [list(s) for s in STORES])
write_csv("subscriptions.csv", ["subscription_id", "profile_id", "plan", "status",
                                "started_on", "expires_on", "monthly_price", "auto_renew"],
          subscription_rows)
partner_leads()
