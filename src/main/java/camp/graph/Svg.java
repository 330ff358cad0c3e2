package camp.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A canvas as one self-contained SVG document: inline style, no external font, image or link.
 * Elements carry classes and data attributes ({@code box}/{@code data-step}, {@code edge} and
 * {@code label} with {@code data-from}, {@code data-port}, {@code data-to}) for tests, scripts and
 * the HTML report; every box has a {@code <title>} shown on hover.
 */
public final class Svg {
    private static final double LEGEND_HEIGHT = 34;

    private Svg() {
    }

    /** The fill and border of a family's boxes. */
    static String fill(Family f) {
        return switch (f) {
            case TARGETING -> "#dbeafe";
            case FLOW -> "#fef3c7";
            case CHANNEL -> "#dcfce7";
        };
    }

    static String stroke(Family f) {
        return switch (f) {
            case TARGETING -> "#2563eb";
            case FLOW -> "#b45309";
            case CHANNEL -> "#15803d";
        };
    }

    /** The border of a box whose task has this status in the run shown. */
    static String statusColor(String status) {
        return switch (status) {
            case "done" -> "#16a34a";
            case "failed" -> "#dc2626";
            case "running" -> "#2563eb";
            case "waiting" -> "#d97706";
            case "stopped" -> "#4b5563";
            default -> "#9ca3af"; // pending, skipped
        };
    }

