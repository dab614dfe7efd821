package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.LocalContext;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.sts.StsStandIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Organization rules: one function, in the administrator account, evaluates events of member accounts
 * by assuming the member role there. Real SDK clients talk to loopback stand-ins of Config (one for
 * the function's own account, one for the member accounts) and of STS; the member stand-in checks whose
 * credentials signed each request.
 */
class CrossAccountEvaluationTest {
    /** The account of the function, as its ARN in the Lambda context says. */
    private static final String HOME = "123456789012";

    private static final String FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:" + HOME + ":function:ecs-public-ip-rule-evaluator";
    private static final String MEMBER_A = "210987654321";
    private static final String MEMBER_B = "333344445555";
    private static final String ROLE = "ecs-public-ip-rule-member";
    /** The access key of the function's own credentials (the one {@link ConfigStandIn#client} signs with). */
    private static final String HOME_KEY = "AKIDTEST";

    private static final String SERVICE_RULE = "ecs-service-no-public-ip";

    private final ConfigStandIn home = new ConfigStandIn();
    private final ConfigStandIn member = new ConfigStandIn();
    private final StsStandIn sts = new StsStandIn();
    private final AtomicInteger stsClientsBuilt = new AtomicInteger();
    private final ConfigClient homeClient = home.client(AwsClients::configure);
    /** The member accounts' rules (the same in each), by name: the function each runs. */
    private final Map<String, String> memberRules = new ConcurrentHashMap<>(Map.of(SERVICE_RULE, FUNCTION_ARN));

    private final AtomicLong nanoTime = new AtomicLong();
    private StsClient stsClient;

    CrossAccountEvaluationTest() {
        member.on("DescribeConfigRules", this::describeMemberRules);
    }

    @AfterEach
    void checkAndClose() {
        try {
            home.assertNoViolations();
            member.assertNoViolations();
            sts.assertNoViolations();
        } finally {
            home.close();
            member.close();
            sts.close();
        }
    }

    @Test
    void eventOfTheFunctionsOwnAccountUsesItsOwnCredentialsAndNeverTouchesSts() throws IOException {
        handler(ROLE)
                .handleRequest(
                        input(event("service-public-ip-enabled", HOME)), new ByteArrayOutputStream(), lambdaContext());

        assertEquals(1, home.calls("PutEvaluations").size());
        assertEquals(HOME_KEY, accessKey(home.calls("PutEvaluations").get(0)));
        assertEquals(List.of(), member.calls());
        assertEquals(0, stsClientsBuilt.get(), "no STS client may be built for the own account");
        assertEquals(List.of(), sts.calls());
    }

    @Test
    void memberAccountEventIsReadAndPutInThatAccountWithTheAssumedRole() throws IOException {
        JsonObject history = JsonParser.parseString(Files.readString(
                        Reference.testEvents().resolve("oversized-service-public-ip-enabled.history.json")))
                .getAsJsonObject();
        member.on("GetResourceConfigHistory", call -> Reply.ok(history));

        handler(ROLE)
                .handleRequest(
                        input(event("oversized-service-public-ip-enabled", MEMBER_A)),
                        new ByteArrayOutputStream(),
                        lambdaContext());

        StsStandIn.Call assume = single(sts.calls());
        assertEquals("arn:aws:iam::" + MEMBER_A + ":role/" + ROLE, assume.roleArn());
        assertEquals("ecs-public-ip-rule-evaluator", assume.sessionName());
        assertEquals(HOME_KEY, assume.signedWithAccessKey(), "the role is assumed with the function's own credentials");
        StsStandIn.Issued issued = single(sts.issued());
        for (String operation : List.of("DescribeConfigRules", "GetResourceConfigHistory", "PutEvaluations")) {
            Call call = single(member.calls(operation));
            assertEquals(
                    issued.accessKeyId(), accessKey(call), operation + " must be signed with the member credentials");
            assertEquals(issued.sessionToken(), header(call, "X-Amz-Security-Token"), operation);
        }
        assertEquals(
                "token-of-" + MEMBER_A,
                member.calls("PutEvaluations").get(0).body().get("ResultToken").getAsString());
        assertEquals(
                "NON_COMPLIANT",
                member.evaluationsPut().get(0).get("ComplianceType").getAsString());
        assertEquals(List.of(), home.calls(), "nothing goes to the administrator account's Config");
    }

    @Test
    void scheduledSweepOfAMemberAccountReadsAndPutsEverythingThereWithTheAssumedRole() throws IOException {
        try (ConfigInventoryStandIn memberInventory =
                ConfigInventoryStandIn.load(Reference.testEvents().resolve("scheduled-notification.inventory.json"))) {
            ConfigRuleHandler handler = new ConfigRuleHandler(new AccountClients(
                    () -> homeClient,
                    ROLE,
                    this::stsClient,
                    () -> AwsClients.configure(ConfigClient.builder())
                            .endpointOverride(memberInventory.endpoint())
                            .region(Region.US_EAST_1)));

            handler.handleRequest(
                    input(event("scheduled-notification", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());

            StsStandIn.Issued issued = single(sts.issued());
            assertEquals(
                    List.of(
                            "BatchGetResourceConfig",
                            "DescribeConfigRules",
                            "GetComplianceDetailsByConfigRule",
                            "ListDiscoveredResources",
                            "PutEvaluations"),
                    memberInventory.calls().stream()
                            .map(Call::operation)
                            .distinct()
                            .sorted()
                            .toList());
            for (Call call : memberInventory.calls()) {
                assertEquals(
                        issued.accessKeyId(),
                        accessKey(call),
                        call.operation() + " must be signed with the member credentials");
            }
            assertEquals(5, memberInventory.evaluationsPut().size());
            assertEquals(
                    "token-of-" + MEMBER_A,
                    memberInventory
                            .calls("PutEvaluations")
                            .get(0)
                            .body()
                            .get("ResultToken")
                            .getAsString());
            assertEquals(List.of(), home.calls(), "nothing goes to the administrator account's Config");
            memberInventory.assertNoViolations();
        }
    }

    @Test
    void assumedCredentialsAreKeptPerAccountWhileValid() throws IOException {
        ConfigRuleHandler handler = handler(ROLE);
        for (String account : List.of(MEMBER_A, MEMBER_A, MEMBER_B, MEMBER_A)) {
            handler.handleRequest(
                    input(event("service-public-ip-enabled", account)), new ByteArrayOutputStream(), lambdaContext());
        }

        assertEquals(
                List.of("arn:aws:iam::" + MEMBER_A + ":role/" + ROLE, "arn:aws:iam::" + MEMBER_B + ":role/" + ROLE),
                sts.calls().stream().map(StsStandIn.Call::roleArn).toList());
        List<Call> puts = member.calls("PutEvaluations");
        assertEquals(4, puts.size());
        Map<String, String> keyOf = Map.of(
                MEMBER_A,
                sts.issued().get(0).accessKeyId(),
                MEMBER_B,
                sts.issued().get(1).accessKeyId());
        for (Call put : puts) {
            String account = put.body().get("ResultToken").getAsString().substring("token-of-".length());
            assertEquals(keyOf.get(account), accessKey(put), "put for " + account);
        }
    }

    @Test
    void credentialsCloseToExpiryAreRenewedBeforeTheyAreUsed() throws IOException {
        // Inside the SDK's prefetch window (renewed on next use) but not yet stale (which it would warn about).
        sts.credentialsLast(Duration.ofSeconds(90), Duration.ofHours(1));
        ConfigRuleHandler handler = handler(ROLE);
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());

        assertEquals(2, sts.calls().size(), "the short-lived credentials are renewed once, the hour-long ones kept");
        String renewed = sts.issued().get(1).accessKeyId();
        assertEquals(
                List.of(renewed, renewed),
                member.calls("PutEvaluations").stream()
                        .map(CrossAccountEvaluationTest::accessKey)
                        .toList());
    }

    @Test
    void refusedAssumeRoleFailsTheInvocationNamingRoleAndAccountAndPutsNothing() throws IOException {
        String roleArn = "arn:aws:iam::" + MEMBER_A + ":role/" + ROLE;
        sts.deny(roleArn);

        IllegalStateException error = refused(handler(ROLE), event("service-public-ip-enabled", MEMBER_A));

        assertTrue(
                error.getMessage().startsWith("cannot assume " + roleArn + " to evaluate account " + MEMBER_A + ": "),
                error.getMessage());
        assertTrue(
                error.getMessage().contains("AccessDenied")
                        || error.getMessage().contains("not authorized"),
                error.getMessage());
        assertEquals(List.of(), member.calls());
        assertEquals(List.of(), home.calls());
    }

    @Test
    void refusedAssumeRoleIsNotRememberedAndIsTriedAgainOnTheNextEvent() throws IOException {
        String roleArn = "arn:aws:iam::" + MEMBER_A + ":role/" + ROLE;
        sts.deny(roleArn);
        ConfigRuleHandler handler = handler(ROLE);
        refused(handler, event("service-public-ip-enabled", MEMBER_A));

        sts.allow(roleArn); // say, the member-role StackSet has now reached the account
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());

        assertEquals(2, sts.calls().size());
        assertEquals(sts.issued().get(0).accessKeyId(), accessKey(single(member.calls("PutEvaluations"))));
    }

    @Test
    void memberAccountEventWithoutAMemberRoleFailsClearlyAndPutsNothing() {
        IllegalStateException error = assertThrows(
                IllegalStateException.class,
                () -> handler(null)
                        .handleRequest(
                                input(event("service-public-ip-enabled", MEMBER_A)),
                                new ByteArrayOutputStream(),
                                lambdaContext()));

        assertTrue(error.getMessage().contains("account " + MEMBER_A), error.getMessage());
        assertTrue(error.getMessage().contains(AccountClients.MEMBER_ROLE_ENV + " is not set"), error.getMessage());
        assertEquals(0, stsClientsBuilt.get());
        assertEquals(List.of(), member.calls());
        assertEquals(List.of(), home.calls());
    }

    @Test
    void malformedAccountIdIsBadInputAndPutsNothing() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> handler(ROLE)
                        .handleRequest(
                                input(event("service-public-ip-enabled", "12345")),
                                new ByteArrayOutputStream(),
                                lambdaContext()));

        assertEquals("accountId: must be a 12-digit AWS account id, got '12345'", error.getMessage());
        assertEquals(List.of(), sts.calls());
        assertEquals(List.of(), member.calls());
        assertEquals(List.of(), home.calls());
    }

    @Test
    void aForgedEventForAnAccountWithoutTheRuleReadsNothingAndPutsNothing() throws IOException {
        memberRules.clear();
        JsonObject history = history();
        member.on("GetResourceConfigHistory", call -> Reply.ok(history));

        IllegalStateException error = refused(handler(ROLE), event("oversized-service-public-ip-enabled", MEMBER_A));

        assertEquals(
                "refusing to evaluate account " + MEMBER_A + ": it has no Config rule '" + SERVICE_RULE
                        + "', not this function (" + FUNCTION_ARN + "); nothing was read or put there",
                error.getMessage());
        assertEquals(List.of("DescribeConfigRules"), operations(member), "only the rule is looked up");
        assertEquals(List.of(), home.calls());
    }

    @Test
    void aForgedScheduledEventForAnAccountWithoutTheRuleStartsNoSweep() throws IOException {
        memberRules.clear();

        refused(handler(ROLE), event("scheduled-notification", MEMBER_A));

        assertEquals(List.of("DescribeConfigRules"), operations(member));
    }

    @Test
    void aRuleThatRunsAnotherFunctionIsRefused() throws IOException {
        memberRules.put(SERVICE_RULE, "arn:aws:lambda:us-east-1:" + MEMBER_A + ":function:someone-elses-evaluator");

        IllegalStateException error = refused(handler(ROLE), event("service-public-ip-enabled", MEMBER_A));

        assertTrue(
                error.getMessage()
                        .contains("runs 'arn:aws:lambda:us-east-1:" + MEMBER_A + ":function:someone-elses-evaluator'"),
                error.getMessage());
        assertEquals(List.of("DescribeConfigRules"), operations(member));
    }

    @Test
    void aRuleNamingTheFunctionsAliasRunsThisFunction() throws IOException {
        // The templates point the rules at the alias 'live' with SnapStart; Lambda reports what was invoked.
        memberRules.put(SERVICE_RULE, FUNCTION_ARN + ":live");

        handler(ROLE)
                .handleRequest(
                        input(event("service-public-ip-enabled", MEMBER_A)),
                        new ByteArrayOutputStream(),
                        lambdaContext(FUNCTION_ARN + ":live"));
        handler(ROLE)
                .handleRequest(
                        input(event("service-public-ip-enabled", MEMBER_A)),
                        new ByteArrayOutputStream(),
                        lambdaContext(FUNCTION_ARN));

        assertEquals(2, member.calls("PutEvaluations").size());
    }

    @Test
    void theEventsRuleIsCheckedBeforeItsEvaluationIsPut() throws IOException {
        handler(ROLE)
                .handleRequest(
                        input(event("service-public-ip-enabled", MEMBER_A)),
                        new ByteArrayOutputStream(),
                        lambdaContext());

        assertEquals(List.of("DescribeConfigRules", "PutEvaluations"), operations(member));
        assertEquals(
                SERVICE_RULE,
                member.calls("DescribeConfigRules")
                        .get(0)
                        .body()
                        .getAsJsonArray("ConfigRuleNames")
                        .get(0)
                        .getAsString());
    }

    @Test
    void aConfirmationIsKeptFiveMinutesForThatAccountAndRuleOnly() throws IOException {
        ConfigRuleHandler handler = handler(ROLE);
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());
        assertEquals(1, member.calls("DescribeConfigRules").size(), "a burst of events for one rule: one lookup");

        // A forged event for another rule of the confirmed account gets a lookup of its own, and is refused.
        refused(handler, event("service-public-ip-enabled", MEMBER_A, "some-other-rule"));
        assertEquals(2, member.calls("DescribeConfigRules").size());
        // The confirmed rule's name in another account is looked up there.
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_B)), new ByteArrayOutputStream(), lambdaContext());
        assertEquals(3, member.calls("DescribeConfigRules").size());

        nanoTime.addAndGet(MemberRuleCheck.CONFIRMED_FOR.toNanos());
        memberRules.clear(); // the rule was deleted meanwhile
        refused(handler, event("service-public-ip-enabled", MEMBER_A));
        assertEquals(4, member.calls("DescribeConfigRules").size());
        assertEquals(3, member.calls("PutEvaluations").size());
    }

    @Test
    void aRefusalIsNotRememberedSoANewRuleIsEvaluatedAtOnce() throws IOException {
        memberRules.clear();
        ConfigRuleHandler handler = handler(ROLE);
        refused(handler, event("service-public-ip-enabled", MEMBER_A));

        memberRules.put(SERVICE_RULE, FUNCTION_ARN); // the organization rule has reached the account
        handler.handleRequest(
                input(event("service-public-ip-enabled", MEMBER_A)), new ByteArrayOutputStream(), lambdaContext());

        assertEquals(1, member.calls("PutEvaluations").size());
    }

    @Test
    void anEventForAnotherAccountWithoutARuleNameIsBadInputAndReadsNothing() throws IOException {
        JsonObject event = JsonParser.parseString(event("service-public-ip-enabled", MEMBER_A))
                .getAsJsonObject();
        event.remove("configRuleName");

        BadInputException error = assertThrows(
                BadInputException.class,
                () -> handler(ROLE)
                        .handleRequest(input(event.toString()), new ByteArrayOutputStream(), lambdaContext()));

        assertTrue(error.getMessage().startsWith("configRuleName: is missing;"), error.getMessage());
        assertEquals(List.of(), operations(member));
    }

    /** Runs the event through the handler, which must refuse it; the refusal. */
    private static IllegalStateException refused(ConfigRuleHandler handler, String event) {
        return assertThrows(
                IllegalStateException.class,
                () -> handler.handleRequest(input(event), new ByteArrayOutputStream(), lambdaContext()));
    }

    private static JsonObject history() throws IOException {
        return JsonParser.parseString(Files.readString(
                        Reference.testEvents().resolve("oversized-service-public-ip-enabled.history.json")))
                .getAsJsonObject();
    }

    private static List<String> operations(ConfigStandIn standIn) {
        return standIn.calls().stream().map(Call::operation).toList();
    }

    /** A context as Lambda gives it: the invoked function's ARN names the function's account. */
    private static LocalContext lambdaContext() {
        return lambdaContext(FUNCTION_ARN);
    }

    /** A context as Lambda gives it when invoked as {@code invokedArn} (the function, or one of its aliases). */
    private static LocalContext lambdaContext(String invokedArn) {
        return new LocalContext("ecs-public-ip-rule-evaluator", 300_000, new LambdaLogger() {
            @Override
            public void log(String message) {}

            @Override
            public void log(byte[] message) {}
        }) {
            @Override
            public String getInvokedFunctionArn() {
                return invokedArn;
            }
        };
    }

    private ConfigRuleHandler handler(String memberRoleName) {
        return new ConfigRuleHandler(new AccountClients(
                () -> homeClient,
                memberRoleName,
                this::stsClient,
                this::memberConfigBuilder,
                new MemberRuleCheck(nanoTime::get)));
    }

    /** DescribeConfigRules as Config answers it: the named rules, or NoSuchConfigRuleException if one is not there. */
    private Reply describeMemberRules(Call call) {
        List<JsonObject> rules = new ArrayList<>();
        for (JsonElement name : call.body().getAsJsonArray("ConfigRuleNames")) {
            String function = memberRules.get(name.getAsString());
            if (function == null) {
                return Reply.error(
                        400,
                        "NoSuchConfigRuleException",
                        "The ConfigRule '" + name.getAsString() + "' provided in the request is invalid.");
            }
            JsonObject rule = ConfigStandIn.configRule(name.getAsString(), "CUSTOM_LAMBDA", function);
            rule.addProperty(
                    "ConfigRuleArn", "arn:aws:config:us-east-1:" + MEMBER_A + ":config-rule/config-rule-m3mb3r");
            rules.add(rule);
        }
        return ConfigStandIn.describedRules(rules);
    }

    /** As {@link AwsClients#sts()}: built once, when first asked for. */
    private synchronized StsClient stsClient() {
        if (stsClient == null) {
            stsClientsBuilt.incrementAndGet();
            stsClient = sts.client(AwsClients::configure, homeCredentials());
        }
        return stsClient;
    }

    private software.amazon.awssdk.services.config.ConfigClientBuilder memberConfigBuilder() {
        return AwsClients.configure(ConfigClient.builder())
                .endpointOverride(member.endpoint())
                .region(Region.US_EAST_1);
    }

    private static StaticCredentialsProvider homeCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(HOME_KEY, "home-secret"));
    }

    /** A test event rewritten to come from {@code account}, with a result token naming it. */
    static String event(String name, String account) throws IOException {
        return event(name, account, SERVICE_RULE);
    }

    /** As {@link #event(String, String)}, from the rule {@code ruleName}. */
    static String event(String name, String account, String ruleName) throws IOException {
        JsonObject event = JsonParser.parseString(
                        Files.readString(Reference.testEvents().resolve(name + ".json")))
                .getAsJsonObject();
        event.addProperty("accountId", account);
        event.addProperty("resultToken", "token-of-" + account);
        event.addProperty("configRuleName", ruleName);
        return event.toString();
    }

    private static ByteArrayInputStream input(String event) {
        return new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8));
    }

    private static String accessKey(Call call) {
        String authorization = header(call, "Authorization");
        int start = authorization.indexOf("Credential=") + "Credential=".length();
        return authorization.substring(start, authorization.indexOf('/', start));
    }

    private static String header(Call call, String name) {
        return call.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header on " + call.operation()));
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), "expected exactly one: " + items);
        return items.get(0);
    }
}
