package dev.ecspublicip.testing.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback stand-in for an AWS service speaking a JSON protocol: {@code json} ({@code X-Amz-Target:
 * Prefix.Operation}, e.g. ECS, EventBridge, Step Functions) or {@code rest-json} (the operation found by
 * its HTTP method and request URI, its input in the URI, the query string and the body, e.g. EventBridge
 * Scheduler, Pipes, Batch), as the service's API model says. Every request is checked against the service's
 * API model; a request the real service would reject is answered 400 and recorded as a violation, which
 * {@link #assertNoViolations()} turns into a test failure.
 *
 * <p>Tests script answers per operation: a default handler, and queued one-shot answers (e.g. throttle
 * twice, then let the default answer).
 */
public class JsonProtocolStandIn implements AutoCloseable {
    /** One request as received. */
    public record Call(String operation, JsonObject body, Map<String, List<String>> headers) {}

    /** An HTTP answer. */
    public record Reply(int status, String body) {
        public static Reply ok(JsonObject body) {
            return new Reply(200, body.toString());
        }

        public static Reply ok() {
            return new Reply(200, "{}");
        }

        public static Reply error(int status, String type, String message) {
            JsonObject body = new JsonObject();
            body.addProperty("__type", type);
            body.addProperty("message", message);
            return new Reply(status, body.toString());
        }

        public static Reply throttling() {
            return error(400, "ThrottlingException", "Rate exceeded");
        }

        /** No answer: the connection drops after part of the response, as when it is reset mid-answer. */
        public static Reply connectionReset() {
            return new Reply(0, "");
        }
    }

    private final ApiModel model;
    private final String contentType;
    private final Optional<String> owner = AwsCallLog.creatingTestClass();
    private final LoopbackServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Call, Reply>> handlers = new HashMap<>();
    private final Map<String, Deque<Function<Call, Reply>>> queued = new HashMap<>();
    private volatile long latencyMillis;
    private final Map<String, Long> delays = new java.util.concurrent.ConcurrentHashMap<>();

    public JsonProtocolStandIn(String service) {
        this.model = ApiModel.load(service);
        this.contentType = model.protocol().equals("rest-json")
                ? "application/json"
                : "application/x-amz-json-" + model.jsonVersion();
        server = new LoopbackServer(this::serve, 32);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public ApiModel model() {
        return model;
    }

    /** The default answer for an operation. */
    public synchronized JsonProtocolStandIn on(String operation, Function<Call, Reply> handler) {
        requireOperation(operation);
        handlers.put(operation, handler);
        return this;
    }

    /** Answers the next call of the operation with this reply, before falling back to the default. */
    public synchronized JsonProtocolStandIn once(String operation, Function<Call, Reply> handler) {
        requireOperation(operation);
        queued.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(handler);
        return this;
    }

    public synchronized JsonProtocolStandIn throttle(String operation, int times) {
        for (int i = 0; i < times; i++) {
            once(operation, call -> Reply.throttling());
        }
        return this;
    }

    /**
     * Answers every call this long after it arrived (or later, if checking and answering it took longer),
     * like a service across a network (benchmarks).
     */
    public JsonProtocolStandIn latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /**
     * Answers every call of the operation only this long after handling it (on top of {@link #latency}):
     * a slow endpoint, whose work is done but whose answer is late. 0 removes the delay.
     */
    public JsonProtocolStandIn delay(String operation, long millis) {
        requireOperation(operation);
        delays.put(operation, millis);
        return this;
    }

    /**
     * A handler for an operation the stand-in answers from its own state: {@code answer} returns the
     * response body (or a {@link Reply}, for errors); a body outside the operation's output shape in the
     * API model is recorded as a violation, so a stand-in cannot drift from what the service returns. Each
     * distinct answer text is checked once ({@link ApiModel#validateOutput(String, JsonObject, String)}).
     */
    protected Function<Call, Reply> modelCheckedAnswer(Function<JsonObject, Object> answer) {
        return call -> {
            Object result = answer.apply(call.body());
            if (result instanceof Reply reply) {
                return reply;
            }
            String text = result.toString();
            violations.addAll(model.validateOutput(call.operation(), (JsonObject) result, text));
            return new Reply(200, text);
        };
    }

    /** One page of {@code all} from {@code start}; {@code tokenMember} names the next page, absent on the last. */
    protected static JsonObject page(
            List<? extends JsonElement> all,
            int start,
            int size,
            String resultMember,
            String tokenMember,
            String tokenPrefix) {
        int end = Math.min(all.size(), start + size);
        JsonArray page = new JsonArray();
        all.subList(start, end).forEach(page::add);
        JsonObject body = new JsonObject();
        body.add(resultMember, page);
        if (end < all.size()) {
            body.addProperty(tokenMember, tokenPrefix + end);
        }
        return body;
    }

    /** Records a request the real service would reject for a reason its API model cannot express. */
    protected void violation(String problem) {
        violations.add(problem);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        List<Call> matching = new ArrayList<>();
        for (Call call : calls) {
            if (call.operation().equals(operation)) {
                matching.add(call);
            }
        }
        return matching;
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("requests the real service would reject: " + violations);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void requireOperation(String operation) {
        if (!model.hasOperation(operation)) {
            throw new IllegalArgumentException(operation + " is not an operation of this API");
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Reply reply = reply(exchange);
        LoopbackServer.answerAfter(arrived, latencyMillis);
        if (reply.status() == 0) {
            LoopbackServer.drop(exchange);
            return;
        }
        LoopbackServer.respond(exchange, reply.status(), reply.body(), contentType);
    }

    /** A query string's parameters, decoded, in order; a name may repeat (a list member). */
    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> parameters = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String value = parts.length < 2 ? "" : java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private Reply reply(HttpExchange exchange) throws IOException {
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject body =
                text.isEmpty() ? new JsonObject() : JsonParser.parseString(text).getAsJsonObject();
        List<String> problems = new ArrayList<>();
        String operation;
        if (model.protocol().equals("rest-json")) {
            URI uri = exchange.getRequestURI();
            Optional<ApiModel.RestRequest> request = model.restRequest(
                    exchange.getRequestMethod(), uri.getRawPath(), query(uri.getRawQuery()), body, problems);
            if (request.isEmpty()) {
                violations.add("no operation at " + exchange.getRequestMethod() + " " + uri.getRawPath());
                return Reply.error(404, "UnknownOperationException", "no operation at " + uri.getRawPath());
            }
            operation = request.get().operation();
            body = request.get().input();
        } else {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null || !target.startsWith(model.targetPrefix() + ".")) {
                violations.add("request without a valid X-Amz-Target: " + target);
                return Reply.error(400, "UnknownOperationException", "bad target " + target);
            }
            operation = target.substring(model.targetPrefix().length() + 1);
        }
        if (exchange.getRequestHeaders().getFirst("Authorization") == null
                || !exchange.getRequestHeaders().getFirst("Authorization").startsWith("AWS4-HMAC-SHA256 ")) {
            violations.add("unsigned request to " + operation);
        }
        Call call = new Call(operation, body, Map.copyOf(exchange.getRequestHeaders()));
        calls.add(call);
        if (model.hasOperation(operation)) {
            AwsCallLog.record(owner, model.iamPrefix() + ":" + operation);
        }
        problems.addAll(model.validateInput(operation, body));
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return Reply.error(400, "ValidationException", String.join("; ", problems));
        }
        Function<Call, Reply> handler;
        synchronized (this) {
            Deque<Function<Call, Reply>> queue = queued.get(operation);
            handler = queue != null && !queue.isEmpty() ? queue.poll() : handlers.get(operation);
        }
        if (handler == null) {
            violations.add("no answer scripted for " + operation);
            return Reply.error(500, "InternalFailure", "the stand-in has no answer for " + operation);
        }
        Reply reply = handler.apply(call);
        long delay = delays.getOrDefault(operation, 0L);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return reply;
    }
}
