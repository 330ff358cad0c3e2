package camp.lsp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small project on disk for the language server tests: a library and a campaign that imports it. */
final class LspProject {
    static final String LIBRARY = """
            // the shared model
            param min_points: int = 500

            entity profiles key id from table "profiles" {
              id: int
              email: text
              first_name: text
              country: text
              loyalty_points: int
              email_opt_in: bool
              purchases: many purchases on profile_id
              consent email: email_opt_in
            }

            entity purchases key purchase_id from table "purchases" {
              purchase_id: int
              profile_id: int
              amount: decimal
              purchased_at: timestamp
            }

            audience loyal = profiles where loyalty_points >= min_points
            """;

    static final String CAMPAIGN = """
            campaign "Test campaign"

            import "lib.camp"

            activity fr: build loyal where country = "FR"
            activity enriched: enrich {
              spent = sum(purchases.amount where purchased_at >= now() - 90 days)
            }
            activity tiers: split {
              gold: spent >= 100
              rest: remainder
            }
            activity mail: email {
              subject "Hello {{first_name}}"
              body "<p>You spent {{spent}}</p>"
            }
            activity keep: save audience "gold_fr"
            activity done: end

            flow {
              fr -> enriched -> tiers
              tiers.gold -> mail -> keep
              tiers.rest -> done
            }
            """;

    final Path root;
    final Path library;
    final Path campaign;

    LspProject(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        // a project of its own: no camp.toml above the temporary folder applies
        Files.writeString(this.root.resolve("camp.toml"), "# test project\n");
        this.library = write("lib.camp", LIBRARY);
        this.campaign = write("campaign.camp", CAMPAIGN);
    }

    Path write(String name, String text) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    String uri(Path p) {
        return p.toUri().toString();
    }

    String rootUri() {
        return root.toUri().toString();
    }

    /** The 0-based line and UTF-16 column of the first occurrence of a text (plus an offset into it). */
    static int[] find(String text, String what, int into) {
        int at = text.indexOf(what);
        if (at < 0) {
            throw new AssertionError("'" + what + "' is not in the text");
        }
        at += into;
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, at - lineStart};
    }
}
