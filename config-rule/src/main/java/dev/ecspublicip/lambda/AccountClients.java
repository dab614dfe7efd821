package dev.ecspublicip.lambda;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.CallDeadline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The Config client for the account a rule event concerns.
 *
 * <p>Organization rules invoke this one function, in the delegated administrator account, for events of
 * every member account. PutEvaluations (with the result token Config issued there) and every read must
 * then be made in that member account. Events of the function's own account use its own credentials;
 * events of another account use the role named by {@value #MEMBER_ROLE_ENV} in that account, assumed with
 * STS. Each member account gets one client whose credentials the SDK keeps and refreshes shortly before
 * they expire, so a warm container assumes a role once per account and session, not once per event.
 *
 * <p>Anyone who may invoke the function can write an event naming any account, so a member account's
 * client is handed out only once {@link MemberRuleCheck} has confirmed, through the member role, that the
 * event's rule exists there and runs this function: nothing is read or put in an account before that.
 *
 * <p>Nothing of STS is loaded, let alone built, unless an event comes from another account: the
 * change-event path of a single-account deployment stays as lean as before.
 */
public final class AccountClients {
    /** The environment variable naming the role to assume in member accounts; unset for one account. */
    public static final String MEMBER_ROLE_ENV = "MEMBER_ROLE_NAME";
    /** Shows in the member account's CloudTrail as who used the role. */
    static final String SESSION_NAME = "ecs-public-ip-rule-evaluator";

    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:([a-z][a-z0-9-]*):lambda:[a-z0-9-]+:(\\d{12}):function:[^:]+(:.+)?");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    private final Supplier<ConfigClient> home;
    private final boolean homeForEveryAccount;
    private final String memberRoleName;
    private final Supplier<StsClient> sts;
    private final Supplier<ConfigClientBuilder> memberConfig;
    private final Map<String, ConfigClient> members = new ConcurrentHashMap<>();
    private volatile MemberRuleCheck rules;

    /**
     * @param home the client for the function's own account
     * @param memberRoleName the role to assume in other accounts; null or blank when this deployment
     *     evaluates its own account only
     * @param sts the STS client that assumes member roles (asked for only when one is needed); null for
     *     {@link AwsClients#sts()}
     * @param memberConfig a configured Config client builder; the member credentials are set on it
     */
    public AccountClients(
            Supplier<ConfigClient> home,
            String memberRoleName,
            Supplier<StsClient> sts,
            Supplier<ConfigClientBuilder> memberConfig) {
        // Made on the first member-account event: a single-account deployment never loads it.
        this(home, false, memberRoleName, sts, memberConfig, null);
    }

    /** As the public constructor, with the check of member accounts' rules given (tests: its clock). */
    AccountClients(
            Supplier<ConfigClient> home,
            String memberRoleName,
            Supplier<StsClient> sts,
            Supplier<ConfigClientBuilder> memberConfig,
            MemberRuleCheck rules) {
        this(home, false, memberRoleName, sts, memberConfig, rules);
    }

    private AccountClients(
            Supplier<ConfigClient> home,
            boolean homeForEveryAccount,
            String memberRoleName,
            Supplier<StsClient> sts,
            Supplier<ConfigClientBuilder> memberConfig,
            MemberRuleCheck rules) {
        String role = memberRoleName == null || memberRoleName.isBlank() ? null : memberRoleName.strip();
        if (role != null && !ROLE_NAME.matcher(role).matches()) {
            throw new IllegalStateException(MEMBER_ROLE_ENV + " must be an IAM role name (1-64 of letters, digits"
                    + " and +=,.@_-), got '" + role + "'");
        }
        this.home = home;
        this.homeForEveryAccount = homeForEveryAccount;
        this.memberRoleName = role;
        this.sts = sts;
        this.memberConfig = memberConfig;
        this.rules = rules;
    }

    /** As deployed: own clients from the standard environment, the member role from {@value #MEMBER_ROLE_ENV}. */
    public static AccountClients fromEnvironment() {
        // No reference to the STS client here: even a method reference would load its class.
        return new AccountClients(
                AwsClients::config,
                System.getenv(MEMBER_ROLE_ENV),
                null,
                () -> AwsClients.configure(ConfigClient.builder()));
    }

    /** The container's instance, built from the environment on first use. */
    public static AccountClients shared() {
        return Shared.ACCOUNTS;
    }

    /** One client for every event, whatever its account (tests, and tools run with chosen credentials). */
    public static AccountClients single(Supplier<ConfigClient> config) {
        return new AccountClients(config, true, null, null, null, null);
    }

    /**
     * The client for an event about {@code eventAccountId} from its rule {@code ruleName}, handled by the
     * function {@code invokedFunctionArn} (the Lambda context's). Outside Lambda (no function ARN) and for
     * events without an account, the own credentials are used. Another account's client is returned only
     * once that account's rule is confirmed to run this function.
     *
     * @param deadline bounds the call that confirms a member account's rule
     * @throws BadInputException if the event's account id is not an account id, or an event for another
     *     account names no rule
     * @throws IllegalStateException if the event is for another account and no member role is configured,
     *     the member role cannot be assumed, or the account has no rule of that name running this function
     */
    public ConfigClient config(
            String eventAccountId, String ruleName, String invokedFunctionArn, CallDeadline deadline) {
        Matcher function = FUNCTION_ARN.matcher(invokedFunctionArn == null ? "" : invokedFunctionArn);
        if (homeForEveryAccount
                || eventAccountId == null
                || !function.matches()
                || eventAccountId.equals(function.group(2))) {
            return home.get();
        }
        if (!ACCOUNT_ID.matcher(eventAccountId).matches()) {
            throw new BadInputException(
                    "accountId", "must be a 12-digit AWS account id, got " + ErrorLine.quote(eventAccountId));
        }
        if (memberRoleName == null) {
            throw new IllegalStateException("the event is for account " + eventAccountId + " but this function runs in"
                    + " account " + function.group(2) + " and " + MEMBER_ROLE_ENV + " is not set, so it cannot"
                    + " evaluate other accounts (deploy it with the organization parameters)");
        }
        String roleArn = "arn:" + function.group(1) + ":iam::" + eventAccountId + ":role/" + memberRoleName;
        ConfigClient member = members.computeIfAbsent(
                eventAccountId, account -> MemberRole.connect(sts, roleArn, account, memberConfig.get()));
        rules().confirm(member, eventAccountId, ruleName, invokedFunctionArn, deadline);
        return member;
    }

    private MemberRuleCheck rules() {
        MemberRuleCheck check = rules;
        if (check == null) {
            synchronized (this) {
                if (rules == null) {
                    rules = new MemberRuleCheck();
                }
                check = rules;
            }
        }
        return check;
    }

    /** Kept apart so the STS classes load only when a member account is involved. */
    private static final class MemberRole {
        static ConfigClient connect(
                Supplier<StsClient> sts, String roleArn, String account, ConfigClientBuilder builder) {
            StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts == null ? Sts.CLIENT : sts.get())
                    .refreshRequest(request -> request.roleArn(roleArn).roleSessionName(SESSION_NAME))
                    .build();
            try {
                // Assume now, so a refusal fails here with the role named, before anything is read or put.
                credentials.resolveCredentials();
            } catch (SdkException e) {
                credentials.close();
                throw new IllegalStateException(
                        "cannot assume " + roleArn + " to evaluate account " + account + ": " + e.getMessage(), e);
            }
            return builder.credentialsProvider(credentials).build();
        }
    }

    private static final class Shared {
        static final AccountClients ACCOUNTS = fromEnvironment();
    }

    /** STS, for assuming member roles; built only when an event comes from another account. */
    private static final class Sts {
        static final StsClient CLIENT =
                AwsClients.configure(StsClient.builder()).build();
    }
}
