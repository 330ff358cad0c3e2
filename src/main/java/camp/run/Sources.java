package camp.run;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.sql.SourceSql;
import camp.sql.SqlContext;
import camp.types.Type;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes every entity readable in a run and checks, before any task runs, that each source
 * really has the declared attributes with compatible types (§4). A mismatch is a diagnostic at
 * the entity's declaration, never a SQL error in the middle of a run. csv files are read once
 * per run into a table; parquet files and queries are views; tables are used where they are
 * ({@link SourceSql} writes the statements).
 */
public final class Sources {
    private Sources() {
    }

    /**
     * The sources of the given entities, verified: how each is read, or the diagnostics of those
     * that do not match their declaration. Verifying only reads.
     */
    public record Verified(Map<Entity, String> relations, List<Diagnostic> problems) {
    }

    /**
     * {@code camp check --data}: every entity of a checked file held to its real source (columns
     * and types), as a run would find it, without running anything. Table and query sources are
     * read from the database when it exists (opened read-only), csv and parquet files directly;
     * DuckDB is confined to the project's folders as in a run.
     */
    public static List<Diagnostic> check(Plan plan, java.nio.file.Path file, java.nio.file.Path db) throws SQLException {
        boolean withDb = db != null && java.nio.file.Files.isRegularFile(db);
        try (Connection c = withDb ? Database.openReadOnly(db) : java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            List<java.nio.file.Path> folders = new ArrayList<>();
            try {
                folders.addAll(camp.project.Project.of(file).folders());
            } catch (camp.project.Project.ConfigException e) {
                folders.add(file.toAbsolutePath().normalize().getParent());
            }
            if (withDb) {
                folders.add(Database.folder(db));
            }
            Store store = new Store(c);
            store.sandbox(folders);
            java.time.Instant now = java.time.Instant.now();
            java.time.ZoneId zone = java.time.ZoneId.of(plan.timezone());
            SqlContext ctx = new SqlContext(plan, camp.sql.DuckDbDialect.INSTANCE, now.atZone(zone).toLocalDateTime(), now, Map.of(), 0,
                    "check", "check", Map.of(), true);
            return verify(c, plan, ctx, plan.entities().keySet()).problems();
        }
    }

    /** Prepares the sources of the given entities; returns the diagnostics (empty when all is well). */
    public static List<Diagnostic> prepare(Connection c, Plan plan, SqlContext ctx, Set<String> used) throws SQLException {
        Verified verified = verify(c, plan, ctx, used);
        if (verified.problems().isEmpty()) {
            materialize(c, ctx, verified);
        }
        return verified.problems();
    }

    /** Makes every verified source readable in the run's schema (a csv file is read into a table). */
    public static void materialize(Connection c, SqlContext ctx, Verified verified) throws SQLException {
        SourceSql sql = new SourceSql(ctx);
        for (var e : verified.relations().entrySet()) {
            String materialize = sql.materialize(e.getKey(), e.getValue());
            if (materialize != null) {
                exec(c, materialize);
            }
        }
    }

