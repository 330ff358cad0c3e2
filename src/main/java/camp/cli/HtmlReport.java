package camp.cli;

import camp.run.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code camp report RUN --format html}: one self-contained page about a run (inline style and
 * script, no font, image or script to fetch), to open from a CI artifact or send to a colleague:
 * the run's header and params, its canvas with the counts of every transition, the task table
 * with each task's SQL on demand, the delivery figures of each channel, and the log with a search
 * box. {@code #log=TEXT} in the page's address fills the search box.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * The page.
     *
     * @param svg the canvas with the run's counts, or null when the campaign file is gone or no longer checks
     * @param graphNote why there is no canvas, when {@code svg} is null
     */
    static String page(Store.RunRow run, List<Store.TaskRow> tasks, List<ReportCommand.ActivityReport> deliveries,
            List<Store.LogRow> logs, String svg, String graphNote) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String title = "camp run " + run.id() + " of " + run.campaign();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"camp ").append(esc(Main.Version.version())).append("\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(b, run, tasks);
        b.append("<section id=\"graph\"><h2>Canvas</h2>\n");
        if (svg != null) {
            b.append("<div class=\"graph\">").append(svg).append("</div>\n");
        } else {
            b.append("<p class=\"note\">").append(esc(graphNote)).append("</p>\n");
        }
        b.append("</section>\n");
        tasks(b, tasks);
        deliveries(b, deliveries, run.dryRun());
        log(b, logs);
        b.append("<footer>Written by camp ").append(esc(Main.Version.version())).append(" from the run state; ")
                .append("<code>camp tasks ").append(esc(run.id())).append("</code> and <code>camp logs ").append(esc(run.id()))
                .append("</code> show the same.</footer>\n");
        b.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, Store.RunRow run, List<Store.TaskRow> tasks) {
        ZoneId zone = zone(run.timezone());
        b.append("<header>\n<h1>").append(esc(run.campaign())).append("</h1>\n");
        b.append("<p class=\"status status-").append(esc(run.shownStatus())).append("\">run <code>").append(esc(run.id())).append("</code> ")
                .append(esc(run.shownStatus())).append(run.dryRun() ? " <span class=\"dry\">dry run: nothing was sent or saved</span>" : "")
                .append("</p>\n<dl class=\"facts\">\n");
        fact(b, "Logical time", run.logicalTime() == null ? null
                : run.logicalTime().atZone(zone).toLocalDateTime().toString().replace('T', ' ') + " " + run.timezone()
                        + " (" + run.logicalTime() + ")");
        fact(b, "Started", run.createdAt() == null ? null : run.createdAt().toString());
        fact(b, "Ended", run.endedAt() == null ? null : run.endedAt().toString());
        fact(b, "Took", run.createdAt() == null || run.endedAt() == null ? null : seconds(Duration.between(run.createdAt(), run.endedAt())));
        fact(b, "Campaign file", run.file());
        fact(b, "Tasks", tasks.size() + " (" + tasks.stream().collect(Collectors.groupingBy(t -> t.status().label(),
                java.util.TreeMap::new, Collectors.counting())).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")");
        if (run.error() != null) {
            fact(b, "Error", run.error());
        }
        b.append("</dl>\n<h2>Params</h2>\n");
        if (run.params().isEmpty()) {
            b.append("<p class=\"note\">none given: every param has its default</p>\n");
        } else {
            b.append("<table class=\"params\"><thead><tr><th>param</th><th>value</th></tr></thead><tbody>\n");
            run.params().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("<tr><td><code>").append(esc(e.getKey()))
                    .append("</code></td><td>").append(esc(e.getValue())).append("</td></tr>\n"));
            b.append("</tbody></table>\n");
        }
        b.append("</header>\n");
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<dt>").append(esc(name)).append("</dt><dd>").append(value == null ? "\u2014" : esc(value)).append("</dd>\n");
    }

    private static void tasks(StringBuilder b, List<Store.TaskRow> tasks) {
        b.append("<section id=\"tasks\"><h2>Tasks</h2>\n<table class=\"tasks\"><thead><tr><th>activity</th><th>kind</th><th>status</th>")
                .append("<th>started</th><th class=\"n\">took</th><th class=\"n\">input</th><th>outputs</th><th>SQL</th></tr></thead><tbody>\n");
        for (Store.TaskRow t : tasks) {
            b.append("<tr class=\"task status-").append(esc(t.status().label())).append("\" data-activity=\"").append(esc(t.activity()))
                    .append("\"><td><code>").append(esc(t.activity())).append("</code>")
                    .append(t.line() == null ? "" : "<span class=\"line\">line " + t.line() + "</span>").append("</td><td>")
                    .append(esc(t.kind())).append("</td><td class=\"status\">").append(esc(t.status().label())).append("</td><td>")
                    .append(t.startedAt() == null ? "" : esc(t.startedAt().toString())).append("</td><td class=\"n\">")
                    .append(t.startedAt() == null || t.endedAt() == null ? "" : seconds(Duration.between(t.startedAt(), t.endedAt())))
                    .append("</td><td class=\"n input\">").append(t.input() == null ? "" : number(t.input())).append("</td><td class=\"outputs\">");
            for (Map.Entry<String, Long> o : t.outputs().entrySet()) {
                b.append("<span class=\"port\" data-port=\"").append(esc(o.getKey())).append("\" data-count=\"").append(o.getValue()).append("\">")
                        .append(esc(o.getKey())).append(" <b>").append(number(o.getValue())).append("</b></span> ");
            }
            if (t.error() != null) {
                b.append("<div class=\"error\">").append(esc(t.error())).append("</div>");
            }
            b.append("</td><td>");
            if (t.sql() != null && !t.sql().isBlank()) {
                b.append("<details><summary>SQL</summary><pre>").append(esc(t.sql())).append("</pre></details>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void deliveries(StringBuilder b, List<ReportCommand.ActivityReport> deliveries, boolean dryRun) {
        b.append("<section id=\"deliveries\"><h2>Deliveries</h2>\n");
        if (deliveries.isEmpty()) {
            b.append("<p class=\"note\">no channel activity in this run</p>\n</section>\n");
            return;
        }
        if (dryRun) {
            b.append("<p class=\"note\">a dry run: sent counts what would have been sent</p>\n");
        }
        b.append("<table class=\"deliveries\"><thead><tr><th>activity</th><th>channel</th><th>status</th><th class=\"n\">targeted</th>")
                .append("<th class=\"n\">sent</th><th class=\"n\">failed</th><th>excluded</th><th>failures</th><th class=\"n\">rate</th>")
                .append("</tr></thead><tbody>\n");
        for (ReportCommand.ActivityReport a : deliveries) {
            b.append("<tr data-activity=\"").append(esc(a.activity())).append("\"><td><code>").append(esc(a.activity())).append("</code></td><td>")
                    .append(esc(a.channel())).append("</td><td>").append(esc(a.status())).append("</td><td class=\"n\">")
                    .append(a.targeted() == null ? "" : number(a.targeted())).append("</td><td class=\"n sent\">").append(number(a.sent()))
                    .append("</td><td class=\"n failed\">").append(number(a.failed())).append("</td><td>")
                    .append(esc(a.excluded().entrySet().stream().map(e -> number(e.getValue()) + " " + e.getKey()).collect(Collectors.joining(", "))))
                    .append("</td><td>")
                    .append(esc(a.failedReasons().entrySet().stream().map(e -> number(e.getValue()) + " " + e.getKey()).collect(Collectors.joining("; "))))
                    .append("</td><td class=\"n\">").append(a.rate() == null ? "" : String.format(Locale.ROOT, "%.1f/s", a.rate())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static void log(StringBuilder b, List<Store.LogRow> logs) {
        b.append("<section id=\"log\"><h2>Log</h2>\n<p><label>Search the log <input id=\"log-search\" type=\"search\" ")
                .append("placeholder=\"activity, level or words\" autocomplete=\"off\"></label> <span id=\"log-count\">")
                .append(logs.size()).append(" of ").append(logs.size()).append(" lines</span></p>\n")
                .append("<table class=\"log\"><thead><tr><th>at</th><th>level</th><th>activity</th><th>message</th></tr></thead><tbody>\n");
        for (Store.LogRow l : logs) {
            b.append("<tr class=\"level-").append(esc(l.level())).append("\"><td>").append(l.at() == null ? "" : esc(l.at().toString()))
                    .append("</td><td>").append(esc(l.level())).append("</td><td>").append(l.activity() == null ? "" : esc(l.activity()))
                    .append("</td><td class=\"message\">").append(esc(l.message())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Text as HTML: every character that could start markup or end an attribute is escaped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String STYLE = """
            body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; margin: 24px; color: #111827; }
            h1 { margin: 0 0 4px; font-size: 24px; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
            code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
            pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 8px; overflow-x: auto; white-space: pre-wrap; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 10px; text-align: left; vertical-align: top; }
            th { background: #f3f4f6; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            .facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; font-size: 14px; }
            .facts dt { color: #6b7280; }
            .facts dd { margin: 0; }
            .note { color: #6b7280; font-style: italic; }
            .dry { background: #fef3c7; padding: 1px 6px; border-radius: 4px; font-size: 13px; }
            .status-done .status, .status-completed { color: #15803d; }
            .status-failed .status, .status-failed { color: #b91c1c; font-weight: bold; }
            .status-waiting .status, .status-waiting { color: #b45309; }
            .status-skipped .status, .status-pending .status { color: #6b7280; }
            .port { display: inline-block; background: #f3f4f6; border-radius: 4px; padding: 0 6px; margin: 1px; }
            .line { color: #9ca3af; font-size: 11px; margin-left: 6px; }
            .error { color: #b91c1c; white-space: pre-wrap; }
            .graph { overflow-x: auto; border: 1px solid #e5e7eb; padding: 8px; }
            tr.level-warn td, tr.level-alert td { background: #fffbeb; }
            tr.level-error td { background: #fef2f2; }
            #log-search { width: 320px; padding: 4px 6px; }
            footer { margin-top: 32px; color: #9ca3af; font-size: 12px; }
            """;

    private static final String SCRIPT = """
            (function () {
              var input = document.getElementById('log-search');
              var rows = Array.prototype.slice.call(document.querySelectorAll('table.log tbody tr'));
              var count = document.getElementById('log-count');
              function filter() {
                var q = input.value.trim().toLowerCase();
                var shown = 0;
                rows.forEach(function (row) {
                  var match = q === '' || row.textContent.toLowerCase().indexOf(q) >= 0;
                  if (match) { row.removeAttribute('hidden'); shown++; } else { row.setAttribute('hidden', ''); }
                });
                count.textContent = shown + ' of ' + rows.length + ' lines';
              }
              input.addEventListener('input', filter);
              var m = /(?:^#|&)log=([^&]*)/.exec(location.hash);
              if (m) { input.value = decodeURIComponent(m[1].replace(/\\+/g, ' ')); }
              filter();
            })();
            """;
}
