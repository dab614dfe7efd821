package dev.ecspublicip.testing.protocol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on a free loopback port, for the stand-ins of AWS APIs. */
public final class LoopbackServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK's HttpServer sends headers and body in two segments, and the
        // client's delayed ACK holds the second one back ~40 ms: every call would look that slow.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The names of the threads that answer requests start with this; the JDK server's own is HTTP-Dispatcher. */
    public static final String THREAD_PREFIX = "stand-in-";

    private final HttpServer server;
    private final ExecutorService executor;

    public LoopbackServer(HttpHandler handler, int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Named, so that a benchmark can tell the stand-ins' CPU time from that of the code under test.
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers and closes the exchange, with a request id as AWS services send. */
    public static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Promises a body, sends a little of it, and closes the connection: the client sees it cut mid-answer. */
    public static void drop(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(200, 1_000);
            exchange.getResponseBody().write("{\"".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        } catch (IOException ignored) {
            // the client may already be gone
        } finally {
            try {
                exchange.close();
            } catch (RuntimeException ignored) {
                // closing a short body complains; the connection is closed all the same
            }
        }
    }

    /**
     * Sleeps until {@code latencyMillis} have passed since {@code arrivedNanos} ({@link System#nanoTime}):
     * the answer of a stand-in that plays a service across a network leaves then, its own work included.
     */
    public static void answerAfter(long arrivedNanos, long latencyMillis) {
        long wait = latencyMillis - (System.nanoTime() - arrivedNanos) / 1_000_000;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
