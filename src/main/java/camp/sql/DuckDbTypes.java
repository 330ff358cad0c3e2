package camp.sql;

import camp.types.Type;

/** The DuckDB column type camp creates for a declared type (load columns, empty params). */
public final class DuckDbTypes {
    private DuckDbTypes() {
    }

    public static String of(Type t) {
        return ExprSql.sqlType(t);
    }
}
