package camp.run;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.model.EntityInfo;
import camp.model.Model;
import camp.sql.Dialect;
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
 * per run into a table; parquet files and queries are views; tables are used where they are.
 */
public final class Sources {
    private Sources() {
    }

    /** Prepares the sources of the given entities; returns the diagnostics (empty when all is well). */
    public static List<Diagnostic> prepare(Connection c, Model model, SqlContext ctx, Set<String> used) throws SQLException {
        List<Diagnostic> problems = new ArrayList<>();
        Dialect d = ctx.dialect();
        for (EntityInfo e : model.entities().values()) {
            if (e.isDeliveries() || !used.contains(e.name())) {
                continue;
            }
            String relation;
            Map<String, String> actual;
            try {
                switch (e.sourceKind()) {
                    case TABLE -> relation = ctx.source(e);
                    case CSV -> relation = csvRelation(c, e, d);
                    case PARQUET -> relation = "read_parquet(" + d.string(e.location()) + ")";
                    default -> relation = "(" + e.location() + ")";
                }
                actual = describe(c, relation);
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
            switch (e.sourceKind()) {
                case TABLE -> {
                }
                case CSV -> exec(c, "CREATE TABLE IF NOT EXISTS " + ctx.table(SqlContext.sourceTable(e.name())) + " AS SELECT * FROM " + relation);
                default -> exec(c, "CREATE VIEW IF NOT EXISTS " + ctx.table(SqlContext.sourceTable(e.name())) + " AS SELECT * FROM " + relation);
            }
        }
        return problems;
    }

    /** On resume: the sources a run read stay as they were (csv files were copied into the run). */
    public static List<Diagnostic> prepareAgain(Connection c, Model model, SqlContext ctx, Set<String> used) throws SQLException {
        return prepare(c, model, ctx, used);
    }

    private static Diagnostic at(EntityInfo e, String message) {
        return e.decl() == null ? Diagnostic.inFile(null, Code.SOURCE_MISMATCH, message)
                : Diagnostic.at(e.decl().name().span(), Code.SOURCE_MISMATCH, message);
    }

    /**
     * How a csv source is read: declared text columns as text, so that "01234" keeps its zero;
     * declared decimal columns as exact decimals with as many decimals as the file has, so that
     * money adds up without binary noise. Columns the file lacks are left to the comparison.
     */
    private static String csvRelation(Connection c, EntityInfo e, Dialect d) throws SQLException {
        String file = d.string(e.location());
        Map<String, String> present = new LinkedHashMap<>();
        for (String column : describe(c, "read_csv(" + file + ", header = true, all_varchar = true)").keySet()) {
            present.put(column.toLowerCase(Locale.ROOT), column);
        }
        List<String> types = new ArrayList<>();
        for (var a : e.attributes().entrySet()) {
            String column = present.get(a.getKey().toLowerCase(Locale.ROOT));
            if (column == null) {
                continue;
            }
            if (a.getValue() == Type.TEXT) {
                types.add(d.string(column) + ": 'VARCHAR'");
            } else if (a.getValue() == Type.DECIMAL) {
                int scale = decimals(c, file, column, d);
                types.add(d.string(column) + ": 'DECIMAL(38," + scale + ")'");
            }
        }
        return "read_csv(" + file + ", header = true, auto_detect = true"
                + (types.isEmpty() ? "" : ", types = {" + String.join(", ", types) + "}") + ")";
    }

    /** The most decimals a column of a csv file is written with (at most 18). */
    private static int decimals(Connection c, String file, String column, Dialect d) throws SQLException {
        String sql = "SELECT coalesce(max(length(regexp_extract(trim(" + d.quoteIdentifier(column) + "), '\\.([0-9]+)$', 1))), 0)"
                + " FROM read_csv(" + file + ", header = true, all_varchar = true)";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return Math.min(18, r.getInt(1));
        }
    }

    private static Map<String, String> describe(Connection c, String relation) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
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
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
