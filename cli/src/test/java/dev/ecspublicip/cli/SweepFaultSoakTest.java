package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.lambda.AccountClients;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * The fault soak: ten scheduled sweeps of 2,000 resources through {@code invoke}, against a Config stand-in
 * that throttles a quarter of all calls, answers others with HTTP 500, drops connections mid-answer, takes
 * puts and then answers 500 (so they are put again), and answers some calls late; between sweeps resources
 * are created, changed and deleted. Every sweep ends with exit 0, or exit 4 and one error line when a call
 * failed after all its retries; it prints exactly what Config accepted; and after every sweep that
 * finished, each resource holds exactly its verdict and each gone resource's evaluation is cleared.
 */
class SweepFaultSoakTest {
    private static final String RULE = "ecs-public-ip-soak";
    private static final String TOKEN = "c29hay10b2tlbg==";
    private static final int SERVICES = 1_600;
    private static final int TASK_SETS = 400;
    private static final int SWEEPS = 10;
    private static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant FIRST_NOTIFICATION = Instant.parse("2026-11-20T14:00:00Z");
    private static final List<String> FAULTED = List.of(
            "DescribeConfigRules",
            "ListDiscoveredResources",
            "GetComplianceDetailsByConfigRule",
            "BatchGetResourceConfig",
            "PutEvaluations");

    /** Each resource's key and the verdict its current item must get. */
    private record Resource(String type, String id, String expected) {}

    private final Random changes = new Random(20261120);
    private final Map<String, Resource> live = new LinkedHashMap<>();
    private final List<Resource> gone = new ArrayList<>();
    private int created;

    @Test
    void tenSweepsUnderInjectedFaultsLeaveEveryResourceWithExactlyItsVerdict() throws Exception {
        try (ConfigInventoryStandIn config = new ConfigInventoryStandIn()) {
            config.rule(RULE, List.of("AWS::ECS::Service", "AWS::ECS::TaskSet"), null);
            config.recordEvaluations(TOKEN, RULE);
            for (int i = 0; i < SERVICES; i++) {
                addService(config, network(i));
            }
            for (int i = 0; i < TASK_SETS; i++) {
                addTaskSet(config, "ecs-svc/" + i, network(i + 1));
            }
            Faults faults = new Faults(config, new Random(7));
            int finished = 0;
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                if (sweep > 0) {
                    change(config);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                String event = event(FIRST_NOTIFICATION.plusSeconds(3_600L * sweep));
                int exit = new Main(
                                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                () -> AccountClients.single(() -> quickBackoffClient(config)))
                        .run(new String[] {"invoke", "-"});

                String stderr = err.toString(StandardCharsets.UTF_8);
                List<String> printed =
                        out.toString(StandardCharsets.UTF_8).lines().toList();
                JsonObject summary = JsonParser.parseString(stderr.lines()
                                .filter(line -> line.startsWith("{\"message\":\"scheduled sweep"))
                                .findFirst()
                                .orElseThrow(() -> new AssertionError("no summary line: " + stderr)))
                        .getAsJsonObject();
                String where = "sweep " + sweep + ": " + summary;
                System.out.println("sweep " + sweep + " exit " + exit + " "
                        + summary.get("message").getAsString() + ", " + summary.get("durationMillis")
                        + " ms, throttles retried " + summary.get("throttlesRetried"));
                assertFalse(stderr.contains("\tat "), "a stack trace: " + stderr);
                if (summary.get("message").getAsString().equals("scheduled sweep failed")) {
                    assertEquals(Exit.AWS_FAILURE, exit, where);
                    List<String> errors = stderr.lines()
                            .filter(line -> line.startsWith("error: "))
                            .toList();
                    assertEquals(1, errors.size(), stderr);
                    assertTrue(errors.get(0).length() <= Failures.MAX_AWS_LINE, errors.get(0));
                    System.out.println("sweep " + sweep + " " + errors.get(0));
                } else {
                    assertEquals(Exit.OK, exit, where + " " + stderr);
                }
                assertEquals(
                        summary.get("evaluationsPut").getAsInt(),
                        printed.size(),
                        "printed exactly what was accepted, " + where);
                for (String line : printed) {
                    JsonObject evaluation = JsonParser.parseString(line).getAsJsonObject();
                    assertEquals(
                            evaluation.get("ComplianceType").getAsString(),
                            config.complianceOf(
                                            RULE,
                                            evaluation
                                                    .get("ComplianceResourceType")
                                                    .getAsString(),
                                            evaluation
                                                    .get("ComplianceResourceId")
                                                    .getAsString())
                                    .orElse("none"),
                            line);
                }
                if (summary.get("message").getAsString().equals("scheduled sweep finished")) {
                    finished++;
                    assertEquals(live.size(), summary.get("resourcesListed").getAsInt(), where);
                    assertEquals(0, summary.get("unread").getAsInt(), where);
                    assertEquals(0, summary.get("evaluationsNotPut").getAsInt(), where);
                    assertEveryVerdictExact(config, where);
                }
            }
            // At these rates about one call in 700 fails six attempts in a row: most sweeps finish.
            assertTrue(finished >= 3, finished + " of " + SWEEPS + " sweeps finished");
            assertTrue(
                    faults.throttled.get() > 0
                            && faults.failed.get() > 0
                            && faults.reset.get() > 0
                            && faults.processedThenFailed.get() > 0
                            && faults.slow.get() > 0,
                    faults.toString());
            config.assertNoViolations();
            System.out.printf(
                    "fault soak: %d sweeps of %d resources, %d finished; %s%n",
                    SWEEPS, SERVICES + TASK_SETS, finished, faults);
        }
    }

