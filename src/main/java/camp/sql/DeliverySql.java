package camp.sql;

import java.util.List;

/**
 * The statements through which a channel task sends its messages (delivery-guarantees.md):
 * every message to send is first planned in the task's ledger under its key, then handed to
 * the provider, and marked sent (or failed) once the provider has made it durable, and copied into
 * the delivery history in the same commit. The ledger survives a crash of the task, so that a
 * resume sends only what is still planned.
 *
 * <p>The candidates table holds one candidate message per row (per related record with
 * {@code per}): {@code __row_key}, {@code __recipient}, {@code __address}, the value of each
 * placeholder {@code __v0, __v1, ...}, {@code __message_key}, and {@code __reason} (null when the
 * message is to be sent).
 *
 * @param candidates the scratch table of candidate messages
 * @param ledger the task's ledger table
 * @param createLedger creates the ledger unless an earlier attempt of the task did
 * @param plan plans every eligible message not planned yet
 * @param pending selects what is still planned, in key order: key, recipient, address, then the placeholder values
 * @param markSent binds (sent_at, delivered_at, first key, last key): marks the planned messages of a batch sent;
 *     sent_at is the logical time the batch stands for (the step's, or its wave's), delivered_at the wall clock
 * @param markFailed binds (sent_at, error, key): marks one message failed
 * @param progress counts the messages handled (sent or failed) and those still planned
 * @param recordHistory binds (first key, last key, first key, last key): copies a batch's sent and failed messages into the
 *     delivery history, in the batch's own commit, so that whatever ends the task the history has
 *     every message sent
 * @param history copies what the delivery history lacks of the ledger's sent and failed messages
 * @param dryRecord for a dry run: records what it would send, so that later caps of the run count it
 * @param eligible counts the messages to send
 * @param samples selects the key, recipient, address and placeholder values of the first messages, in key order: they are
 *     rendered and kept for {@code camp preview --messages}, a dry run's too
 * @param missing for each placeholder, in order: counts the messages that have no value for it
 * @param reasons counts the candidates that get no message, per reason
 * @param testRecipients for {@code camp run --test}: key and address of each profile of the test audience, or null
 */
public record DeliverySql(String candidates, String ledger, String createLedger, String plan, String pending, String markSent,
        String markFailed, String progress, String recordHistory, String history, String dryRecord, String eligible, String samples, List<String> missing,
        String reasons, String testRecipients) {

    public DeliverySql {
        missing = List.copyOf(missing);
    }

    /** The statements of a real run's sending, in order, as {@code camp sql} shows them. */
    public List<String> sending() {
        return List.of(createLedger, plan, pending, markSent, markFailed, recordHistory, history);
    }
}
