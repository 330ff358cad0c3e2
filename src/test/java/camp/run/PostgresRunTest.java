package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import camp.check.Cases;
import camp.check.Checked;
import camp.check.Frontend;
import camp.sql.EngineComparison;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole runs on PostgreSQL: every sample campaign run by the interpreter with its run state,
 * worktables and sources in a PostgreSQL database, and the same campaign run on DuckDB: the same
 * status and the same count on every port of every activity.
 */
class PostgresRunTest {
    static final String AT = "2026-11-24T09:00:00Z";

    @TempDir
    Path temp;

    static Stream<Path> campaigns() throws Exception {
        return Cases.campFiles(Cases.projectRoot().resolve("samples")).stream().filter(f -> {
            try {
                return Frontend.check(f, f.toString()).plan().isCampaign();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The statuses and port counts of a run, activity by activity. */
    static Map<String, String> counts(RunResult r) {
        Map<String, String> out = new TreeMap<>();
        r.activities().forEach((name, a) -> out.put(name, a.status().label() + " " + new TreeMap<>(a.outputs())));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void aSampleRunsOnPostgreSqlWithDuckDbsCounts(Path sample) throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        Path samples = temp.resolve("samples");
        Cases.copySamples(samples);
        // spring_promo saves the audience loyalty_monthly reads: it runs first, on both engines
        List<Path> files = new ArrayList<>(List.of(samples.resolve("spring_promo.camp")));
        if (!sample.getFileName().toString().equals("spring_promo.camp")) {
            files.add(samples.resolve(sample.getFileName().toString()));
        }
        Instant at = Instant.parse(AT);
        try (Connection c = Database.openPostgres(url)) {
            for (Path file : files) {
                Checked checked = Frontend.check(file, file.toString());
                RunResult duck = Interpreter.run(new RunOptions(file, temp.resolve("duck/camp.duckdb"), at, Map.of(), false,
                        temp.resolve("duck-outbox.jsonl"), null, null, null, null, null, false), checked);
                RunResult pg = Interpreter.runIn(c, new RunOptions(file, temp.resolve("pg/camp.postgres"), at, Map.of(), false,
                        temp.resolve("pg-outbox.jsonl"), null, null, null, null, null, false), checked.plan());
                String name = file.getFileName().toString();
                assertNull(duck.error(), () -> name + " on DuckDB: " + duck.error());
                assertNull(pg.error(), () -> name + " on PostgreSQL: " + pg.error());
                assertEquals(duck.status(), pg.status(), name + ": run status");
                assertEquals(counts(duck), counts(pg), name + ": every activity's status and counts");
            }
        }
    }
}
