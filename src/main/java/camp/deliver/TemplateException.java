package camp.deliver;

/**
 * A message text that is not a valid template: an unclosed {@code {{}, or something between braces that is
 * not a placeholder. Carries where the problem starts in the text (offset, and 1-based line and column).
 */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int line;
    private final int column;

    public TemplateException(String problem, int offset, int line, int column) {
        super(problem + " (line " + line + ", column " + column + ")");
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** The offset of the problem in the template text, in UTF-16 units. */
    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
