package dev.ecspublicip.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the SnapStart priming client: it never opens a connection. It reads the marshalled,
 * signed request body the SDK hands it (so that code runs too) and answers every request itself with an
 * empty JSON 1.1 success, which for PutEvaluations means no FailedEvaluations.
 */
final class PrimingTransport implements SdkHttpClient {
    private static final byte[] EMPTY_SUCCESS = "{}".getBytes(StandardCharsets.UTF_8);

    private final List<String> answered = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (closed) {
                    throw new IOException("the SnapStart priming transport is closed");
                }
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body =
                            request.contentStreamProvider().get().newStream()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                answered.add(request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("?"));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("Content-Length", Integer.toString(EMPTY_SUCCESS.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_SUCCESS)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight: every answer is ready at once.
            }
        };
    }

    /** The {@code X-Amz-Target} of every request answered, in order. */
    List<String> answered() {
        return List.copyOf(answered);
    }

    @Override
    public String clientName() {
        return "SnapStartPriming";
    }

    @Override
    public void close() {
        closed = true;
    }
}
