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
    public record Verified(Map<Entity, String> relations, List<Diagnostic> problems, Connection local) implements AutoCloseable {
        /** Closes the DuckDB that read the files of an engine that reads none (nothing for DuckDB). */
        @Override
        public void close() throws SQLException {
            if (local != null) {
                local.close();
            }
        }
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
            try (Verified verified = verify(c, plan, ctx, plan.entities().keySet())) {
                return verified.problems();
            }
        }
    }

    /** Prepares the sources of the given entities; returns the diagnostics (empty when all is well). */
    public static List<Diagnostic> prepare(Connection c, Plan plan, SqlContext ctx, Set<String> used) throws SQLException {
        try (Verified verified = verify(c, plan, ctx, used)) {
            if (verified.problems().isEmpty()) {
                materialize(c, ctx, verified);
            }
            return verified.problems();
        }
    }

    /** Makes every verified source readable in the run's schema (a csv file is read into a table). */
    public static void materialize(Connection c, SqlContext ctx, Verified verified) throws SQLException {
        SourceSql sql = new SourceSql(ctx);
        for (var e : verified.relations().entrySet()) {
            if (verified.local() != null && isFile(e.getKey())) {
                copyIn(c, ctx, verified.local(), e.getKey(), e.getValue());
                continue;
            }
            String materialize = sql.materialize(e.getKey(), e.getValue());
            if (materialize != null) {
                exec(c, materialize);
            }
        }
    }

    private static boolean isFile(Entity e) {
        return e.sourceKind() == Entity.SourceKind.CSV || e.sourceKind() == Entity.SourceKind.PARQUET;
    }

    /**
     * A file source of an engine that reads no file of camp's machine: read by an embedded DuckDB
     * exactly as a DuckDB run reads it (the same columns, types and values), written to a file and
     * copied into the run's schema, unless an earlier attempt of the run did.
     */
    private static void copyIn(Connection c, SqlContext ctx, Connection local, Entity e, String relation) throws SQLException {
        String name = SqlContext.sourceTable(e.name());
        if (new Store(c).tableExists(ctx.runSchema(), name)) {
            return;
        }
        // the declared attributes and the key only: a column the campaign cannot name is not copied, so that a
        // type the engine cannot hold (a list, a struct) in one of them is no obstacle
        List<Store.Column> columns = new Store(local).columns("SELECT * FROM " + relation).stream()
                .filter(col -> col.name().equalsIgnoreCase(e.key())
                        || e.attributes().keySet().stream().anyMatch(a -> a.equalsIgnoreCase(col.name())))
                .toList();
        relation = "(SELECT " + String.join(", ", columns.stream().map(col -> camp.sql.DuckDbDialect.INSTANCE.quoteIdentifier(col.name()))
                .toList()) + " FROM " + relation + ") AS declared";
        SparkConnection spark = SparkConnection.of(c);
        if (spark != null) {
            copyToSpark(c, ctx, spark, local, e, relation, columns);
            return;
        }
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(ctx.table(name)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            create.append(i == 0 ? "" : ", ").append(ctx.id(columns.get(i).name())).append(' ')
                    .append(ctx.dialect().typeFromDuckDb(columns.get(i).type()));
        }
        exec(c, create.append(')').toString());
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("camp-source-", ".csv");
            exec(local, "COPY (SELECT * FROM " + relation + ") TO " + camp.sql.DuckDbDialect.INSTANCE.string(file.toString())
                    + " (FORMAT csv, HEADER false, NULLSTR '\\N', FORCE_QUOTE *)");
            PostgresCopy.copyIn(c, "COPY " + ctx.table(name) + " FROM STDIN (FORMAT csv, NULL '\\N')", file);
        } catch (java.io.IOException x) {
            throw new SQLException("cannot copy the source of entity '" + e.name() + "' into the database: " + x.getMessage(), x);
        } finally {
            if (file != null) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /**
     * A file source into Spark: written as a parquet file by the embedded DuckDB into the folder the
     * cluster reads, then made a table with one {@code CREATE TABLE AS} (a copy a crash interrupts
     * leaves no table: it is made again). Values Spark's parquet reader cannot take (a time of day)
     * go as text, which is how Spark holds them.
     */
    private static void copyToSpark(Connection c, SqlContext ctx, SparkConnection spark, Connection local, Entity e, String relation,
            List<Store.Column> columns) throws SQLException {
        camp.sql.Dialect duck = camp.sql.DuckDbDialect.INSTANCE;
        StringBuilder written = new StringBuilder();
        StringBuilder read = new StringBuilder();
        for (Store.Column col : columns) {
            String type = ctx.dialect().typeFromDuckDb(col.type());
            boolean asText = type.equals("STRING") && !col.type().equalsIgnoreCase("VARCHAR");
            written.append(written.length() == 0 ? "" : ", ").append(asText ? "CAST(" + duck.quoteIdentifier(col.name()) + " AS VARCHAR)"
                    : duck.quoteIdentifier(col.name())).append(" AS ").append(duck.quoteIdentifier(col.name()));
            read.append(read.length() == 0 ? "" : ", ").append("CAST(").append(ctx.id(col.name())).append(" AS ").append(type)
                    .append(") AS ").append(ctx.id(col.name()));
        }
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile(spark.staging(), "source-" + e.name() + "-", ".parquet");
            java.nio.file.Files.delete(file);
            exec(local, "COPY (SELECT " + written + " FROM " + relation + ") TO " + duck.string(file.toString()) + " (FORMAT parquet)");
            exec(c, "CREATE TABLE " + ctx.table(SqlContext.sourceTable(e.name())) + " AS SELECT " + read + " FROM parquet.`"
                    + file.toUri() + "`");
        } catch (java.io.IOException x) {
            throw new SQLException("cannot copy the source of entity '" + e.name() + "' into Spark: " + x.getMessage(), x);
        } finally {
            if (file != null) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a staging file left behind
                }
            }
        }
    }

    /** Checks that each source has the declared attributes with compatible types; only reads. */
    public static Verified verify(Connection c, Plan plan, SqlContext ctx, Set<String> used) throws SQLException {
        List<Diagnostic> problems = new ArrayList<>();
        Map<Entity, String> relations = new LinkedHashMap<>();
        // an engine that reads no file of camp's machine gets its csv and parquet sources from an embedded DuckDB
        Connection local = null;
        SqlContext fileCtx = ctx;
        if (!ctx.dialect().readsFiles() && plan.entities().values().stream()
                .anyMatch(e -> !e.isDeliveries() && used.contains(e.name()) && isFile(e))) {
            local = java.sql.DriverManager.getConnection("jdbc:duckdb:");
            fileCtx = ctx.withDialect(camp.sql.DuckDbDialect.INSTANCE);
        }
        SourceSql sql = new SourceSql(ctx);
        SourceSql fileSql = new SourceSql(fileCtx);
        for (Entity e : plan.entities().values()) {
            if (e.isDeliveries() || !used.contains(e.name())) {
                continue;
            }
            Connection reader = local != null && isFile(e) ? local : c;
            String relation;
            Map<String, String> actual;
            if (e.sourceKind() == Entity.SourceKind.QUERY) {
                // never run a query source that is not one SELECT, even if the file changed since it was checked
                String problem = ctx.dialect().readsFiles() ? DuckDbQueries.problem(c, e.location())
                        : DuckDbQueries.INSTANCE.problem(e.location());
                if (problem != null) {
                    problems.add(at(e, "entity '" + e.name() + "': " + Code.QUERY_NOT_SELECT.format(problem)));
                    continue;
                }
            }
            try {
                SourceSql reading = reader == c ? sql : fileSql;
                relation = e.sourceKind() == Entity.SourceKind.CSV ? csvRelation(reader, e, reading) : reading.relation(e);
                actual = describe(reader, relation);
            } catch (SQLException x) {
                // which engine could not read it: the run's, or the embedded DuckDB that reads its files
                String engine = reader == c ? ctx.dialect().displayName() : "DuckDB";
                problems.add(at(e, Code.SOURCE_UNREADABLE, "entity '" + e.name() + "': cannot read its source (" + engine + "): "
                        + firstLine(x.getMessage())));
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
        if (!problems.isEmpty() && local != null) {
            local.close();
            local = null;
        }
        return new Verified(relations, problems, local);
    }

    private static Diagnostic at(Entity e, String message) {
        return at(e, Code.SOURCE_MISMATCH, message);
    }

    private static Diagnostic at(Entity e, Code code, String message) {
        return e.span() == null ? Diagnostic.inFile(null, code, message) : Diagnostic.at(e.span(), code, message);
    }

    /**
     * How a csv source is read: declared text columns as text, declared decimal columns as
     * exact decimals with as many decimals as the file has. Columns the file lacks are left to
     * the comparison.
     */
    private static String csvRelation(Connection c, Entity e, SourceSql sql) throws SQLException {
        Map<String, String> present = new LinkedHashMap<>();
        for (String column : describe(c, sql.csvAsText(e)).keySet()) {
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

    /** The columns of a relation and their types, in DuckDB's names. */
    private static Map<String, String> describe(Connection c, String relation) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Store.Column column : new Store(c).columns("SELECT * FROM " + relation)) {
            columns.put(column.name(), column.type());
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
