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
 * the samples' runs) on PostgreSQL: each compiled to PostgreSQL's SQL and DuckDB's and executed
 * side by side over the same data ({@link EngineComparison}); every output port must hold the same
 * rows on both, so that a campaign's counts do not depend on where it runs. The cases whose
 * sources are made by DuckDB statements of their own (tables, parquet, queries) are left out here.
 * Needs a PostgreSQL server (scripts/postgres.sh start; -Dcamp.postgres.url=URL).
 */
class PostgresSemanticsTest {
    static Stream<SemCase> cases() {
        return Stream.of(SemanticsTest.activityCases(), SemanticsTest.expressionCases(), SemanticsTest.zoneCases(),
                SemanticsTest.sampleCases()).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPortHoldsTheSameRowsOnPostgreSql(SemCase c) throws Exception {
        compare(c, EngineComparison.postgres(EngineComparison.postgresUrl()));
    }

    /** A case's campaign on DuckDB and on the target, side by side; skipped where its sources are not csv files. */
    static void compare(SemCase c, EngineComparison.Target target) throws Exception {
        try (SemSandbox box = SemSandbox.create()) {
            Path file = box.write(c.file, c.body);
            Checked checked = Frontend.check(file, c.file);
            assertFalse(checked.hasErrors(), () -> c.name + ": " + checked.diagnostics());
            Assumptions.assumeTrue(c.setup.isEmpty(), "its source tables are made by DuckDB statements of its own");
            Assumptions.assumeTrue(checked.plan().entities().values().stream()
                    .allMatch(e -> e.isDeliveries() || e.sourceKind() == Entity.SourceKind.CSV), "a source other than csv files");
            EngineComparison.compare(checked, c.instant(), c.params, box.dir, target);
        }
    }
}
