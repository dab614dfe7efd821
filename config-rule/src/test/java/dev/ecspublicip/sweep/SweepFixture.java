package dev.ecspublicip.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scheduled events, and a handler wired to an inventory stand-in. */
final class SweepFixture {
    static final String RULE = "ecs-service-no-public-ip";
    static final String TOKEN = "eyJyZXN1bHRUb2tlbiI6InN3ZWVwIn0=";
    static final Instant NOTIFIED = Instant.parse("2026-11-20T14:03:31.002Z");
    static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");
    static final List<String> ECS_TYPES = List.of("AWS::ECS::Service", "AWS::ECS::TaskSet");

    private SweepFixture() {}

    /** A ScheduledNotification for {@link #RULE}, as Config sends it; {@code ruleParameters} may be null. */
    static String scheduledEvent(String ruleParameters) {
        JsonObject invoking = new JsonObject();
        invoking.addProperty("awsAccountId", ConfigItems.ACCOUNT);
        invoking.addProperty("notificationCreationTime", NOTIFIED.toString());
        invoking.addProperty("messageType", "ScheduledNotification");
        invoking.addProperty("recordVersion", "1.0");
        JsonObject event = new JsonObject();
        event.addProperty("version", "1.0");
        event.addProperty("invokingEvent", invoking.toString());
        if (ruleParameters != null) {
            event.addProperty("ruleParameters", ruleParameters);
        }
        event.addProperty("resultToken", TOKEN);
        event.addProperty("eventLeftScope", false);
        event.addProperty("configRuleName", RULE);
        event.addProperty("accountId", ConfigItems.ACCOUNT);
        event.addProperty("evaluationMode", "DETECTIVE");
        return event.toString();
    }

    /** Runs the Lambda handler on the event; returns its answer (the sweep's summary). */
    static JsonObject invoke(ConfigInventoryStandIn config, String event, Context context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            new ConfigRuleHandler(() -> config.client(AwsClients::configure))
                    .handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonParser.parseString(output.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** The evaluations put, by resource id; fails if one resource was put twice. */
    static Map<String, JsonObject> putById(ConfigInventoryStandIn config) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonObject evaluation : config.evaluationsPut()) {
            JsonObject previous =
                    byId.put(evaluation.get("ComplianceResourceId").getAsString(), evaluation);
            if (previous != null) {
                throw new AssertionError("put twice: " + evaluation);
            }
        }
        return byId;
    }

    static Instant orderingTimestamp(JsonObject evaluation) {
        return Instant.ofEpochMilli(
                Math.round(evaluation.get("OrderingTimestamp").getAsDouble() * 1000));
    }
}
