package camp.run;

import camp.sql.EngineComparison;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantics suite's campaigns (every activity kind and option, the expressions, logical time,
 * the samples' runs) on Spark: each compiled to Spark's SQL and DuckDB's and executed side by side
 * over the same data ({@link EngineComparison}), Spark's on a standalone cluster; every output port
 * must hold the same rows on both. The cases whose sources are made by DuckDB statements of their
 * own (tables, parquet, queries) are left out, as on PostgreSQL. Needs a Spark cluster
 * (scripts/spark-cluster.sh start; -Dcamp.spark.url=URL).
 */
class SparkSemanticsTest {
    static Stream<SemCase> cases() {
        return PostgresSemanticsTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPortHoldsTheSameRowsOnSpark(SemCase c) throws Exception {
        PostgresSemanticsTest.compare(c, EngineComparison.spark());
    }
}
