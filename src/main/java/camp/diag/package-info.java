/**
 * Diagnostics: {@link camp.diag.Code} holds every stable code with its message text (the one
 * place for message texts), {@link camp.diag.Diagnostic} one problem at a span, and
 * {@link camp.diag.DiagnosticRenderer} the {@code FILE:LINE:COL: error[CODE]: message} form with the
 * source line and a caret. Stages collect diagnostics and go on; none of them throws for a user
 * error.
 *
 * <p>May import {@code camp.source} only.
 */
package camp.diag;
