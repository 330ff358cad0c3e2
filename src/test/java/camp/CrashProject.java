package camp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A campaign folder for the crash tests: generated profiles and purchases (parquet) large
 * enough that a run lasts seconds, and a campaign that goes through most activities: builds
 * over an aggregate, a combine, an enrich, a split with limits (ordered and random), a dedup,
 * a change of dimension, two e-mails, a saved audience and, optionally, a wait.
 */
public final class CrashProject {
    private CrashProject() {
    }

    /** The campaign: the flow, and what goes before it (a schedule, a wait). */
    public static String campaign(String name, String schedule, String afterGold) {
        return """
                campaign "%s"

                entity profiles key id from parquet "profiles.parquet" {
                  id: int
                  email: text
                  country: text
                  loyalty_points: int
                  email_opt_in: bool
                  purchases: many purchases on profile_id
                  consent email: email_opt_in
                }

                entity purchases key purchase_id from parquet "purchases.parquet" {
                  purchase_id: int
                  profile_id: int
                  amount: decimal
                  bought_at: timestamp
                }

                %s

                activity recent:      build profiles where exists(purchases where bought_at >= now() - 60 days)
                activity loyal:       build profiles where loyalty_points >= 1500
                activity both:        combine union
                activity spend:       enrich {
                                        total  = sum(purchases.amount)
                                        visits = count(purchases)
                                      }
                activity tiers:       split {
                                        gold:   total >= 1500 limit 5000 order by total desc
                                        silver: visits >= 12 limit 30%% random
                                        rest:   remainder
                                      }
                activity gold_mail:   email { subject "Your gold reward" body "Hello {{email}}, you spent {{total}}." }
                activity keep_gold:   save audience "%s_gold"
                activity silver_mail: email { subject "Silver" body "Hello {{email}}" }
                activity unique:      dedup by country, loyalty_points keep 2 first by total desc
                activity baskets:     change dimension to purchases
                activity big:         split { large: amount >= 150  small: remainder }
                activity done:        end
                %s
                flow {
                  recent, loyal -> both -> spend -> tiers
                  tiers.gold   -> %s
                  tiers.silver -> silver_mail
                  tiers.rest   -> unique -> baskets -> big
                  big.large    -> done
                  big.small    -> done
                }
                """.formatted(name, schedule, name.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'),
                afterGold == null ? "" : "activity later:       " + afterGold + "\n",
                afterGold == null ? "gold_mail -> keep_gold -> done" : "later -> gold_mail -> keep_gold -> done");
    }

    /**
     * Writes {@code profiles} profiles and ten times as many purchases (January to June 2026)
     * into {@code dir}, the same every time.
     */
    public static void data(Path dir, int profiles) throws IOException, SQLException {
        Files.createDirectories(dir);
        String p = dir.resolve("profiles.parquet").toString().replace("'", "''");
        String q = dir.resolve("purchases.parquet").toString().replace("'", "''");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i::BIGINT AS id, 'user' || i || '@example.com' AS email, ['FR','DE','BE','ES','IT'][1 + i % 5] AS country,"
                    + " (hash(i) % 2000)::INTEGER AS loyalty_points, i % 10 <> 0 AS email_opt_in FROM range(1, " + (profiles + 1)
                    + ") t(i)) TO '" + p + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i::BIGINT AS purchase_id, (1 + hash(i * 7) % " + profiles + ")::BIGINT AS profile_id,"
                    + " ((hash(i * 13) % 20000) / 100.0)::DECIMAL(10,2) AS amount,"
                    + " TIMESTAMP '2026-01-01' + to_minutes((hash(i * 17) % (180 * 24 * 60))::BIGINT) AS bought_at"
                    + " FROM range(1, " + (profiles * 10L + 1) + ") t(i)) TO '" + q + "' (FORMAT parquet)");
        }
    }

    /** Writes the campaign file. */
    public static Path write(Path dir, String file, String text) throws IOException {
        Path f = dir.resolve(file);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }
}
