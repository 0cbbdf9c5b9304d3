package dev.excalibur.cdc.dynamodb.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbRecordTransformer;
import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.DocumentDecoder;
import dev.excalibur.cdc.dynamodb.internal.CdcChanges;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * An AWS Lambda function on a DynamoDB stream that hands the records, as {@link CdcChange}s, to the
 * same {@link CdcHandler} or {@link CdcBatchHandler} the CDC processor uses, and reports partial
 * batch failures. Configure the event source mapping with {@code ReportBatchItemFailures}; Lambda
 * then retries from the change the handler failed on instead of from the start of the batch.
 *
 * <p>Use it by extending it with a public no-arg constructor (the Lambda runtime instantiates the
 * handler class):
 * <pre>{@code
 * public class OrderChanges extends CdcLambdaHandler {
 *     private static final DocumentCodec CODEC = DocumentCodec.discover();
 *
 *     public OrderChanges() {
 *         super((CdcChange change) -> project(change.newDocument(Order.class)), CODEC::fromItem);
 *     }
 * }
 * }</pre>
 * Declare the lambda's parameter type (or pass a typed handler), since the constructors take either
 * kind of handler. The {@link DocumentDecoder} reads {@link CdcChange#newDocument(Class)} and
 * {@link CdcChange#oldDocument(Class)}: here the document codec of {@code excalibur-dynamodb-codec}
 * (configured as the provider that wrote the items); without one those methods throw.
 *
 * <p>What a change looks like and what the response says:
 * <ul>
 *   <li>{@link CdcChange#shardId()} is the record's {@code eventSourceARN}, the stream ARN: Lambda
 *       events do not carry the shard id.</li>
 *   <li>Records with an event name this version does not know are skipped (logged), as in every
 *       CDC runner.</li>
 *   <li>Each change (or batch) gets one handler call, with no dead-letter handler: Lambda's own
 *       retries, batch bisection and on-failure destination apply.</li>
 *   <li>A per-change handler is called in record order; the first change it throws on stops the
 *       invocation, and the response names that change's sequence number. The changes after it
 *       are not handled now; Lambda delivers them again, from the failed one on.</li>
 *   <li>A batch handler is called once with all changes; if it throws, the response names the
 *       batch's first sequence number, so the whole batch is retried.</li>
 *   <li>If everything was handled, the response has no failures. A null or empty event is a
 *       success with nothing to do.</li>
 *   <li>A malformed record (null, without {@code dynamodb} data or sequence number, or that cannot
 *       be converted) makes the event untrustworthy: nothing is handled and the response names the
 *       batch's first sequence number (the whole batch is retried, then goes to the mapping's
 *       on-failure destination as configured). If the first record has no sequence number either,
 *       {@code handleRequest} throws {@link IllegalArgumentException}, which Lambda also treats as
 *       a failure of the whole batch.</li>
 * </ul>
 * Failures are logged (warn) with the sequence number and the exception. An {@link Error} thrown
 * by the handler is not caught: it fails the invocation, and Lambda retries the whole batch.
 * The {@link Context} is not used and may be null.
 */
public class CdcLambdaHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CdcLambdaHandler.class);

    private final CdcDelivery delivery;
    private final boolean perBatch;
    private final @Nullable DocumentDecoder decoder;

    /** A function that hands the changes to {@code handler} one at a time, in order; changes have no documents. */
    public CdcLambdaHandler(CdcHandler handler) {
        this(handler, null);
    }

    /**
     * A function that hands the changes to {@code handler} one at a time, in order, reading their
     * documents with {@code decoder} (null: none).
     */
    public CdcLambdaHandler(CdcHandler handler, @Nullable DocumentDecoder decoder) {
        this(required(handler, "handler"), null, decoder);
    }

    /** A function that hands all changes of an invocation to {@code batchHandler} in one call; changes have no documents. */
    public CdcLambdaHandler(CdcBatchHandler batchHandler) {
        this(batchHandler, null);
    }

    /**
     * A function that hands all changes of an invocation to {@code batchHandler} in one call,
     * reading their documents with {@code decoder} (null: none).
     */
    public CdcLambdaHandler(CdcBatchHandler batchHandler, @Nullable DocumentDecoder decoder) {
        this(null, required(batchHandler, "batchHandler"), decoder);
    }

    private CdcLambdaHandler(
            @Nullable CdcHandler handler, @Nullable CdcBatchHandler batchHandler, @Nullable DocumentDecoder decoder) {
        this.delivery = CdcDelivery.singleAttempt(getClass().getSimpleName(), handler, batchHandler);
        this.perBatch = batchHandler != null;
        this.decoder = decoder;
    }

    private static <T> T required(T handler, String name) {
        if (handler == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return handler;
    }

    /**
     * Handles the event's records as described in the class documentation.
     *
     * @return the sequence number to retry from, if a change was not handled; no failures otherwise
     * @throws IllegalArgumentException if a record is malformed and the first record has no sequence number
     */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        if (event == null || event.getRecords() == null || event.getRecords().isEmpty()) {
            return response(null);
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        List<CdcChange> changes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            DynamodbEvent.DynamodbStreamRecord record = records.get(i);
            try {
                changes.addAll(CdcChanges.fromRecords(record.getEventSourceARN(), List.of(toRecord(record)), decoder));
            } catch (RuntimeException malformed) {
                return malformed(records, i, malformed);
            }
        }
        CdcDelivery.Outcome outcome = delivery.deliver(records.get(0).getEventSourceARN(), changes, () -> false);
        if (outcome.handled() == changes.size()) {
            return response(null);
        }
        // a batch is retried whole; one change from where the handler failed on
        String retryFrom = perBatch
                ? sequenceNumber(records.get(0))
                : changes.get(outcome.handled()).sequenceNumber();
        String problem = perBatch
                ? "the batch handler failed on a batch of " + changes.size() + " change(s)"
                : "the handler failed on change "
                        + changes.get(outcome.handled()).eventId();
        return failed(retryFrom, problem, outcome.failure());
    }

    /** The SDK record of a Lambda record; throws if it lacks what a change needs. */
    private static Record toRecord(DynamodbEvent.@Nullable DynamodbStreamRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("the record is null");
        }
        if (sequenceNumber(record) == null) {
            throw new IllegalArgumentException(
                    "record " + record.getEventID() + " has no dynamodb data or sequence number");
        }
        return DynamodbRecordTransformer.toRecordV2(record);
    }

    private StreamsEventResponse malformed(
            List<DynamodbEvent.DynamodbStreamRecord> records, int index, RuntimeException cause) {
        String first = sequenceNumber(records.get(0));
        String problem = "record " + index + " of " + records.size() + " is malformed, nothing was handled";
        if (first == null) {
            throw new IllegalArgumentException(
                    "DynamoDB stream event: " + problem + " and its first record has no sequence number to retry from",
                    cause);
        }
        return failed(first, problem, cause);
    }

    private static StreamsEventResponse failed(String sequenceNumber, String problem, Exception cause) {
        LOG.warn(
                "DynamoDB stream event: {}; reporting sequence number {} as the first failure",
                problem,
                sequenceNumber,
                cause);
        return response(sequenceNumber);
    }

    private static @Nullable String sequenceNumber(DynamodbEvent.@Nullable DynamodbStreamRecord record) {
        if (record == null || record.getDynamodb() == null) {
            return null;
        }
        String sequenceNumber = record.getDynamodb().getSequenceNumber();
        return sequenceNumber == null || sequenceNumber.isBlank() ? null : sequenceNumber;
    }

    private static StreamsEventResponse response(@Nullable String failedSequenceNumber) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>(1);
        if (failedSequenceNumber != null) {
            failures.add(new StreamsEventResponse.BatchItemFailure(failedSequenceNumber));
        }
        return new StreamsEventResponse(failures);
    }
}
