package camp.sql;

import camp.ir.Entity;
import java.util.List;

/**
 * How a run reads its entities' sources (§4): a table where it is; a parquet file or a query as
 * a view of the run's schema; a csv file read once into a table of the run's schema, declared
 * text columns as text (so that "01234" keeps its zero) and declared decimals as exact decimals
 * with as many decimals as the file has (so that money adds up without binary noise).
 */
public final class SourceSql {
    private final SqlContext ctx;
    private final Dialect d;

    public SourceSql(SqlContext ctx) {
        this.ctx = ctx;
        this.d = ctx.dialect();
    }

    /** The relation (FROM position) of a table, parquet or query source. */
    public String relation(Entity e) {
        return switch (e.sourceKind()) {
            case TABLE -> ctx.source(e);
            case PARQUET -> "read_parquet(" + d.string(e.location()) + ")";
            case QUERY -> "(" + e.location() + ")";
            case CSV -> throw new IllegalArgumentException("a csv source is read with csv(...)");
        };
    }

    /** A csv file with every column as text, to learn its header and its values as written. */
    public String csvAsText(Entity e) {
        return "read_csv(" + d.string(e.location()) + ", header = true, all_varchar = true)";
    }

    /**
     * A csv file typed by DuckDB, except the given columns.
     *
     * @param types {@code column: 'TYPE'} for each column whose type is declared, such as text and decimals
     */
    public String csv(Entity e, List<String> types) {
        return "read_csv(" + d.string(e.location()) + ", header = true, auto_detect = true"
                + (types.isEmpty() ? "" : ", types = {" + String.join(", ", types) + "}") + ")";
    }

    /** The type of a csv column declared as text. */
    public String textColumn(String column) {
        return d.string(column) + ": 'VARCHAR'";
    }

    /** The type of a csv column declared as decimal, with {@code scale} decimals. */
    public String decimalColumn(String column, int scale) {
        return d.string(column) + ": 'DECIMAL(38," + scale + ")'";
    }

    /** The most decimals a column of a csv file is written with. */
    public String csvDecimals(Entity e, String column) {
        return "SELECT coalesce(max(length(regexp_extract(trim(" + d.quoteIdentifier(column) + "), '\\.([0-9]+)$', 1))), 0) FROM "
                + csvAsText(e);
    }

    /** The columns of a relation and their types. */
    public String describe(String relation) {
        return "DESCRIBE SELECT * FROM " + relation;
    }

    /** Makes the relation readable as the entity's source in the run (nothing for a table). */
    public String materialize(Entity e, String relation) {
        String table = ctx.table(SqlContext.sourceTable(e.name()));
        return switch (e.sourceKind()) {
            case TABLE -> null;
            case CSV -> "CREATE TABLE IF NOT EXISTS " + table + " AS SELECT * FROM " + relation;
            case PARQUET, QUERY -> "CREATE VIEW IF NOT EXISTS " + table + " AS SELECT * FROM " + relation;
        };
    }
}
