package camp.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One campaign run of the semantics tests and what its result must be: for every output port,
 * the hand-written oracle SQL that lists the rows' keys (compared with camp's count and, unless
 * the port is declared count-only, with the keys of camp's worktable); the status of activities
 * that are not simply done; the run status.
 */
final class SemCase {
    static final String AT = "2026-11-24T09:00:00Z";
    static final Instant DEFAULT_INSTANT = Instant.parse(AT);

    final String name;
    String body;
    String file = "c.camp";
    String at = AT;
    String zone = "UTC";
    boolean dryRun;
    Map<String, String> params = Map.of();
    String runStatus = "completed";
    final Map<String, Expect> ports = new LinkedHashMap<>();
    final Map<String, String> statuses = new LinkedHashMap<>();
    final List<Invariant> invariants = new ArrayList<>();

    /** How a port is checked: by an oracle query (keys or count only) or a fixed number. */
    record Expect(String sql, boolean keys, Long fixed) {
    }

    record Invariant(String description, Predicate<RunResult> holds) {
    }

    /** A query on camp's database (attached as camp; :run is the run's schema) that must give the oracle's rows. */
    record Agreement(String description, String campSql, String oracleSql) {
    }

    final List<Agreement> agreements = new ArrayList<>();

    SemCase agree(String description, String campSql, String oracleSql) {
        agreements.add(new Agreement(description, campSql, oracleSql));
        return this;
    }

    private SemCase(String name, String body) {
        this.name = name;
        this.body = body;
    }

    /** A campaign named after the case that imports retail.camp, with the given statements. */
    static SemCase of(String name, String statements) {
        return new SemCase(name, "campaign \"" + name + "\"\nimport \"retail.camp\"\n" + statements);
    }

    /** A whole file, as written (for the samples or campaigns that need their own header). */
    static SemCase file(String name, String text) {
        return new SemCase(name, text);
    }

    /** Appends statements (a schedule, an entity...) to the campaign. */
    SemCase with(String statements) {
        this.body = body + "\n" + statements + "\n";
        return this;
    }

    SemCase named(String fileName) {
        this.file = fileName;
        return this;
    }

    SemCase at(String instant) {
        this.at = instant;
        return this;
    }

    SemCase zone(String z) {
        this.zone = z;
        return this;
    }

    SemCase dry() {
        this.dryRun = true;
        return this;
    }

    SemCase params(Map<String, String> p) {
        this.params = p;
        return this;
    }

    /** The port's rows are exactly the keys the SQL lists (one row per output row). */
    SemCase port(String activityPort, String sql) {
        ports.put(activityPort, new Expect(sql, true, null));
        return this;
    }

    /** The port has as many rows as the SQL returns (membership decided by camp's seeded hash). */
    SemCase count(String activityPort, String sql) {
        ports.put(activityPort, new Expect(sql, false, null));
        return this;
    }

    SemCase port(String activityPort, long n) {
        ports.put(activityPort, new Expect(null, false, n));
        return this;
    }

    SemCase status(String activity, String status) {
        statuses.put(activity, status);
        return this;
    }

    SemCase runStatus(String s) {
        this.runStatus = s;
        return this;
    }

    SemCase invariant(String description, Predicate<RunResult> holds) {
        invariants.add(new Invariant(description, holds));
        return this;
    }

    Instant instant() {
        return Instant.parse(at);
    }

    @Override
    public String toString() {
        return name + (dryRun ? " (dry run)" : "");
    }

    /** Statements run on camp's database before the run (tables of `from table` entities). */
    final List<String> setup = new ArrayList<>();

    SemCase setup(String sql) {
        setup.add(sql);
        return this;
    }

