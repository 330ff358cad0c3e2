/**
 * Every SQL text of camp. {@link camp.sql.StepSql} lowers each step of the plan to a
 * {@link camp.sql.StepScript}: the statements a run executes for it, in order (prepare, the
 * branch a test takes, the rows of a load, the sending of a channel through its ledger
 * ({@link camp.sql.DeliverySql}), the body that makes each port's worktable, what only a real
 * run records); {@code camp sql} prints exactly those. {@link camp.sql.StateSql} holds the
 * statements of the run state and {@link camp.sql.SourceSql} those that read the entities'
 * sources. {@link camp.sql.ExprSql} renders expressions; every identifier and literal goes
 * through the {@link camp.sql.Dialect}, so nothing of a script, a template or a param reaches
 * SQL unquoted.
 *
 * <p>Comes from {@code camp.ir}; read by {@code camp.run} and {@code camp.cli}. May import
 * {@code camp.ir}, {@code camp.types} and {@code camp.source}: never the AST, JDBC or picocli.
 * Nothing here runs SQL.
 */
package camp.sql;
