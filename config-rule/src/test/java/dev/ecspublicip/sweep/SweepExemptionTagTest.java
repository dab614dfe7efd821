package dev.ecspublicip.sweep;

import static dev.ecspublicip.sweep.SweepFixture.CAPTURED;
import static dev.ecspublicip.sweep.SweepFixture.ECS_TYPES;
import static dev.ecspublicip.sweep.SweepFixture.RULE;
import static dev.ecspublicip.sweep.SweepFixture.invoke;
import static dev.ecspublicip.sweep.SweepFixture.putById;
import static dev.ecspublicip.sweep.SweepFixture.scheduledEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * BatchGetResourceConfig returns no tags, yet an {@code exemptionTagKey} must exempt a tagged resource
 * during a sweep exactly as it does for a change event.
 */
class SweepExemptionTagTest {
    private static final String TAG_PARAMETERS = "{\"exemptionTagKey\": \"public-ip-exemption\"}";
    private static final Map<String, String> EXEMPT =
            Map.of("public-ip-exemption", "SEC-1432: VPN endpoints", "team", "edge");

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();

    @AfterEach
    void close() {
        config.close();
    }

    @Test
    void wouldBeNonCompliantResourcesAreReadAgainWithTheirTagsAndJudgedAsAChangeEventWouldBe() throws IOException {
        config.rule(RULE, ECS_TYPES, TAG_PARAMETERS);
        JsonObject exemptService = ConfigItems.service("prod", "vpn", Network.ENABLED, EXEMPT, CAPTURED);
        JsonObject plainService = ConfigItems.service("prod", "web", Network.ENABLED, Map.of("team", "edge"), CAPTURED);
        JsonObject exemptTaskSet = ConfigItems.taskSet("prod", "blue", "ecs-svc/1", Network.ENABLED, EXEMPT, CAPTURED);
        JsonObject compliantTagged = ConfigItems.service("prod", "api", Network.DISABLED, EXEMPT, CAPTURED);
        List.of(exemptService, plainService, exemptTaskSet, compliantTagged).forEach(config::item);

        invoke(config, scheduledEvent(TAG_PARAMETERS), new TestContext());

        Map<String, JsonObject> put = putById(config);
        assertEquals(
                "COMPLIANT", put.get(id(exemptService)).get("ComplianceType").getAsString());
        assertTrue(put.get(id(exemptService))
                .get("Annotation")
                .getAsString()
                .startsWith("Exempt: tagged public-ip-exemption=\"SEC-1432: VPN endpoints\"."));
        assertEquals(
                "NON_COMPLIANT", put.get(id(plainService)).get("ComplianceType").getAsString());
        assertEquals(
                "COMPLIANT", put.get(id(exemptTaskSet)).get("ComplianceType").getAsString());
        assertEquals(
                "COMPLIANT", put.get(id(compliantTagged)).get("ComplianceType").getAsString());
        for (JsonObject item : List.of(exemptService, plainService, exemptTaskSet, compliantTagged)) {
            JsonObject fromChangeEvent = changeEventVerdict(item, TAG_PARAMETERS);
            assertEquals(
                    fromChangeEvent.get("ComplianceType"), put.get(id(item)).get("ComplianceType"));
            assertEquals(fromChangeEvent.get("Annotation"), put.get(id(item)).get("Annotation"));
        }

        List<Call> lookups = config.calls("GetResourceConfigHistory");
        assertEquals(
                Set.of(id(exemptService), id(plainService), id(exemptTaskSet)),
                Set.copyOf(lookups.stream()
                        .map(c -> c.body().get("resourceId").getAsString())
                        .toList()),
                "only would-be NON_COMPLIANT resources cost a lookup");
        for (Call lookup : lookups) {
            assertEquals(1, lookup.body().get("limit").getAsInt());
            assertEquals(
                    CAPTURED,
                    Instant.ofEpochMilli(
                            Math.round(lookup.body().get("laterTime").getAsDouble() * 1000)),
                    "the same item as the batch read, not a later one");
        }
        config.assertNoViolations();
    }

    @Test
    void tagsRecordedInTheConfigurationItselfNeedNoLookup() {
        config.rule(RULE, ECS_TYPES, TAG_PARAMETERS);
        JsonObject item = ConfigItems.service("prod", "vpn", Network.ENABLED, Map.of(), CAPTURED);
        JsonObject configuration =
                JsonParser.parseString(item.get("configuration").getAsString()).getAsJsonObject();
        JsonArray tags = new JsonArray();
        JsonObject tag = new JsonObject();
        tag.addProperty("Key", "public-ip-exemption");
        tag.addProperty("Value", "SEC-9");
        tags.add(tag);
        configuration.add("Tags", tags);
        item.addProperty("configuration", configuration.toString());
        config.item(item);

        invoke(config, scheduledEvent(TAG_PARAMETERS), new TestContext());

        assertEquals(
                "COMPLIANT", putById(config).get(id(item)).get("ComplianceType").getAsString());
        assertEquals(0, config.calls("GetResourceConfigHistory").size());
    }

    @Test
    void resourceWhoseTagsCannotBeReadIsLeftUnreadNeverGuessed() {
        config.rule(RULE, ECS_TYPES, TAG_PARAMETERS);
        JsonObject vpn = ConfigItems.service("prod", "vpn", Network.ENABLED, EXEMPT, CAPTURED);
        config.item(vpn);
        config.item(ConfigItems.service("prod", "api", Network.DISABLED, Map.of(), CAPTURED));
        JsonObject noItems = new JsonObject();
        noItems.add("configurationItems", new JsonArray());
        config.on("GetResourceConfigHistory", call -> Reply.ok(noItems));
        TestContext context = new TestContext();

        invoke(config, scheduledEvent(TAG_PARAMETERS), context);

        assertEquals(
                Set.of(ConfigItems.serviceArn("prod", "api") + "|prod"),
                putById(config).keySet());
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(1, logged.get("unread").getAsInt());
        assertEquals(1, logged.get("tagLookups").getAsInt());
        assertTrue(
                logged.get("firstUnread").getAsString().contains("returned no configuration item"), logged.toString());
    }

    private static String id(JsonObject item) {
        return item.get("resourceId").getAsString();
    }

    /** What the change-event path puts for the same item: the item in a change notification, through the handler. */
    private static JsonObject changeEventVerdict(JsonObject apiItem, String ruleParameters) throws IOException {
        JsonObject item = apiItem.deepCopy();
        item.add(
                "configuration",
                JsonParser.parseString(item.remove("configuration").getAsString()));
        item.add("ARN", item.remove("arn"));
        item.addProperty("configurationItemCaptureTime", CAPTURED.toString());
        JsonObject invoking = new JsonObject();
        invoking.add("configurationItem", item);
        invoking.addProperty("messageType", "ConfigurationItemChangeNotification");
        invoking.addProperty("notificationCreationTime", CAPTURED.plusSeconds(4).toString());
        JsonObject event = new JsonObject();
        event.addProperty("invokingEvent", invoking.toString());
        event.addProperty("ruleParameters", ruleParameters);
        event.addProperty("resultToken", "token");
        try (ConfigStandIn changeConfig = new ConfigStandIn()) {
            new ConfigRuleHandler(() -> changeConfig.client(AwsClients::configure))
                    .handleRequest(
                            new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream(),
                            new TestContext());
            return changeConfig.evaluationsPut().get(0);
        }
    }
}