    /** Writes the campaign into the sandbox, runs it and checks everything; returns the result. */
    RunResult runAndCheck(SemSandbox box) {
        box.write(file, body);
        if (!setup.isEmpty()) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + box.db.toAbsolutePath()); Statement s = c.createStatement()) {
                for (String sql : setup) {
                    s.execute(sql);
                }
            } catch (SQLException e) {
                throw new AssertionError("setup failed: " + e, e);
            }
        }
        RunResult r = box.run(file, at, params, dryRun);
        List<String> problems = check(box, r);
        if (!problems.isEmpty()) {
            throw new AssertionError(report(r, problems));
        }
        return r;
    }

    String report(RunResult r, List<String> problems) {
        StringBuilder b = new StringBuilder("case '" + name + "' at " + at + (dryRun ? " (dry run)" : "") + ":\n");
        problems.forEach(p -> b.append("  - ").append(p).append('\n'));
        b.append("camp's result: run ").append(r.run()).append(' ').append(r.status());
        if (r.error() != null) {
            b.append(" error: ").append(r.error());
        }
        b.append('\n');
        r.activities().forEach((a, act) -> b.append("    ").append(a).append(' ').append(act.kind()).append(' ')
                .append(act.status()).append(" in=").append(act.input()).append(' ').append(act.outputs())
                .append(act.error() == null ? "" : " error: " + act.error()).append('\n'));
        b.append("campaign:\n").append(body);
        return b.toString();
    }

    List<String> check(SemSandbox box, RunResult r) {
        List<String> problems = new ArrayList<>();
        if (r.run() == null) {
            problems.add("camp did not run: " + r.diagnostics().stream()
                    .map(d -> d.code() + " " + d.severity() + " " + (d.span() == null ? "" : d.span().line() + ":" + d.span().column() + " ")
                            + d.message() + (d.help() == null ? "" : " (" + d.help() + ")"))
                    .collect(Collectors.joining("; ")));
            return problems;
        }
        if (!runStatus.equals(r.status().label())) {
            problems.add("run status: camp=" + r.status() + " expected=" + runStatus);
        }
        for (var e : statuses.entrySet()) {
            RunResult.Activity a = r.activities().get(e.getKey());
            String actual = a == null ? "(absent)" : a.status().label();
            if (!e.getValue().equals(actual)) {
                problems.add("status of " + e.getKey() + ": camp=" + actual + " expected=" + e.getValue());
            }
        }
        // every port of every activity that ran must be checked
        for (var a : r.activities().entrySet()) {
            if (!a.getValue().status().label().equals("done") && !statuses.containsKey(a.getKey())) {
                problems.add("status of " + a.getKey() + ": camp=" + a.getValue().status() + " expected=done");
            }
            if (a.getValue().status().label().equals("done")) {
                for (String port : a.getValue().outputs().keySet()) {
                    if (!ports.containsKey(a.getKey() + "." + port)) {
                        problems.add("test has no expectation for port " + a.getKey() + "." + port
                                + " (camp=" + a.getValue().outputs().get(port) + ")");
                    }
                }
            }
        }
        for (var e : ports.entrySet()) {
            String[] ap = e.getKey().split("\\.", 2);
            RunResult.Activity a = r.activities().get(ap[0]);
            Long actual = a == null ? null : a.outputs().get(ap[1]);
            Expect x = e.getValue();
            if (x.fixed() != null) {
                if (!x.fixed().equals(actual)) {
                    problems.add(e.getKey() + ": camp=" + actual + " expected=" + x.fixed());
                }
                continue;
            }
            List<String> expected = SemOracle.column(x.sql().replace(":run", "camp.\"run_" + r.run() + "\""),
                    instant(), zone, box.db);
            if (actual == null || actual != expected.size()) {
                problems.add(e.getKey() + ": camp=" + actual + " oracle=" + expected.size());
                continue;
            }
            if (x.keys()) {
                List<String> got = worktableKeys(box.db, r.run(), ap[0], ap[1]);
                if (got != null) {
                    List<String> want = new ArrayList<>(expected);
                    want.sort(null);
                    got.sort(null);
                    if (!want.equals(got)) {
                        List<String> missing = new ArrayList<>(want);
                        got.forEach(missing::remove);
                        List<String> extra = new ArrayList<>(got);
                        want.forEach(extra::remove);
                        problems.add(e.getKey() + ": same count " + actual + " but other rows: camp lacks keys "
                                + head(missing) + ", camp has extra keys " + head(extra));
                    }
                }
            }
        }
        for (Agreement g : agreements) {
            List<String> got;
            try {
                got = new ArrayList<>(SemOracle.column(g.campSql().replace(":run", "camp.\"run_" + r.run() + "\""),
                        instant(), zone, box.db));
            } catch (AssertionError e) {
                problems.add(g.description() + ": " + e.getMessage());
                continue;
            }
            List<String> want = new ArrayList<>(SemOracle.column(g.oracleSql(), instant(), zone, box.db));
            got.sort(null);
            want.sort(null);
            if (!got.equals(want)) {
                problems.add(g.description() + ": camp=" + head(got) + " oracle=" + head(want));
            }
        }
        for (Invariant i : invariants) {
            if (!i.holds().test(r)) {
                problems.add("invariant fails: " + i.description());
            }
        }
        return problems;
    }

    private static String head(List<String> l) {
        return l.size() <= 12 ? l.toString() : l.subList(0, 12) + "... (" + l.size() + ")";
    }

    /** The __key of every row of a port's worktable, or null when camp keeps none. */
    static List<String> worktableKeys(Path db, String run, String activity, String port) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                PreparedStatement p = c.prepareStatement(
                        "SELECT table_name FROM camp_state.worktables WHERE run_id = ? AND activity = ? AND port = ?")) {
            p.setString(1, run);
            p.setString(2, activity);
            p.setString(3, port);
            String table;
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                table = r.getString(1);
            }
            List<String> keys = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT __key FROM " + table)) {
                while (r.next()) {
                    keys.add(String.valueOf(r.getString(1)));
                }
            }
            return keys;
        } catch (SQLException e) {
            return null;
        }
    }

    static long port(RunResult r, String activityPort) {
        String[] ap = activityPort.split("\\.", 2);
        RunResult.Activity a = r.activities().get(ap[0]);
        Long v = a == null ? null : a.outputs().get(ap[1]);
        return v == null ? -1 : v;
    }

    static long input(RunResult r, String activity) {
        RunResult.Activity a = r.activities().get(activity);
        return a == null ? -1 : a.input();
    }
}
