package camp.run;

import java.sql.SQLException;

/**
 * Why a task failed, and whose the failure is: the script's or its data's ({@link Kind#USER}),
 * the database's refusal of a statement ({@link Kind#DATABASE}), a full disk
 * ({@link Kind#DISK_FULL}: resume once there is space), or a bug in camp ({@link Kind#INTERNAL},
 * whose stack trace is kept for {@code --verbose} and the run log).
 */
public final class TaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { USER, DATABASE, DISK_FULL, INTERNAL }

    private final Kind kind;

    private TaskFailure(Kind kind, String message, Throwable cause) {
        super(message, cause, false, kind == Kind.INTERNAL);
        this.kind = kind;
    }

    /** A mistake of the script or of its data, with a message for the user. */
    public static TaskFailure user(String message) {
        return new TaskFailure(Kind.USER, message, null);
    }

    /** A statement the database refused. */
    public static TaskFailure database(SQLException e) {
        return database(e, "DuckDB");
    }

    /** A statement an engine refused, named in the message ({@code PostgreSQL: ...}). */
    static TaskFailure database(SQLException e, String engine) {
        return new TaskFailure(Kind.DATABASE, engine + ": " + firstLine(e.getMessage()), e);
    }

    /** A bug: anything a task throws that camp did not expect. */
    public static TaskFailure internal(Throwable t) {
        TaskFailure f = new TaskFailure(Kind.INTERNAL, "internal error: " + t, t);
        f.setStackTrace(t.getStackTrace());
        return f;
    }

    /** A disk that is full: which file could not be written, and what is free there now. */
    public static TaskFailure diskFull(DiskFull full, Throwable cause) {
        return new TaskFailure(Kind.DISK_FULL, full.message(), cause);
    }

    /** What a task threw, classified. */
    public static TaskFailure of(Throwable t) {
        return of(t, "DuckDB");
    }

    /** What a task threw, classified; a refused statement names the engine that refused it. */
    public static TaskFailure of(Throwable t, String engine) {
        DiskFull full = DiskFull.in(t);
        if (full != null) {
            return t instanceof TaskFailure f && f.kind == Kind.DISK_FULL ? f : diskFull(full, t);
        }
        if (t instanceof TaskFailure f) {
            return f;
        }
        if (t instanceof SQLException e) {
            return database(e, engine);
        }
        if (t instanceof TaskRunner.SqlFailure s && s.getCause() instanceof SQLException e) {
            return database(e, engine);
        }
        return internal(t);
    }

    public Kind kind() {
        return kind;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
