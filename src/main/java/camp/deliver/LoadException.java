package camp.deliver;

/**
 * A CSV file that cannot be loaded at all: unreadable, empty, not UTF-8, or without a declared column in
 * its header. The message is written for the person who supplied the file. Lines that merely fail typing
 * are not exceptions; they are {@link CsvLoader.Rejected rejected}.
 */
public final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
