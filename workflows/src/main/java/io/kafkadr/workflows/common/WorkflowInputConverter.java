package io.kafkadr.workflows.common;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.context.SerializationContext;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The worker's data converter: {@code delegate} for everything, except that a
 * {@link WorkflowInput} is read by {@link StrictInput}, and one that does not fit fails the run.
 *
 * <p>Why a data converter: the Java SDK deserialises a workflow's arguments before any workflow
 * code or interceptor runs, and a {@link DataConverterException} there fails the workflow
 * <em>task</em>, which the server retries forever (the run stays RUNNING). A
 * {@link io.temporal.failure.TemporalFailure} thrown there instead fails the workflow
 * <em>execution</em>. Thrown from a payload converter it would be wrapped into a
 * {@code DataConverterException} by the SDK, hence this wrapper around the whole converter.
 * Only {@link WorkflowInput} types are concerned, so a result or an activity argument that does
 * not deserialise (a deployment bug) still fails the task and can be fixed by a new worker.
 * Serialisation is untouched: what drctl writes with the default converter reads back here.
 */
public final class WorkflowInputConverter implements DataConverter {

    /** Failure type of an input that does not fit: the operator's to fix, never retried. */
    public static final String BAD_INPUT = ActivityFailures.BAD_INPUT;

    private static final String JSON = "json/plain";

    private final DataConverter delegate;

    public WorkflowInputConverter(DataConverter delegate) {
        this.delegate = delegate;
    }

    /** Temporal's default converter, reading workflow inputs strictly. */
    public static WorkflowInputConverter standard() {
        return new WorkflowInputConverter(DataConverter.getDefaultInstance());
    }

    @Override
    public <T> T fromPayload(Payload payload, Class<T> valueClass, Type valueType) throws DataConverterException {
        if (valueClass != null && valueClass.isAnnotationPresent(WorkflowInput.class) && isJson(payload)) {
            try {
                return StrictInput.read(payload.getData().toByteArray(), valueClass);
            } catch (StrictInput.InvalidInputException e) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage() + " (" + valueClass.getSimpleName()
                        + "; fix the input and start the workflow again)", BAD_INPUT);
            }
        }
        return delegate.fromPayload(payload, valueClass, valueType);
    }

    @Override
    public <T> T fromPayloads(int index, Optional<Payloads> content, Class<T> valueClass, Type valueType)
            throws DataConverterException {
        if (content.isPresent() && index < content.get().getPayloadsCount()
                && valueClass != null && valueClass.isAnnotationPresent(WorkflowInput.class)) {
            return fromPayload(content.get().getPayloads(index), valueClass, valueType);
        }
        return delegate.fromPayloads(index, content, valueClass, valueType);
    }

    private static boolean isJson(Payload payload) {
        return JSON.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY,
                ByteString.EMPTY).toStringUtf8());
    }

    @Override
    public <T> Optional<Payload> toPayload(T value) throws DataConverterException {
        return delegate.toPayload(value);
    }

    @Override
    public Optional<Payloads> toPayloads(Object... values) throws DataConverterException {
        return delegate.toPayloads(values);
    }

    @Override
    public RuntimeException failureToException(Failure failure) {
        return delegate.failureToException(failure);
    }

    @Override
    public Failure exceptionToFailure(Throwable throwable) {
        return delegate.exceptionToFailure(throwable);
    }

    @Override
    public DataConverter withContext(SerializationContext context) {
        return new WorkflowInputConverter(delegate.withContext(context));
    }
}
