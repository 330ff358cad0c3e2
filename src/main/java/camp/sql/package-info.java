/**
 * Lowering to DuckDB SQL: {@link camp.sql.StepSql} turns each step into readable statements, one
 * table (or view) per output port; {@link camp.sql.ExprSql} renders expressions; every identifier
 * and literal goes through the {@link camp.sql.Dialect}, so nothing of a script, a template or a
 * param reaches SQL unquoted. Nothing here runs SQL.
 */
package camp.sql;
