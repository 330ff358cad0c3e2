package camp.graph;

import java.util.List;

/**
 * A laid-out campaign: every activity a box, every transition a polyline of orthogonal segments
 * from the border of its source box to the border of its target box, with its label's box. All
 * coordinates are absolute, in SVG user units (pixels), the origin at the top left.
 */
public record Canvas(String campaign, List<Box> boxes, List<Link> links, double width, double height, Overlay overlay) {
    public Canvas {
        boxes = List.copyOf(boxes);
        links = List.copyOf(links);
    }

    /** A point. */
    public record Point(double x, double y) {
    }

    /** An axis-aligned rectangle. */
    public record Rect(double x, double y, double width, double height) {
        public double right() {
            return x + width;
        }

        public double bottom() {
            return y + height;
        }

        /** True when the two rectangles share more than a border. */
        public boolean overlaps(Rect o) {
            return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
        }
    }

    /**
     * An activity.
     *
     * @param status its task's status in the run shown, or null
     */
    public record Box(String step, String kind, Family family, String status, Rect rect) {
    }

    /**
     * A transition: its port, the rows the run counted on it (null without a run), its route and
     * its label (the port, and the count).
     */
    public record Link(String from, String port, String to, Long count, List<Point> points, String label, Rect labelRect) {
        public Link {
            points = List.copyOf(points);
        }
    }

    public Box box(String step) {
        return boxes.stream().filter(b -> b.step().equals(step)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no box " + step));
    }
}
