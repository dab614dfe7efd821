package dev.ecspublicip.testing.protocol;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for an AWS service speaking a query protocol ({@code query}, as STS does, or its
 * {@code ec2} variant): a form-encoded POST with {@code Action} and {@code Version} in, an XML document
 * out. Before a subclass sees a request it is checked as the service would: a POST of form parameters,
 * signed with SigV4 for the service, and read into the operation's input shape by the API model
 * ({@link ApiModel#validateQueryInput}: known action and version, known parameters only, required members,
 * lengths and ranges). A request the service would refuse is answered 400 in the protocol's error form and
 * recorded as a violation, which {@link #assertNoViolations()} turns into a test failure; so is an answer
 * outside the operation's output shape ({@link #ok}).
 */
public abstract class QueryProtocolStandIn implements AutoCloseable {
    /** A request that passed the checks: its action, its form parameters as sent, who signed it. */
    protected record Request(String action, Map<String, String> parameters, String signedWithAccessKey) {}

    /** An answer: the HTTP status and the XML body. */
    protected record Answer(int status, String xml) {}

    private final ApiModel model;
    private final String service;
    private final String invalidParameterCode;
    private final Pattern signedForService;
    private final Optional<String> owner = AwsCallLog.creatingTestClass();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final LoopbackServer server;
    private volatile long latencyMillis;

    /**
     * @param service the API model's name, also the SigV4 signing name (e.g. {@code ec2}, {@code sts})
     * @param invalidParameterCode the error code the service answers a request outside its model with
     */
    protected QueryProtocolStandIn(String service, String invalidParameterCode) {
        this.model = ApiModel.load(service);
        this.service = service;
        this.invalidParameterCode = invalidParameterCode;
        this.signedForService = Pattern.compile(
                "AWS4-HMAC-SHA256 Credential=(\\w+)/\\d{8}/[a-z0-9-]+/" + Pattern.quote(service) + "/aws4_request,.*");
        // Enough threads for a client's concurrent calls, each held for the latency (benchmarks).
        this.server = new LoopbackServer(this::serve, 32);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /**
     * Answers every call this long after it arrived (or later, if checking and answering it took longer),
     * like a service across a network (benchmarks).
     */
    public QueryProtocolStandIn latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("requests " + service.toUpperCase(Locale.ROOT) + " would reject: " + violations);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    protected ApiModel model() {
        return model;
    }

    /** The answer to a request that passed the checks. */
    protected abstract Answer answer(Request request);

    /**
     * Stands for the request id in an answer given to {@link #ok}: the answer is checked with it, and the
     * answer sent carries a fresh id in its place. Neither protocol's check reads the id's value (EC2's
     * {@code requestId}, the query protocol's {@code ResponseMetadata}), so an answer given again is the same
     * text to check, and is checked once ({@link ApiModel#validateQueryOutput}).
     */
    protected static final String REQUEST_ID = "REQUEST-ID-OF-THIS-ANSWER";

    /** A 200 answer; {@code xml} outside the action's output shape in the API model is a violation. */
    protected Answer ok(String action, String xml) {
        violations.addAll(model.validateQueryOutput(action, xml));
        return new Answer(200, xml.replace(REQUEST_ID, UUID.randomUUID().toString()));
    }

    /** A 400 answer to a request the code under test should not have sent, recorded as a violation. */
    protected Answer reject(String code, String message) {
        violations.add(code + ": " + message);
        return error(400, code, message);
    }

    /** An error answer in the protocol's form, e.g. an access denied the code under test must handle. */
    protected Answer error(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        if (model.protocol().equals("ec2")) {
            return new Answer(
                    status,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + escape(code)
                            + "</Code><Message>" + escape(message) + "</Message></Error></Errors><RequestID>"
                            + requestId + "</RequestID></Response>");
        }
        return new Answer(
                status,
                "<ErrorResponse xmlns=\"" + model.xmlNamespace() + "\"><Error><Type>"
                        + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>" + escape(code) + "</Code><Message>"
                        + escape(message) + "</Message></Error><RequestId>" + requestId
                        + "</RequestId></ErrorResponse>");
    }

    protected static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Answer answer = check(exchange);
        LoopbackServer.answerAfter(arrived, latencyMillis);
        LoopbackServer.respond(exchange, answer.status(), answer.xml(), "text/xml;charset=UTF-8");
    }

    private Answer check(HttpExchange exchange) throws IOException {
        Map<String, String> parameters =
                decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String action = parameters.getOrDefault("Action", "");
        if (model.hasOperation(action)) {
            AwsCallLog.record(owner, service + ":" + action);
        }
        List<String> problems = new ArrayList<>();
        if (!exchange.getRequestMethod().equals("POST")) {
            problems.add("method " + exchange.getRequestMethod());
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            problems.add("Content-Type " + contentType);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher signature = signedForService.matcher(authorization == null ? "" : authorization);
        if (!signature.matches()) {
            problems.add("not signed with SigV4 for " + service + ": " + authorization);
        }
        if (!problems.isEmpty()) {
            return reject("MissingAuthenticationToken", action + ": " + String.join("; ", problems));
        }
        problems.addAll(model.validateQueryInput(parameters));
        if (!problems.isEmpty()) {
            return reject(invalidParameterCode, String.join("; ", problems));
        }
        return answer(new Request(action, Collections.unmodifiableMap(parameters), signature.group(1)));
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                parameters.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
