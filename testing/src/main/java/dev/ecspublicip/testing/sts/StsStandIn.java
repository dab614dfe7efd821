package dev.ecspublicip.testing.sts;

import dev.ecspublicip.testing.protocol.ApiModel;
import dev.ecspublicip.testing.protocol.QueryProtocolStandIn;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A loopback stand-in of AWS STS's {@code AssumeRole} and {@code GetCallerIdentity}, speaking the query
 * protocol as STS does: a form-encoded POST in, an XML document out. Each request is checked against the
 * STS API model ({@link ApiModel}, by {@link QueryProtocolStandIn}: a SigV4 signature scoped to sts, action
 * and version, known parameters only, required members, lengths and ranges) and for what the model cannot
 * express (the RoleArn and RoleSessionName patterns); a request STS would refuse is answered 400 and
 * recorded as a violation. Every answer is checked against the model's output shape too. Every successful call issues fresh credentials whose access key embeds the
 * role's account, so the stand-in of the service called next can tell whose credentials signed it.
 */
public final class StsStandIn extends QueryProtocolStandIn {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]+");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /** One AssumeRole or GetCallerIdentity request as received. */
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

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Issued> issued = new CopyOnWriteArrayList<>();
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
        super("sts", "ValidationError");
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

    @Override
    protected Answer answer(Request request) {
        Map<String, String> parameters = request.parameters();
        switch (request.action()) {
            case "GetCallerIdentity" -> {
                calls.add(new Call(parameters, request.signedWithAccessKey()));
                return ok("GetCallerIdentity", callerIdentity());
            }
            case "AssumeRole" -> {
                // The model's patterns, which ApiModel does not check: a role ARN, and the session-name characters.
                String roleArn = parameters.get("RoleArn");
                if (!ROLE_ARN.matcher(roleArn).matches()) {
                    return reject("ValidationError", "RoleArn: '" + roleArn + "' is not a role ARN");
                }
                String sessionName = parameters.get("RoleSessionName");
                if (!SESSION_NAME.matcher(sessionName).matches()) {
                    return reject("ValidationError", "RoleSessionName: '" + sessionName + "' must be of [\\w+=,.@-]");
                }
                calls.add(new Call(parameters, request.signedWithAccessKey()));
                if (deniedRoles.contains(roleArn)) {
                    return error(
                            403,
                            "AccessDenied",
                            "User: arn:aws:sts::111111111111:assumed-role/evaluator/fn is"
                                    + " not authorized to perform: sts:AssumeRole on resource: " + roleArn);
                }
                return ok("AssumeRole", credentials(roleArn, sessionName));
            }
            default -> {
                return reject(
                        "InvalidAction",
                        "this stand-in answers AssumeRole and GetCallerIdentity, not " + request.action());
            }
        }
    }

    /** GetCallerIdentity's answer, for {@link #callerArn}'s account. */
    private String callerIdentity() {
        String account = callerArn.split(":")[4];
        return "<GetCallerIdentityResponse xmlns=\"" + model().xmlNamespace() + "\">"
                + "<GetCallerIdentityResult>"
                + "<Arn>" + callerArn + "</Arn>"
                + "<UserId>AIDA" + account + "EXAMPLE</UserId>"
                + "<Account>" + account + "</Account>"
                + "</GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>" + REQUEST_ID + "</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>";
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
        return "<AssumeRoleResponse xmlns=\"" + model().xmlNamespace() + "\">"
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
                + "<ResponseMetadata><RequestId>" + REQUEST_ID + "</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
    }
}
