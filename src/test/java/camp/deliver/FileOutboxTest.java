package camp.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileOutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T09:00:01.5Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Message email(String key, String recipient) {
        return new Message(key, "run-1", "Spring sale 2026", "gold_mail", "email", recipient,
                recipient + "@example.com", "shop@example.com", "Zoé, your reward", "<p>Hi</p>", null, true);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static List<String> keys(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : lines(file)) {
            keys.add(JSON.readTree(line).get("messageKey").asText());
        }
        return keys;
    }

    @Test
    void writesOneJsonObjectPerLineWithEveryField() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            outbox.send(email("k1", "p1"));
            outbox.send(new Message("k2", "run-1", "Spring sale 2026", "reminder", "sms", "p2", "+33600000000",
                    null, null, "Last day:\n20% off", null));
            outbox.flush();
        }
        List<String> lines = lines(file);
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(List.of("messageKey", "runId", "campaign", "activity", "channel", "recipient", "address",
                "from", "subject", "body", "title", "html", "sentAt"), names);
        assertEquals("{\"messageKey\":\"k1\",\"runId\":\"run-1\",\"campaign\":\"Spring sale 2026\",\"activity\":\"gold_mail\","
                + "\"channel\":\"email\",\"recipient\":\"p1\",\"address\":\"p1@example.com\",\"from\":\"shop@example.com\","
                + "\"subject\":\"Zoé, your reward\",\"body\":\"<p>Hi</p>\",\"title\":null,\"html\":true,\"sentAt\":\"2026-03-10T09:00:01.500Z\"}",
                lines.get(0));
        JsonNode sms = JSON.readTree(lines.get(1));
        assertEquals("Last day:\n20% off", sms.get("body").asText());
        assertTrue(sms.get("subject").isNull());
    }

    @Test
    void sentAtIsTheWallClockByDefault() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        Instant before = Instant.now();
        try (FileOutbox outbox = new FileOutbox(file)) {
            outbox.send(email("k1", "p1"));
        }
        Instant sentAt = Instant.parse(JSON.readTree(lines(file).get(0)).get("sentAt").asText());
        assertFalse(sentAt.isBefore(before));
        assertFalse(sentAt.isAfter(Instant.now()));
    }

    @Test
    void createsParentDirectories() throws Exception {
        Path file = dir.resolve("a/b/c/outbox.jsonl");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            outbox.send(email("k1", "p1"));
        }
        assertEquals(List.of("k1"), keys(file));
    }

    /**
     * The sender pushes a batch and goes on sending while another thread forces it to disk: the
     * pushed lines are in the file at once (a crash of the process keeps them), a sync beside the
     * sending loses and repeats nothing, and nothing is in the file before its push.
     */
    @Test
    void aPushedBatchIsInTheFileAndSyncsBesideTheNextOne() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            List<String> expected = new java.util.ArrayList<>();
            for (int batch = 0; batch < 20; batch++) {
                for (int i = 0; i < 500; i++) {
                    String key = "k" + batch + "-" + i;
                    outbox.send(email(key, "p" + i));
                    expected.add(key);
                }
                assertEquals(batch * 500, keys(file).size(), "nothing of a batch is in the file before its push");
                outbox.push();
                assertEquals(expected, keys(file), "batch " + batch + " is in the file once pushed");
                Thread sync = new Thread(() -> {
                    try {
                        outbox.sync();
                    } catch (DeliveryException e) {
                        throw new IllegalStateException(e);
                    }
                });
                sync.start();
                for (int i = 0; i < 50; i++) {
                    outbox.send(email("k" + batch + "-" + i, "p" + i)); // already sent: never appended again
                }
                sync.join();
            }
            assertEquals(expected, keys(file));
        }
    }

    @Test
    void appendsAcrossReopensAndNeverWritesAKeyTwice() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            outbox.send(email("k1", "p1"));
            outbox.send(email("k2", "p2"));
            outbox.send(email("k1", "p1"));
        }
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            assertTrue(outbox.contains("k1"));
            assertTrue(outbox.contains("k2"));
            assertFalse(outbox.contains("k3"));
            outbox.send(email("k2", "p2"));
            outbox.send(email("k3", "p3"));
            outbox.send(email("k3", "p3"));
            assertTrue(outbox.contains("k3"));
        }
        assertEquals(List.of("k1", "k2", "k3"), keys(file));
    }

    @Test
    void dropsAPartialLastLineAtReopenSoTheMessageIsSentAgain() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            outbox.send(email("k1", "p1"));
            outbox.send(email("k2", "p2"));
        }
        // a crash in the middle of appending k3
        String complete = Files.readString(file);
        Files.writeString(file, "{\"messageKey\":\"k3\",\"runId\":\"run-1\",\"camp", StandardOpenOption.APPEND);
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            assertFalse(outbox.contains("k3"));
            assertEquals(complete, Files.readString(file));
            assertEquals(0, outbox.ignoredLines());
            outbox.send(email("k2", "p2"));
            outbox.send(email("k3", "p3"));
        }
        assertEquals(List.of("k1", "k2", "k3"), keys(file));
    }

    @Test
    void dropsACompleteObjectWithoutItsLineBreak() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        Files.writeString(file, "{\"messageKey\":\"k1\"}\n{\"messageKey\":\"k2\"}");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            assertTrue(outbox.contains("k1"));
            assertFalse(outbox.contains("k2"));
            outbox.send(email("k2", "p2"));
        }
        assertEquals(List.of("k1", "k2"), keys(file));
    }

    @Test
    void cutsAPartialLineLeftByAnotherWriterBeforeAppending() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            outbox.send(email("k1", "p1"));
            // another process crashed in the middle of its append
            Files.writeString(file, "{\"messageKey\":\"other\",\"ru", StandardOpenOption.APPEND);
            outbox.send(email("k2", "p2"));
        }
        assertEquals(List.of("k1", "k2"), keys(file));
    }

    @Test
    void skipsAndCountsCompleteLinesThatAreNotMessages() throws Exception {
        Path file = dir.resolve("outbox.jsonl");
        Files.writeString(file, "{\"messageKey\":\"k1\"}\nnot json\n\n[1,2]\n{\"messageKey\":7}\n\u0000\u0000\n{\"messageKey\":\"k2\"}\n");
        try (FileOutbox outbox = new FileOutbox(file, CLOCK)) {
            assertEquals(4, outbox.ignoredLines());
            assertTrue(outbox.contains("k1"));
            assertTrue(outbox.contains("k2"));
            outbox.send(email("k2", "p2"));
            outbox.send(email("k3", "p3"));
        }
        List<String> lines = lines(file);
        assertEquals(8, lines.size());
        assertEquals("k3", JSON.readTree(lines.get(7)).get("messageKey").asText());
    }

    @Test
    void refusesToSendAfterCloseAndClosesTwiceHarmlessly() throws Exception {
        FileOutbox outbox = new FileOutbox(dir.resolve("outbox.jsonl"), CLOCK);
        outbox.close();
        outbox.close();
        assertThrows(IllegalStateException.class, () -> outbox.send(email("k1", "p1")));
        assertThrows(IllegalStateException.class, outbox::flush);
    }

    @Test
    void failsToOpenWhereNoFileCanBe() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file, not a directory");
        DeliveryException e = assertThrows(DeliveryException.class, () -> new FileOutbox(blocker.resolve("outbox.jsonl")));
        assertTrue(e.getMessage().startsWith("cannot open the outbox " + blocker.resolve("outbox.jsonl")), e.getMessage());
        assertFalse(e.permanent());
    }

    @Test
    void instancesSharingAFileNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("shared.jsonl");
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileOutbox a = new FileOutbox(file, CLOCK); FileOutbox b = new FileOutbox(file, CLOCK)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                FileOutbox outbox = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        outbox.send(email("t" + thread + "-" + i, "p" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> keys = keys(file);
        assertEquals(threads * perThread, keys.size());
        assertEquals(threads * perThread, keys.stream().distinct().count());
    }

    @Test
    void messageRequiresItsIdentity() {
        assertThrows(NullPointerException.class, () -> new Message(null, "r", "c", "a", "email", "p", "x@y.z",
                null, null, "b", null));
        assertThrows(NullPointerException.class, () -> new Message("k", "r", "c", "a", "email", "p", null,
                null, null, "b", null));
    }

    @Test
    void twoDatabasesShareAFileWithoutTakingEachOthersKeys() throws Exception {
        Path file = dir.resolve("shared.jsonl");
        try (FileOutbox a = new FileOutbox(file, CLOCK, "db-a")) {
            a.send(email("k1", "p1"));
            a.send(email("k2", "p2"));
        }
        try (FileOutbox b = new FileOutbox(file, CLOCK, "db-b")) {
            assertFalse(b.contains("k1"), "another database's key is not this one's");
            b.send(email("k1", "p1"));
            b.send(email("k1", "p1"));
        }
        try (FileOutbox a = new FileOutbox(file, CLOCK, "db-a")) {
            assertTrue(a.contains("k1"));
            a.send(email("k1", "p1"));
            a.send(email("k3", "p3"));
        }
        List<String> owners = new ArrayList<>();
        for (String line : lines(file)) {
            JsonNode m = JSON.readTree(line);
            owners.add(m.get("database").asText() + ":" + m.get("messageKey").asText());
        }
        assertEquals(List.of("db-a:k1", "db-a:k2", "db-b:k1", "db-a:k3"), owners);
        try (FileOutbox legacy = new FileOutbox(file, CLOCK)) {
            assertTrue(legacy.contains("k3"), "an outbox without a database sees every key");
        }
    }

    /** sentAt is formatted with a per-second cache: it must still be exactly Instant.toString(). */
    @org.junit.jupiter.api.Test
    void sentAtIsExactlyTheInstantsIsoForm() throws Exception {
        java.util.Random random = new java.util.Random(11);
        try (FileOutbox outbox = new FileOutbox(dir.resolve("t.jsonl"), CLOCK)) {
            long second = Instant.parse("2026-03-29T00:59:58Z").getEpochSecond();
            for (int i = 0; i < 20_000; i++) {
                int nano = switch (random.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1000) * 1_000_000;
                    case 2 -> random.nextInt(1_000_000) * 1000;
                    case 3 -> random.nextInt(1_000_000_000);
                    default -> random.nextInt(10) * 100_000_000;
                };
                second += random.nextInt(3) == 0 ? random.nextInt(100_000) - 50_000 : 0;
                Instant instant = Instant.ofEpochSecond(second, nano);
                org.junit.jupiter.api.Assertions.assertEquals(instant.toString(), outbox.instant(instant));
            }
        }
    }
}
