package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/** The handler's conversation with AWS Config, checked on the wire against a loopback stand-in. */
class ConfigRuleHandlerWireTest {
    private final ConfigStandIn config = new ConfigStandIn();

    @AfterEach
    void close() {
        config.close();
    }

    @Test
    void putsOneEvaluationWithTheEventsTokenToTheConfigTarget() throws IOException {
        String response = invoke(event("service-public-ip-enabled"));

        Call put = config.calls("PutEvaluations").get(0);
        assertEquals(1, config.calls().size());
        assertEquals(
                "StarlingDoveService.PutEvaluations",
                put.headers().get("X-amz-target").get(0));
        assertEquals(
                "eyJyZXN1bHRUb2tlbiI6ImV4YW1wbGUifQ==",
                put.body().get("ResultToken").getAsString());
        assertFalse(put.body().has("TestMode"), "TestMode is only sent for TESTMODE tokens");
        JsonObject evaluation = put.body().getAsJsonArray("Evaluations").get(0).getAsJsonObject();
        assertEquals(
                "AWS::ECS::Service", evaluation.get("ComplianceResourceType").getAsString());
        assertEquals(
                "arn:aws:ecs:us-east-1:123456789012:service/prod/web|prod",
                evaluation.get("ComplianceResourceId").getAsString());
        assertEquals("NON_COMPLIANT", evaluation.get("ComplianceType").getAsString());
        assertEquals(
                Instant.parse("2026-11-20T14:03:27.518Z"),
                Instant.ofEpochMilli(
                        Math.round(evaluation.get("OrderingTimestamp").getAsDouble() * 1000)));
        // Counts only: whoever may invoke the function reads the answer, the evaluations go to Config.
        assertEquals(
                JsonParser.parseString(
                        "{\"evaluationsPut\":1,\"verdicts\":{\"AWS::ECS::Service\":{\"NON_COMPLIANT\":1}}}"),
                JsonParser.parseString(response));
        assertFalse(response.contains("prod/web"), response);
        config.assertNoViolations();
    }

    @Test
    void testModeTokenPutsWithTestModeTrue() throws IOException {
        invoke(event("service-public-ip-disabled").replace("eyJyZXN1bHRUb2tlbiI6ImV4YW1wbGUifQ==", "TESTMODE"));

        JsonObject put = config.calls("PutEvaluations").get(0).body();
        assertEquals("TESTMODE", put.get("ResultToken").getAsString());
        assertTrue(put.get("TestMode").getAsBoolean());
        config.assertNoViolations();
    }

    @Test
    void throttlingIsRetriedBySdkUntilThePutSucceeds() throws IOException {
        config.throttle("PutEvaluations", 2);

        invoke(event("service-public-ip-enabled"));

        assertEquals(3, config.calls("PutEvaluations").size());
        assertEquals(1, config.evaluationsPut().stream().distinct().count());
        config.assertNoViolations();
    }

    @Test
    void failedEvaluationsArePutAgainUntilAccepted() throws IOException {
        config.once(
                "PutEvaluations",
                call -> Reply.ok(ConfigStandIn.failedEvaluations(call.body().getAsJsonArray("Evaluations"))));

        invoke(event("taskset-public-ip-enabled"));

        assertEquals(2, config.calls("PutEvaluations").size());
        assertEquals(
                config.calls("PutEvaluations").get(0).body().get("Evaluations"),
                config.calls("PutEvaluations").get(1).body().get("Evaluations"));
        config.assertNoViolations();
    }

    @Test
    void evaluationsConfigKeepsRejectingFailTheInvocation() {
        config.on(
                "PutEvaluations",
                call -> Reply.ok(ConfigStandIn.failedEvaluations(call.body().getAsJsonArray("Evaluations"))));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> invoke(event("taskset-public-ip-enabled")));

