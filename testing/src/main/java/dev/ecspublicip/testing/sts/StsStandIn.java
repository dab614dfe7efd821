package dev.ecspublicip.testing.sts;

import com.sun.net.httpserver.HttpExchange;
import dev.ecspublicip.testing.protocol.ApiModel;
import dev.ecspublicip.testing.protocol.AwsCallLog;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.protocol.LoopbackServer;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * A loopback stand-in of AWS STS's {@code AssumeRole} and {@code GetCallerIdentity}, speaking the query protocol as STS does: a
 * form-encoded POST in, an XML document out. Each request is checked against the STS API model
 * ({@link ApiModel}: action and version, known parameters only, required members, lengths and ranges),
 * and for what the model cannot express (the RoleArn and RoleSessionName patterns, a SigV4 signature
 * scoped to sts); a request STS would refuse is answered 400 and recorded as a violation. Every answer
 * is checked against the model's output shape too. Every successful call issues fresh credentials whose access key embeds the
 * role's account, so the stand-in of the service called next can tell whose credentials signed it.
 */
public final class StsStandIn implements AutoCloseable {
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]+");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern SIGNED_FOR_STS =
            Pattern.compile("AWS4-HMAC-SHA256 Credential=(\\w+)/\\d{8}/[a-z0-9-]+/sts/aws4_request,.*");

    /** One AssumeRole request as received. */
    public record Call(Map<String, String> parameters, String signedWithAccessKey) {
        public String roleArn() {
            return parameters.get("RoleArn");
        }

        public String sessionName() {
            return parameters.get("RoleSessionName");
        }
    }

    /** Credentials handed out. */
    public record Issued(String account, String accessKeyId, String sessionToken, Instant expiration) {}

    private final ApiModel model = ApiModel.load("sts");
    private final LoopbackServer server;
    private final Optional<String> owner = AwsCallLog.creatingTestClass();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Issued> issued = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Set<String> deniedRoles = ConcurrentHashMap.newKeySet();
    private final AtomicInteger serial = new AtomicInteger();
    private volatile String callerArn = "arn:aws:iam::123456789012:user/platform-operator";
    private final Deque<Duration> lifetimes = new ArrayDeque<>(List.of(Duration.ofHours(1)));

    /** Who GetCallerIdentity says the caller is. */
    public StsStandIn callerIs(String arn) {
        this.callerArn = arn;
        return this;
    }

    public StsStandIn() {
        server = new LoopbackServer(this::serve, 4);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /**
     * A real SDK STS client pointed here, signing with {@code credentials}, its builder configured by
     * {@code configuration} as the code under test configures its own ({@code AwsClients::configure}).
     */
    public StsClient client(UnaryOperator<StsClientBuilder> configuration, AwsCredentialsProvider credentials) {
        return StandInClients.client(StsClient.builder(), configuration, endpoint(), credentials);
    }

    /**
     * How long the credentials of the next calls stay valid: the first duration for the next call, and so
     * on; the last one for every call after.
     */
    public synchronized StsStandIn credentialsLast(Duration... durations) {
        lifetimes.clear();
        lifetimes.addAll(List.of(durations));
        return this;
    }

    private synchronized Duration nextLifetime() {
        return lifetimes.size() > 1 ? lifetimes.poll() : lifetimes.peek();
    }

    /** Refuses AssumeRole on this role, as STS does when the trust or identity policy does not allow it. */
    public StsStandIn deny(String roleArn) {
        deniedRoles.add(roleArn);
        return this;
    }

    public StsStandIn allow(String roleArn) {
        deniedRoles.remove(roleArn);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Issued> issued() {
        return List.copyOf(issued);
    }

    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("requests STS would reject: " + violations);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        LoopbackServer.respond(exchange, reply(exchange), "text/xml");
    }

    private Reply reply(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        if (!exchange.getRequestMethod().equals("POST")) {
            problems.add("method " + exchange.getRequestMethod());
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            problems.add("Content-Type " + contentType);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher signature = SIGNED_FOR_STS.matcher(authorization == null ? "" : authorization);
        if (!signature.matches()) {
            problems.add("not signed with SigV4 for sts: " + authorization);
        }
        Map<String, String> parameters = decode(form);
        if (parameters.getOrDefault("Action", "").matches("[A-Z][A-Za-z]+")) {
            AwsCallLog.record(owner, "sts:" + parameters.get("Action"));
        }
        if ("GetCallerIdentity".equals(parameters.get("Action"))) {
            return callerIdentity(parameters, problems, signature.matches() ? signature.group(1) : null);
        }
        problems.addAll(checkAssumeRole(parameters));
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return error(400, "Sender", "ValidationError", String.join("; ", problems));
        }
        calls.add(new Call(parameters, signature.group(1)));
        String roleArn = parameters.get("RoleArn");
        if (deniedRoles.contains(roleArn)) {
            return error(
                    403,
                    "Sender",
                    "AccessDenied",
                    "User: arn:aws:sts::111111111111:assumed-role/evaluator/fn is"
                            + " not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        String answer = credentials(roleArn, parameters.get("RoleSessionName"));
        violations.addAll(model.validateQueryOutput("AssumeRole", answer));
        return new Reply(200, answer);
    }

    /** GetCallerIdentity takes no parameters; it answers for {@link #callerArn}'s account. */
    private Reply callerIdentity(Map<String, String> parameters, List<String> problems, String accessKey) {
        problems.addAll(model.validateQueryInput(parameters));
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            return error(400, "Sender", "ValidationError", String.join("; ", problems));
        }
        calls.add(new Call(parameters, accessKey));
        String account = callerArn.split(":")[4];
        String answer = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">"
                + "<GetCallerIdentityResult>"
                + "<Arn>" + callerArn + "</Arn>"
                + "<UserId>AIDA" + account + "EXAMPLE</UserId>"
                + "<Account>" + account + "</Account>"
                + "</GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>";
        violations.addAll(model.validateQueryOutput("GetCallerIdentity", answer));
        return new Reply(200, answer);
    }

    private List<String> checkAssumeRole(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>(model.validateQueryInput(parameters));
        if (!"AssumeRole".equals(parameters.get("Action"))) {
            problems.add("Action " + parameters.get("Action") + " (this stand-in answers AssumeRole only)");
            return problems;
        }
        // The model's patterns, which ApiModel does not check: a role ARN, and the session-name characters.
        String roleArn = parameters.get("RoleArn");
        if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
            problems.add("RoleArn: '" + roleArn + "' is not a role ARN");
        }
        String sessionName = parameters.get("RoleSessionName");
        if (sessionName != null && !SESSION_NAME.matcher(sessionName).matches()) {
            problems.add("RoleSessionName: '" + sessionName + "' must be of [\\w+=,.@-]");
        }
        return problems;
    }

    private String credentials(String roleArn, String sessionName) {
        Matcher arn = ROLE_ARN.matcher(roleArn);
        arn.matches();
        String account = arn.group(1);
        int n = serial.incrementAndGet();
        Instant expiration = Instant.now().plus(nextLifetime()).truncatedTo(ChronoUnit.SECONDS);
        Issued credentials = new Issued(
                account, String.format("ASIA%s%04d", account, n), "session-" + n + "-" + account, expiration);
        issued.add(credentials);
        String role = roleArn.substring(roleArn.indexOf(":role/") + ":role/".length());
        return "<AssumeRoleResponse xmlns=\"" + NAMESPACE + "\">"
                + "<AssumeRoleResult>"
                + "<AssumedRoleUser>"
                + "<AssumedRoleId>AROA" + account + "EXAMPLE:" + sessionName + "</AssumedRoleId>"
                + "<Arn>arn:aws:sts::" + account + ":assumed-role/" + role + "/" + sessionName + "</Arn>"
                + "</AssumedRoleUser>"
                + "<Credentials>"
                + "<AccessKeyId>" + credentials.accessKeyId() + "</AccessKeyId>"
                + "<SecretAccessKey>secret-" + n + "</SecretAccessKey>"
                + "<SessionToken>" + credentials.sessionToken() + "</SessionToken>"
                + "<Expiration>" + expiration + "</Expiration>"
                + "</Credentials>"
                + "<PackedPolicySize>0</PackedPolicySize>"
                + "</AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
    }

    private static Reply error(int status, String type, String code, String message) {
        return new Reply(
                status,
                "<ErrorResponse xmlns=\"" + NAMESPACE + "\">"
                        + "<Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + escape(message)
                        + "</Message></Error>"
                        + "<RequestId>" + UUID.randomUUID() + "</RequestId>"
                        + "</ErrorResponse>");
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
