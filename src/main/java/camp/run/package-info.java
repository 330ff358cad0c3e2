/**
 * The interpreter: {@link camp.run.Interpreter} runs a plan over a DuckDB file as tasks, one per
 * activity, each in one transaction that creates its worktables and records its counts; the run
 * state (runs, tasks, logs, worktables, saved audiences, incremental history, the delivery
 * ledger) is in {@link camp.run.StateSchema}. Channels send through a per-task ledger so that a
 * crash and a resume never send a message twice and never lose one.
 */
package camp.run;
