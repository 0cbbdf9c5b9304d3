package dev.excalibur.dynamodb.engine.internal.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * An SDK HTTP client (sync and async) that hands each request to an {@link EngineBridge} in-process,
 * so SDK clients built on it run their whole pipeline (marshalling, signing, interceptors, CRC32
 * check, error unmarshalling) without a socket. The async side answers on the given executor, never
 * on the caller's thread. Closing it does nothing: the bridge and executor belong to the engine.
 * Internal to the engine.
 */
public final class InProcessHttpClient implements SdkHttpClient, SdkAsyncHttpClient {

    private final EngineBridge bridge;
    private final Executor executor;

    /** A client answering through {@code bridge}; async answers run on {@code executor}. */
    public InProcessHttpClient(EngineBridge bridge, Executor executor) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws java.io.IOException {
                byte[] body = request.contentStreamProvider().isPresent()
                        ? request.contentStreamProvider().get().newStream().readAllBytes()
                        : new byte[0];
                Answer answer = answer(request.httpRequest(), body);
                return HttpExecuteResponse.builder()
                        .response(responseHeaders(answer))
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                        .build();
            }

            @Override
            public void abort() {
                // the call runs to completion in-process; there is no connection to abort
            }
        };
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SdkAsyncHttpResponseHandler handler = request.responseHandler();
        readFully(request.requestContentPublisher())
                .thenAcceptAsync(
                        body -> {
                            Answer answer = answer(request.request(), body);
                            handler.onHeaders(responseHeaders(answer));
                            handler.onStream(new SingleBufferPublisher(ByteBuffer.wrap(answer.body()), done));
                        },
                        executor)
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        handler.onError(error);
                        done.completeExceptionally(error);
                    }
                });
        return done;
    }

    @Override
    public String clientName() {
        return "ExcaliburDynamoDbEngine";
    }

    @Override
    public void close() {
        // the bridge and the executor belong to the engine
    }

    private Answer answer(SdkHttpRequest request, byte[] body) {
        return bridge.handle(request.firstMatchingHeader("X-Amz-Target").orElse(null), body);
    }

    private static SdkHttpResponse responseHeaders(Answer answer) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.statusCode());
        answer.headers(Answer.JSON_1_0).forEach(response::putHeader);
        return response.putHeader("Content-Length", Integer.toString(answer.body().length))
                .build();
    }

    private static CompletableFuture<byte[]> readFully(Publisher<ByteBuffer> publisher) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(bytes.toByteArray());
            }
        });
        return result;
    }

    /** Emits one buffer on the first demand, then completes; {@code done} follows the delivery. */
    private static final class SingleBufferPublisher implements Publisher<ByteBuffer> {
        private final ByteBuffer buffer;
        private final CompletableFuture<Void> done;

        SingleBufferPublisher(ByteBuffer buffer, CompletableFuture<Void> done) {
            this.buffer = buffer;
            this.done = done;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            AtomicBoolean finished = new AtomicBoolean();
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (finished.compareAndSet(false, true)) {
                        if (n <= 0) {
                            IllegalArgumentException error =
                                    new IllegalArgumentException("demand must be positive (rule 3.9)");
                            subscriber.onError(error);
                            done.completeExceptionally(error);
                            return;
                        }
                        if (buffer.hasRemaining()) {
                            subscriber.onNext(buffer);
                        }
                        subscriber.onComplete();
                        done.complete(null);
                    }
                }

                @Override
                public void cancel() {
                    if (finished.compareAndSet(false, true)) {
                        done.complete(null);
                    }
                }
            });
        }
    }
}
