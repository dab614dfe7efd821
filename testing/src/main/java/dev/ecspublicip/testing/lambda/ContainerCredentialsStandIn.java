package dev.ecspublicip.testing.lambda;

import com.google.gson.JsonObject;
import dev.ecspublicip.testing.protocol.LoopbackServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in of the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}),
 * through which Lambda hands a SnapStart function its credentials after restore. Answers every GET with
 * the given key and a session token valid for an hour.
 */
public final class ContainerCredentialsStandIn implements AutoCloseable {
    private final AtomicInteger requests = new AtomicInteger();
    private final LoopbackServer server;

    public ContainerCredentialsStandIn(String accessKeyId) {
        server = new LoopbackServer(
                exchange -> {
                    try (exchange) {
                        requests.incrementAndGet();
                        JsonObject credentials = new JsonObject();
                        credentials.addProperty("AccessKeyId", accessKeyId);
                        credentials.addProperty("SecretAccessKey", "container-secret");
                        credentials.addProperty("Token", "container-session-token");
                        credentials.addProperty(
                                "Expiration",
                                Instant.now()
                                        .plus(1, ChronoUnit.HOURS)
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString());
                        byte[] body = credentials.toString().getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                },
                2);
    }

    /** The full URI to put in {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
    public URI uri() {
        return server.endpoint().resolve("/2018-06-01/credentials");
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
