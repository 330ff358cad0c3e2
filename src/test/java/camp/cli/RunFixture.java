package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import camp.check.Cases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A copy of the samples in a temporary folder, a state database beside them, and the command
 * line run in process through {@link Main#run} with its streams captured: what the end-to-end
 * tests of {@code camp run} and the commands that read its state work on.
 */
final class RunFixture {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The folder with the copy of samples/ (its .camp files, data/ and templates/). */
    final Path samples;
    /** The state database that every command of the fixture names with --db. */
    final Path db;

    RunFixture(Path temp) {
        this.samples = temp.resolve("samples");
        this.db = temp.resolve("state").resolve("camp.duckdb");
        Cases.copySamples(samples);
        try {
            Files.createDirectories(db.getParent());     // camp creates no folder but its own .camp
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What one command line printed and returned. */
    record Result(int code, String out, String err) {
        /** Stdout as exactly one JSON value (fails on anything before, after or between). */
        JsonNode json() {
            try (MappingIterator<JsonNode> values = MAPPER.readerFor(JsonNode.class).readValues(out)) {
                List<JsonNode> all = values.readAll();
                assertEquals(1, all.size(), () -> "one JSON value on stdout, found " + all.size() + ":\n" + out);
                return all.get(0);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command line in this process. */
    static Result camp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that reads or writes the fixture's state: {@code --db} is appended. */
    Result withDb(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--db";
        all[args.length + 1] = db.toString();
        return camp(all);
    }

    /** {@code camp run samples/FILE ARGS... --db DB}. */
    Result run(String file, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = sample(file).toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return withDb(all);
    }

    Path sample(String name) {
        return samples.resolve(name);
    }

    /** Writes a file into the samples copy (a campaign beside retail.camp, or a data file). */
    Path write(String name, String text) {
        Path file = samples.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The default outbox of a run: outbox/DATABASE/RUN.jsonl beside the database. */
    Path outbox(String run) {
        return camp.run.Database.sideFolder(db, "outbox").resolve(run + ".jsonl");
    }

    /** The JSON lines of a run's outbox; none when it does not exist. */
    List<JsonNode> messages(String run) {
        Path file = outbox(run);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> messages = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    messages.add(MAPPER.readTree(line));
                }
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a query on the state database, opened read-only for the time of the query. */
    List<List<Object>> query(String sql) {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return query("jdbc:duckdb:" + db.toAbsolutePath(), p, sql);
    }

    /** The rows of a query on an empty in-memory database (to read a data file, say). */
    static List<List<Object>> queryInMemory(String sql) {
        return query("jdbc:duckdb:", new Properties(), sql);
    }

    private static List<List<Object>> query(String url, Properties p, String sql) {
        try (Connection c = DriverManager.getConnection(url, p);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage() + "\n" + sql, e);
        }
    }

    /** The single number a query returns. */
    long count(String sql) {
        List<List<Object>> rows = query(sql);
        assertEquals(1, rows.size(), sql);
        return ((Number) rows.get(0).get(0)).longValue();
    }

}
