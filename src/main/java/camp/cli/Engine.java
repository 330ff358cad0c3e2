package camp.cli;

import camp.sql.Dialect;
import camp.sql.DuckDbDialect;
import camp.sql.PostgresDialect;
import camp.sql.SparkDialect;

/** The engines whose SQL camp writes ({@code --engine}): DuckDB, embedded, is the default. */
enum Engine {
    duckdb(DuckDbDialect.INSTANCE),
    postgres(PostgresDialect.INSTANCE),
    spark(SparkDialect.INSTANCE);

    private final Dialect dialect;

    Engine(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }
}