    /**
     * A client configured as the project configures its own (6 attempts, the standard strategy's token
     * bucket, the interceptor naming failed calls), but waiting tens of milliseconds between attempts instead
     * of the SDK's default backoff of up to seconds, so that ten sweeps under these faults take seconds.
     */
    private static ConfigClient quickBackoffClient(ConfigInventoryStandIn config) {
        BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(200));
        return ConfigClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(config.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .overrideConfiguration(AwsClients.overrides().toBuilder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(AwsClients.MAX_ATTEMPTS)
                                .backoffStrategy(quick)
                                .throttlingBackoffStrategy(quick)
                                .build())
                        .build())
                .build();
    }

    private void assertEveryVerdictExact(ConfigInventoryStandIn config, String where) {
        for (Resource resource : live.values()) {
            assertEquals(
                    resource.expected(),
                    config.complianceOf(RULE, resource.type(), resource.id()).orElse("none"),
                    resource.id() + " after " + where);
        }
        for (Resource resource : gone) {
            String held =
                    config.complianceOf(RULE, resource.type(), resource.id()).orElse("none");
            assertTrue(
                    held.equals("none") || held.equals("NOT_APPLICABLE"), resource.id() + " is gone but holds " + held);
        }
    }

    /** Between sweeps: 20 resources created, 20 changed, 20 deleted. */
    private void change(ConfigInventoryStandIn config) {
        for (int i = 0; i < 20; i++) {
            addService(config, Network.values()[changes.nextInt(Network.values().length)]);
        }
        List<Resource> services = live.values().stream()
                .filter(r -> r.type().equals("AWS::ECS::Service"))
                .toList();
        for (int i = 0; i < 20; i++) {
            Resource resource = services.get(changes.nextInt(services.size()));
            String name = resource.id()
                    .substring(resource.id().lastIndexOf('/') + 1, resource.id().indexOf('|'));
            put(
                    config,
                    ConfigItems.service(
                            "prod",
                            name,
                            Network.values()[changes.nextInt(Network.values().length)],
                            Map.of(),
                            CAPTURED.plusSeconds(created)),
                    "AWS::ECS::Service");
        }
        List<Resource> all = new ArrayList<>(live.values());
        for (int i = 0; i < 20; i++) {
            Resource resource = all.remove(changes.nextInt(all.size()));
            JsonObject item = resource.type().equals("AWS::ECS::Service")
                    ? ConfigItems.service(
                            "prod",
                            resource.id()
                                    .substring(
                                            resource.id().lastIndexOf('/') + 1,
                                            resource.id().indexOf('|')),
                            Network.ENABLED,
                            Map.of(),
                            CAPTURED)
                    : ConfigItems.taskSet(
                            "prod",
                            "blue",
                            resource.id().substring(resource.id().lastIndexOf('|') + 1),
                            Network.ENABLED,
                            Map.of(),
                            CAPTURED);
            config.item(ConfigItems.deleted(item));
            live.remove(resource.id());
            gone.add(resource);
        }
    }

    private void addService(ConfigInventoryStandIn config, Network network) {
        put(config, ConfigItems.service("prod", "svc-" + created++, network, Map.of(), CAPTURED), "AWS::ECS::Service");
    }

    private void addTaskSet(ConfigInventoryStandIn config, String id, Network network) {
        put(config, ConfigItems.taskSet("prod", "blue", id, network, Map.of(), CAPTURED), "AWS::ECS::TaskSet");
    }

    private void put(ConfigInventoryStandIn config, JsonObject item, String type) {
        config.item(item);
        String id = item.get("resourceId").getAsString();
        String configuration = item.get("configuration").getAsString();
        String expected = configuration.contains("\"AssignPublicIp\":\"ENABLED\"")
                ? "NON_COMPLIANT"
                : configuration.contains("wsvpcConfiguration") || configuration.contains("wsVpcConfiguration")
                        ? "COMPLIANT"
                        : "NOT_APPLICABLE";
        live.put(id, new Resource(type, id, expected));
    }

    private static Network network(int i) {
        return switch (i % 10) {
            case 0 -> Network.ENABLED;
            case 5 -> Network.UNSET;
            case 7 -> Network.BRIDGE;
            default -> Network.DISABLED;
        };
    }

    private static String event(Instant notified) {
        JsonObject invoking = new JsonObject();
        invoking.addProperty("awsAccountId", ConfigItems.ACCOUNT);
        invoking.addProperty("notificationCreationTime", notified.toString());
        invoking.addProperty("messageType", "ScheduledNotification");
        invoking.addProperty("recordVersion", "1.0");
        JsonObject event = new JsonObject();
        event.addProperty("version", "1.0");
        event.addProperty("invokingEvent", invoking.toString());
        event.addProperty("resultToken", TOKEN);
        event.addProperty("eventLeftScope", false);
        event.addProperty("configRuleName", RULE);
        event.addProperty("accountId", ConfigItems.ACCOUNT);
        return event.toString();
    }

    /**
     * Per call: 25% throttled, 5% HTTP 500, 3% connection dropped mid-answer, 3% answered 300 ms late, and
     * for PutEvaluations 4% taken (recorded) and then answered 500.
     */
    private static final class Faults {
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger reset = new AtomicInteger();
        final AtomicInteger slow = new AtomicInteger();
        final AtomicInteger processedThenFailed = new AtomicInteger();
        private final Random random;

        Faults(ConfigInventoryStandIn config, Random random) {
            this.random = random;
            for (String operation : FAULTED) {
                config.on(operation, call -> answer(config, call));
            }
        }

        private Reply answer(ConfigInventoryStandIn config, Call call) {
            double roll;
            synchronized (random) {
                roll = random.nextDouble();
            }
            if (roll < 0.25) {
                throttled.incrementAndGet();
                return Reply.throttling();
            }
            if (roll < 0.30) {
                failed.incrementAndGet();
                return Reply.error(500, "InternalFailure", "injected");
            }
            if (roll < 0.33) {
                reset.incrementAndGet();
                return Reply.connectionReset();
            }
            if (roll < 0.36) {
                slow.incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Reply reply = config.answerFromInventory(call);
            if (roll >= 0.36 && roll < 0.40 && call.operation().equals("PutEvaluations")) {
                processedThenFailed.incrementAndGet();
                return Reply.error(500, "InternalFailure", "injected after the evaluations were recorded");
            }
            return reply;
        }

        @Override
        public String toString() {
            return "calls throttled " + throttled + ", answered 500 " + failed + ", dropped " + reset
                    + ", answered late " + slow + ", puts taken then answered 500 " + processedThenFailed;
        }
    }
}
