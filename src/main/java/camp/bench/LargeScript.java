package camp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large, valid campaign for timing {@code camp check}: the samples' schema and about
 * {@code lines} lines of builds, enriches, splits and e-mails in chains of six activities.
 *
 * <pre>java -cp target/camp.jar camp.bench.LargeScript samples/large.camp 5000</pre>
 */
public final class LargeScript {
    private LargeScript() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "large.camp");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Files.writeString(out, generate(lines), StandardCharsets.UTF_8);
    }

    public static String generate(int lines) {
        StringBuilder b = new StringBuilder();
        b.append("campaign \"Large generated campaign\"\n\nimport \"retail.camp\"\n\n");
        StringBuilder flow = new StringBuilder("flow {\n");
        int chains = 0;
        while (b.toString().lines().count() + flow.toString().lines().count() < lines - 30) {
            int i = chains++;
            b.append("// chain ").append(i).append('\n');
            b.append("activity b").append(i).append(": build profiles\n")
                    .append("  where loyalty_points >= ").append(i % 900).append(" and country in (\"FR\", \"DE\", \"ES\")\n")
                    .append("    and count(purchases where purchased_at >= now() - ").append(30 + i % 300).append(" days) >= 1\n");
            b.append("activity e").append(i).append(": enrich {\n")
                    .append("  spent = sum(purchases.amount where purchased_at >= now() - 90 days)\n")
                    .append("  store_city = store.city\n")
                    .append("  orders = count(purchases)\n}\n");
            b.append("activity s").append(i).append(": split {\n")
                    .append("  top: spent >= ").append(100 + i).append(" limit 10 order by spent desc\n")
                    .append("  rest: remainder\n}\n");
            b.append("activity m").append(i).append(": email {\n")
                    .append("  subject \"{{first_name | default \\\"Hello\\\"}}, offer ").append(i).append("\"\n")
                    .append("  body \"<p>Spent {{spent}} in {{store_city | default \\\"our stores\\\"}}</p>\"\n}\n");
            b.append("activity k").append(i).append(": save audience \"large_").append(i).append("\"\n");
            b.append("activity d").append(i).append(": end\n\n");
            flow.append("  b").append(i).append(" -> e").append(i).append(" -> s").append(i).append('\n')
                    .append("  s").append(i).append(".top -> m").append(i).append(" -> k").append(i).append('\n')
                    .append("  s").append(i).append(".rest -> d").append(i).append('\n');
        }
        return b.append(flow).append("}\n").toString();
    }
}