        assertTrue(
                error.getMessage().startsWith("AWS Config rejected 1 evaluation(s) after 4 attempts"),
                error.getMessage());
        assertEquals(4, config.calls("PutEvaluations").size());
    }

    @Test
    void configErrorsFailTheInvocation() {
        config.on("PutEvaluations", call -> Reply.error(400, "InvalidResultTokenException", "token expired"));

        SdkException error = assertThrows(SdkException.class, () -> invoke(event("service-public-ip-enabled")));

        assertTrue(error.getMessage().contains("token expired"), error.getMessage());
    }

    @Test
    void oversizedItemIsReadAsOfItsCaptureTimeNotTheLatest() throws IOException {
        JsonObject history = JsonParser.parseString(Files.readString(
                        Reference.testEvents().resolve("oversized-service-public-ip-enabled.history.json")))
                .getAsJsonObject();
        config.on("GetResourceConfigHistory", call -> Reply.ok(history));

        invoke(event("oversized-service-public-ip-enabled"));

        JsonObject lookup = config.calls("GetResourceConfigHistory").get(0).body();
        assertEquals("AWS::ECS::Service", lookup.get("resourceType").getAsString());
        assertEquals(
                "arn:aws:ecs:us-east-1:123456789012:service/prod/web|prod",
                lookup.get("resourceId").getAsString());
        assertEquals(
                Instant.parse("2026-11-20T14:03:27.518Z"),
                Instant.ofEpochMilli(Math.round(lookup.get("laterTime").getAsDouble() * 1000)));
        assertEquals(1, lookup.get("limit").getAsInt());
        assertFalse(lookup.has("earlierTime"));
        assertEquals(
                "NON_COMPLIANT",
                config.evaluationsPut().get(0).get("ComplianceType").getAsString());
        config.assertNoViolations();
    }

    @Test
    void oversizedItemFollowsNextTokenPastEmptyHistoryPages() throws IOException {
        JsonObject history = JsonParser.parseString(Files.readString(
                        Reference.testEvents().resolve("oversized-service-public-ip-enabled.history.json")))
                .getAsJsonObject();
        JsonObject empty = new JsonObject();
        empty.add("configurationItems", new JsonArray());
        empty.addProperty("nextToken", "window-2");
        config.once("GetResourceConfigHistory", call -> Reply.ok(empty));
        config.once("GetResourceConfigHistory", call -> Reply.ok(empty));
        config.on("GetResourceConfigHistory", call -> Reply.ok(history));

        invoke(event("oversized-service-public-ip-enabled"));

        List<Call> lookups = config.calls("GetResourceConfigHistory");
        assertEquals(3, lookups.size());
        assertFalse(lookups.get(0).body().has("nextToken"));
        assertEquals("window-2", lookups.get(2).body().get("nextToken").getAsString());
        assertEquals(
                "NON_COMPLIANT",
                config.evaluationsPut().get(0).get("ComplianceType").getAsString());
        config.assertNoViolations();
    }

    @Test
    void oversizedItemGivesUpAfterBoundedEmptyPagesWithoutPutting() {
        JsonObject empty = new JsonObject();
        empty.add("configurationItems", new JsonArray());
        empty.addProperty("nextToken", "another-window");
        config.on("GetResourceConfigHistory", call -> Reply.ok(empty));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> invoke(event("oversized-service-public-ip-enabled")));

        assertTrue(error.getMessage().contains("no configuration item"), error.getMessage());
        assertEquals(
                ConfigItemHistory.MAX_PAGES,
                config.calls("GetResourceConfigHistory").size());
        assertEquals(0, config.calls("PutEvaluations").size());
    }

    @Test
    void oversizedItemConfigCannotReturnFailsWithoutPutting() {
        config.on("GetResourceConfigHistory", call -> Reply.ok(new JsonObject()));

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> invoke(event("oversized-service-public-ip-enabled")));

        assertTrue(
                error.getMessage().startsWith("AWS Config returned no configuration item for AWS::ECS::Service"),
                error.getMessage());
        assertEquals(0, config.calls("PutEvaluations").size());
    }

    @Test
    void oversizedItemThatLeftScopeNeedsNoLookup() throws IOException {
        invoke(event("oversized-service-event-left-scope"));

        assertEquals(0, config.calls("GetResourceConfigHistory").size());
        assertEquals(
                "NOT_APPLICABLE",
                config.evaluationsPut().get(0).get("ComplianceType").getAsString());
    }

    private String invoke(String event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new ConfigRuleHandler(() -> config.client(AwsClients::configure))
                .handleRequest(
                        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, new TestContext());
        return output.toString(StandardCharsets.UTF_8);
    }

    private static String event(String name) throws IOException {
        return Files.readString(Reference.testEvents().resolve(name + ".json"));
    }
}
