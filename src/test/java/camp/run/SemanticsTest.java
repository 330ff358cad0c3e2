package camp.run;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantics of .camp (LANGUAGE.md §5 and §6, docs/language-decisions.md) pinned by running
 * small campaigns on the sample data and comparing every output port with hand-written DuckDB
 * SQL computed independently on the same CSV files (see {@link SemOracle}). The two documents are
 * the only specification used: nothing here is derived from camp's SQL generation.
 *
 * <p>Each {@link SemCase} is one run of one campaign written into a fresh {@link SemSandbox} (a
 * copy of samples/retail.camp, samples/data, samples/templates and src/test/resources/semantics,
 * with its own DuckDB file). Every port of every activity that ran must have an expectation:
 * <ul>
 *   <li>{@code port(...)}: the oracle SQL lists one key per output row; camp's count must equal
 *       the number of rows and camp's worktable must hold exactly those keys;</li>
 *   <li>{@code count(...)}: only the number of rows is compared, for ports whose members are
 *       chosen by camp's seeded hash (split {@code random}, dedup {@code random} and the ties
 *       it breaks); their totals and what can be known of them are checked instead;</li>
 *   <li>{@code status(...)}: activities that are not simply done (skipped, pending, failed...);</li>
 *   <li>{@code agree(...)}: a query on camp's state (ledger, saved audiences, exclusion reasons)
 *       that must give the oracle's rows.</li>
 * </ul>
 *
 * <p>Conventions of the oracle SQL: tables profiles (p), purchases, stores, subscriptions typed
 * as retail.camp declares them; {@code :now} and {@code :today} are the run's logical time and
 * date in the campaign's zone; {@code :run} is camp's schema of the run (to follow a random
 * choice of camp's). A port's SQL lists one key per output row.
 */
class SemanticsTest {

    // ================================================================== helpers

    /** One build of profiles per {name, camp condition, SQL condition over profiles p}. */
    static SemCase builds(String name, String[]... rows) {
        StringBuilder camp = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (String[] r : rows) {
            camp.append("activity ").append(r[0]).append(": build profiles where ").append(r[1]).append('\n');
            names.add(r[0]);
        }
        camp.append("flow { ").append(String.join("; ", names)).append(" }\n");
        SemCase c = SemCase.of(name, camp.toString());
        for (String[] r : rows) {
            c.port(r[0] + ".out", "SELECT id FROM profiles p WHERE " + r[2]);
        }
        return c;
    }

    static String[] b(String activity, String campCondition, String sqlCondition) {
        return new String[] {activity, campCondition, sqlCondition};
    }

    static final String FR = "upper(trim(country)) = 'FR'";
    static final String LOYAL = "loyalty_points >= 500";
    static final String RECENT = "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id "
            + "AND x.purchased_at >= :now - INTERVAL 90 DAY)";
    static final String LAPSED = "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id) "
            + "AND NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id "
            + "AND CAST(:now AS DATE) - CAST(x.purchased_at AS DATE) <= 180)";
    /** A row reachable by e-mail: a non-blank address and the consent attribute true. */
    static final String EMAIL_OK = "(email IS NOT NULL AND trim(email) <> '' AND email_opt_in IS TRUE)";
    static final String SMS_OK = "(phone IS NOT NULL AND trim(phone) <> '' AND sms_opt_in IS TRUE)";
    static final String PUSH_OK = "(push_token IS NOT NULL AND trim(push_token) <> '' AND push_opt_in IS TRUE)";

    /** The profiles (alias p) where the SQL condition holds. */
    static String profilesWhere(String condition) {
        return "SELECT id FROM profiles p WHERE " + condition;
    }

    // ================================================================== §5 expressions

    static Stream<SemCase> expressionCases() {
        return Stream.of(
                builds("three-valued logic",
                        // a comparison with null is unknown; not unknown is unknown; where keeps only true
                        b("not_fr", "not (country = \"FR\")", "country IS NOT NULL AND country <> 'FR'"),
                        b("ne_fr", "country != \"FR\"", "country IS NOT NULL AND country <> 'FR'"),
                        b("not_and", "not (loyalty_points >= 500 and email_opt_in)",
                                "(loyalty_points IS NOT NULL AND loyalty_points < 500) OR NOT email_opt_in"),
                        b("or_unknown", "loyalty_points >= 1000 or country = \"DE\"",
                                "coalesce(loyalty_points >= 1000, false) OR coalesce(country = 'DE', false)"),
                        b("not_not", "not not (loyalty_points < 300)", "loyalty_points IS NOT NULL AND loyalty_points < 300"),
                        b("not_or", "not (loyalty_points < 300 or favorite_store_id = 1)",
                                "loyalty_points IS NOT NULL AND loyalty_points >= 300 AND favorite_store_id IS NOT NULL AND favorite_store_id <> 1"),
                        b("is_null", "loyalty_points is null or country is null", "loyalty_points IS NULL OR country IS NULL"),
                        b("is_not_null", "favorite_store_id is not null and not (birth_date is null)",
                                "favorite_store_id IS NOT NULL AND birth_date IS NOT NULL"),
                        b("cmp_null_lit", "loyalty_points = null", "false"),
                        b("not_cmp_null", "not (loyalty_points != null)", "false"),
                        b("coalesce_bool", "coalesce(loyalty_points >= 500, true)",
                                "loyalty_points IS NULL OR loyalty_points >= 500")),
                builds("in, not in and between with nulls",
                        b("in_list", "country in (\"FR\", \"BE\")", "country IN ('FR', 'BE')"),
                        b("in_null", "country in (\"FR\", null)", "country = 'FR'"),
                        b("not_in", "country not in (\"FR\", \"BE\")", "country IS NOT NULL AND country NOT IN ('FR', 'BE')"),
                        b("not_in_null", "country not in (\"FR\", null)", "false"),
                        b("not_in_int", "favorite_store_id not in (1, 2, 3)",
                                "favorite_store_id IS NOT NULL AND favorite_store_id NOT IN (1, 2, 3)"),
                        b("not_of_in", "not (favorite_store_id in (1, 2, 3))",
                                "favorite_store_id IS NOT NULL AND favorite_store_id NOT IN (1, 2, 3)"),
                        b("btw", "loyalty_points between 500 and 1000", "loyalty_points >= 500 AND loyalty_points <= 1000"),
                        b("not_between", "loyalty_points not between 500 and 1000",
                                "loyalty_points < 500 OR loyalty_points > 1000"),
                        b("between_dates", "birth_date between 1990-01-01 and 1999-12-31",
                                "birth_date >= DATE '1990-01-01' AND birth_date <= DATE '1999-12-31'"),
                        b("between_reversed", "loyalty_points between 1000 and 500", "false"),
                        // a null bound: x <= 100 false makes the conjunction false, so not between is true
                        b("between_null", "loyalty_points between null and 1000", "false"),
                        b("not_between_null", "loyalty_points not between null and 100", "loyalty_points > 100"),
                        b("between_expr", "length(first_name) between 3 and 4",
                                "length(first_name) >= 3 AND length(first_name) <= 4")),
                builds("aggregates over a many link",
                        b("no_purchase", "count(purchases) = 0",
                                "NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id)"),
                        b("sum_zero", "sum(purchases.amount) = 0",
                                "coalesce((SELECT sum(amount) FROM purchases x WHERE x.profile_id = p.id), 0) = 0"),
                        b("sum_where_none", "sum(purchases.amount where category = \"no such category\") = 0", "true"),
                        b("count_where_none", "count(purchases where amount > 100000) = 0", "true"),
                        b("avg_null", "avg(purchases.amount) is null",
                                "NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id)"),
                        b("min_null", "min(purchases.purchased_at) is null",
                                "NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id)"),
                        b("max_where_null", "max(purchases.amount where amount > 100000) is null", "true"),
                        b("max_cmp_unknown", "max(purchases.amount) < 1000000",
                                "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id)"),
                        b("count_where", "count(purchases where channel = \"web\") >= 3",
                                "(SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.channel = 'web') >= 3"),
                        b("exists_refund", "exists(purchases where amount < 0)",
                                "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND x.amount < 0)"),
                        b("count_attr", "exists(purchases) and count(purchases.store_id) = 0",
                                "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id) "
                                        + "AND NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND x.store_id IS NOT NULL)"),
                        b("sum_90d", "sum(purchases.amount where purchased_at >= now() - 90 days) >= 250",
                                "(SELECT sum(amount) FROM purchases x WHERE x.profile_id = p.id "
                                        + "AND x.purchased_at >= :now - INTERVAL 90 DAY) >= 250"),
                        b("avg_gt", "avg(purchases.amount) > 100",
                                "(SELECT avg(amount) FROM purchases x WHERE x.profile_id = p.id) > 100"),
                        b("min_refund", "min(purchases.amount) < -50",
                                "(SELECT min(amount) FROM purchases x WHERE x.profile_id = p.id) < -50"),
                        b("nested", "count(purchases where amount > avg(purchases.amount)) >= 4",
                                "(SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.amount > "
                                        + "(SELECT avg(y.amount) FROM purchases y WHERE y.profile_id = p.id)) >= 4"),
                        b("through_one", "count(purchases where store.city = \"Paris\") >= 2",
                                "(SELECT count(*) FROM purchases x JOIN stores s ON s.store_id = x.store_id "
                                        + "WHERE x.profile_id = p.id AND s.city = 'Paris') >= 2"),
                        b("outer_name", "count(purchases where store_id = favorite_store_id) >= 3",
                                "(SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.store_id = p.favorite_store_id) >= 3"),
                        b("max_through_one", "max(purchases.store.opened_on) >= 2020-01-01",
                                "(SELECT max(s.opened_on) FROM purchases x JOIN stores s ON s.store_id = x.store_id "
                                        + "WHERE x.profile_id = p.id) >= DATE '2020-01-01'"),
                        b("active_subs", "count(subscriptions where status = \"active\") >= 2",
                                "(SELECT count(*) FROM subscriptions x WHERE x.profile_id = p.id AND x.status = 'active') >= 2")),
                builds("one link absent is null",
                        b("city_null", "store.city is null",
                                "NOT EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id)"),
                        b("city_ne", "store.city != \"Paris\"",
                                "EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id AND s.city <> 'Paris')"),
                        b("not_country", "not (store.country = \"FR\")",
                                "EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id AND s.country <> 'FR')"),
                        b("coalesced", "coalesce(store.country, \"none\") = \"none\"",
                                "NOT EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id)"),
                        b("home_market", "store.country = upper(trim(country))",
                                "EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id AND s.country = upper(trim(p.country)))")),
                builds("in audience",
                        b("in_loyal", "in audience loyal", "loyalty_points >= 500"),
                        // unknown counts as not in the audience, so `not in audience` is then true
                        b("not_in_loyal", "not in audience loyal", "loyalty_points IS NULL OR loyalty_points < 500"),
                        b("not_in_staff", "not in audience staff",
                                "email IS NULL OR NOT (lower(trim(email)) LIKE '%@maison-nord.example')"),
                        b("in_refined", "in audience loyal_recent",
                                "loyalty_points >= 500 AND EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id "
                                        + "AND x.purchased_at >= :now - INTERVAL 90 DAY)"),
                        b("not_in_lapsed", "not in audience lapsed and exists(purchases)",
                                "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id "
                                        + "AND (CAST(:now AS DATE) - CAST(x.purchased_at AS DATE)) <= 180)"),
                        b("in_contactable", "in audience contactable or sms_opt_in",
                                "(email_opt_in AND email IS NOT NULL) OR sms_opt_in")),
                builds("string operators are case-sensitive",
                        b("has_upper_example", "email contains \"Example\"", "strpos(email, 'Example') > 0"),
                        b("contains_lower", "lower(email) contains \"example.com\"", "strpos(lower(email), 'example.com') > 0"),
                        b("starts_upper", "first_name starts with \"É\"", "left(first_name, 1) = 'É'"),
                        b("starts_lower", "first_name starts with \"é\"", "left(first_name, 1) = 'é'"),
                        b("ends_upper", "email ends with \".COM\"", "right(email, 4) = '.COM'"),
                        b("ends_trimmed", "lower(trim(email)) ends with \".com\"", "right(lower(trim(email)), 4) = '.com'"),
                        b("eq_case", "country = \"fr\"", "country = 'fr'"),
                        b("eq_upper", "upper(trim(country)) = \"FR\"", "upper(trim(country)) = 'FR'"),
                        b("name_eq", "first_name = \"José\"", "first_name = 'José'"),
                        b("not_contains", "not (email contains \"example\")", "email IS NOT NULL AND strpos(email, 'example') = 0"),
                        // the pattern is text, not a LIKE pattern: _ and % are ordinary characters
                        b("contains_underscore", "email contains \"_\"", "strpos(email, '_') > 0"),
                        b("contains_percent", "email contains \"%\"", "strpos(email, '%') > 0"),
                        b("starts_underscore", "email starts with \"_\" or email starts with \"%\"", "false"),
                        b("ends_wildcard", "email ends with \"_example.com\"", "right(email, 12) = '_example.com'"),
                        b("lower_unicode", "lower(first_name) = \"élodie\"", "lower(first_name) = 'élodie'"),
                        b("upper_unicode", "upper(last_name) = \"MÜLLER\"", "upper(last_name) = 'MÜLLER'")),
                builds("matches is an RE2 partial match",
                        b("partial", "email matches \"nguyen\"", "strpos(email, 'nguyen') > 0"),
                        b("case_sensitive", "email matches \"Martin\"", "strpos(email, 'Martin') > 0"),
                        b("anchored", "email matches \"^[a-z]+[.][a-z]+@example[.](com|net)$\"",
                                "email SIMILAR TO '[a-z]+[.][a-z]+@example[.](com|net)'"),
                        b("phone_fr_mobile", "phone matches \"^[+]33[67]\"", "left(phone, 4) IN ('+336', '+337')"),
                        b("not_matches", "not (phone matches \"^[+]\")", "phone IS NOT NULL AND left(phone, 1) <> '+'"),
                        b("digits", "phone matches \"[0-9]{2} [0-9]{2}\"", "phone LIKE '%__ __%' AND phone SIMILAR TO '.*[0-9]{2} [0-9]{2}.*'"),
                        b("class", "push_token matches \"^fcm:[0-9a-f]{24}$\"", "push_token SIMILAR TO 'fcm:[0-9a-f]{24}'"),
                        b("flag_i", "email matches \"(?i)^camille[.]martin@\"", "lower(email) LIKE 'camille.martin@%'"),
                        b("escape_d", "phone matches \"^[+]\\\\d{11}$\"", "regexp_full_match(phone, '[+][0-9]{11}')"),
                        b("alternation", "city matches \"^(Paris|Lyon)$\"", "city IN ('Paris', 'Lyon')")),
                builds("functions",
                        b("lower_upper", "lower(country) = \"fr\" and upper(country) = \"FR\"",
                                "lower(country) = 'fr' AND upper(country) = 'FR'"),
                        b("trim", "trim(email) != email", "trim(email) <> email"),
                        b("length", "length(first_name) <= 4", "length(first_name) <= 4"),
                        b("length_unicode", "length(first_name) = 1", "length(first_name) = 1"),
                        b("coalesce", "coalesce(loyalty_points, 0) < 100", "coalesce(loyalty_points, 0) < 100"),
                        b("abs", "abs(loyalty_points - 500) <= 100", "abs(loyalty_points - 500) <= 100"),
                        b("abs_sum", "abs(sum(purchases.amount where amount < 0)) > 50",
                                "abs(coalesce((SELECT sum(amount) FROM purchases x WHERE x.profile_id = p.id AND x.amount < 0), 0)) > 50"),
                        b("round", "round(avg(purchases.amount)) = 100",
                                "round((SELECT avg(amount) FROM purchases x WHERE x.profile_id = p.id)) = 100"),
                        b("round_n", "round(avg(purchases.amount), 1) >= 150.5",
                                "round((SELECT avg(amount) FROM purchases x WHERE x.profile_id = p.id), 1) >= 150.5"),
                        b("floor_ceil", "floor(loyalty_points / 300) = 2 and ceil(loyalty_points / 300) = 3",
                                "floor(loyalty_points / 300.0) = 2 AND ceil(loyalty_points / 300.0) = 3"),
                        b("exact_division", "loyalty_points / 400 > 2.4", "loyalty_points / 400.0 > 2.4"),
                        b("remainder", "loyalty_points % 7 = 3", "loyalty_points % 7 = 3"),
                        b("year", "year(birth_date) >= 1990", "extract(year FROM birth_date) >= 1990"),
                        b("month", "month(birth_date) = 11", "extract(month FROM birth_date) = 11"),
                        b("day", "day(birth_date) = 24", "extract(day FROM birth_date) = 24"),
                        b("weekday_sunday", "weekday(created_at) = 7", "extract(isodow FROM created_at) = 7"),
                        b("weekday_monday", "weekday(birth_date) = 1", "extract(isodow FROM birth_date) = 1"),
                        b("hour", "hour(created_at) < 9", "extract(hour FROM created_at) < 9"),
                        b("age_18", "age(birth_date) = 18",
                                "extract(year FROM :today) - extract(year FROM birth_date) - CASE WHEN strftime(:today, '%m%d') "
                                        + "< strftime(birth_date, '%m%d') THEN 1 ELSE 0 END = 18"),
                        b("age_range", "age(birth_date) >= 30 and age(birth_date) < 50",
                                "extract(year FROM :today) - extract(year FROM birth_date) - CASE WHEN strftime(:today, '%m%d') "
                                        + "< strftime(birth_date, '%m%d') THEN 1 ELSE 0 END BETWEEN 30 AND 49"),
                        b("days_between", "days_between(created_at, now()) <= 30",
                                "CAST(:now AS DATE) - CAST(created_at AS DATE) <= 30"),
                        b("days_between_neg", "days_between(now(), created_at) >= -30",
                                "CAST(created_at AS DATE) - CAST(:now AS DATE) >= -30"),
                        b("days_between_dates", "days_between(birth_date, today()) < 7000",
                                ":today - birth_date < 7000"),
                        b("concat", "concat(first_name, \" \", last_name) = \"Camille Martin\"",
                                "coalesce(first_name, '') || ' ' || coalesce(last_name, '') = 'Camille Martin'"),
                        b("concat_null", "concat(first_name, \"!\") = \"!\"", "first_name IS NULL"),
                        b("date_of", "date(created_at) = 2025-11-28", "CAST(created_at AS DATE) = DATE '2025-11-28'"),
                        b("date_of_text", "date(email) is null and date(\"2026-02-30\") is null and date(\"2026-02-28\") = 2026-02-28", "true"),
                        b("round_half", "exists(purchases where round(amount) - amount = 0.5)",
                                "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND round(x.amount) - x.amount = 0.5)"),
                        b("round_half_neg", "exists(purchases where amount < 0 and amount - round(amount) = 0.5)",
                                "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND x.amount < 0 AND x.amount - round(x.amount) = 0.5)"),
                        b("modulo_neg", "(loyalty_points - 1000) % 7 = -3", "(loyalty_points - 1000) % 7 = -3"),
                        b("ceil_neg", "ceil((loyalty_points - 1000) / 300) = -1", "ceil((loyalty_points - 1000) / 300.0) = -1")),
                builds("date arithmetic and the logical time",
                        b("ts_minus_days", "created_at >= now() - 90 days", "created_at >= :now - INTERVAL 90 DAY"),
                        b("ts_minus_hours", "created_at >= now() - 36 hours", "created_at >= :now - INTERVAL 36 HOUR"),
                        b("ts_minus_weeks", "created_at >= now() - 2 weeks", "created_at >= :now - INTERVAL 14 DAY"),
                        b("ts_vs_date", "created_at >= today() - 2 weeks",
                                "created_at >= CAST(:today - INTERVAL 14 DAY AS TIMESTAMP)"),
                        b("date_plus_years", "birth_date + 18 years > today()", "birth_date + INTERVAL 18 YEAR > :today"),
                        b("date_plus_month", "birth_date + 1 month >= 2000-03-29 and birth_date < 2000-03-01",
                                "birth_date + INTERVAL 1 MONTH >= DATE '2000-03-29' AND birth_date < DATE '2000-03-01'"),
                        b("date_minus_date", "today() - birth_date < 7000", ":today - birth_date < 7000"),
                        b("date_minus_day", "birth_date - 1 day = 2000-02-28", "birth_date = DATE '2000-02-29'"),
                        b("date_plus_minutes", "birth_date + 90 minutes > 2000-02-29 01:00 and birth_date < 2000-03-01",
                                "birth_date = DATE '2000-02-29'"),
                        b("ts_literal", "created_at >= 2026-11-17 09:00", "created_at >= TIMESTAMP '2026-11-17 09:00:00'"),
                        b("now_vs_date", "now() > 2026-11-24 and today() = 2026-11-24", "true"),
                        b("today_weekday", "weekday(today()) = 2 and month(now()) = 11 and hour(now()) = 9", "true"),
                        b("future", "created_at > now()", "created_at > :now"),
                        b("month_end", "month(birth_date) = 1 and day(birth_date) >= 29 and month(birth_date + 1 month) = 2",
                                "extract(month FROM birth_date) = 1 AND extract(day FROM birth_date) >= 29"),
                        b("month_end_day", "day(birth_date) = 31 and day(birth_date + 1 month) < 31",
                                "extract(day FROM birth_date) = 31 AND extract(day FROM birth_date + INTERVAL 1 MONTH) < 31"),
                        b("ts_between_dates", "created_at between 2026-11-01 and 2026-11-20",
                                "created_at >= TIMESTAMP '2026-11-01 00:00:00' AND created_at <= TIMESTAMP '2026-11-20 00:00:00'"),
                        b("date_vs_ts", "birth_date < now() - 18 years", "birth_date < :now - INTERVAL 18 YEAR"),
                        b("year_ago", "created_at >= now() - 1 year", "created_at >= :now - INTERVAL 1 YEAR"))
        );
    }

    /** The same conditions in another zone: now() and today() are the logical time there. */
    static SemCase zoned() {
        return builds("now and today in the campaign time zone",
                b("today_is_24", "day(today()) = 24 and month(today()) = 11", "true"),
                b("now_hour", "hour(now()) = 0", "true"),
                b("last_day", "created_at >= now() - 1 day", "created_at >= :now - INTERVAL 1 DAY"),
                b("since_today", "created_at >= today() - 3 days", "created_at >= CAST(:today - INTERVAL 3 DAY AS TIMESTAMP)"),
                b("age_today", "age(birth_date) = 18", "birth_date > DATE '2007-11-24' AND birth_date <= DATE '2008-11-24'"),
                b("weekday_today", "weekday(today()) = 2", "true"))
                // 2026-11-23 23:30 UTC is 2026-11-24 00:30 in Paris, a Tuesday
                .with("schedule daily at 09:00 timezone \"Europe/Paris\"")
                .at("2026-11-23T23:30:00Z").zone("Europe/Paris");
    }

    /** And in UTC (no schedule) at the same instant, the logical date is still the 23rd. */
    static SemCase utcNight() {
        return builds("now and today without a schedule are UTC",
                b("today_is_23", "day(today()) = 23", "true"),
                b("now_hour", "hour(now()) = 23", "true"),
                b("last_day", "created_at >= now() - 1 day", "created_at >= :now - INTERVAL 1 DAY"),
                b("age_today", "age(birth_date) = 17", "birth_date > DATE '2008-11-23' AND birth_date <= DATE '2009-11-23'"))
                .at("2026-11-23T23:30:00Z");
    }

    /** Summer time in Paris: now() is 11:00 there; `- 90 days` is calendar arithmetic on the wall clock. */
    static SemCase summerAndDst() {
        return builds("wall-clock arithmetic across daylight saving",
                b("summer_now", "hour(now()) = 11 and day(now()) = 1", "true"))
                .with("schedule daily at 09:00 timezone \"Europe/Paris\"")
                .at("2026-06-01T09:00:00Z").zone("Europe/Paris");
    }

    static SemCase ninetyDaysBack() {
        // 2026-11-24 09:00 in Paris (CET); 90 days earlier is 2026-08-26 09:00 on the wall clock (CEST),
        // where the data has a purchase of profile 40 exactly on the boundary
        return builds("90 days back across the change of time",
                b("boundary", "exists(purchases where purchased_at >= now() - 90 days and purchased_at < 2026-08-27)",
                        "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND x.purchased_at >= TIMESTAMP '2026-08-26 09:00:00' "
                                + "AND x.purchased_at < TIMESTAMP '2026-08-27 00:00:00')"),
                b("days_between_local", "exists(purchases where days_between(purchased_at, now()) = 90)",
                        "EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND CAST(x.purchased_at AS DATE) = DATE '2026-08-26')"))
                .with("schedule daily at 09:00 timezone \"Europe/Paris\"")
                .at("2026-11-24T08:00:00Z").zone("Europe/Paris");
    }

    /** A `query` source with TIMESTAMP WITH TIME ZONE values: converted to the campaign's zone. */
    static SemCase timestamptz(String zone, String schedule) {
        String events = "SELECT range AS id, timezone('" + zone + "', TIMESTAMPTZ '2026-11-23 22:30:00+00' + range * INTERVAL 1 HOUR) AS local_at "
                + "FROM range(5)";
        return SemCase.of("timestamptz converted to " + zone, """
                entity events key id from query \"""SELECT range AS id, TIMESTAMPTZ '2026-11-23 22:30:00+00' + range * INTERVAL 1 HOUR AS happened_at FROM range(5)\""" {
                  id: int
                  happened_at: timestamp
                }
                activity today_events: build events where date(happened_at) = today()
                activity late:         build events where hour(happened_at) = 23
                activity after_now:    build events where happened_at >= now()
                flow { today_events; late; after_now }
                """ + schedule).at("2026-11-24T00:00:00Z").zone(zone)
                .port("today_events.out", "SELECT id FROM (" + events + ") WHERE CAST(local_at AS DATE) = :today")
                .port("late.out", "SELECT id FROM (" + events + ") WHERE hour(local_at) = 23")
                .port("after_now.out", "SELECT id FROM (" + events + ") WHERE local_at >= :now");
    }

    static SemCase leapDayAge(String at, boolean older) {
        // born 2000-02-29: in 2026 the birthday is on March 1
        return builds("age of a leap-day birthday at " + at,
                b("leap", "birth_date = 2000-02-29 and age(birth_date) = 26", older ? "birth_date = DATE '2000-02-29'" : "false"),
                b("leap_25", "birth_date = 2000-02-29 and age(birth_date) = 25", older ? "false" : "birth_date = DATE '2000-02-29'"))
                .at(at);
    }

    static Stream<SemCase> zoneCases() {
        return Stream.of(zoned(), utcNight(), summerAndDst(), ninetyDaysBack(),
                timestamptz("Europe/Paris", "schedule daily at 09:00 timezone \"Europe/Paris\""), timestamptz("UTC", ""),
                leapDayAge("2026-02-28T12:00:00Z", false), leapDayAge("2026-03-01T00:00:00Z", true),
                builds("a param with a null default",
                        b("all_or_one", "only is null or country = only", "true"))
                        .with("param only: text = null"),
                builds("typed params parsed from the command line",
                        b("since_date", "created_at >= since", "created_at >= TIMESTAMP '2026-11-20 00:00:00'"),
                        b("flag_and_ts", "flag and created_at >= at_ts", "created_at >= TIMESTAMP '2026-11-10 12:00:00'"),
                        b("ratio", "loyalty_points * ratio >= 1000", "loyalty_points * 2.5 >= 1000"))
                        .with("param since: date = 2026-11-01\nparam flag: bool = false\nparam at_ts: timestamp = 2026-11-17 09:00\n"
                                + "param ratio: decimal = 1.0")
                        .params(Map.of("since", "2026-11-20", "flag", "yes", "at_ts", "2026-11-10 12:00", "ratio", "2.5")),
                builds("a param given on the command line",
                        b("all_or_one", "only is null or country = only", "country = 'FR'"))
                        .with("param only: text = null").params(Map.of("only", "FR")),
                builds("params override their default",
                        b("loyal_default", "in audience loyal", "loyalty_points >= 800"),
                        b("param_direct", "loyalty_points >= min_points and lapsed_days = 180", "loyalty_points >= 800"))
                        .params(Map.of("min_points", "800")));
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT) // each case runs in a sandbox of its own
    @MethodSource("zoneCases")
    void logicalTime(SemCase c) {
        try (SemSandbox box = SemSandbox.create()) {
            c.runAndCheck(box);
        }
    }

    // ================================================================== §6 build

    static SemCase buildCase() {
        return SemCase.of("build audiences and skip empty", """
                activity refined:     build loyal_recent where upper(trim(country)) = "FR"
                activity lapsed_b:    build lapsed
                activity reach:       build contactable where not in audience staff
                activity none:        build profiles where loyalty_points > 1000000 skip empty
                activity none_next:   alert "never" "skipped"
                activity none_end:    end
                activity some:        build profiles where loyalty_points > 3000 skip empty
                activity some_next:   alert "some" "it runs"
                activity empty:       build profiles where loyalty_points > 1000000
                activity empty_split: split { everyone: true  rest: remainder }
                flow {
                  refined; lapsed_b; reach
                  none -> none_next -> none_end
                  some -> some_next
                  empty -> empty_split
                }
                """)
                // an audience that refines another applies both conditions, then the build's where
                .port("refined.out", profilesWhere(LOYAL + " AND " + RECENT + " AND " + FR))
                .port("lapsed_b.out", profilesWhere(LAPSED))
                .port("reach.out", profilesWhere("email_opt_in AND email IS NOT NULL "
                        + "AND NOT ends_with(lower(trim(email)), '@maison-nord.example')"))
                // skip empty: an empty result does not activate what follows, nor what follows that
                .port("none.out", 0).status("none_next", "skipped").status("none_end", "skipped")
                .port("some.out", profilesWhere("loyalty_points > 3000"))
                .port("some_next.out", profilesWhere("loyalty_points > 3000"))
                // without skip empty, an empty worktable flows on
                .port("empty.out", 0).port("empty_split.everyone", 0).port("empty_split.rest", 0);
    }

    // ================================================================== §6 split

    static SemCase splitCase() {
        String cte = """
                WITH i AS (SELECT id, loyalty_points lp, birth_date bd FROM profiles),
                gold AS (SELECT id FROM i WHERE lp >= 1000 QUALIFY row_number() OVER (ORDER BY lp DESC NULLS LAST, id) <= 10),
                silver AS (SELECT id FROM i WHERE lp >= 500 AND id NOT IN (SELECT id FROM gold)
                           QUALIFY row_number() OVER (ORDER BY id) <= 20),
                pct AS (SELECT id FROM i WHERE lp >= 200 AND id NOT IN (SELECT id FROM gold UNION ALL SELECT id FROM silver)
                        QUALIFY row_number() OVER (ORDER BY id) <= (SELECT floor(count(*) * 10 / 100) FROM i)),
                unknown AS (SELECT id FROM i WHERE lp IS NULL
                            AND id NOT IN (SELECT id FROM gold UNION ALL SELECT id FROM silver UNION ALL SELECT id FROM pct)),
                taken AS (SELECT id FROM gold UNION ALL SELECT id FROM silver UNION ALL SELECT id FROM pct
                          UNION ALL SELECT id FROM unknown),
                young AS (SELECT id FROM i WHERE (bd >= DATE '2007-01-01' OR bd IS NULL) AND id NOT IN (SELECT id FROM taken)
                          QUALIFY row_number() OVER (ORDER BY bd DESC NULLS LAST, id) <= 8),
                rest AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM taken UNION ALL SELECT id FROM young))
                """;
        return SemCase.of("split segments limits and remainder", """
                activity everyone: build profiles
                activity tiers: split {
                  gold:    loyalty_points >= 1000 limit 10 order by loyalty_points desc
                  silver:  loyalty_points >= 500 limit 20
                  pct:     loyalty_points >= 200 limit 10%
                  unknown: loyalty_points is null
                  young:   birth_date >= 2007-01-01 or birth_date is null limit 8 order by birth_date desc
                  rest:    remainder
                }
                flow { everyone -> tiers }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                // top 10 by points (ties by ascending key)
                .port("tiers.gold", cte + "SELECT id FROM gold")
                // the rows gold's limit cut stay available; no order: the lowest keys
                .port("tiers.silver", cte + "SELECT id FROM silver")
                // 10 % of the split's input (300), rounded down
                .port("tiers.pct", cte + "SELECT id FROM pct")
                .port("tiers.unknown", cte + "SELECT id FROM unknown")
                // nulls come last, descending too
                .port("tiers.young", cte + "SELECT id FROM young")
                .port("tiers.rest", cte + "SELECT id FROM rest");
    }

    static SemCase splitOrderCase() {
        String cte = """
                WITH i AS (SELECT id, loyalty_points lp, created_at ca FROM profiles),
                lowest AS (SELECT id FROM i WHERE lp >= 500 QUALIFY row_number() OVER (ORDER BY lp ASC NULLS LAST, id) <= 3),
                t1 AS (SELECT id FROM lowest),
                top AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM t1)
                        QUALIFY row_number() OVER (ORDER BY lp DESC NULLS LAST, ca ASC NULLS LAST, id) <= 5),
                t2 AS (SELECT id FROM t1 UNION ALL SELECT id FROM top),
                bottom AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM t2)
                           QUALIFY row_number() OVER (ORDER BY lp ASC NULLS LAST, id) <= 6),
                t3 AS (SELECT id FROM t2 UNION ALL SELECT id FROM bottom),
                nulls_tie AS (SELECT id FROM i WHERE lp IS NULL AND id NOT IN (SELECT id FROM t3)
                              QUALIFY row_number() OVER (ORDER BY id) <= 2),
                t4 AS (SELECT id FROM t3 UNION ALL SELECT id FROM nulls_tie),
                by_expr AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM t4)
                            QUALIFY row_number() OVER (ORDER BY coalesce(lp, 0) ASC, id DESC) <= 7),
                t5 AS (SELECT id FROM t4 UNION ALL SELECT id FROM by_expr),
                rest AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM t5))
                """;
        return SemCase.of("split order by ties and nulls last", """
                activity everyone: build profiles
                activity s: split {
                  lowest:    loyalty_points >= 500 limit 3 order by loyalty_points asc
                  top:       true limit 5 order by loyalty_points desc, created_at asc
                  bottom:    true limit 6 order by loyalty_points
                  nulls_tie: loyalty_points is null limit 2 order by loyalty_points desc
                  by_expr:   true limit 7 order by coalesce(loyalty_points, 0) asc, id desc
                  rest:      remainder
                }
                flow { everyone -> s }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                .port("s.lowest", cte + "SELECT id FROM lowest")
                .port("s.top", cte + "SELECT id FROM top")
                .port("s.bottom", cte + "SELECT id FROM bottom")
                .port("s.nulls_tie", cte + "SELECT id FROM nulls_tie")
                .port("s.by_expr", cte + "SELECT id FROM by_expr")
                .port("s.rest", cte + "SELECT id FROM rest");
    }

    static SemCase splitPercentCase() {
        String cte = """
                WITH i AS (SELECT id, loyalty_points lp FROM profiles p WHERE upper(trim(country)) = 'FR'),
                n AS (SELECT count(*) AS n FROM i),
                q AS (SELECT id FROM i WHERE lp >= 500 QUALIFY row_number() OVER (ORDER BY id) <= (SELECT floor(n * 25 / 100) FROM n)),
                third AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM q)
                          QUALIFY row_number() OVER (ORDER BY id) <= (SELECT floor(n * 33 / 100) FROM n)),
                many AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM q UNION ALL SELECT id FROM third))
                """;
        return SemCase.of("split limit percent of the input", """
                activity fr: build profiles where upper(trim(country)) = "FR"
                activity s: split {
                  q:     loyalty_points >= 500 limit 25%
                  third: true limit 33%
                  none:  loyalty_points > 1000000 limit 50%
                  many:  true limit 1000
                  rest:  remainder
                }
                flow { fr -> s }
                """)
                .port("fr.out", profilesWhere(FR))
                .port("s.q", cte + "SELECT id FROM q")
                .port("s.third", cte + "SELECT id FROM third")
                .port("s.none", 0)
                .port("s.many", cte + "SELECT id FROM many")
                .port("s.rest", 0);
    }

    static SemCase splitOverlappingCase() {
        String cte = """
                WITH i AS (SELECT id, loyalty_points lp, upper(trim(country)) c FROM profiles),
                fr AS (SELECT id FROM i WHERE c = 'FR' QUALIFY row_number() OVER (ORDER BY lp DESC NULLS LAST, id) <= 15),
                loyal AS (SELECT id FROM i WHERE lp >= 500),
                de AS (SELECT id FROM i WHERE c = 'DE' QUALIFY row_number() OVER (ORDER BY id) <= (SELECT floor(count(*) * 5 / 100) FROM i)),
                cut AS (SELECT id FROM i WHERE lp >= 1000 QUALIFY row_number() OVER (ORDER BY id) <= 3),
                rest AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM fr UNION ALL SELECT id FROM loyal
                                                           UNION ALL SELECT id FROM de UNION ALL SELECT id FROM cut))
                """;
        return SemCase.of("split overlapping", """
                activity everyone: build profiles
                activity s: split overlapping {
                  fr:    upper(trim(country)) = "FR" limit 15 order by loyalty_points desc
                  loyal: loyalty_points >= 500
                  de:    upper(trim(country)) = "DE" limit 5%
                  cut:   loyalty_points >= 1000 limit 3
                  rest:  remainder
                }
                flow { everyone -> s }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                // each segment sees every row; remainder gets the rows no segment took
                .port("s.fr", cte + "SELECT id FROM fr")
                .port("s.loyal", cte + "SELECT id FROM loyal")
                .port("s.de", cte + "SELECT id FROM de")
                .port("s.cut", cte + "SELECT id FROM cut")
                .port("s.rest", cte + "SELECT id FROM rest");
    }

    static SemCase splitRandomCase() {
        String in = "SELECT id FROM profiles WHERE email IS NOT NULL";
        return SemCase.of("split random and skip empty", """
                activity addressed: build profiles where email is not null
                activity groups: split {
                  control: true limit 10% random
                  target:  remainder
                }
                activity picks: split overlapping {
                  all_rich: loyalty_points >= 3000 limit 100 random
                  five:     true limit 5 random
                }
                activity s: split {
                  none: loyalty_points > 1000000 skip empty
                  some: loyalty_points > 2000 skip empty
                  fr:   upper(trim(country)) = "FR"
                }
                activity none_a: alert "none" "never"
                activity some_a: alert "some" "runs"
                activity fr_a:   alert "fr" "runs"
                activity r:      split { every: true  rest: remainder skip empty }
                activity rest_a: alert "rest" "never"
                activity o:      split overlapping {
                                   fr: upper(trim(country)) = "FR" limit 10 random
                                   de: upper(trim(country)) = "DE"
                                   rest: remainder skip empty
                                 }
                flow {
                  addressed -> r
                  r.rest -> rest_a
                  addressed -> o
                  addressed -> groups
                  addressed -> picks
                  addressed -> s
                  s.none -> none_a
                  s.some -> some_a
                  s.fr -> fr_a
                }
                """)
                .port("addressed.out", in)
                // which rows a random limit keeps depends on the run's seed: only the counts are fixed
                .count("groups.control", "SELECT 1 FROM range((SELECT floor(count(*) * 10 / 100)::BIGINT FROM (" + in + ")))")
                .count("groups.target", "SELECT 1 FROM range((SELECT (count(*) - floor(count(*) * 10 / 100))::BIGINT FROM (" + in + ")))")
                .port("picks.all_rich", in + " AND loyalty_points >= 3000")
                .count("picks.five", "SELECT 1 FROM range(5)")
                .port("s.none", 0).status("none_a", "skipped")
                .port("s.some", in + " AND loyalty_points > 2000")
                .port("some_a.out", in + " AND loyalty_points > 2000")
                // a split without remainder drops the rows no segment accepts
                .port("s.fr", in + " AND upper(trim(country)) = 'FR' AND NOT coalesce(loyalty_points > 2000, false)")
                .port("fr_a.out", in + " AND upper(trim(country)) = 'FR' AND NOT coalesce(loyalty_points > 2000, false)")
                // an empty remainder with skip empty activates nothing
                .port("r.every", in).port("r.rest", 0).status("rest_a", "skipped")
                // overlapping: the French rows the random limit left out are in nobody's segment, so in the remainder
                .count("o.fr", "SELECT 1 FROM range(10)")
                .port("o.de", in + " AND upper(trim(country)) = 'DE'")
                .count("o.rest", in + " AND NOT coalesce(upper(trim(country)) = 'DE', false) LIMIT (SELECT count(*) - 10 FROM ("
                        + in + " AND NOT coalesce(upper(trim(country)) = 'DE', false)))");
    }

    // ================================================================== §6 dedup

    static SemCase dedupCase() {
        String rn = "SELECT id FROM profiles QUALIFY row_number() OVER (PARTITION BY %s ORDER BY %s) %s";
        String groupsOf = "SELECT lower(trim(email)) g, bool_or(phone IS NOT NULL AND trim(phone) <> '') has_phone "
                + "FROM profiles GROUP BY 1";
        String storeGroups = "SELECT favorite_store_id g, bool_or(country = 'DE') de, bool_or(country = 'FR') fr "
                + "FROM profiles GROUP BY 1";
        return SemCase.of("dedup methods keep and null keys", """
                activity everyone: build profiles
                activity d_first:  dedup by lower(trim(email)) first by loyalty_points desc, created_at asc, id asc
                activity d_keep2:  dedup by country keep 2 first by loyalty_points desc, id desc
                activity d_keep0:  dedup by upper(trim(country)) keep 0
                activity d_two:    dedup by country, favorite_store_id first by created_at desc, id asc
                activity d_random: dedup by lower(trim(email))
                activity s_random: split {
                  camille:  lower(trim(email)) = "camille.martin@example.com"
                  nguyen:   lower(trim(email)) = "famille.nguyen@example.net"
                  no_email: email is null
                  rest:     remainder
                }
                activity d_phone:  dedup by lower(trim(email)) non empty phone
                activity s_phone:  split { with_phone: phone is not null and trim(phone) != ""  without: remainder }
                activity d_prefer: dedup by favorite_store_id prefer country in ("DE", "FR")
                activity s_prefer: split { de: country = "DE"  fr: country = "FR"  other: remainder }
                activity d_keep2r: dedup by upper(trim(country)) keep 2
                flow {
                  everyone -> d_first, d_keep2, d_keep0, d_two, d_random, d_phone, d_prefer, d_keep2r
                  d_random -> s_random
                  d_phone -> s_phone
                  d_prefer -> s_prefer
                }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                // null e-mails form one group, as in GROUP BY; nulls sort last in first by
                .port("d_first.out", rn.formatted("lower(trim(email))", "loyalty_points DESC NULLS LAST, created_at ASC NULLS LAST, id", "= 1"))
                .port("d_first.duplicates", rn.formatted("lower(trim(email))", "loyalty_points DESC NULLS LAST, created_at ASC NULLS LAST, id", "> 1"))
                .port("d_keep2.out", rn.formatted("country", "loyalty_points DESC NULLS LAST, id DESC", "<= 2"))
                .port("d_keep2.duplicates", rn.formatted("country", "loyalty_points DESC NULLS LAST, id DESC", "> 2"))
                // keep 0 keeps every row
                .port("d_keep0.out", "SELECT id FROM profiles")
                .port("d_keep0.duplicates", 0)
                .port("d_two.out", rn.formatted("country, favorite_store_id", "created_at DESC NULLS LAST, id", "= 1"))
                .port("d_two.duplicates", rn.formatted("country, favorite_store_id", "created_at DESC NULLS LAST, id", "> 1"))
                // random: the seeded choice decides which rows, not how many
                .count("d_random.out", "SELECT 1 FROM profiles GROUP BY lower(trim(email))")
                .count("d_random.duplicates", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY lower(trim(email))) > 1")
                .count("s_random.camille", "SELECT 1")
                .count("s_random.nguyen", "SELECT 1")
                .count("s_random.no_email", "SELECT 1")
                .count("s_random.rest", "SELECT 1 FROM profiles WHERE email IS NOT NULL AND lower(trim(email)) NOT IN "
                        + "('camille.martin@example.com', 'famille.nguyen@example.net') GROUP BY lower(trim(email))")
                // non empty: a group keeps a row with a phone whenever it has one
                .count("d_phone.out", "SELECT 1 FROM profiles GROUP BY lower(trim(email))")
                .count("d_phone.duplicates", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY lower(trim(email))) > 1")
                .count("s_phone.with_phone", "SELECT g FROM (" + groupsOf + ") WHERE has_phone")
                .count("s_phone.without", "SELECT g FROM (" + groupsOf + ") WHERE NOT has_phone")
                // prefer: the listed values in their order, then the others
                .count("d_prefer.out", "SELECT 1 FROM profiles GROUP BY favorite_store_id")
                .count("d_prefer.duplicates", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY favorite_store_id) > 1")
                .count("s_prefer.de", "SELECT g FROM (" + storeGroups + ") WHERE de")
                .count("s_prefer.fr", "SELECT g FROM (" + storeGroups + ") WHERE NOT de AND fr")
                .count("s_prefer.other", "SELECT g FROM (" + storeGroups + ") WHERE NOT de AND NOT fr")
                .count("d_keep2r.out", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY upper(trim(country))) <= 2")
                .count("d_keep2r.duplicates", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY upper(trim(country))) > 2");
    }

    // ================================================================== §6 combine

    static SemCase combineCase() {
        String a = profilesWhere(LOYAL), bb = profilesWhere(FR), c = profilesWhere(RECENT);
        return SemCase.of("combine union intersection exclusion", """
                activity loyal_b:  build loyal
                activity fr_b:     build profiles where upper(trim(country)) = "FR"
                activity recent_b: build recent_buyers
                activity u:  combine union
                activity i:  combine intersection
                activity x:  combine exclusion
                activity x2: combine exclusion
                flow {
                  loyal_b, fr_b -> u
                  loyal_b, fr_b, recent_b -> i
                  loyal_b, fr_b, recent_b -> x
                  recent_b, loyal_b -> x2
                }
                """)
                .port("loyal_b.out", a).port("fr_b.out", bb).port("recent_b.out", c)
                .port("u.out", a + " UNION " + bb)
                // union's complement is always empty
                .port("u.complement", 0)
                .port("i.out", a + " INTERSECT " + bb + " INTERSECT " + c)
                // intersection's complement: the union minus the intersection
                .port("i.complement", "(" + a + " UNION " + bb + " UNION " + c + ") EXCEPT (" + a + " INTERSECT " + bb + " INTERSECT " + c + ")")
                // exclusion: the first listed input minus the others; complement: the primary rows excluded
                .port("x.out", a + " EXCEPT (" + bb + " UNION " + c + ")")
                .port("x.complement", a + " INTERSECT (" + bb + " UNION " + c + ")")
                .port("x2.out", c + " EXCEPT " + a)
                .port("x2.complement", c + " INTERSECT " + a);
    }

    static SemCase combineKeysOnceCase() {
        // purchases -> store (a one link) repeats a store once per purchase; combine keeps each key once
        String shops = "SELECT store_id FROM purchases WHERE purchased_at >= :now - INTERVAL 30 DAY AND store_id IN (SELECT store_id FROM stores)";
        String fr = "SELECT store_id FROM stores WHERE country = 'FR'";
        return SemCase.of("combine keeps each key once", """
                activity buys:     build purchases where purchased_at >= now() - 30 days
                activity shops:    change dimension to store
                activity fr_shops: build stores where country = "FR"
                activity su: combine union
                activity si: combine intersection
                activity sx: combine exclusion
                activity sx2: combine exclusion
                flow {
                  buys -> shops
                  shops, fr_shops -> su
                  shops, fr_shops -> si
                  shops, fr_shops -> sx
                  fr_shops, shops -> sx2
                }
                """)
                .port("buys.out", "SELECT purchase_id FROM purchases WHERE purchased_at >= :now - INTERVAL 30 DAY")
                .port("shops.out", shops)
                .port("fr_shops.out", fr)
                .port("su.out", shops + " UNION " + fr)
                .port("su.complement", 0)
                .port("si.out", shops + " INTERSECT " + fr)
                .port("si.complement", "(" + shops + " UNION " + fr + ") EXCEPT (" + shops + " INTERSECT " + fr + ")")
                .port("sx.out", shops + " EXCEPT " + fr)
                .port("sx.complement", shops + " INTERSECT " + fr)
                .port("sx2.out", fr + " EXCEPT " + shops)
                .port("sx2.complement", fr + " INTERSECT " + shops);
    }

    static SemCase combineColumnsCase() {
        String a = profilesWhere("loyalty_points >= 1000"), bb = profilesWhere(FR);
        return SemCase.of("combine carries enriched columns", """
                activity a_b: build profiles where loyalty_points >= 1000
                activity ta:  enrich { tag = "a"  pts = loyalty_points }
                activity b_b: build profiles where upper(trim(country)) = "FR"
                activity tb:  enrich { tag = "b"  pts = 0 }
                activity u:   combine union
                activity us:  split { from_a: tag = "a"  from_b: tag = "b"  other: remainder }
                activity i:   combine intersection
                activity is_: split { from_a: tag = "a"  from_b: tag = "b" and pts = 0 }
                activity x:   combine exclusion
                activity xs:  split { big: pts >= 2000  rest: remainder }
                flow {
                  a_b -> ta
                  b_b -> tb
                  ta, tb -> u -> us
                  tb, ta -> i -> is_
                  ta, tb -> x -> xs
                }
                """)
                .port("a_b.out", a).port("ta.out", a).port("b_b.out", bb).port("tb.out", bb)
                .port("u.out", a + " UNION " + bb).port("u.complement", 0)
                // union takes a key's values from the first input (in flow order) that has it
                .port("us.from_a", a).port("us.from_b", bb + " EXCEPT " + a).port("us.other", 0)
                .port("i.out", a + " INTERSECT " + bb)
                .port("i.complement", "(" + a + " UNION " + bb + ") EXCEPT (" + a + " INTERSECT " + bb + ")")
                // intersection takes them from the primary (first listed) input
                .port("is_.from_a", 0).port("is_.from_b", a + " INTERSECT " + bb)
                .port("x.out", a + " EXCEPT " + bb).port("x.complement", a + " INTERSECT " + bb)
                .port("xs.big", profilesWhere("loyalty_points >= 2000 AND NOT coalesce(" + FR + ", false)"))
                .port("xs.rest", profilesWhere("loyalty_points >= 1000 AND loyalty_points < 2000 AND NOT coalesce(" + FR + ", false)"));
    }

    // ================================================================== §6 enrich, change dimension

    static SemCase enrichDimensionCase() {
        String frBuys = "SELECT x.purchase_id, x.store_id, p.id AS pid, "
                + "(SELECT sum(y.amount) FROM purchases y WHERE y.profile_id = p.id) AS spent, "
                + "(SELECT count(*) FROM purchases y WHERE y.profile_id = p.id) AS n, coalesce(p.loyalty_points, 0) AS pts "
                + "FROM profiles p JOIN purchases x ON x.profile_id = p.id WHERE " + FR.replace("country", "p.country");
        return SemCase.of("enrich and change dimension", """
                activity fr:     build profiles where upper(trim(country)) = "FR"
                activity e:      enrich {
                                   spent = sum(purchases.amount)
                                   n     = count(purchases)
                                   pts   = coalesce(loyalty_points, 0)
                                 }
                activity e2:     enrich { twice = n * 2  label = concat(first_name, "/", store.city) }
                activity es:     split { busy: twice >= 20  paris: label ends with "/Paris"  rest: remainder }
                activity buys:   change dimension to purchases
                activity bs:     split { big_spender: spent >= 1000  rich: pts >= 1000  large: amount > 200  rest: remainder }
                activity back:   change dimension to profile
                activity backs:  split { many: n >= 10  rest: remainder }
                activity shop:   change dimension to store
                activity shops:  split { paris: city = "Paris" and spent > 500  rest: remainder }
                activity subs:   change dimension to subscriptions
                activity subs_s: split { active: status = "active" and pts > 0  rest: remainder }
                activity all_subs: build subscriptions
                activity owners: change dimension to profile
                flow {
                  fr -> e -> e2 -> es
                  e -> buys -> bs
                  buys -> back -> backs
                  buys -> shop -> shops
                  e -> subs -> subs_s
                  all_subs -> owners
                }
                """)
                .port("fr.out", profilesWhere(FR))
                .port("e.out", profilesWhere(FR))
                .port("e2.out", profilesWhere(FR))
                // enriched columns are available by name to every later activity
                .port("es.busy", profilesWhere(FR + " AND (SELECT count(*) FROM purchases y WHERE y.profile_id = p.id) * 2 >= 20"))
                .port("es.paris", profilesWhere(FR + " AND (SELECT count(*) FROM purchases y WHERE y.profile_id = p.id) * 2 < 20 "
                        + "AND EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id AND s.city = 'Paris')"))
                .port("es.rest", profilesWhere(FR + " AND (SELECT count(*) FROM purchases y WHERE y.profile_id = p.id) * 2 < 20 "
                        + "AND NOT EXISTS (SELECT 1 FROM stores s WHERE s.store_id = p.favorite_store_id AND s.city = 'Paris')"))
                // to a many link: one row per related record, keeping the enriched columns
                .port("buys.out", "SELECT purchase_id FROM (" + frBuys + ")")
                .port("bs.big_spender", "SELECT purchase_id FROM (" + frBuys + ") WHERE spent >= 1000")
                .port("bs.rich", "SELECT purchase_id FROM (" + frBuys + ") WHERE NOT spent >= 1000 AND pts >= 1000")
                .port("bs.large", "SELECT b.purchase_id FROM (" + frBuys + ") b JOIN purchases x USING (purchase_id) "
                        + "WHERE NOT b.spent >= 1000 AND NOT b.pts >= 1000 AND x.amount > 200")
                .port("bs.rest", "SELECT b.purchase_id FROM (" + frBuys + ") b JOIN purchases x USING (purchase_id) "
                        + "WHERE NOT b.spent >= 1000 AND NOT b.pts >= 1000 AND NOT x.amount > 200")
                // back to a one link: one row per source row (no dedup)
                .port("back.out", "SELECT pid FROM (" + frBuys + ")")
                .port("backs.many", "SELECT pid FROM (" + frBuys + ") WHERE n >= 10")
                .port("backs.rest", "SELECT pid FROM (" + frBuys + ") WHERE n < 10")
                // to a one link: rows pointing at no record are dropped
                .port("shop.out", "SELECT b.store_id FROM (" + frBuys + ") b JOIN stores s ON s.store_id = b.store_id")
                .port("shops.paris", "SELECT b.store_id FROM (" + frBuys + ") b JOIN stores s ON s.store_id = b.store_id "
                        + "WHERE s.city = 'Paris' AND b.spent > 500")
                .port("shops.rest", "SELECT b.store_id FROM (" + frBuys + ") b JOIN stores s ON s.store_id = b.store_id "
                        + "WHERE NOT (s.city = 'Paris' AND b.spent > 500)")
                .port("subs.out", "SELECT su.subscription_id FROM subscriptions su JOIN profiles p ON p.id = su.profile_id WHERE " + FR)
                .port("subs_s.active", "SELECT su.subscription_id FROM subscriptions su JOIN profiles p ON p.id = su.profile_id WHERE "
                        + FR + " AND su.status = 'active' AND coalesce(p.loyalty_points, 0) > 0")
                .port("subs_s.rest", "SELECT su.subscription_id FROM subscriptions su JOIN profiles p ON p.id = su.profile_id WHERE "
                        + FR + " AND NOT (su.status = 'active' AND coalesce(p.loyalty_points, 0) > 0)")
                .port("all_subs.out", "SELECT subscription_id FROM subscriptions")
                // the subscription of a deleted profile points at nothing: dropped
                .port("owners.out", "SELECT p.id FROM subscriptions su JOIN profiles p ON p.id = su.profile_id");
    }

    // ================================================================== §6 test, fork, join, wait, alert, end

    static SemCase testCase(Map<String, String> params, String taken) {
        String loyal = profilesWhere(LOYAL);
        SemCase c = SemCase.of("test routing on count " + params, """
                param threshold: int = 100
                activity loyal_b: build loyal
                activity t1: test { big: count >= threshold  medium: count >= 10  other: otherwise }
                activity t2: test { huge: count >= 100000  tiny: count < 1 }
                activity t3: test { all_in: count = 115 and threshold >= 0 }
                activity nobody: build profiles where loyalty_points > 1000000
                activity t4: test { empty: count = 0  other: otherwise }
                activity big_a:    alert "big" "x"
                activity medium_a: alert "medium" "x"
                activity other_a:  alert "other" "x"
                activity huge_a:   alert "huge" "x"
                activity tiny_a:   alert "tiny" "x"
                activity all_a:    alert "all" "x"
                activity empty_a:  alert "empty" "x"
                activity other4_a: alert "other4" "x"
                flow {
                  loyal_b -> t1
                  t1.big -> big_a
                  t1.medium -> medium_a
                  t1.other -> other_a
                  loyal_b -> t2
                  t2.huge -> huge_a
                  t2.tiny -> tiny_a
                  loyal_b -> t3
                  t3.all_in -> all_a
                  nobody -> t4
                  t4.empty -> empty_a
                  t4.other -> other4_a
                }
                """).params(params)
                .port("loyal_b.out", loyal)
                // no condition holds and no otherwise: the branch ends there
                .port("t2.huge", 0).port("t2.tiny", 0).status("huge_a", "skipped").status("tiny_a", "skipped")
                .port("t3.all_in", loyal).port("all_a.out", loyal)
                .port("nobody.out", 0)
                .port("t4.empty", 0).port("t4.other", 0).port("empty_a.out", 0).status("other4_a", "skipped");
        // the whole input goes to the first condition that holds
        for (String branch : List.of("big", "medium", "other")) {
            if (branch.equals(taken)) {
                c.port("t1." + branch, loyal).port(branch + "_a.out", loyal);
            } else {
                c.port("t1." + branch, 0).status(branch + "_a", "skipped");
            }
        }
        return c;
    }

    static SemCase forkJoinWaitCase() {
        String a = profilesWhere(FR), bb = profilesWhere("loyalty_points >= 1000");
        return SemCase.of("fork join wait alert end", """
                activity a:  build profiles where upper(trim(country)) = "FR"
                activity b:  build profiles where loyalty_points >= 1000
                activity f:  fork
                activity f1: alert "f1" "x"
                activity f2: split { rich: loyalty_points >= 1000  rest: remainder }
                activity j1: join
                activity j2: join primary b
                activity j3: join primary a
                activity w1: wait 6 hours
                activity w2: wait until 2026-11-24 12:00
                activity w3: wait 1 day
                activity ws: split { loyal: in audience loyal }
                activity fin: end
                flow {
                  a -> f -> f1, f2
                  a, b -> j1
                  a, b -> j2
                  b, a -> j3
                  a -> w1 -> ws
                  b -> w2 -> fin
                  f1, j1 -> fin
                  b -> w3
                }
                """).at("2026-11-23T09:00:00Z")
                .port("a.out", a).port("b.out", bb)
                // fork: the same rows to every target
                .port("f.out", a).port("f1.out", a)
                .port("f2.rich", a + " AND loyalty_points >= 1000").port("f2.rest", a + " AND NOT coalesce(loyalty_points >= 1000, false)")
                // join carries the primary input's rows; default: the first listed
                .port("j1.out", a).port("j2.out", bb).port("j3.out", a)
                // waits whose time has passed go on at once, with their rows
                .port("w1.out", a).port("w2.out", bb).port("w3.out", bb)
                .port("ws.loyal", a + " AND " + LOYAL);
    }

    static SemCase waitingCase() {
        String a = profilesWhere(FR);
        return SemCase.of("a wait whose time has not come holds the run", """
                activity a:  build profiles where upper(trim(country)) = "FR"
                activity w:  wait until 2099-01-01 00:00
                activity after: alert "after" "x"
                activity other: split { loyal: loyalty_points >= 500 }
                flow { a -> w -> after; a -> other }
                """)
                .runStatus("waiting")
                .port("a.out", a)
                .status("w", "waiting").status("after", "pending")
                .port("other.loyal", a + " AND " + LOYAL);
    }

    // ================================================================== §6 load, reconcile

    static final String LEADS_FILE = SemSandbox.SAMPLES.resolve("data/partner_leads.csv").toAbsolutePath().toString();
    static final String TYPED_FILE = SemSandbox.RESOURCES.resolve("typed.csv").toAbsolutePath().toString();
    static final String CRM_FILE = SemSandbox.RESOURCES.resolve("crm.csv").toAbsolutePath().toString();

    /** The data lines of a CSV file (no quoted commas in these files): n = line number, f = fields. */
    static String linesOf(String file) {
        return "raw AS (SELECT string_split(content, chr(10)) AS l FROM read_text('" + file + "')), "
                + "lines AS (SELECT unnest(l) AS line, generate_subscripts(l, 1) AS n FROM raw), "
                + "body AS (SELECT n, string_split(line, ',') AS f FROM lines WHERE n > 1 AND line <> '')";
    }

    /** partner_leads.csv typed as { email: text  signup_date: date  source: text }: good lines, normalised. */
    static final String LEADS = "WITH " + linesOf(LEADS_FILE) + """
            , checked AS (SELECT n, f, len(f) = 3 AND (trim(f[2]) = '' OR (regexp_full_match(trim(f[2]), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
                                 AND try_cast(trim(f[2]) AS DATE) IS NOT NULL)) AS ok FROM body),
            good AS (SELECT n, CASE WHEN f[1] LIKE '"%"' THEN substr(f[1], 2, length(f[1]) - 2) ELSE nullif(f[1], '') END AS email,
                            try_cast(nullif(trim(f[2]), '') AS DATE) AS signup_date, nullif(f[3], '') AS source
                     FROM checked WHERE ok),
            norm AS (SELECT *, lower(trim(email)) AS lead_email FROM good),
            matched AS (SELECT norm.*, p.id FROM norm JOIN profiles p ON p.email = norm.lead_email)
            """;

    /** typed.csv typed as { ref: int  name: text  amount: decimal  vip: bool  seen_at: timestamp  born: date }. */
    static final String TYPED = "WITH " + linesOf(TYPED_FILE) + """
            , checked AS (SELECT n, f, CASE WHEN len(f) <> 6 THEN false ELSE coalesce(
                  (trim(f[1]) = '' OR regexp_full_match(trim(f[1]), '-?[0-9]+'))
                  AND (trim(f[3]) = '' OR regexp_full_match(trim(f[3]), '-?[0-9]+([.][0-9]+)?'))
                  AND (trim(f[4]) = '' OR lower(trim(f[4])) IN ('true', 'false', 'yes', 'no', '1', '0'))
                  AND (trim(f[5]) = '' OR (regexp_full_match(trim(f[5]), '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?')
                                           AND try_cast(replace(trim(f[5]), 'T', ' ') AS TIMESTAMP) IS NOT NULL))
                  AND (trim(f[6]) = '' OR (regexp_full_match(trim(f[6]), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
                                           AND try_cast(trim(f[6]) AS DATE) IS NOT NULL)), false) END AS ok FROM body),
            good AS (SELECT n, try_cast(nullif(trim(f[1]), '') AS BIGINT) AS id, nullif(f[2], '') AS name,
                            try_cast(nullif(trim(f[3]), '') AS DECIMAL(12, 2)) AS amount,
                            CASE WHEN trim(f[4]) = '' THEN NULL ELSE lower(trim(f[4])) IN ('true', 'yes', '1') END AS vip,
                            try_cast(replace(nullif(trim(f[5]), ''), 'T', ' ') AS TIMESTAMP) AS seen_at
                     FROM checked WHERE ok)
            """;

    static final String CRM = "WITH " + linesOf(CRM_FILE) + """
            , good AS (SELECT n, nullif(f[1], '') AS mail, nullif(f[2], '') AS ctry, CAST(f[3] AS BIGINT) AS points FROM body),
            matched AS (SELECT good.*, p.id, p.loyalty_points FROM good JOIN profiles p ON p.email = good.mail AND p.country = good.ctry)
            """;

    static SemCase loadReconcileCase() {
        return SemCase.of("load and reconcile", """
                activity leads: load csv "data/partner_leads.csv" { email: text  signup_date: date  source: text } reject max 2
                activity norm:  enrich { lead_email = lower(trim(email)) }
                activity rec:   reconcile to profiles on lead_email = email keep unmatched
                activity recs:  split { news: source = "newsletter"  recent: signup_date >= 2026-11-01  rest: remainder }
                activity rec2:  reconcile to profiles on lead_email = email
                activity crm:   load csv "crm.csv" { mail: text  ctry: text  points: int }
                activity rec3:  reconcile to profiles on mail = email and ctry = country keep unmatched
                activity r3s:   split { high: points >= 30 and loyalty_points >= 0  rest: remainder }
                activity typed: load csv "typed.csv" {
                                  ref: int  name: text  amount: decimal  vip: bool  seen_at: timestamp  born: date
                                } reject max 8
                activity trec:  reconcile to profiles on ref = id keep unmatched
                activity ts:    split {
                                  spaced:   name = "  Alice  "
                                  vip_rows: vip
                                  big:      amount >= 14
                                  late:     seen_at >= 2026-11-03 00:00
                                  rest:     remainder
                                }
                flow {
                  leads -> norm -> rec -> recs
                  norm -> rec2
                  crm -> rec3 -> r3s
                  typed -> trec -> ts
                }
                """)
                // a load row's key is its line number; bad lines go to rejected
                .port("leads.out", LEADS + "SELECT n FROM good")
                .port("leads.rejected", LEADS + "SELECT n FROM checked WHERE NOT ok")
                .port("norm.out", LEADS + "SELECT n FROM good")
                // one row per match, keyed by the entity
                .port("rec.out", LEADS + "SELECT id FROM matched")
                .port("rec.unmatched", LEADS + "SELECT n FROM norm WHERE n NOT IN (SELECT n FROM matched)")
                // the incoming columns ride along as enriched columns
                .port("recs.news", LEADS + "SELECT id FROM matched WHERE source = 'newsletter'")
                .port("recs.recent", LEADS + "SELECT id FROM matched WHERE source IS DISTINCT FROM 'newsletter' AND signup_date >= DATE '2026-11-01'")
                .port("recs.rest", LEADS + "SELECT id FROM matched WHERE source IS DISTINCT FROM 'newsletter' "
                        + "AND NOT coalesce(signup_date >= DATE '2026-11-01', false)")
                // without keep unmatched the port exists and is empty
                .port("rec2.out", LEADS + "SELECT id FROM matched")
                .port("rec2.unmatched", 0)
                .port("crm.out", CRM + "SELECT n FROM good").port("crm.rejected", 0)
                .port("rec3.out", CRM + "SELECT id FROM matched")
                .port("rec3.unmatched", CRM + "SELECT n FROM good WHERE n NOT IN (SELECT n FROM matched)")
                .port("r3s.high", CRM + "SELECT id FROM matched WHERE points >= 30 AND loyalty_points >= 0")
                .port("r3s.rest", CRM + "SELECT id FROM matched WHERE NOT coalesce(points >= 30 AND loyalty_points >= 0, false)")
                .port("typed.out", TYPED + "SELECT n FROM good")
                .port("typed.rejected", TYPED + "SELECT n FROM checked WHERE NOT ok")
                // text is kept as written; empty fields are null; other values are trimmed before typing
                // text is kept as written; empty fields are null; other values are trimmed before typing
                .port("trec.out", TYPED + "SELECT id FROM good WHERE id IN (SELECT id FROM profiles)")
                .port("trec.unmatched", TYPED + "SELECT n FROM good WHERE id IS NULL OR id NOT IN (SELECT id FROM profiles)")
                .port("ts.spaced", TYPED + "SELECT id FROM good WHERE name = '  Alice  '")
                .port("ts.vip_rows", TYPED + "SELECT id FROM good WHERE id IS NOT NULL AND name IS DISTINCT FROM '  Alice  ' AND vip")
                .port("ts.big", TYPED + "SELECT id FROM good WHERE id IS NOT NULL AND name IS DISTINCT FROM '  Alice  ' AND vip IS NOT TRUE AND amount >= 14")
                .port("ts.late", TYPED + "SELECT id FROM good WHERE id IS NOT NULL AND name IS DISTINCT FROM '  Alice  ' AND vip IS NOT TRUE "
                        + "AND NOT coalesce(amount >= 14, false) AND seen_at >= TIMESTAMP '2026-11-03 00:00:00'")
                .port("ts.rest", TYPED + "SELECT id FROM good WHERE id IS NOT NULL AND name IS DISTINCT FROM '  Alice  ' AND vip IS NOT TRUE "
                        + "AND NOT coalesce(amount >= 14, false) AND NOT coalesce(seen_at >= TIMESTAMP '2026-11-03 00:00:00', false)")
                .agree("rejected lines carry their line number",
                        "SELECT __key FROM :run.typed__rejected WHERE line_number = __key",
                        TYPED + "SELECT n FROM checked WHERE NOT ok");
    }

    /** More rejected lines than reject max fail the task and the run. */
    static SemCase loadRejectCase(String option) {
        return SemCase.of("load reject max exceeded " + option, """
                activity typed: load csv "typed.csv" {
                                  ref: int  name: text  amount: decimal  vip: bool  seen_at: timestamp  born: date
                                } %s
                activity after: alert "loaded" "x"
                flow { typed -> after }
                """.formatted(option))
                .runStatus("failed").status("typed", "failed").status("after", "pending");
    }

    // ================================================================== §6 channels

    /** The reason camp gives an excluded row, in the decisions' order: no related record, no address, no consent. */
    static String reason(String address, String consent) {
        return "CASE WHEN " + address + " IS NULL OR trim(" + address + ") = '' THEN 'no address' "
                + "WHEN " + consent + " IS NOT TRUE THEN 'no consent' ELSE 'capped' END";
    }

    static SemCase channelsCase() {
        String fr = profilesWhere(FR);
        String subs = "SELECT su.subscription_id, p.* FROM subscriptions su LEFT JOIN profiles p ON p.id = su.profile_id "
                + "WHERE su.status = 'active'";
        String buys = "SELECT x.purchase_id, p.* FROM purchases x LEFT JOIN profiles p ON p.id = x.profile_id "
                + "WHERE x.purchased_at >= :now - INTERVAL 10 DAY";
        String frSubs = "SELECT su.subscription_id, p.* FROM profiles p JOIN subscriptions su ON su.profile_id = p.id WHERE " + FR;
        String frBuys = "SELECT x.purchase_id, p.* FROM profiles p JOIN purchases x ON x.profile_id = p.id WHERE " + FR;
        return SemCase.of("channels address consent per and one links", """
                activity fr:       build profiles where upper(trim(country)) = "FR"
                activity mail:     email { subject "Hi {{first_name | default \\"you\\"}}" body "Hello" }
                activity texts:    sms { text "Hi" }
                activity notes:    push { title "t" body "b" }
                activity blank:    email { to coalesce(email, " ") subject "x" body "y" }
                activity lowered:  email { to lower(trim(email)) subject "x" body "y" }
                activity per_sub:  email { subject "x" body "y" per subscriptions }
                activity per_buy:  sms { text "x" per purchases }
                activity subs:     build subscriptions where status = "active"
                activity sub_mail: email { subject "Your {{plan}} plan" body "y" }
                activity sub_sms:  sms { text "x" }
                activity buys:     build purchases where purchased_at >= now() - 10 days
                activity buy_mail: email { subject "x" body "y" }
                activity who:      change dimension to profile
                activity who_mail: email { subject "x" body "y" }
                flow {
                  fr -> mail
                  fr -> texts
                  fr -> notes
                  fr -> blank
                  fr -> lowered
                  fr -> per_sub
                  fr -> per_buy
                  subs -> sub_mail
                  subs -> sub_sms
                  buys -> buy_mail
                  buys -> who -> who_mail
                }
                """)
                .port("fr.out", fr)
                // the row's address attribute, and the consent attribute must be true
                .port("mail.sent", fr + " AND " + EMAIL_OK).port("mail.failed", 0)
                .port("mail.excluded", fr + " AND NOT " + EMAIL_OK)
                .port("texts.sent", fr + " AND " + SMS_OK).port("texts.failed", 0)
                .port("texts.excluded", fr + " AND NOT " + SMS_OK)
                .port("notes.sent", fr + " AND " + PUSH_OK).port("notes.failed", 0)
                .port("notes.excluded", fr + " AND NOT " + PUSH_OK)
                // a blank address is no address
                .port("blank.sent", fr + " AND " + EMAIL_OK).port("blank.failed", 0)
                .port("blank.excluded", fr + " AND NOT " + EMAIL_OK)
                // to EXPR overrides the address; consent still applies
                .port("lowered.sent", fr + " AND " + EMAIL_OK).port("lowered.failed", 0)
                .port("lowered.excluded", fr + " AND NOT " + EMAIL_OK)
                // per LINK: one message per related record, keyed by it; rows without related records are excluded
                .port("per_sub.sent", "SELECT subscription_id FROM (" + frSubs + ") WHERE " + EMAIL_OK).port("per_sub.failed", 0)
                .port("per_sub.excluded", fr + " AND (NOT " + EMAIL_OK + " OR NOT EXISTS (SELECT 1 FROM subscriptions su WHERE su.profile_id = p.id))")
                .port("per_buy.sent", "SELECT purchase_id FROM (" + frBuys + ") WHERE " + SMS_OK).port("per_buy.failed", 0)
                .port("per_buy.excluded", fr + " AND (NOT " + SMS_OK + " OR NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id))")
                // multi-level: rows of subscriptions reach profile.email; each subscription is a recipient
                .port("subs.out", "SELECT subscription_id FROM subscriptions WHERE status = 'active'")
                .port("sub_mail.sent", "SELECT subscription_id FROM (" + subs + ") WHERE " + EMAIL_OK).port("sub_mail.failed", 0)
                .port("sub_mail.excluded", "SELECT subscription_id FROM (" + subs + ") WHERE NOT coalesce(" + EMAIL_OK + ", false)")
                .port("sub_sms.sent", "SELECT subscription_id FROM (" + subs + ") WHERE " + SMS_OK).port("sub_sms.failed", 0)
                .port("sub_sms.excluded", "SELECT subscription_id FROM (" + subs + ") WHERE NOT coalesce(" + SMS_OK + ", false)")
                .port("buys.out", "SELECT purchase_id FROM (" + buys + ")")
                .port("buy_mail.sent", "SELECT purchase_id FROM (" + buys + ") WHERE " + EMAIL_OK).port("buy_mail.failed", 0)
                .port("buy_mail.excluded", "SELECT purchase_id FROM (" + buys + ") WHERE NOT coalesce(" + EMAIL_OK + ", false)")
                // rows with the same key (after change dimension to a one link) get one message
                .port("who.out", "SELECT id FROM (" + buys + ") WHERE id IS NOT NULL")
                .port("who_mail.sent", "SELECT DISTINCT id FROM (" + buys + ") WHERE " + EMAIL_OK).port("who_mail.failed", 0)
                .port("who_mail.excluded", "SELECT id FROM (" + buys + ") WHERE id IS NOT NULL AND NOT " + EMAIL_OK)
                .agree("mail exclusion reasons", "SELECT reason, count(*) FROM :run.mail__excluded GROUP BY 1",
                        "SELECT " + reason("email", "email_opt_in") + ", count(*) FROM profiles p WHERE " + FR + " AND NOT " + EMAIL_OK + " GROUP BY 1")
                .agree("blank address exclusion reasons", "SELECT reason, count(*) FROM :run.blank__excluded GROUP BY 1",
                        "SELECT " + reason("email", "email_opt_in") + ", count(*) FROM profiles p WHERE " + FR + " AND NOT " + EMAIL_OK + " GROUP BY 1")
                .agree("sms exclusion reasons", "SELECT reason, count(*) FROM :run.texts__excluded GROUP BY 1",
                        "SELECT " + reason("phone", "sms_opt_in") + ", count(*) FROM profiles p WHERE " + FR + " AND NOT " + SMS_OK + " GROUP BY 1")
                .agree("push exclusion reasons", "SELECT reason, count(*) FROM :run.notes__excluded GROUP BY 1",
                        "SELECT " + reason("push_token", "push_opt_in") + ", count(*) FROM profiles p WHERE " + FR + " AND NOT " + PUSH_OK + " GROUP BY 1")
                .agree("per exclusion reasons: no related record first", "SELECT reason, count(*) FROM :run.per_sub__excluded GROUP BY 1",
                        "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM subscriptions su WHERE su.profile_id = p.id) THEN 'no subscriptions' ELSE "
                                + reason("email", "email_opt_in") + " END, count(*) FROM profiles p WHERE " + FR
                                + " AND (NOT " + EMAIL_OK + " OR NOT EXISTS (SELECT 1 FROM subscriptions su WHERE su.profile_id = p.id)) GROUP BY 1")
                .agree("messages in the delivery ledger, by activity",
                        "SELECT activity, channel, count(*) FROM camp.camp_state.deliveries WHERE status = 'sent' GROUP BY ALL",
                        "SELECT 'mail', 'email', count(*) FROM profiles p WHERE " + FR + " AND " + EMAIL_OK
                                + " UNION ALL SELECT 'texts', 'sms', count(*) FROM profiles p WHERE " + FR + " AND " + SMS_OK
                                + " UNION ALL SELECT 'notes', 'push', count(*) FROM profiles p WHERE " + FR + " AND " + PUSH_OK
                                + " UNION ALL SELECT 'blank', 'email', count(*) FROM profiles p WHERE " + FR + " AND " + EMAIL_OK
                                + " UNION ALL SELECT 'lowered', 'email', count(*) FROM profiles p WHERE " + FR + " AND " + EMAIL_OK
                                + " UNION ALL SELECT 'per_sub', 'email', count(*) FROM (" + frSubs + ") WHERE " + EMAIL_OK
                                + " UNION ALL SELECT 'per_buy', 'sms', count(*) FROM (" + frBuys + ") WHERE " + SMS_OK
                                + " UNION ALL SELECT 'sub_mail', 'email', count(*) FROM (" + subs + ") WHERE " + EMAIL_OK
                                + " UNION ALL SELECT 'sub_sms', 'sms', count(*) FROM (" + subs + ") WHERE " + SMS_OK
                                + " UNION ALL SELECT 'buy_mail', 'email', count(*) FROM (" + buys + ") WHERE " + EMAIL_OK
                                + " UNION ALL SELECT 'who_mail', 'email', count(DISTINCT id) FROM (" + buys + ") WHERE " + EMAIL_OK)
                .agree("the override address is the one used",
                        "SELECT count(*) FROM camp.camp_state.deliveries WHERE activity = 'lowered' AND address <> lower(trim(address))",
                        "SELECT 0");
    }

    static SemCase capCase() {
        String e = EMAIL_OK;
        String frE = "(" + FR + ") AND " + e, loyalE = LOYAL + " AND " + e;
        String mid = "loyalty_points >= 200";
        return SemCase.of("cap counts earlier sends of the same run", """
                activity fr:      build profiles where upper(trim(country)) = "FR"
                activity loyal_b: build loyal
                activity mid:     build profiles where loyalty_points >= 200
                activity m1:      email { subject "1" body "x" }
                activity j1:      join primary loyal_b
                activity m2:      email { subject "2" body "y" }
                activity j2:      join primary loyal_b
                activity m3:      email { subject "3" body "z" cap 2 per week }
                activity j3:      join primary mid
                activity m4:      email { subject "4" body "w" cap 1 per day }
                activity s4:      sms { text "x" cap 1 per day }
                flow {
                  fr -> m1
                  m1, loyal_b -> j1 -> m2
                  m2, loyal_b -> j2 -> m3
                  m3, mid -> j3 -> m4
                  j3 -> s4
                }
                """)
                .port("fr.out", profilesWhere(FR)).port("loyal_b.out", profilesWhere(LOYAL)).port("mid.out", profilesWhere(mid))
                .port("m1.sent", profilesWhere(frE)).port("m1.failed", 0).port("m1.excluded", profilesWhere(FR + " AND NOT " + e))
                .port("j1.out", profilesWhere(LOYAL))
                .port("m2.sent", profilesWhere(loyalE)).port("m2.failed", 0).port("m2.excluded", profilesWhere(LOYAL + " AND NOT " + e))
                .port("j2.out", profilesWhere(LOYAL))
                // two e-mails already this week (m1 and m2) for the loyal French: capped
                .port("m3.sent", profilesWhere(loyalE + " AND NOT coalesce(" + FR + ", false)")).port("m3.failed", 0)
                .port("m3.excluded", profilesWhere(LOYAL + " AND (NOT " + e + " OR " + FR + ")"))
                .port("j3.out", profilesWhere(mid))
                // one e-mail already today for everyone French or loyal
                .port("m4.sent", profilesWhere(mid + " AND " + e + " AND NOT coalesce(" + FR + ", false) AND NOT " + LOYAL)).port("m4.failed", 0)
                .port("m4.excluded", profilesWhere(mid + " AND (NOT " + e + " OR coalesce(" + FR + ", false) OR " + LOYAL + ")"))
                // another channel is not capped by e-mails
                .port("s4.sent", profilesWhere(mid + " AND " + SMS_OK)).port("s4.failed", 0)
                .port("s4.excluded", profilesWhere(mid + " AND NOT " + SMS_OK))
                .agree("m3 exclusion reasons", "SELECT reason, count(*) FROM :run.m3__excluded GROUP BY 1",
                        "SELECT " + reason("email", "email_opt_in") + ", count(*) FROM profiles p WHERE "
                                + LOYAL + " AND (NOT " + e + " OR " + FR + ") GROUP BY 1")
                .agree("m4 exclusion reasons", "SELECT reason, count(*) FROM :run.m4__excluded GROUP BY 1",
                        "SELECT " + reason("email", "email_opt_in") + ", count(*) FROM profiles p WHERE "
                                + mid + " AND (NOT " + e + " OR coalesce(" + FR + ", false) OR " + LOYAL + ") GROUP BY 1");
    }

    static SemCase capPerCase() {
        return capPerCase(false);
    }

    static SemCase capPerCase(boolean dryRun) {
        // with per, the messages of one activity to one recipient count in order of row key and related key
        String subsOf = "SELECT su.subscription_id, p.id, row_number() OVER (PARTITION BY p.id ORDER BY su.subscription_id) AS k "
                + "FROM profiles p JOIN subscriptions su ON su.profile_id = p.id WHERE " + EMAIL_OK;
        return SemCase.of("cap with per counts each message", """
                activity everyone: build profiles
                activity per_cap:  email { subject "x" body "y" per subscriptions cap 1 per day }
                flow { everyone -> per_cap }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                .port("per_cap.sent", "SELECT subscription_id FROM (" + subsOf + ") WHERE k = 1").port("per_cap.failed", 0)
                // excluded: the input rows that got no message at all
                .port("per_cap.excluded", profilesWhere("NOT " + EMAIL_OK + " OR NOT EXISTS (SELECT 1 FROM subscriptions su WHERE su.profile_id = p.id)"))
                .agree("one e-mail per recipient in the ledger",
                        "SELECT count(*), count(DISTINCT recipient) FROM camp.camp_state.deliveries WHERE status = 'sent'",
                        dryRun ? "SELECT 0, 0" : "SELECT count(*), count(*) FROM (" + subsOf + ") WHERE k = 1");
    }

    // ================================================================== activation, names, sources

    static SemCase activationCase() {
        String fr = profilesWhere(FR);
        String buys = "SELECT x.profile_id FROM purchases x JOIN profiles p ON p.id = x.profile_id "
                + "WHERE x.purchased_at >= :now - INTERVAL 30 DAY";
        return SemCase.of("activation of combine join end and test", """
                activity none:    build profiles where loyalty_points > 1000000 skip empty
                activity fr:      build profiles where upper(trim(country)) = "FR"
                activity u:       combine union
                activity j:       join primary fr
                activity fin:     end
                activity t:       test { big: count > 100000  small: otherwise }
                activity after_big: combine intersection
                activity buys:    build purchases where purchased_at >= now() - 30 days
                activity who:     change dimension to profile
                activity rows:    test { all_rows: count = %s  other: otherwise }
                activity keep:    save audience "recent buyers"
                flow {
                  none, fr -> u
                  fr, none -> j
                  none, fr -> fin
                  fr -> t
                  t.big, fr -> after_big
                  buys -> who -> rows
                  rows.all_rows -> keep
                }
                """.formatted(SemOracle.count("SELECT 1 FROM purchases x JOIN profiles p ON p.id = x.profile_id "
                + "WHERE x.purchased_at >= :now - INTERVAL 30 DAY", SemCase.DEFAULT_INSTANT, "UTC", null)))
                .port("none.out", 0).port("fr.out", fr)
                // combine and join need all their inputs activated; end runs when any input is
                .status("u", "skipped").status("j", "skipped")
                .port("t.big", 0).port("t.small", fr)
                .status("after_big", "skipped")
                .port("buys.out", "SELECT purchase_id FROM purchases WHERE purchased_at >= :now - INTERVAL 30 DAY")
                .port("who.out", buys)
                // count is the number of rows, with the repeated keys of a change dimension to a one link
                .port("rows.all_rows", buys).port("rows.other", 0)
                // save audience passes every row on (what it stores is checked in savedAudiences)
                .port("keep.out", buys);
    }

    static SemCase namesCase() {
        String loyal = profilesWhere(LOYAL);
        return SemCase.of("names resolve to enriched columns then attributes then params", """
                param bonus: int = 5
                param min_amount: decimal = 300
                activity loyal_b: build loyal
                activity e:       enrich { bonus = 100  big_buys = count(purchases where amount >= min_amount) }
                activity s:       split {
                                    by_column: bonus > 50 and big_buys >= 2
                                    by_param:  min_amount = 300 and big_buys = 1
                                    rest:      remainder
                                  }
                activity p2:      build profiles where bonus = 5 and exists(purchases where store.country = upper(trim(country)) and amount > min_amount)
                flow { loyal_b -> e -> s; p2 }
                """)
                .port("loyal_b.out", loyal).port("e.out", loyal)
                .port("s.by_column", loyal + " AND (SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.amount >= 300) >= 2")
                .port("s.by_param", loyal + " AND (SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.amount >= 300) = 1")
                .port("s.rest", loyal + " AND (SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.amount >= 300) = 0")
                // inside an aggregate: the linked record's names first, then the row's (country), then params
                .port("p2.out", profilesWhere("EXISTS (SELECT 1 FROM purchases x JOIN stores st ON st.store_id = x.store_id "
                        + "WHERE x.profile_id = p.id AND st.country = upper(trim(p.country)) AND x.amount > 300)"));
    }

    static SemCase tableSourceCase() {
        String scores = "CREATE OR REPLACE TABLE crm_scores AS SELECT id, (id * 37) % 100 AS score, "
                + "CASE WHEN id % 3 = 0 THEN 'gold' ELSE 'std' END AS tier FROM range(1, 320) t(id)";
        SemOracle.execute(scores);
        return SemCase.of("entity from a table of the run's database", """
                entity scores key id from table "crm_scores" {
                  id: int
                  score: int
                  tier: text
                  profile: one profiles on id
                }
                activity high:  build scores where score >= 50 and tier = "gold"
                activity mail:  email { subject "x" body "y" }
                activity owners: change dimension to profile
                activity unknown: build scores where profile.id is null
                entity offers key id from table "renewal_offers" {
                  id: int
                  sub_id: int
                  sub: one subscriptions on sub_id
                }
                activity all_offers: build offers
                activity offer_sms: sms { text "renew" }
                flow { high -> mail; high -> owners; unknown; all_offers -> offer_sms }
                """).setup(scores)
                .setup("CREATE TABLE renewal_offers AS SELECT 1000 + range AS id, range AS sub_id FROM range(1, 160)")
                .port("high.out", "SELECT id FROM crm_scores WHERE score >= 50 AND tier = 'gold'")
                // addressed through the one link to profiles; a score of no profile has no address
                .port("mail.sent", "SELECT s.id FROM crm_scores s JOIN profiles p ON p.id = s.id WHERE score >= 50 AND tier = 'gold' AND " + EMAIL_OK)
                .port("mail.failed", 0)
                .port("mail.excluded", "SELECT s.id FROM crm_scores s LEFT JOIN profiles p ON p.id = s.id "
                        + "WHERE score >= 50 AND tier = 'gold' AND NOT coalesce(" + EMAIL_OK + ", false)")
                .port("owners.out", "SELECT s.id FROM crm_scores s JOIN profiles p ON p.id = s.id WHERE score >= 50 AND tier = 'gold'")
                .port("unknown.out", "SELECT id FROM crm_scores WHERE id NOT IN (SELECT id FROM profiles)")
                // two one links away: offers.sub.profile.phone, consent from the profile
                .port("all_offers.out", "SELECT 1000 + range FROM range(1, 160)")
                .port("offer_sms.sent", "SELECT 1000 + su.subscription_id FROM subscriptions su JOIN profiles p ON p.id = su.profile_id WHERE " + SMS_OK)
                .port("offer_sms.failed", 0)
                .port("offer_sms.excluded", "SELECT 1000 + range FROM range(1, 160) WHERE range NOT IN "
                        + "(SELECT su.subscription_id FROM subscriptions su JOIN profiles p ON p.id = su.profile_id WHERE " + SMS_OK + ")");
    }

    static SemCase moreLoadCase() {
        return SemCase.of("load matches columns by name", """
                activity some:   load csv "typed.csv" { name: text  ref: int } reject max 5
                activity stores_csv: load csv "data/stores.csv" { store_id: int  name: text  opened_on: date }
                activity st:     reconcile to stores on store_id = store_id
                activity named:  split { comma: name contains ","  rest: remainder }
                flow { some; stores_csv -> st -> named }
                """)
                // only the declared columns are typed; a line with a field too many is still rejected
                .port("some.out", TYPED.replace("FROM checked WHERE ok)", "FROM body)") + "SELECT n FROM body WHERE len(f) = 6 "
                        + "AND (trim(f[1]) = '' OR regexp_full_match(trim(f[1]), '-?[0-9]+'))")
                .port("some.rejected", TYPED + "SELECT n FROM body WHERE len(f) <> 6 "
                        + "OR NOT (trim(f[1]) = '' OR regexp_full_match(trim(f[1]), '-?[0-9]+'))")
                // a quoted field may hold a comma
                .port("stores_csv.out", "SELECT store_id + 1 FROM stores").port("stores_csv.rejected", 0)
                .port("st.out", "SELECT store_id FROM stores").port("st.unmatched", 0)
                .port("named.comma", "SELECT store_id FROM stores WHERE strpos(name, ',') > 0")
                .port("named.rest", "SELECT store_id FROM stores WHERE strpos(name, ',') = 0");
    }

    static SemCase loadMissingColumnCase() {
        return SemCase.of("load header without a declared column", """
                activity crm: load csv "crm.csv" { mail: text  segment: text }
                activity after: alert "x" "y"
                flow { crm -> after }
                """).runStatus("failed").status("crm", "failed").status("after", "pending");
    }

    static SemCase dedupNullsCase() {
        String rn = "SELECT id FROM profiles QUALIFY row_number() OVER (PARTITION BY %s ORDER BY %s) %s";
        String prefer = "SELECT favorite_store_id g, bool_or(country = 'FR') fr, bool_or(country IS NULL) has_null FROM profiles GROUP BY 1";
        return SemCase.of("dedup ascending nulls last and prefer with nulls", """
                activity everyone: build profiles
                activity d_asc:    dedup by upper(trim(country)) first by loyalty_points asc, id desc
                activity d_expr:   dedup by favorite_store_id keep 3 first by count(purchases) desc, id
                activity d_pref:   dedup by favorite_store_id prefer country in ("FR")
                activity s_pref:   split { fr: country = "FR"  rest: remainder }
                flow { everyone -> d_asc; everyone -> d_expr; everyone -> d_pref -> s_pref }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                .port("d_asc.out", rn.formatted("upper(trim(country))", "loyalty_points ASC NULLS LAST, id DESC", "= 1"))
                .port("d_asc.duplicates", rn.formatted("upper(trim(country))", "loyalty_points ASC NULLS LAST, id DESC", "> 1"))
                .port("d_expr.out", rn.formatted("favorite_store_id", "(SELECT count(*) FROM purchases x WHERE x.profile_id = profiles.id) DESC, id", "<= 3"))
                .port("d_expr.duplicates", rn.formatted("favorite_store_id", "(SELECT count(*) FROM purchases x WHERE x.profile_id = profiles.id) DESC, id", "> 3"))
                .count("d_pref.out", "SELECT 1 FROM profiles GROUP BY favorite_store_id")
                .count("d_pref.duplicates", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY favorite_store_id) > 1")
                .count("s_pref.fr", "SELECT g FROM (" + prefer + ") WHERE fr")
                .count("s_pref.rest", "SELECT g FROM (" + prefer + ") WHERE NOT fr");
    }

    static SemCase splitAggregateOrderCase() {
        String cte = """
                WITH i AS (SELECT p.id, (SELECT count(*) FROM purchases x WHERE x.profile_id = p.id) AS n,
                                  (SELECT max(x.amount) FROM purchases x WHERE x.profile_id = p.id) AS best FROM profiles p),
                busy AS (SELECT id FROM i QUALIFY row_number() OVER (ORDER BY n DESC, id) <= 12),
                big AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM busy) QUALIFY row_number() OVER (ORDER BY best DESC NULLS LAST, id) <= 9),
                none_yet AS (SELECT id FROM i WHERE id NOT IN (SELECT id FROM busy UNION ALL SELECT id FROM big)
                             QUALIFY row_number() OVER (ORDER BY best ASC NULLS LAST, id DESC) <= 4)
                """;
        return SemCase.of("split order by aggregates", """
                activity everyone: build profiles
                activity s: split {
                  busy: true limit 12 order by count(purchases) desc
                  big:  true limit 9 order by max(purchases.amount) desc
                  low:  true limit 4 order by max(purchases.amount) asc, id desc
                }
                flow { everyone -> s }
                """)
                .port("everyone.out", "SELECT id FROM profiles")
                .port("s.busy", cte + "SELECT id FROM busy")
                .port("s.big", cte + "SELECT id FROM big")
                .port("s.low", cte + "SELECT id FROM none_yet");
    }

    /**
     * A dry run reports in `sent` what a real run would send: the same counts, caps included
     * (a cap counts the earlier activities of the same run), with nothing in the ledger.
     */
    static SemCase dry(SemCase c) {
        return c.dry().agree("a dry run records no delivery", "SELECT count(*) FROM camp.camp_state.deliveries", "SELECT 0");
    }

    static Stream<SemCase> activityCases() {
        return Stream.of(buildCase(), splitCase(), splitOrderCase(), splitPercentCase(), splitOverlappingCase(),
                splitRandomCase(), dedupCase(), combineCase(), combineKeysOnceCase(), combineColumnsCase(),
                enrichDimensionCase(), testCase(Map.of(), "big"), testCase(Map.of("threshold", "200"), "medium"),
                testCase(Map.of("threshold", "0"), "big"), forkJoinWaitCase(), waitingCase(),
                loadReconcileCase(), loadRejectCase("reject max 7"), loadRejectCase(""), channelsCase(), capCase(), capPerCase(), dry(capCase()), dry(capPerCase(true)),
                activationCase(), namesCase(), tableSourceCase(), moreLoadCase(), loadMissingColumnCase(), dedupNullsCase(),
                splitAggregateOrderCase());
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT) // each case runs in a sandbox of its own
    @MethodSource("activityCases")
    void activities(SemCase c) {
        try (SemSandbox box = SemSandbox.create()) {
            c.runAndCheck(box);
        }
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT) // each case runs in a sandbox of its own
    @MethodSource("expressionCases")
    void expressions(SemCase c) {
        try (SemSandbox box = SemSandbox.create()) {
            c.runAndCheck(box);
        }
    }

    // ================================================================== runs that build on earlier runs

    @Test
    void savedAudiences() {
        String vip = profilesWhere(LOYAL + " AND " + FR);
        String vipDe = profilesWhere(LOYAL + " AND upper(trim(country)) = 'DE'");
        String buyerRows = "SELECT x.profile_id FROM purchases x JOIN profiles p ON p.id = x.profile_id "
                + "WHERE x.purchased_at >= TIMESTAMP '2026-11-24 08:00:00' - INTERVAL 30 DAY";
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("saver", """
                    activity vip:        build loyal where upper(trim(country)) = "FR"
                    activity keep:       save audience "vip list-2026"
                    activity shops:      build stores where country = "DE"
                    activity keep_shops: save audience "de shops"
                    activity buys:       build purchases where purchased_at >= now() - 30 days
                    activity who:        change dimension to profile
                    activity keep_buyers: save audience "recent buyers"
                    flow { vip -> keep; shops -> keep_shops; buys -> who -> keep_buyers }
                    """).named("saver.camp").at("2026-11-24T08:00:00Z")
                    .port("buys.out", "SELECT purchase_id FROM purchases WHERE purchased_at >= :now - INTERVAL 30 DAY")
                    .port("who.out", buyerRows).port("keep_buyers.out", buyerRows)
                    .port("vip.out", vip).port("keep.out", vip)
                    .port("shops.out", "SELECT store_id FROM stores WHERE country = 'DE'")
                    .port("keep_shops.out", "SELECT store_id FROM stores WHERE country = 'DE'")
                    .agree("saved audiences with their entity and size",
                            "SELECT name, entity, row_count FROM camp.camp_state.saved_audiences WHERE name <> 'recent buyers'",
                            "SELECT 'vip list-2026', 'profiles', count(*) FROM (" + vip + ") "
                                    + "UNION ALL SELECT 'de shops', 'stores', count(*) FROM stores WHERE country = 'DE'")
                    .runAndCheck(box);
            String reader = """
                    activity from_saved:  build saved "vip list-2026" of profiles where loyalty_points >= 1000
                    activity in_saved:    build profiles where in saved "vip list-2026" or country = "DE"
                    activity not_saved:   build profiles where not in saved "vip list-2026"
                    activity saved_shops: build saved "de shops" of stores
                    activity buyers:      build saved "recent buyers" of profiles
                    flow { from_saved; in_saved; not_saved; saved_shops; buyers }
                    """;
            SemCase.of("reader", reader).named("reader.camp").at("2026-11-24T09:00:00Z")
                    .port("from_saved.out", vip + " AND loyalty_points >= 1000")
                    .port("in_saved.out", vip + " UNION " + profilesWhere("country = 'DE'"))
                    .port("not_saved.out", "SELECT id FROM profiles EXCEPT " + vip)
                    .port("saved_shops.out", "SELECT store_id FROM stores WHERE country = 'DE'")
                    .port("buyers.out", "SELECT DISTINCT profile_id FROM (" + buyerRows + ")")
                    .runAndCheck(box);
            // saving again fully replaces the content
            SemCase.of("saver two", """
                    activity vip:  build loyal where upper(trim(country)) = "DE"
                    activity keep: save audience "vip list-2026"
                    flow { vip -> keep }
                    """).named("saver2.camp").at("2026-11-24T10:00:00Z")
                    .port("vip.out", vipDe).port("keep.out", vipDe)
                    .runAndCheck(box);
            SemCase.of("reader", reader).named("reader.camp").at("2026-11-24T11:00:00Z")
                    .port("from_saved.out", vipDe + " AND loyalty_points >= 1000")
                    .port("in_saved.out", vipDe + " UNION " + profilesWhere("country = 'DE'"))
                    .port("not_saved.out", "SELECT id FROM profiles EXCEPT " + vipDe)
                    .port("saved_shops.out", "SELECT store_id FROM stores WHERE country = 'DE'")
                    .port("buyers.out", "SELECT DISTINCT profile_id FROM (" + buyerRows + ")")
                    .runAndCheck(box);
            // a saved audience of another entity, or one that does not exist, fails the task
            for (String source : List.of("saved \"de shops\" of profiles", "saved \"nope\" of profiles",
                    "profiles where in saved \"nope\"")) {
                SemCase.of("bad reader", "activity b: build " + source + "\nactivity a: alert \"x\" \"y\"\nflow { b -> a }\n")
                        .named("bad.camp").at("2026-11-24T12:00:00Z")
                        .runStatus("failed").status("b", "failed").status("a", "pending")
                        .runAndCheck(box);
            }
        }
    }

    /** save audience stores the distinct keys of its input: the recorded size must be theirs too. */
    @Test
    void savedAudienceSizeCountsDistinctKeys() {
        String buyerRows = "SELECT x.profile_id FROM purchases x JOIN profiles p ON p.id = x.profile_id "
                + "WHERE x.purchased_at >= :now - INTERVAL 30 DAY";
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("saver of repeated keys", """
                    activity buys:        build purchases where purchased_at >= now() - 30 days
                    activity who:         change dimension to profile
                    activity keep_buyers: save audience "recent buyers"
                    flow { buys -> who -> keep_buyers }
                    """)
                    .port("buys.out", "SELECT purchase_id FROM purchases WHERE purchased_at >= :now - INTERVAL 30 DAY")
                    .port("who.out", buyerRows).port("keep_buyers.out", buyerRows)
                    .agree("camp_state.saved_audiences.row_count of a saved audience",
                            "SELECT name, row_count FROM camp.camp_state.saved_audiences",
                            "SELECT 'recent buyers', count(DISTINCT profile_id) FROM (" + buyerRows + ")")
                    .runAndCheck(box);
        }
    }

    /**
     * A wait is released at the release time of the wait before it plus its duration, and `wait until`
     * reads its time in the campaign's zone. The logical time is chosen relative to the wall clock.
     */
    @Test
    void waitsCountFromTheirInput() {
        java.time.Instant at = Instant.now().minus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String fr = profilesWhere(FR);
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("chained waits", """
                    activity a:     build profiles where upper(trim(country)) = "FR"
                    activity w1:    wait 2 days
                    activity mid:   alert "mid" "x"
                    activity w2:    wait 2 days
                    activity after: alert "after" "x"
                    activity w3:    wait 2 days
                    activity s3:    split { loyal: loyalty_points >= 500 }
                    flow { a -> w1 -> mid -> w2 -> after; a -> w3 -> s3 }
                    """).at(at.toString())
                    .runStatus("waiting")
                    .port("a.out", fr).port("w1.out", fr).port("mid.out", fr)
                    // released at the logical time + 4 days: tomorrow on the wall clock
                    .status("w2", "waiting").status("after", "pending")
                    .port("w3.out", fr).port("s3.loyal", fr + " AND " + LOYAL)
                    .runAndCheck(box);
        }
        // the same wall-clock time is 6 hours ahead in UTC and 8 hours past at UTC+14
        String until = java.time.LocalDateTime.ofInstant(Instant.now().plus(java.time.Duration.ofHours(6)), java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ');
        String body = """
                activity a:     build profiles where upper(trim(country)) = "FR"
                activity w:     wait until %s
                activity after: alert "after" "x"
                flow { a -> w -> after }
                """.formatted(until);
        String at2 = Instant.now().minus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString();
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("wait until in UTC", body).at(at2)
                    .runStatus("waiting").port("a.out", fr).status("w", "waiting").status("after", "pending")
                    .runAndCheck(box);
        }
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("wait until at UTC+14", body + "schedule daily at 09:00 timezone \"Pacific/Kiritimati\"\n")
                    .at(at2).zone("Pacific/Kiritimati")
                    .port("a.out", fr).port("w.out", fr).port("after.out", fr)
                    .runAndCheck(box);
        }
    }

    /**
     * A placeholder without a default that has no value fails the task before any message is sent;
     * resume runs the failed task with the file as it is now, and never sends twice.
     */
    @Test
    void missingPlaceholderFailsThenResume() throws Exception {
        String body = """
                activity fr:   build profiles where upper(trim(country)) = "FR"
                activity mail: email { subject "news" body "y" }
                activity hi:   email { subject "Hi %s" body "y" }
                activity fin:  end
                flow { fr -> mail -> hi -> fin }
                """;
        String frE = profilesWhere(FR + " AND " + EMAIL_OK);
        try (SemSandbox box = SemSandbox.create()) {
            RunResult r = SemCase.of("placeholders", body.formatted("{{first_name}}"))
                    .runStatus("failed")
                    .port("fr.out", profilesWhere(FR)).port("mail.sent", frE).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(FR + " AND NOT " + EMAIL_OK))
                    .status("hi", "failed").status("fin", "pending")
                    .agree("nothing sent by the failed task", "SELECT activity, count(*) FROM camp.camp_state.deliveries GROUP BY 1",
                            "SELECT 'mail', count(*) FROM (" + frE + ")")
                    .runAndCheck(box);
            box.write("c.camp", SemCase.of("placeholders", body.formatted("{{first_name | default \\\"you\\\"}}")).body);
            RunResult resumed = Interpreter.resume(r.run(), box.db, box.outbox, null);
            List<String> problems = new ArrayList<>();
            if (!"completed".equals(resumed.status().label())) {
                problems.add("resumed run status " + resumed.status() + " " + resumed.error());
            }
            long expected = SemOracle.count(frE, SemCase.DEFAULT_INSTANT, "UTC", null);
            if (SemCase.port(resumed, "hi.sent") != expected) {
                problems.add("hi.sent after resume: camp=" + SemCase.port(resumed, "hi.sent") + " oracle=" + expected);
            }
            List<String> ledger = SemOracle.column("SELECT activity, count(*), count(DISTINCT recipient) FROM camp.camp_state.deliveries GROUP BY 1",
                    SemCase.DEFAULT_INSTANT, "UTC", box.db);
            List<String> want = List.of("hi|" + expected + "|" + expected, "mail|" + expected + "|" + expected);
            if (!ledger.stream().sorted().toList().equals(want)) {
                problems.add("ledger after resume: camp=" + ledger + " oracle=" + want);
            }
            if (readOutbox(box).size() != 2 * expected) {
                problems.add("outbox lines after resume: camp=" + readOutbox(box).size() + " oracle=" + 2 * expected);
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    /**
     * `incremental on ATTR` compares the attribute (wall-clock time in the campaign's zone) with the
     * previous run's logical time in that zone, strictly; `history N days` keeps a run exactly N days old.
     */
    @Test
    void incrementalBoundaries() {
        String body = """
                activity on_attr: build profiles incremental on created_at
                activity hist:    build profiles where created_at <= now() incremental history 1 days
                flow { on_attr; hist }
                schedule daily at 09:00 timezone "Europe/Paris"
                """;
        try (SemSandbox box = SemSandbox.create()) {
            // profile 233 was created at 2025-11-28 08:05:00, Paris time: the first run's logical time
            SemCase.of("incremental boundaries", body).at("2025-11-28T07:05:00Z").zone("Europe/Paris")
                    .port("on_attr.out", "SELECT id FROM profiles")
                    .port("hist.out", profilesWhere("created_at <= :now"))
                    .runAndCheck(box);
            SemCase.of("incremental boundaries", body).at("2025-11-29T07:05:00Z").zone("Europe/Paris")
                    .port("on_attr.out", profilesWhere("created_at > TIMESTAMP '2025-11-28 08:05:00'"))
                    .port("hist.out", profilesWhere("created_at <= :now AND created_at > TIMESTAMP '2025-11-28 08:05:00'"))
                    .runAndCheck(box);
        }
    }

    /** Delivery times are instants: compared with wall-clock literals in the campaign's zone. */
    @Test
    void deliveryTimesInTheCampaignZone() {
        String frE = profilesWhere(FR + " AND " + EMAIL_OK);
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("First touch", """
                    activity fr:   build profiles where upper(trim(country)) = "FR"
                    activity mail: email { subject "x" body "y" }
                    flow { fr -> mail }
                    """).named("first.camp").at("2026-11-20T09:00:00Z")
                    .port("fr.out", profilesWhere(FR)).port("mail.sent", frE).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(FR + " AND NOT " + EMAIL_OK))
                    .runAndCheck(box);
            // sent at 09:00 UTC = 10:00 in Paris
            SemCase.of("Paris follow up", """
                    activity at_ten:    build profiles where exists(deliveries where sent_at >= 2026-11-20 10:00)
                    activity after_ten: build profiles where exists(deliveries where sent_at > 2026-11-20 10:00)
                    activity hour_ten:  build profiles where exists(deliveries where hour(sent_at) = 10 and date(sent_at) = 2026-11-20)
                    activity days:      build profiles where exists(deliveries where days_between(sent_at, now()) = 4)
                    flow { at_ten; after_ten; hour_ten; days }
                    schedule daily at 09:00 timezone "Europe/Paris"
                    """).named("follow.camp").at("2026-11-24T09:00:00Z").zone("Europe/Paris")
                    .port("at_ten.out", frE).port("after_ten.out", 0).port("hour_ten.out", frE).port("days.out", frE)
                    .runAndCheck(box);
        }
    }

    /** Random choices depend on the campaign and the logical time only: a dry run and a real run agree. */
    @Test
    void seededChoicesAreStable() {
        String body = """
                activity everyone: build profiles
                activity groups:   split { control: true limit 10% random  rest: remainder }
                activity d:        dedup by upper(trim(country)) keep 2
                flow { everyone -> groups; everyone -> d }
                """;
        try (SemSandbox box = SemSandbox.create()) {
            SemCase first = SemCase.of("seeded", body).dry()
                    .port("everyone.out", "SELECT id FROM profiles")
                    .count("groups.control", "SELECT 1 FROM range(30)").count("groups.rest", "SELECT 1 FROM range(270)")
                    .count("d.out", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY upper(trim(country))) <= 2")
                    .count("d.duplicates", "SELECT 1 FROM profiles QUALIFY row_number() OVER (PARTITION BY upper(trim(country))) > 2");
            RunResult dry = first.runAndCheck(box);
            first.dryRun = false;
            RunResult real = first.runAndCheck(box);
            assertTrue(!dry.run().equals(real.run()), "two runs at one logical time have two ids");
            for (String ap : List.of("groups.control", "groups.rest", "d.out", "d.duplicates")) {
                String[] x = ap.split("\\.");
                List<String> a = SemCase.worktableKeys(box.db, dry.run(), x[0], x[1]);
                List<String> b = SemCase.worktableKeys(box.db, real.run(), x[0], x[1]);
                a.sort(null);
                b.sort(null);
                assertEquals(a, b, ap + ": the dry run " + dry.run() + " and the real run " + real.run() + " chose other rows");
            }
        }
    }

    @Test
    void incrementalBuilds() {
        String body = """
                activity plain:     build profiles where created_at <= now() incremental
                activity hist:      build profiles where created_at <= now() incremental history 1 days
                activity hist_long: build profiles where created_at <= now() incremental history 300 days
                activity on_attr:   build profiles incremental on created_at
                activity on_where:  build purchases where amount > 0 incremental on purchased_at
                activity fresh:     build profiles where created_at <= now() incremental skip empty
                activity fresh_a:   alert "new profiles" "x"
                flow { plain; hist; hist_long; on_attr; on_where; fresh -> fresh_a }
                """;
        String t1 = "TIMESTAMP '2026-06-01 09:00:00'", t3 = "TIMESTAMP '2026-11-24 10:00:00'";
        try (SemSandbox box = SemSandbox.create()) {
            // the first run returns everything, also for `incremental on`
            SemCase.of("incremental", body).at("2026-06-01T09:00:00Z")
                    .port("plain.out", profilesWhere("created_at <= :now"))
                    .port("hist.out", profilesWhere("created_at <= :now"))
                    .port("hist_long.out", profilesWhere("created_at <= :now"))
                    .port("on_attr.out", "SELECT id FROM profiles")
                    .port("on_where.out", "SELECT purchase_id FROM purchases WHERE amount > 0")
                    .port("fresh.out", profilesWhere("created_at <= :now")).port("fresh_a.out", profilesWhere("created_at <= :now"))
                    .runAndCheck(box);
            // a dry run reads the history but does not add to it
            SemCase.of("incremental", body).at("2026-11-24T09:00:00Z").dry()
                    .port("plain.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .port("hist.out", profilesWhere("created_at <= :now"))
                    .port("hist_long.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .port("on_attr.out", profilesWhere("created_at > " + t1))
                    .port("on_where.out", "SELECT purchase_id FROM purchases WHERE amount > 0 AND purchased_at > " + t1)
                    .port("fresh.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .port("fresh_a.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .runAndCheck(box);
            // only keys no earlier run returned; history 1 days forgets the run of June
            SemCase.of("incremental", body).at("2026-11-24T10:00:00Z")
                    .port("plain.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .port("hist.out", profilesWhere("created_at <= :now"))
                    .port("hist_long.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .port("on_attr.out", profilesWhere("created_at > " + t1))
                    .port("on_where.out", "SELECT purchase_id FROM purchases WHERE amount > 0 AND purchased_at > " + t1)
                    .port("fresh.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .port("fresh_a.out", profilesWhere("created_at <= :now AND created_at > " + t1))
                    .runAndCheck(box);
            // 23 hours later: the previous real run is within history 1 days
            SemCase.of("incremental", body).at("2026-11-25T09:00:00Z")
                    .port("plain.out", profilesWhere("created_at <= :now AND created_at > " + t3))
                    .port("hist.out", profilesWhere("created_at <= :now AND created_at > " + t3))
                    .port("hist_long.out", profilesWhere("created_at <= :now AND created_at > " + t3))
                    .port("on_attr.out", profilesWhere("created_at > " + t3))
                    .port("on_where.out", "SELECT purchase_id FROM purchases WHERE amount > 0 AND purchased_at > " + t3)
                    // nobody signed up since: skip empty does not activate the alert
                    .port("fresh.out", 0).status("fresh_a", "skipped")
                    .runAndCheck(box);
        }
    }

    @Test
    void dryRun() {
        String body = """
                activity fr:   build profiles where upper(trim(country)) = "FR" incremental
                activity mail: email { subject "Hello {{first_name | default \\"you\\"}}" body "y" }
                activity keep: save audience "dry_saved"
                activity s:    split { loyal: loyalty_points >= 500  rest: remainder }
                flow { fr -> mail; fr -> keep; fr -> s }
                """;
        String fr = profilesWhere(FR);
        try (SemSandbox box = SemSandbox.create()) {
            // channels report what they would send; nothing is sent or saved
            SemCase.of("dry", body).dry()
                    .port("fr.out", fr)
                    .port("mail.sent", fr + " AND " + EMAIL_OK).port("mail.failed", 0).port("mail.excluded", fr + " AND NOT " + EMAIL_OK)
                    .port("keep.out", fr)
                    .port("s.loyal", fr + " AND " + LOYAL).port("s.rest", fr + " AND NOT coalesce(" + LOYAL + ", false)")
                    .agree("no delivery recorded", "SELECT count(*) FROM camp.camp_state.deliveries", "SELECT 0")
                    .agree("no saved audience written", "SELECT count(*) FROM camp.camp_state.saved_audiences", "SELECT 0")
                    .runAndCheck(box);
            assertTrue(!java.nio.file.Files.exists(box.outbox) || readOutbox(box).isEmpty(), "a dry run writes nothing to the outbox");
            SemCase.of("dry", body).at("2026-11-24T10:00:00Z")
                    .port("fr.out", fr)
                    .port("mail.sent", fr + " AND " + EMAIL_OK).port("mail.failed", 0).port("mail.excluded", fr + " AND NOT " + EMAIL_OK)
                    .port("keep.out", fr)
                    .port("s.loyal", fr + " AND " + LOYAL).port("s.rest", fr + " AND NOT coalesce(" + LOYAL + ", false)")
                    .agree("deliveries recorded", "SELECT count(*) FROM camp.camp_state.deliveries WHERE status = 'sent'",
                            "SELECT count(*) FROM profiles p WHERE " + FR + " AND " + EMAIL_OK)
                    .agree("saved audience written", "SELECT name, row_count FROM camp.camp_state.saved_audiences",
                            "SELECT 'dry_saved', count(*) FROM profiles p WHERE " + FR)
                    .runAndCheck(box);
            assertEquals(SemOracle.count("SELECT id FROM profiles p WHERE " + FR + " AND " + EMAIL_OK, SemCase.DEFAULT_INSTANT, "UTC", null),
                    readOutbox(box).size(), "one outbox line per message sent");
            // a later dry run reads the history the real run wrote
            SemCase.of("dry", body).at("2026-11-24T11:00:00Z").dry()
                    .port("fr.out", 0).port("mail.sent", 0).port("mail.failed", 0).port("mail.excluded", 0)
                    .port("keep.out", 0).port("s.loyal", 0).port("s.rest", 0)
                    .agree("still only the real run's deliveries", "SELECT count(*) FROM camp.camp_state.deliveries",
                            "SELECT count(*) FROM profiles p WHERE " + FR + " AND " + EMAIL_OK)
                    .runAndCheck(box);
        }
    }

    static List<String> readOutbox(SemSandbox box) {
        try {
            return java.nio.file.Files.exists(box.outbox)
                    ? java.nio.file.Files.readAllLines(box.outbox).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void retargetingOnDeliveries() {
        String frE = profilesWhere(FR + " AND " + EMAIL_OK);
        String loyalSms = profilesWhere(LOYAL + " AND " + SMS_OK);
        String touched = frE + " UNION " + loyalSms;
        try (SemSandbox box = SemSandbox.create()) {
            SemCase.of("First touch", """
                    activity fr:    build profiles where upper(trim(country)) = "FR"
                    activity mail:  email { subject "x" body "y" }
                    activity loyal_b: build loyal
                    activity texts: sms { text "x" }
                    flow { fr -> mail; loyal_b -> texts }
                    """).named("first.camp").at("2026-11-20T09:00:00Z")
                    .port("fr.out", profilesWhere(FR)).port("mail.sent", frE).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(FR + " AND NOT " + EMAIL_OK))
                    .port("loyal_b.out", profilesWhere(LOYAL)).port("texts.sent", loyalSms).port("texts.failed", 0)
                    .port("texts.excluded", profilesWhere(LOYAL + " AND NOT " + SMS_OK))
                    .runAndCheck(box);
            SemCase.of("Follow up", """
                    activity touched:     build profiles where exists(deliveries where campaign = "First touch" and status = "sent")
                    activity by_sms:      build profiles where exists(deliveries where channel = "sms" and sent_at >= now() - 14 days)
                    activity by_act:      build profiles where count(deliveries where activity = "mail") = 1
                    activity recent_only: build profiles where exists(deliveries where sent_at >= now() - 2 days)
                    activity untouched:   build profiles where not exists(deliveries)
                    activity again:       email { subject "x" body "y" }
                    flow { touched -> again; by_sms; by_act; recent_only; untouched }
                    """).named("follow.camp").at("2026-11-24T09:00:00Z")
                    .port("touched.out", touched)
                    .port("by_sms.out", loyalSms)
                    .port("by_act.out", frE)
                    .port("recent_only.out", 0)
                    .port("untouched.out", "SELECT id FROM profiles EXCEPT (" + touched + ")")
                    .port("again.sent", "SELECT id FROM (" + touched + ") t JOIN profiles p USING (id) WHERE " + EMAIL_OK)
                    .port("again.failed", 0)
                    .port("again.excluded", "SELECT id FROM (" + touched + ") t JOIN profiles p USING (id) WHERE NOT " + EMAIL_OK)
                    .runAndCheck(box);
            SemCase.of("Third", """
                    activity twice:     build profiles where count(deliveries where channel = "email") >= 2
                    activity follow_up: build profiles where exists(deliveries where campaign = "Follow up" and activity = "again")
                    activity today_:    build profiles where exists(deliveries where sent_at >= today())
                    flow { twice; follow_up; today_ }
                    """).named("third.camp").at("2026-11-24T10:00:00Z")
                    .port("twice.out", frE)
                    .port("follow_up.out", "SELECT id FROM (" + touched + ") t JOIN profiles p USING (id) WHERE " + EMAIL_OK)
                    .port("today_.out", "SELECT id FROM (" + touched + ") t JOIN profiles p USING (id) WHERE " + EMAIL_OK)
                    .runAndCheck(box);
        }
    }

    @Test
    void capAcrossRunsAndCalendarPeriods() {
        String e = EMAIL_OK;
        String c3 = "upper(trim(country)) IN ('FR', 'DE', 'IT')";
        String de = "upper(trim(country)) = 'DE'", it = "upper(trim(country)) = 'IT'";
        String three = """
                activity who:  build profiles where upper(trim(country)) in ("FR", "DE", "IT")
                activity mail: email { subject "x" body "y" %s }
                flow { who -> mail }
                """;
        try (SemSandbox box = SemSandbox.create()) {
            // the last day of October: not in November's month, nor in the week of the 24th
            SemCase.of("October", "activity who: build profiles where upper(trim(country)) = \"IT\"\n"
                    + "activity mail: email { subject \"x\" body \"y\" }\nflow { who -> mail }\n")
                    .named("oct.camp").at("2026-10-31T23:00:00Z")
                    .port("who.out", profilesWhere(it)).port("mail.sent", profilesWhere(it + " AND " + e)).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(it + " AND NOT " + e))
                    .runAndCheck(box);
            SemCase.of("Saturday", "activity who: build profiles where upper(trim(country)) = \"DE\"\n"
                    + "activity mail: email { subject \"x\" body \"y\" }\nflow { who -> mail }\n")
                    .named("sat.camp").at("2026-11-21T10:00:00Z")
                    .port("who.out", profilesWhere(de)).port("mail.sent", profilesWhere(de + " AND " + e)).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(de + " AND NOT " + e))
                    .runAndCheck(box);
            SemCase.of("Sunday", "activity who: build profiles where upper(trim(country)) = \"FR\"\n"
                    + "activity mail: email { subject \"x\" body \"y\" }\nflow { who -> mail }\n")
                    .named("sun.camp").at("2026-11-22T10:00:00Z")
                    .port("who.out", profilesWhere(FR)).port("mail.sent", profilesWhere(FR + " AND " + e)).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(FR + " AND NOT " + e))
                    .runAndCheck(box);
            // weeks start on Sunday: Sunday's e-mail counts on Tuesday, Saturday's does not
            SemCase.of("Weekly", three.formatted("cap 1 per week")).named("weekly.camp")
                    .port("who.out", profilesWhere(c3))
                    .port("mail.sent", profilesWhere("(" + de + " OR " + it + ") AND " + e)).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(c3 + " AND (NOT " + e + " OR " + FR + ")"))
                    .runAndCheck(box);
            SemCase.of("Daily", three.formatted("cap 1 per day")).named("daily.camp").at("2026-11-24T10:00:00Z")
                    .port("who.out", profilesWhere(c3))
                    .port("mail.sent", profilesWhere(FR + " AND " + e)).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(c3 + " AND (NOT " + e + " OR " + de + " OR " + it + ")"))
                    .runAndCheck(box);
            // November so far: FR twice (Sunday, Daily), DE twice (Saturday, Weekly), IT once (Weekly)
            SemCase.of("Monthly", three.formatted("cap 2 per month")).named("monthly.camp").at("2026-11-24T11:00:00Z")
                    .port("who.out", profilesWhere(c3))
                    .port("mail.sent", profilesWhere(it + " AND " + e)).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(c3 + " AND (NOT " + e + " OR " + FR + " OR " + de + ")"))
                    .runAndCheck(box);
            // the period is the UTC one: 23:30 UTC on the 24th is the 25th in Paris, still the 24th for caps
            SemCase.of("Late", "activity who: build profiles where upper(trim(country)) = \"FR\"\n"
                    + "activity mail: email { subject \"x\" body \"y\" cap 1 per day }\nflow { who -> mail }\n"
                    + "schedule daily at 09:00 timezone \"Europe/Paris\"\n")
                    .named("late.camp").at("2026-11-24T23:30:00Z").zone("Europe/Paris")
                    .port("who.out", profilesWhere(FR)).port("mail.sent", 0).port("mail.failed", 0)
                    .port("mail.excluded", profilesWhere(FR))
                    .agree("late exclusion reasons", "SELECT reason, count(*) FROM :run.mail__excluded GROUP BY 1",
                            "SELECT " + reason("email", "email_opt_in") + ", count(*) FROM profiles p WHERE " + FR + " GROUP BY 1")
                    .runAndCheck(box);
        }
    }

    // ================================================================== the samples, port by port

    static String sample(String name) {
        try {
            return java.nio.file.Files.readString(SemSandbox.SAMPLES.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** samples/spring_promo.camp (schedule timezone Europe/Paris); at its first launch and before Black Friday. */
    static SemCase springPromo(String at) {
        String cte = """
                WITH opt AS (SELECT id FROM profiles p WHERE email_opt_in AND email IS NOT NULL
                               AND upper(trim(country)) IN ('FR', 'BE', 'DE', 'ES', 'IT', 'NL')
                               AND NOT ends_with(lower(trim(email)), '@maison-nord.example')),
                buy AS (SELECT id FROM profiles p WHERE EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id
                                                                AND x.purchased_at >= :now - INTERVAL 90 DAY)),
                reach AS (SELECT id FROM opt INTERSECT SELECT id FROM buy),
                ranked AS (SELECT p.id, row_number() OVER (PARTITION BY lower(trim(email))
                                  ORDER BY loyalty_points DESC NULLS LAST, created_at ASC NULLS LAST, id) AS rn
                           FROM profiles p WHERE id IN (SELECT id FROM reach)),
                uniq AS (SELECT id FROM ranked WHERE rn = 1),
                enr AS (SELECT p.*,
                          coalesce((SELECT sum(amount) FROM purchases x WHERE x.profile_id = p.id
                                    AND x.purchased_at >= :now - INTERVAL 90 DAY), 0) AS spent,
                          (SELECT count(*) FROM purchases x WHERE x.profile_id = p.id AND x.purchased_at >= :now - INTERVAL 90 DAY) AS orders
                        FROM profiles p WHERE id IN (SELECT id FROM uniq)),
                gold AS (SELECT * FROM enr WHERE spent >= 250 QUALIFY row_number() OVER (ORDER BY spent DESC, orders DESC, id) <= 40),
                silver AS (SELECT * FROM enr WHERE spent >= 80 AND id NOT IN (SELECT id FROM gold)
                           QUALIFY row_number() OVER (ORDER BY orders DESC, id) <= (SELECT floor(count(*) * 30 / 100) FROM enr)),
                others AS (SELECT * FROM enr WHERE id NOT IN (SELECT id FROM gold UNION ALL SELECT id FROM silver))
                """;
        String ok = " WHERE " + EMAIL_OK, notOk = " WHERE NOT " + EMAIL_OK;
        return SemCase.file("spring_promo at " + at, sample("spring_promo.camp")).named("spring_promo.camp")
                .at(at).zone("Europe/Paris")
                // first run of the incremental build: every matching profile
                .port("optins.out", cte + "SELECT id FROM opt")
                .port("buyers.out", cte + "SELECT id FROM buy")
                .port("reachable.out", cte + "SELECT id FROM reach")
                .port("reachable.complement", cte + "(SELECT id FROM opt UNION SELECT id FROM buy) EXCEPT SELECT id FROM reach")
                // first by loyalty_points desc, created_at asc (no ties remain in the data)
                .port("unique.out", cte + "SELECT id FROM uniq")
                .port("unique.duplicates", cte + "SELECT id FROM ranked WHERE rn > 1")
                .port("enriched.out", cte + "SELECT id FROM enr")
                .port("tiers.gold", cte + "SELECT id FROM gold")
                .port("tiers.silver", cte + "SELECT id FROM silver")
                .port("tiers.others", cte + "SELECT id FROM others")
                .port("gold_mail.sent", cte + "SELECT id FROM gold" + ok).port("gold_mail.failed", 0)
                .port("gold_mail.excluded", cte + "SELECT id FROM gold" + notOk)
                // cap 3 per week: nothing was sent before in this database
                .port("silver_mail.sent", cte + "SELECT id FROM silver" + ok).port("silver_mail.failed", 0)
                .port("silver_mail.excluded", cte + "SELECT id FROM silver" + notOk)
                .port("others_mail.sent", cte + "SELECT id FROM others" + ok).port("others_mail.failed", 0)
                .port("others_mail.excluded", cte + "SELECT id FROM others" + notOk)
                .port("keep_gold.out", cte + "SELECT id FROM gold" + ok)
                // no gold e-mail failed: the test sends nothing on, the alert is skipped
                .port("any_failed.some", 0).status("mail_alert", "skipped")
                .agree("the saved gold tier", "SELECT name, row_count FROM camp.camp_state.saved_audiences",
                        cte + "SELECT 'spring_gold_2026', count(*) FROM gold" + ok);
    }

    /** samples/winback.camp; the wait of 7 days is released only when that time has passed on the wall clock. */
    static SemCase winback(String at) {
        boolean released = Instant.parse(at).plus(java.time.Duration.ofDays(7)).isBefore(Instant.now());
        String cte = """
                WITH lapsed AS (SELECT p.* FROM profiles p WHERE email_opt_in AND email IS NOT NULL
                                  AND EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id)
                                  AND NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id
                                                  AND CAST(:now AS DATE) - CAST(x.purchased_at AS DATE) <= 180)),
                ranked AS (SELECT id, row_number() OVER (PARTITION BY lower(trim(email))
                                  ORDER BY (phone IS NOT NULL AND trim(phone) <> '') DESC, id) AS rn FROM lapsed),
                uniq AS (SELECT id FROM ranked WHERE rn = 1),
                n AS (SELECT count(*) AS n FROM uniq)
                """;
        // the control group is a seeded random 10 %: its size is fixed, its members are camp's choice,
        // so what follows the target group is computed from camp's target worktable
        String targetRows = "SELECT p.* FROM :run.groups__target t JOIN profiles p ON p.id = t.__key";
        String target = "SELECT id FROM (" + targetRows + ")";
        String away = targetRows + " WHERE NOT EXISTS (SELECT 1 FROM purchases x WHERE x.profile_id = p.id AND x.purchased_at >= :now) "
                + "AND p.phone IS NOT NULL AND (starts_with(p.phone, '+') OR starts_with(p.phone, '00'))";
        SemCase c = SemCase.file("winback at " + at, sample("winback.camp")).named("winback.camp")
                .at(at).zone("Europe/Paris")
                .port("lapsed_buyers.out", cte + "SELECT id FROM lapsed")
                // nobody was e-mailed in this database before
                .port("contacted.out", 0)
                .port("fresh.out", cte + "SELECT id FROM lapsed").port("fresh.complement", 0)
                .port("suppressed.out", 0)
                // no address group of the lapsed buyers has two candidates with a phone: the choice is fixed
                .port("one_per_address.out", cte + "SELECT id FROM uniq")
                .port("one_per_address.duplicates", cte + "SELECT id FROM ranked WHERE rn > 1")
                .port("big_enough.go", cte + "SELECT id FROM uniq WHERE (SELECT n FROM n) >= 20")
                .port("big_enough.too_small", cte + "SELECT id FROM uniq WHERE (SELECT n FROM n) < 20")
                .status("small_alert", "skipped")
                .port("past_orders.out", cte + "SELECT id FROM uniq")
                .count("groups.control", cte + "SELECT 1 FROM range((SELECT floor(n * 10 / 100)::BIGINT FROM n))")
                .count("groups.target", cte + "SELECT 1 FROM range((SELECT (n - floor(n * 10 / 100))::BIGINT FROM n))")
                .count("holdout.out", cte + "SELECT 1 FROM range((SELECT floor(n * 10 / 100)::BIGINT FROM n))")
                .port("winback_mail.sent", target + " WHERE " + EMAIL_OK).port("winback_mail.failed", 0)
                .port("winback_mail.excluded", target + " WHERE NOT " + EMAIL_OK)
                .invariant("control and target partition the deduplicated audience",
                        r -> SemCase.port(r, "groups.control") + SemCase.port(r, "groups.target") == SemCase.port(r, "past_orders.out"));
        if (released) {
            c.port("one_week.out", target)
                    .port("still_away.no_purchase_yet", "SELECT id FROM (" + away + ")")
                    .port("reminder_sms.sent", "SELECT id FROM (" + away + ") a WHERE " + SMS_OK).port("reminder_sms.failed", 0)
                    .port("reminder_sms.excluded", "SELECT id FROM (" + away + ") a WHERE NOT " + SMS_OK);
        } else {
            c.runStatus("waiting").status("one_week", "waiting").status("still_away", "pending").status("reminder_sms", "pending");
        }
        return c;
    }

    /** samples/renewal.camp (Europe/Paris): per-subscription reminders through the profile's addresses. */
    static SemCase renewal(String at) {
        String cte = """
                WITH members AS (SELECT p.id FROM profiles p
                                 WHERE EXISTS (SELECT 1 FROM subscriptions su WHERE su.profile_id = p.id AND su.status = 'active')
                                   AND NOT coalesce(ends_with(lower(trim(email)), '@maison-nord.example'), false)),
                subs AS (SELECT su.*, su.expires_on - :today AS days_left FROM subscriptions su
                         WHERE su.profile_id IN (SELECT id FROM members)),
                last_call AS (SELECT * FROM subs WHERE status = 'active' AND NOT auto_renew AND days_left BETWEEN 0 AND 7),
                upcoming AS (SELECT * FROM subs WHERE status = 'active' AND NOT auto_renew AND days_left BETWEEN 0 AND 30
                             AND subscription_id NOT IN (SELECT subscription_id FROM last_call)),
                renews AS (SELECT * FROM subs WHERE status = 'active' AND auto_renew = true
                           AND expires_on BETWEEN :today AND :today + INTERVAL 30 DAY
                           AND subscription_id NOT IN (SELECT subscription_id FROM last_call UNION ALL SELECT subscription_id FROM upcoming)),
                sms AS (SELECT l.subscription_id, p.*, row_number() OVER (PARTITION BY p.id ORDER BY l.subscription_id) AS k
                        FROM last_call l JOIN profiles p ON p.id = l.profile_id),
                two AS (SELECT *, row_number() OVER (PARTITION BY profile_id ORDER BY expires_on ASC NULLS LAST,
                                                     monthly_price DESC NULLS LAST, subscription_id) AS rn FROM upcoming),
                mail AS (SELECT t.subscription_id, p.* FROM two t JOIN profiles p ON p.id = t.profile_id WHERE t.rn <= 2),
                push AS (SELECT r.subscription_id, p.* FROM renews r JOIN profiles p ON p.id = r.profile_id),
                mailed AS (SELECT subscription_id, id FROM mail WHERE %s)
                """.formatted(EMAIL_OK);
        return SemCase.file("renewal at " + at, sample("renewal.camp")).named("renewal.camp")
                .at(at).zone("Europe/Paris")
                .port("members.out", cte + "SELECT id FROM members")
                // to a many link: one row per subscription, whatever its status
                .port("subs.out", cte + "SELECT subscription_id FROM subs")
                .port("details.out", cte + "SELECT subscription_id FROM subs")
                .port("expiring.last_call", cte + "SELECT subscription_id FROM last_call")
                .port("expiring.upcoming", cte + "SELECT subscription_id FROM upcoming")
                .port("expiring.renews", cte + "SELECT subscription_id FROM renews")
                // cap 1 per week: a member's second last-call SMS of the run is capped
                .port("last_call_sms.sent", cte + "SELECT subscription_id FROM sms WHERE " + SMS_OK + " AND k = 1")
                .port("last_call_sms.failed", 0)
                .port("last_call_sms.excluded", cte + "SELECT subscription_id FROM sms WHERE NOT (" + SMS_OK + " AND k = 1)")
                .port("max_two.out", cte + "SELECT subscription_id FROM two WHERE rn <= 2")
                .port("max_two.duplicates", cte + "SELECT subscription_id FROM two WHERE rn > 2")
                .port("upcoming_mail.sent", cte + "SELECT subscription_id FROM mailed").port("upcoming_mail.failed", 0)
                .port("upcoming_mail.excluded", cte + "SELECT subscription_id FROM mail WHERE NOT " + EMAIL_OK)
                .port("renews_push.sent", cte + "SELECT subscription_id FROM push WHERE " + PUSH_OK).port("renews_push.failed", 0)
                .port("renews_push.excluded", cte + "SELECT subscription_id FROM push WHERE NOT " + PUSH_OK)
                .port("reminders_done.out", cte + "SELECT subscription_id FROM mailed")
                .port("report.out", cte + "SELECT subscription_id FROM mailed")
                .port("who.out", cte + "SELECT id FROM mailed")
                .port("one_each.out", cte + "SELECT DISTINCT id FROM mailed")
                .port("one_each.duplicates", cte + "SELECT id FROM mailed QUALIFY row_number() OVER (PARTITION BY id) > 1")
                .port("keep_due.out", cte + "SELECT DISTINCT id FROM mailed")
                .agree("the saved members", "SELECT name, row_count FROM camp.camp_state.saved_audiences",
                        cte + "SELECT 'renewal_due', count(DISTINCT id) FROM mailed");
    }

    /** samples/partner_leads.camp (no schedule: UTC): load, reconcile, dedup prefer, retargeting split. */
    static SemCase partnerLeads(String at) {
        String cte = LEADS + """
                , ranked AS (SELECT *, row_number() OVER (PARTITION BY id ORDER BY
                                 coalesce(list_position(['store_event', 'newsletter', 'contest', 'partner_app'], source), 99), n) AS rn
                             FROM matched),
                kept AS (SELECT * FROM ranked WHERE rn = 1),
                recent AS (SELECT k.id FROM kept k WHERE k.signup_date >= :today - INTERVAL 30 DAY AND :today - k.signup_date >= 0),
                stale AS (SELECT id FROM kept WHERE id NOT IN (SELECT id FROM recent))
                """;
        return SemCase.file("partner_leads at " + at, sample("partner_leads.camp")).named("partner_leads.camp").at(at)
                .port("leads.out", cte + "SELECT n FROM good")
                .port("leads.rejected", cte + "SELECT n FROM checked WHERE NOT ok")
                .port("normalized.out", cte + "SELECT n FROM good")
                .port("matched.out", cte + "SELECT id FROM matched")
                .port("matched.unmatched", cte + "SELECT n FROM norm WHERE n NOT IN (SELECT n FROM matched)")
                // the same profile from two sources: the first listed source wins
                .port("one_lead.out", cte + "SELECT id FROM kept")
                .port("one_lead.duplicates", cte + "SELECT id FROM ranked WHERE rn > 1")
                .port("fresh.recent", cte + "SELECT id FROM recent")
                .port("fresh.stale", cte + "SELECT id FROM stale")
                .port("welcome.sent", cte + "SELECT r.id FROM recent r JOIN profiles p ON p.id = r.id WHERE " + EMAIL_OK)
                .port("welcome.failed", 0)
                .port("welcome.excluded", cte + "SELECT r.id FROM recent r JOIN profiles p ON p.id = r.id WHERE NOT " + EMAIL_OK)
                .port("keep_stale.out", cte + "SELECT id FROM stale")
                .port("bad_lines.out", cte + "SELECT n FROM checked WHERE NOT ok")
                .port("unknown.out", cte + "SELECT n FROM norm WHERE n NOT IN (SELECT n FROM matched)");
    }

    static Stream<SemCase> sampleCases() {
        return Stream.of(
                springPromo("2026-03-10T08:00:00Z"),      // its first launch, 09:00 in Paris
                springPromo("2026-11-24T09:00:00Z"),
                winback("2026-11-12T09:00:00Z"),          // a Thursday 10:00 in Paris; the reminder week has passed
                winback("2026-11-26T09:00:00Z"),          // its header's time: the wait holds the run until Dec 3
                renewal("2026-11-24T07:00:00Z"),          // its header's time, 08:00 in Paris
                renewal("2026-11-10T07:00:00Z"),
                partnerLeads("2026-11-24T09:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT) // each case runs in a sandbox of its own
    @MethodSource("sampleCases")
    void samples(SemCase c) {
        try (SemSandbox box = SemSandbox.create()) {
            c.runAndCheck(box);
        }
    }
}
