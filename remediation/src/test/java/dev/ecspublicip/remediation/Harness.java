package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.MutableClock;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The remediation handler wired to loopback stand-ins of Config, ECS and EC2 through real SDK clients,
 * as Lambda would run it. Config answers BatchGetResourceConfig from the items recorded here.
 */
final class Harness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-20T15:00:00Z");
    static final String VPC = "vpc-0a1b2c3d4e5f60718";
    static final String FUNCTION_ARN = "arn:aws:lambda:" + EcsStandIn.REGION + ":" + EcsStandIn.ACCOUNT
            + ":function:ecs-public-ip-rule-remediation";
    static final Set<String> ECS_WRITES = Set.of(
            "UpdateService",
            "CreateTaskSet",
            "UpdateServicePrimaryTaskSet",
            "DeleteTaskSet",
            "TagResource",
            "UpdateTaskSet");

    final MutableClock clock = new MutableClock(START);
    final ConfigStandIn config = new ConfigStandIn();
    final EcsStandIn ecs = new EcsStandIn(clock);
    final Ec2StandIn ec2 = new Ec2StandIn();
    private final Map<String, JsonObject> configItems = new HashMap<>();
    private final ConfigClient configClient = config.client(AwsClients::configure);
    private final EcsClient ecsClient = ecs.client(AwsClients::configure);
    private final Ec2Client ec2Client = ec2.client(AwsClients::configure);
    private final RemediationHandler handler =
            new RemediationHandler(new Remediator(() -> configClient, () -> ecsClient, () -> ec2Client, clock));

    Harness() {
        config.on("BatchGetResourceConfig", call -> batchGet(call.body()));
    }

    /** Records what Config's BatchGetResourceConfig returns for this type and id. */
    void recordInConfig(String type, String id, String arn, String name, JsonObject configuration) {
        JsonObject item = new JsonObject();
        item.addProperty("version", "1.3");
        item.addProperty("accountId", EcsStandIn.ACCOUNT);
        item.addProperty("configurationItemCaptureTime", 1.763647407518E9);
        item.addProperty("configurationItemStatus", "OK");
        item.addProperty("configurationStateId", "1763647407518");
        item.addProperty("arn", arn);
        item.addProperty("resourceType", type);
        item.addProperty("resourceId", id);
        item.addProperty("resourceName", name);
        item.addProperty("awsRegion", EcsStandIn.REGION);
        item.addProperty("availabilityZone", "Regional");
        item.addProperty("configuration", configuration.toString());
        item.add("supplementaryConfiguration", new JsonObject());
        configItems.put(type + "\n" + id, item);
    }

    /** Subnets subnet-a and subnet-b in {@link #VPC}, whose main route table sends 0.0.0.0/0 to a NAT gateway. */
    Harness natNetwork() {
        ec2.subnet("subnet-a", VPC)
                .subnet("subnet-b", VPC)
                .routeTable(
                        "rtb-main",
                        VPC,
                        true,
                        List.of(),
                        Ec2StandIn.Route.local("10.0.0.0/16"),
                        Ec2StandIn.Route.natGateway("nat-0123456789abcdef0"));
        return this;
    }

    JsonObject remediate(String type, String id) {
        return remediate(type, id, false, false);
    }

    JsonObject remediate(String type, String id, boolean dryRun, boolean allowEgressLoss) {
        return invoke(event(type, id, dryRun, allowEgressLoss).toString(), new TestContext().invokedAs(FUNCTION_ARN));
    }

    static JsonObject event(String type, String id, boolean dryRun, boolean allowEgressLoss) {
        JsonObject event = new JsonObject();
        event.addProperty(RemediationRequest.RESOURCE_ID, id);
        event.addProperty(RemediationRequest.RESOURCE_TYPE, type);
        event.addProperty(RemediationRequest.DRY_RUN, dryRun);
        event.addProperty(RemediationRequest.ALLOW_EGRESS_LOSS, allowEgressLoss);
        return event;
    }

    /**
     * One invocation of a second function instance beside this one: the same Config, ECS and EC2, but
     * ECS reached through the given client (e.g. {@link EcsStandIn#client(String)}, to tell runs apart).
     */
    JsonObject remediateThrough(EcsClient ecs, String type, String id) {
        RemediationHandler other =
                new RemediationHandler(new Remediator(() -> configClient, () -> ecs, () -> ec2Client, clock));
        return invoke(other, event(type, id, false, false).toString(), new TestContext().invokedAs(FUNCTION_ARN));
    }

    /** Runs the handler on a raw event, as Lambda would; returns its JSON answer. */
    JsonObject invoke(String event, TestContext context) {
        return invoke(handler, event, context);
    }

    /** As {@link #invoke(String, TestContext)}, with the remediation spending its time as {@code timing} says. */
    JsonObject invoke(String event, TestContext context, Timing timing) {
        RemediationHandler timed = new RemediationHandler(
                new Remediator(() -> configClient, () -> ecsClient, () -> ec2Client, clock, timing));
        return invoke(timed, event, context);
    }

    private static JsonObject invoke(RemediationHandler handler, String event, TestContext context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonParser.parseString(output.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The ECS calls that change something, by operation name, in order. */
    List<String> ecsWrites() {
        return ecs.calls().stream()
                .map(Call::operation)
                .filter(ECS_WRITES::contains)
                .toList();
    }

    List<Call> ecsCalls(String operation) {
        return ecs.calls(operation);
    }

    static List<String> actionCalls(JsonObject result) {
        return result.getAsJsonArray("actions").asList().stream()
                .map(action -> action.getAsJsonObject().get("call").getAsString())
                .toList();
    }

    static String outcome(JsonObject result) {
        return result.get("outcome").getAsString();
    }

    static String reason(JsonObject result) {
        return result.get("reason").getAsString();
    }

    /** Asserts the outcome, that the reason says each of the parts, and that nothing in ECS was changed. */
    void assertNothingChanged(JsonObject result, String expectedOutcome, String... reasonParts) {
        assertEquals(expectedOutcome, outcome(result), reason(result));
        for (String part : reasonParts) {
            assertTrue(reason(result).contains(part), "'" + part + "' is not in: " + reason(result));
        }
        assertEquals(List.of(), ecsWrites(), "ECS was changed");
    }

    void assertNoViolations() {
        config.assertNoViolations();
        ecs.assertNoViolations();
        ec2.assertNoViolations();
    }

    @Override
    public void close() {
        configClient.close();
        ecsClient.close();
        ec2Client.close();
        config.close();
        ecs.close();
        ec2.close();
    }

    private Reply batchGet(JsonObject body) {
        JsonArray items = new JsonArray();
        for (JsonElement key : body.getAsJsonArray("resourceKeys")) {
            JsonObject resourceKey = key.getAsJsonObject();
            JsonObject item = configItems.get(resourceKey.get("resourceType").getAsString() + "\n"
                    + resourceKey.get("resourceId").getAsString());
            if (item != null) {
                items.add(item);
            }
        }
        JsonObject response = new JsonObject();
        response.add("baseConfigurationItems", items);
        response.add("unprocessedResourceKeys", new JsonArray());
        return Reply.ok(response);
    }
}