    /** Checks that each source has the declared attributes with compatible types; only reads. */
    public static Verified verify(Connection c, Plan plan, SqlContext ctx, Set<String> used) throws SQLException {
        List<Diagnostic> problems = new ArrayList<>();
        Map<Entity, String> relations = new LinkedHashMap<>();
        SourceSql sql = new SourceSql(ctx);
        for (Entity e : plan.entities().values()) {
            if (e.isDeliveries() || !used.contains(e.name())) {
                continue;
            }
            String relation;
            Map<String, String> actual;
            if (e.sourceKind() == Entity.SourceKind.QUERY) {
                // never run a query source that is not one SELECT, even if the file changed since it was checked
                String problem = DuckDbQueries.problem(c, e.location());
                if (problem != null) {
                    problems.add(at(e, "entity '" + e.name() + "': " + Code.QUERY_NOT_SELECT.format(problem)));
                    continue;
                }
            }
            try {
                relation = e.sourceKind() == Entity.SourceKind.CSV ? csvRelation(c, e, sql) : sql.relation(e);
                actual = describe(c, sql.describe(relation));
            } catch (SQLException x) {
                problems.add(at(e, "entity '" + e.name() + "': cannot read its source: " + firstLine(x.getMessage())));
                continue;
            }
            List<String> mismatches = new ArrayList<>();
            for (var a : e.attributes().entrySet()) {
                // DuckDB matches column names without regard to case, and so does camp
                String found = actual.entrySet().stream().filter(k -> k.getKey().equalsIgnoreCase(a.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (found == null) {
                    String close = camp.diag.Suggestions.didYouMean(a.getKey(), actual.keySet());
                    mismatches.add("the source has no column '" + a.getKey() + "'" + (close != null ? " (" + close + ")" : ""));
                } else if (!compatible(a.getValue(), found)) {
                    mismatches.add("column '" + a.getKey() + "' is " + found + " in the source but is declared " + a.getValue());
                }
            }
            if (!mismatches.isEmpty()) {
                problems.add(at(e, "entity '" + e.name() + "' does not match its source: " + String.join("; ", mismatches)));
                continue;
            }
            relations.put(e, relation);
        }
        return new Verified(relations, problems);
    }

    private static Diagnostic at(Entity e, String message) {
        return e.span() == null ? Diagnostic.inFile(null, Code.SOURCE_MISMATCH, message)
                : Diagnostic.at(e.span(), Code.SOURCE_MISMATCH, message);
    }

    /**
     * How a csv source is read: declared text columns as text, declared decimal columns as
     * exact decimals with as many decimals as the file has. Columns the file lacks are left to
     * the comparison.
     */
    private static String csvRelation(Connection c, Entity e, SourceSql sql) throws SQLException {
        Map<String, String> present = new LinkedHashMap<>();
        for (String column : describe(c, sql.describe(sql.csvAsText(e))).keySet()) {
            present.put(column.toLowerCase(Locale.ROOT), column);
        }
        List<String> types = new ArrayList<>();
        for (var a : e.attributes().entrySet()) {
            String column = present.get(a.getKey().toLowerCase(Locale.ROOT));
            if (column == null) {
                continue;
            }
            if (a.getValue() == Type.TEXT) {
                types.add(sql.textColumn(column));
            } else if (a.getValue() == Type.DECIMAL) {
                types.add(sql.decimalColumn(column, decimals(c, sql.csvDecimals(e, column))));
            }
        }
        return sql.csv(e, types);
    }

    /** The most decimals a column of a csv file is written with (at most 18). */
    private static int decimals(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return Math.min(18, r.getInt(1));
        }
    }

    private static Map<String, String> describe(Connection c, String describe) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(describe)) {
            while (r.next()) {
                columns.put(r.getString(1), r.getString(2));
            }
        }
        return columns;
    }

    /** Whether a DuckDB column type can stand for a declared type. */
    static boolean compatible(Type declared, String actual) {
        String t = actual.toUpperCase(Locale.ROOT);
        boolean integer = t.matches("(U)?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)") || t.matches("DECIMAL\\(\\d+,\\s*0\\)");
        boolean numeric = integer || t.startsWith("DECIMAL") || t.equals("DOUBLE") || t.equals("FLOAT") || t.equals("REAL");
        return switch (declared) {
            case INT -> integer;
            case DECIMAL, FLOAT -> numeric;
            case TEXT -> t.equals("VARCHAR") || t.startsWith("ENUM") || t.equals("UUID");
            case BOOL -> t.equals("BOOLEAN");
            case DATE -> t.equals("DATE");
            case TIMESTAMP -> t.startsWith("TIMESTAMP") || t.equals("DATE");
            default -> false;
        };
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String firstLine(String s) {
        return TaskFailure.firstLine(s);
    }
}
