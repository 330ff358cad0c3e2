/**
 * The interpreter's edges to the outside world: what comes in from files and what goes out as messages.
 *
 * <ul>
 *   <li>{@link camp.deliver.CsvLoader}: the file of a {@code load csv} activity in, typed
 *       {@link camp.deliver.CsvLoader.Row rows} and {@link camp.deliver.CsvLoader.Rejected rejected}
 *       records (line number, reason, raw text) out; streamed, so a file's size is bounded by the disk.
 *       A file that cannot be loaded at all is a {@link camp.deliver.LoadException}. It is the reference
 *       of camp's CSV rules; a run lets DuckDB read the file and {@link camp.deliver.CsvScan} (records
 *       found byte by byte, with their lines) says when it may.</li>
 *   <li>{@link camp.deliver.MessageTemplate}: a message text with placeholders in, compiled once,
 *       rendered per recipient from a map of values exactly as Handlebars renders it (the tests hold it
 *       to Handlebars itself); a missing value without default is a
 *       {@link camp.deliver.MissingValueException}, a malformed text a
 *       {@link camp.deliver.TemplateException}.</li>
 *   <li>{@link camp.deliver.DeliveryProvider}: rendered {@link camp.deliver.Message}s out;
 *       {@link camp.deliver.FileOutbox}, the default, appends them to a JSON Lines file;
 *       {@link camp.deliver.SmtpProvider} sends e-mail through an SMTP server;
 *       {@link camp.deliver.WebhookProvider} POSTs each message to an SMS or push gateway. Which one a
 *       channel uses is a {@link camp.deliver.ProviderUrl}.</li>
 * </ul>
 *
 * <p>Invariants. Values from files and rows never become SQL or template code: a CSV field is typed, not
 * interpreted, and a rendered value is printed, never evaluated again (a first name of
 * {@code {{first_name}}} prints as itself). A provider sends a {@link camp.deliver.Message#messageKey()
 * message key} at most once and has made every message durable when {@code flush} returns, so the
 * interpreter's order "send, flush, record as sent" gives no duplicate and no loss across a crash and a
 * resume. The package knows nothing of JDBC or the run state.
 *
 * <p>May import {@code camp.types}, {@code camp.diag}, Jackson and Jakarta Mail only: never JDBC
 * or the run state.
 */
package camp.deliver;
