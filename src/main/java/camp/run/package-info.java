/**
 * The interpreter: {@link camp.run.Interpreter} runs a plan over a DuckDB file as tasks, one per
 * step, each in one transaction that creates its worktables and records its outcome
 * ({@link camp.run.TaskOutcome}, written by {@link camp.run.Store#completeTask} only); the run
 * state (runs, tasks, logs, worktables, saved audiences, incremental history, the delivery
 * ledger) is read and written only through {@link camp.run.Store}, with the statements of
 * {@code camp.sql.StateSql}. Statuses are {@link camp.run.RunStatus} and
 * {@link camp.run.TaskStatus}; a task's failure says whose it is ({@link camp.run.TaskFailure}:
 * the user's, the database's, or an internal bug with its stack trace). Channels send through a
 * per-task ledger so that a crash and a resume never send a message twice and never lose one.
 *
 * <p>May import {@code camp.ir}, {@code camp.sql}, {@code camp.check} (to check a file before
 * running it), {@code camp.deliver}, {@code camp.diag}, {@code camp.types}, {@code camp.source}
 * and JDBC; never the AST or picocli.
 */
package camp.run;
