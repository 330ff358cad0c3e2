package camp.source;

import static java.util.Objects.requireNonNull;

/** A range of code points [start, end) in one source file; every AST node carries one. */
public record Span(SourceFile file, int start, int end) {
    public Span {
        requireNonNull(file, "file is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public static Span of(SourceFile file, int start, int end) {
        return new Span(file, start, Math.max(start, end));
    }

    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    public int line() {
        return file.line(start);
    }

    public int column() {
        return file.column(start);
    }

    public int endLine() {
        return file.line(end);
    }

    public int endColumn() {
        return file.column(end);
    }

    public String text() {
        return file.slice(start, end);
    }

    @Override
    public String toString() {
        return file.name() + ":" + line() + ":" + column();
    }
}