    public static String render(Canvas c) {
        double width = Math.max(c.width(), 420);
        double height = c.height() + LEGEND_HEIGHT;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"camp-graph\" width=\"").append(n(width)).append("\" height=\"")
                .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height)).append("\">\n");
        b.append("<title>").append(escape(c.campaign() == null ? "campaign" : c.campaign()))
                .append(c.overlay().isRun() ? " \u2014 run " + escape(c.overlay().run()) : "").append("</title>\n");
        b.append("<style>\n")
                .append("  .camp-graph text { font-family: \"Helvetica Neue\", Helvetica, Arial, sans-serif; fill: #111827; }\n")
                .append("  .camp-graph .name { font-size: ").append(n(Layout.NAME_SIZE)).append("px; font-weight: bold; }\n")
                .append("  .camp-graph .kind { font-size: ").append(n(Layout.KIND_SIZE)).append("px; fill: #374151; }\n")
                .append("  .camp-graph .label text, .camp-graph .legend text { font-size: ").append(n(Layout.LABEL_SIZE)).append("px; }\n")
                .append("  .camp-graph .edge polyline { fill: none; stroke: #6b7280; stroke-width: 1.5; }\n")
                .append("  .camp-graph .label-bg { fill: #ffffff; stroke: #e5e7eb; }\n")
                .append("  .camp-graph .status-skipped rect.box, .camp-graph .status-pending rect.box { stroke-dasharray: 5 3; }\n")
                .append("</style>\n");
        b.append("<defs><marker id=\"camp-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
                + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b7280\"/></marker></defs>\n");
        b.append("<g class=\"edges\">\n");
        for (Canvas.Link l : c.links()) {
            b.append("  <g class=\"edge\"").append(data(l)).append("><polyline points=\"");
            for (int i = 0; i < l.points().size(); i++) {
                Canvas.Point p = l.points().get(i);
                b.append(i == 0 ? "" : " ").append(n(p.x())).append(',').append(n(p.y()));
            }
            b.append("\" marker-end=\"url(#camp-arrow)\"/></g>\n");
        }
        b.append("</g>\n<g class=\"boxes\">\n");
        for (Canvas.Box box : c.boxes()) {
            Canvas.Rect r = box.rect();
            String border = box.status() == null ? stroke(box.family()) : statusColor(box.status());
            b.append("  <g class=\"step family-").append(box.family().name().toLowerCase(Locale.ROOT))
                    .append(box.status() == null ? "" : " status-" + escape(box.status())).append("\" data-step=\"").append(escape(box.step()))
                    .append("\" data-kind=\"").append(escape(box.kind())).append('"')
                    .append(box.status() == null ? "" : " data-status=\"" + escape(box.status()) + "\"").append(">");
            b.append("<title>").append(escape(box.step())).append(": ").append(escape(box.kind())).append(" (")
                    .append(box.family().label()).append(')').append(box.status() == null ? "" : ", " + escape(box.status()))
                    .append("</title>");
            b.append("<rect class=\"box\" x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y())).append("\" width=\"").append(n(r.width()))
                    .append("\" height=\"").append(n(r.height())).append("\" rx=\"6\" fill=\"").append(fill(box.family()))
                    .append("\" stroke=\"").append(border).append("\" stroke-width=\"").append(box.status() == null ? "1.5" : "3").append("\"/>");
            double cx = r.x() + r.width() / 2;
            b.append("<text class=\"name\" x=\"").append(n(cx)).append("\" y=\"").append(n(r.y() + 19))
                    .append("\" text-anchor=\"middle\">").append(escape(box.step())).append("</text>");
            b.append("<text class=\"kind\" x=\"").append(n(cx)).append("\" y=\"").append(n(r.y() + 35))
                    .append("\" text-anchor=\"middle\">").append(escape(Layout.kindLine(box.kind(), box.status()))).append("</text></g>\n");
        }
        b.append("</g>\n<g class=\"labels\">\n");
        for (Canvas.Link l : c.links()) {
            Canvas.Rect r = l.labelRect();
            b.append("  <g class=\"label\"").append(data(l)).append("><rect class=\"label-bg\" x=\"").append(n(r.x())).append("\" y=\"")
                    .append(n(r.y())).append("\" width=\"").append(n(r.width())).append("\" height=\"").append(n(r.height()))
                    .append("\" rx=\"3\"/><text x=\"").append(n(r.x() + r.width() / 2)).append("\" y=\"").append(n(r.y() + r.height() - 4))
                    .append("\" text-anchor=\"middle\">").append(escape(l.label())).append("</text></g>\n");
        }
        b.append("</g>\n");
        legend(b, c, height - LEGEND_HEIGHT + 8);
        b.append("</svg>\n");
        return b.toString();
    }

    /** What the colours mean: the families, and the statuses of the run shown. */
    private static void legend(StringBuilder b, Canvas c, double y) {
        b.append("<g class=\"legend\">");
        double x = 12;
        for (Family f : Family.values()) {
            b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"14\" height=\"14\" rx=\"3\" fill=\"")
                    .append(fill(f)).append("\" stroke=\"").append(stroke(f)).append("\"/>");
            b.append("<text x=\"").append(n(x + 20)).append("\" y=\"").append(n(y + 11)).append("\">").append(f.label()).append("</text>");
            x += 28 + Layout.textWidth(f.label(), Layout.LABEL_SIZE, false);
        }
        Set<String> statuses = new LinkedHashSet<>();
        c.boxes().forEach(box -> {
            if (box.status() != null) {
                statuses.add(box.status());
            }
        });
        for (String s : List.copyOf(statuses)) {
            b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"14\" height=\"14\" rx=\"3\" fill=\"#ffffff\" ")
                    .append("stroke-width=\"3\" stroke=\"").append(statusColor(s)).append("\"/>");
            b.append("<text x=\"").append(n(x + 20)).append("\" y=\"").append(n(y + 11)).append("\">").append(escape(s)).append("</text>");
            x += 28 + Layout.textWidth(s, Layout.LABEL_SIZE, false);
        }
        b.append("</g>\n");
    }

    private static String data(Canvas.Link l) {
        return " data-from=\"" + escape(l.from()) + "\" data-port=\"" + escape(l.port()) + "\" data-to=\"" + escape(l.to()) + "\""
                + (l.count() == null ? "" : " data-count=\"" + l.count() + "\"");
    }

    /** A coordinate with at most two decimals, without trailing zeros. */
    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t') {
                        b.append('\uFFFD');
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
