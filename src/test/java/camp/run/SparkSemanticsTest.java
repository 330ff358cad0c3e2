package camp.run;

import static org.junit.jupiter.api.Assertions.assertFalse;

import camp.check.Checked;
import camp.check.Frontend;
import camp.ir.Entity;
import camp.sql.EngineComparison;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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
        EngineComparison.Target spark = EngineComparison.spark();
        try (SemSandbox box = SemSandbox.create()) {
            Path file = box.write(c.file, c.body);
            Checked checked = Frontend.check(file, c.file);
            assertFalse(checked.hasErrors(), () -> c.name + ": " + checked.diagnostics());
            Assumptions.assumeTrue(c.setup.isEmpty(), "its source tables are made by DuckDB statements of its own");
            Assumptions.assumeTrue(checked.plan().entities().values().stream()
                    .allMatch(e -> e.isDeliveries() || e.sourceKind() == Entity.SourceKind.CSV), "a source other than csv files");
            EngineComparison.compare(checked, c.instant(), c.params, box.dir, spark);
        }
    }
}
