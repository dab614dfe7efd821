package dev.ecspublicip.sweep;

import static dev.ecspublicip.sweep.SweepFixture.CAPTURED;
import static dev.ecspublicip.sweep.SweepFixture.ECS_TYPES;
import static dev.ecspublicip.sweep.SweepFixture.NOTIFIED;
import static dev.ecspublicip.sweep.SweepFixture.RULE;
import static dev.ecspublicip.sweep.SweepFixture.TOKEN;
import static dev.ecspublicip.sweep.SweepFixture.invoke;
import static dev.ecspublicip.sweep.SweepFixture.orderingTimestamp;
import static dev.ecspublicip.sweep.SweepFixture.putById;
import static dev.ecspublicip.sweep.SweepFixture.scheduledEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.config.BatchItemReader;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.model.NoSuchConfigRuleException;

/**
 * The scheduled sweep's conversation with AWS Config, on the wire, against a loopback stand-in that holds
 * an inventory and checks every request and answer against the API model.
 */
class ScheduledSweepWireTest {
    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();

    @AfterEach
    void close() {
        config.close();
    }

    @Test
    void sweepsEveryResourceAcrossPageBoundariesWithTheMinimumOfCalls() {
        config.rule(RULE, ECS_TYPES, "{\"exemptEcsServiceArns\": \"\", \"exemptionTagKey\": \"\"}");
        addServices(250, 10);
        addTaskSets(130);
        TestContext context = new TestContext();

        JsonObject summary =
                invoke(config, scheduledEvent("{\"exemptEcsServiceArns\": \"\", \"exemptionTagKey\": \"\"}"), context);

        assertEquals(1, config.calls("DescribeConfigRules").size());
        assertEquals(
                List.of("ecs-service-no-public-ip"),
                strings(config.calls("DescribeConfigRules").get(0).body().getAsJsonArray("ConfigRuleNames")));
        List<Call> listings = config.calls("ListDiscoveredResources");
        assertEquals(5, listings.size(), "3 pages of services, 2 of task sets");
        listings.forEach(call -> assertEquals(100, call.body().get("limit").getAsInt()));
        assertEquals(
                3,
                listings.stream()
                        .filter(c -> c.body().get("resourceType").getAsString().equals("AWS::ECS::Service"))
                        .count());
        List<Call> priorReads = config.calls("GetComplianceDetailsByConfigRule");
        assertEquals(2, priorReads.size(), "no earlier evaluations: one empty page per compliance type");
        priorReads.forEach(call -> assertEquals(100, call.body().get("Limit").getAsInt()));
        assertEquals(List.of(100, 100, 100, 80), sortedSizes(config.calls("BatchGetResourceConfig"), "resourceKeys"));
        assertEquals(List.of(100, 100, 100, 80), sortedSizes(config.calls("PutEvaluations"), "Evaluations"));
        assertEquals(0, config.calls("GetResourceConfigHistory").size(), "no tag key, no tag lookups");

        Map<String, JsonObject> put = putById(config);
        assertEquals(380, put.size());
        for (JsonObject evaluation : put.values()) {
            assertEquals(NOTIFIED, orderingTimestamp(evaluation));
        }
        config.calls("PutEvaluations")
                .forEach(call ->
                        assertEquals(TOKEN, call.body().get("ResultToken").getAsString()));
        JsonObject web7 = put.get(ConfigItems.serviceArn("prod", "svc-7") + "|prod");
        assertEquals("AWS::ECS::Service", web7.get("ComplianceResourceType").getAsString());
        assertEquals("COMPLIANT", web7.get("ComplianceType").getAsString());
        assertEquals(
                "NON_COMPLIANT",
                put.get(ConfigItems.serviceArn("prod", "svc-10") + "|prod")
                        .get("ComplianceType")
                        .getAsString());
        assertEquals(
                "NON_COMPLIANT",
                put.get("prod|blue|ecs-svc/129").get("ComplianceType").getAsString());

        assertEquals(1, context.logLines().size(), "one log line per run");
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(summary, logged);
        assertEquals(380, logged.get("resourcesListed").getAsInt());
        assertEquals(380, logged.get("resourcesRead").getAsInt());
        assertEquals(
                225,
                logged.getAsJsonObject("verdicts")
                        .getAsJsonObject("AWS::ECS::Service")
                        .get("COMPLIANT")
                        .getAsInt());
        assertEquals(
                25,
                logged.getAsJsonObject("verdicts")
                        .getAsJsonObject("AWS::ECS::Service")
                        .get("NON_COMPLIANT")
                        .getAsInt());
        assertEquals(
                130,
                logged.getAsJsonObject("verdicts")
                        .getAsJsonObject("AWS::ECS::TaskSet")
                        .get("NON_COMPLIANT")
                        .getAsInt());
        assertEquals(380, logged.get("evaluationsPut").getAsInt());
        assertEquals(0, logged.get("staleCleared").getAsInt());
        assertEquals(0, logged.get("leftForNextRun").getAsInt());
        assertTrue(logged.get("ruleParametersMatchRule").getAsBoolean());
        assertEquals(
                config.calls().size(),
                logged.getAsJsonObject("apiCalls").get("total").getAsInt());
        assertEquals(
                4,
                logged.getAsJsonObject("apiCalls").get("BatchGetResourceConfig").getAsInt());
        assertEquals(0, logged.get("throttlesRetried").getAsInt());
        assertTrue(logged.has("durationMillis"));
        config.assertNoViolations();
    }

    @Test
    void judgingAndPuttingStartWithTheFirstListingPageAndBothTypesAreListedAtOnce() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(600, 10);
        addTaskSets(130);
        config.delay("ListDiscoveredResources", 50);

        JsonObject summary = invoke(config, scheduledEvent(null), new TestContext());

        List<Call> calls = config.calls();
        List<Call> listings = config.calls("ListDiscoveredResources");
        assertEquals(8, listings.size(), "6 pages of services, 2 of task sets");
        assertTrue(
                !listings.get(0)
                                .body()
                                .get("resourceType")
                                .equals(listings.get(1).body().get("resourceType"))
                        && !listings.get(0).body().has("nextToken")
                        && !listings.get(1).body().has("nextToken"),
                "both types' first pages were asked for before any second page");
        int lastListing = calls.indexOf(listings.get(listings.size() - 1));
        assertTrue(
                calls.indexOf(config.calls("BatchGetResourceConfig").get(0)) < lastListing,
                "a batch read started before the last listing page");
        assertTrue(
                calls.indexOf(config.calls("PutEvaluations").get(0)) < lastListing,
                "a put went out before the last listing page");
        assertEquals(
                List.of(100, 100, 100, 100, 100, 100, 100, 30),
                sortedSizes(config.calls("BatchGetResourceConfig"), "resourceKeys"));
        assertEquals(
                List.of(100, 100, 100, 100, 100, 100, 100, 30),
                sortedSizes(config.calls("PutEvaluations"), "Evaluations"));
        assertEquals(730, putById(config).size());
        assertEquals(730, summary.get("evaluationsPut").getAsInt());
        config.assertNoViolations();
    }

    @Test
    void earlierEvaluationsArePagedOnePaginationPerComplianceTypeBothAtOnce() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(10, 0);
        java.time.Instant yesterday = NOTIFIED.minusSeconds(86_400);
        for (int i = 0; i < 250; i++) {
            config.evaluation(
                    RULE,
                    "AWS::ECS::Service",
                    ConfigItems.serviceArn("gone", "c-" + i) + "|gone",
                    "COMPLIANT",
                    yesterday,
                    yesterday);
        }
        for (int i = 0; i < 150; i++) {
            config.evaluation(
                    RULE,
                    "AWS::ECS::Service",
                    ConfigItems.serviceArn("gone", "n-" + i) + "|gone",
                    "NON_COMPLIANT",
                    yesterday,
                    yesterday);
        }
        config.delay("GetComplianceDetailsByConfigRule", 50);
        TestContext context = new TestContext();

        JsonObject summary = invoke(config, scheduledEvent(null), context);

        List<Call> reads = config.calls("GetComplianceDetailsByConfigRule");
        assertEquals(
                5, reads.size(), "3 pages of COMPLIANT and 2 of NON_COMPLIANT: one call more than 400 results need");
        reads.forEach(call ->
                assertEquals(1, call.body().getAsJsonArray("ComplianceTypes").size()));
        assertTrue(
                !reads.get(0).body().has("NextToken")
                        && !reads.get(1).body().has("NextToken")
                        && !reads.get(0)
                                .body()
                                .get("ComplianceTypes")
                                .equals(reads.get(1).body().get("ComplianceTypes")),
                "both compliance types' first pages were asked for before any second page");
        assertEquals(400, summary.get("priorEvaluationsRead").getAsInt());
        assertTrue(summary.get("priorEvaluationsComplete").getAsBoolean());
        assertEquals(400, summary.get("staleCleared").getAsInt(), "stale evaluations of both types are cleared");
        assertEquals(410, putById(config).size());
        config.assertNoViolations();
    }

    @Test
    void aResourceListedUnderBothComplianceTypesKeepsItsLaterEvaluation() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(1, 0);
        // Judged COMPLIANT by a change event after the notification, while its older NON_COMPLIANT result was
        // still being paged: the later evaluation is the one held, and a change event's verdict stands.
        String createdSince = ConfigItems.serviceArn("prod", "new") + "|prod";
        java.time.Instant yesterday = NOTIFIED.minusSeconds(86_400);
        config.evaluation(RULE, "AWS::ECS::Service", createdSince, "NON_COMPLIANT", yesterday, yesterday);
        config.evaluation(
                RULE, "AWS::ECS::Service", createdSince, "COMPLIANT", NOTIFIED.plusSeconds(5), NOTIFIED.plusSeconds(6));
        TestContext context = new TestContext();

        JsonObject summary = invoke(config, scheduledEvent(null), context);

        assertFalse(
                putById(config).containsKey(createdSince),
                "an evaluation ordered after the notification is left alone");
        assertEquals(1, summary.get("priorEvaluationsRead").getAsInt(), "one resource, one evaluation held");
        assertEquals(0, summary.get("staleCleared").getAsInt());
        config.assertNoViolations();
    }

    @Test
    void mixedTypesInScopeAreAllJudgedAndOtherTypesNeedNoRead() {
        config.rule(RULE, List.of("AWS::ECS::Service", "AWS::ECS::TaskSet", "AWS::ECS::Cluster"), null);
        config.item(ConfigItems.service("prod", "web", Network.ENABLED, Map.of(), CAPTURED));
        config.item(ConfigItems.service("prod", "batch", Network.BRIDGE, Map.of(), CAPTURED));
        config.item(ConfigItems.taskSet("prod", "blue", "ecs-svc/1", Network.DISABLED, Map.of(), CAPTURED));
        config.item(ConfigItems.cluster("prod", CAPTURED));

        invoke(config, scheduledEvent(null), new TestContext());

        Map<String, JsonObject> put = putById(config);
        assertEquals(4, put.size());
        assertEquals(
                "NON_COMPLIANT",
                put.get(ConfigItems.serviceArn("prod", "web") + "|prod")
                        .get("ComplianceType")
                        .getAsString());
        assertEquals(
                "NOT_APPLICABLE",
                put.get(ConfigItems.serviceArn("prod", "batch") + "|prod")
                        .get("ComplianceType")
                        .getAsString());
        assertEquals(
                "COMPLIANT",
                put.get("prod|blue|ecs-svc/1").get("ComplianceType").getAsString());
        JsonObject cluster = put.get("prod");
        assertEquals("AWS::ECS::Cluster", cluster.get("ComplianceResourceType").getAsString());
        assertEquals("NOT_APPLICABLE", cluster.get("ComplianceType").getAsString());
        assertEquals(1, config.calls("BatchGetResourceConfig").size());
        assertEquals(
                3,
                config.calls("BatchGetResourceConfig")
                        .get(0)
                        .body()
                        .getAsJsonArray("resourceKeys")
                        .size(),
                "the cluster's verdict does not depend on its configuration");
        assertEquals(1, config.calls("PutEvaluations").size());
        config.assertNoViolations();
    }

    @Test
    void unprocessedKeysAreAskedForAgain() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(150, 0);
        config.leaveUnprocessed(30);

        invoke(config, scheduledEvent(null), new TestContext());

        List<Call> reads = config.calls("BatchGetResourceConfig");
        assertEquals(3, reads.size());
        Set<String> retried = new HashSet<>();
        Set<String> firstAnswerLeft = new HashSet<>();
        for (Call read : reads) {
            if (read.body().getAsJsonArray("resourceKeys").size() == 30) {
                read.body()
                        .getAsJsonArray("resourceKeys")
                        .forEach(k -> retried.add(
                                k.getAsJsonObject().get("resourceId").getAsString()));
            }
        }
        JsonArray firstKeys = reads.get(0).body().getAsJsonArray("resourceKeys");
        for (int i = firstKeys.size() - 30; i < firstKeys.size(); i++) {
            firstAnswerLeft.add(
                    firstKeys.get(i).getAsJsonObject().get("resourceId").getAsString());
        }
        assertEquals(30, retried.size());
        assertEquals(150, putById(config).size());
        assertTrue(putById(config).keySet().containsAll(retried));
        config.assertNoViolations();
    }

    @Test
    void keysConfigNeverProcessesAreLeftUnreadNotGuessed() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(5, 1);
        config.leaveUnprocessed(2, 2, 2, 2);
        TestContext context = new TestContext();

        JsonObject answered = invoke(config, scheduledEvent(null), context);

        assertEquals(
                BatchItemReader.ATTEMPTS, config.calls("BatchGetResourceConfig").size());
        assertEquals(3, putById(config).size());
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(2, logged.get("unread").getAsInt());
        assertTrue(logged.get("firstUnread").getAsString().contains("unprocessedResourceKeys"), logged.toString());
        // The answer goes to whoever invoked the function: counts only, the unread resource only in the log.
        assertEquals(2, answered.get("unread").getAsInt());
        assertFalse(answered.has("firstUnread"), answered.toString());
        config.assertNoViolations();
    }

    @Test
    void evaluationsOfResourcesNoLongerInTheInventoryAreCleared() {
        config.rule(RULE, ECS_TYPES, null);
        config.item(ConfigItems.service("prod", "web", Network.DISABLED, Map.of(), CAPTURED));
        config.item(ConfigItems.deleted(ConfigItems.service("prod", "old", Network.ENABLED, Map.of(), CAPTURED)));
        String web = ConfigItems.serviceArn("prod", "web") + "|prod";
        String old = ConfigItems.serviceArn("prod", "old") + "|prod";
        String vanished = ConfigItems.serviceArn("prod", "unrecorded") + "|prod";
        String createdSince = ConfigItems.serviceArn("prod", "new") + "|prod";
        String outOfScope = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
        java.time.Instant yesterday = NOTIFIED.minusSeconds(86_400);
        config.evaluation(RULE, "AWS::ECS::Service", web, "NON_COMPLIANT", yesterday, yesterday);
        config.evaluation(RULE, "AWS::ECS::Service", old, "NON_COMPLIANT", yesterday, yesterday);
        config.evaluation(RULE, "AWS::ECS::Service", vanished, "COMPLIANT", yesterday, yesterday);
        config.evaluation(
                RULE,
                "AWS::ECS::Service",
                createdSince,
                "NON_COMPLIANT",
                NOTIFIED.plusSeconds(5),
                NOTIFIED.plusSeconds(6));
        config.evaluation(RULE, "AWS::ECS::Cluster", outOfScope, "COMPLIANT", yesterday, yesterday);
        TestContext context = new TestContext();

        invoke(config, scheduledEvent(null), context);

        Map<String, JsonObject> put = putById(config);
        assertEquals(Set.of(web, old, vanished, outOfScope), put.keySet());
        assertEquals("COMPLIANT", put.get(web).get("ComplianceType").getAsString());
        for (String stale : List.of(old, vanished, outOfScope)) {
            assertEquals("NOT_APPLICABLE", put.get(stale).get("ComplianceType").getAsString());
            assertEquals(
                    Rule.NOT_IN_INVENTORY.annotation(),
                    put.get(stale).get("Annotation").getAsString());
            assertEquals(NOTIFIED, orderingTimestamp(put.get(stale)));
        }
        assertEquals(
                "AWS::ECS::Cluster",
                put.get(outOfScope).get("ComplianceResourceType").getAsString());
        assertEquals(
                Set.of(List.of("COMPLIANT"), List.of("NON_COMPLIANT")),
                config.calls("GetComplianceDetailsByConfigRule").stream()
                        .map(call -> strings(call.body().getAsJsonArray("ComplianceTypes")))
                        .collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, config.calls("PutEvaluations").size(), "stale and judged evaluations share calls");
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(3, logged.get("staleCleared").getAsInt());
        assertEquals(5, logged.get("priorEvaluationsRead").getAsInt());
        config.assertNoViolations();
    }

    @Test
    void resourceDeletedBetweenListingAndReadingIsClearedNotJudged() {
        config.rule(RULE, ECS_TYPES, null);
        com.google.gson.JsonObject doomed = ConfigItems.service("prod", "doomed", Network.ENABLED, Map.of(), CAPTURED);
        config.item(doomed);
        config.item(ConfigItems.service("prod", "web", Network.ENABLED, Map.of(), CAPTURED));
        String doomedId = doomed.get("resourceId").getAsString();
        config.evaluation(RULE, "AWS::ECS::Service", doomedId, "NON_COMPLIANT", CAPTURED, CAPTURED);
        config.once("BatchGetResourceConfig", call -> {
            config.item(ConfigItems.deleted(doomed));
            return config.answerFromInventory(call);
        });

        invoke(config, scheduledEvent(null), new TestContext());

        Map<String, JsonObject> put = putById(config);
        assertEquals("NOT_APPLICABLE", put.get(doomedId).get("ComplianceType").getAsString());
        assertEquals(
                Rule.NOT_IN_INVENTORY.annotation(),
                put.get(doomedId).get("Annotation").getAsString());
        assertEquals(
                "NON_COMPLIANT",
                put.get(ConfigItems.serviceArn("prod", "web") + "|prod")
                        .get("ComplianceType")
                        .getAsString());
        config.assertNoViolations();
    }

    @Test
    void throttlingMidSweepIsRetriedAndCounted() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(220, 4);
        config.throttle("ListDiscoveredResources", 1);
        config.throttle("GetComplianceDetailsByConfigRule", 1);
        config.throttle("BatchGetResourceConfig", 2);
        config.throttle("PutEvaluations", 2);
        TestContext context = new TestContext();

        invoke(config, scheduledEvent(null), context);

        Set<String> put = new HashSet<>();
        config.evaluationsPut()
                .forEach(e -> put.add(e.get("ComplianceResourceId").getAsString()));
        assertEquals(220, put.size(), "throttled puts are sent again");
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(6, logged.get("throttlesRetried").getAsInt());
        assertEquals(
                3,
                logged.getAsJsonObject("apiCalls").get("BatchGetResourceConfig").getAsInt(),
                "calls, not attempts");
        assertEquals(5, config.calls("BatchGetResourceConfig").size(), "attempts");
        assertEquals(
                logged.getAsJsonObject("apiCalls").get("total").getAsInt() + 6,
                config.calls().size());
        config.assertNoViolations();
    }

    @Test
    void failedEvaluationsMidSweepArePutAgain() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(230, 3);
        config.once("PutEvaluations", call -> {
            JsonArray failed = new JsonArray();
            for (int i = 0; i < 7; i++) {
                failed.add(call.body().getAsJsonArray("Evaluations").get(i));
            }
            return Reply.ok(ConfigStandIn.failedEvaluations(failed));
        });
        TestContext context = new TestContext();

        invoke(config, scheduledEvent(null), context);

        List<Call> puts = config.calls("PutEvaluations");
        assertEquals(4, puts.size());
        assertTrue(puts.stream()
                .anyMatch(call -> call.body().getAsJsonArray("Evaluations").size() == 7));
        Set<String> accepted = new HashSet<>();
        config.evaluationsPut()
                .forEach(e -> accepted.add(e.get("ComplianceResourceId").getAsString()));
        assertEquals(230, accepted.size());
        assertEquals(
                230,
                JsonParser.parseString(context.logLines().get(0))
                        .getAsJsonObject()
                        .get("evaluationsPut")
                        .getAsInt());
        config.assertNoViolations();
    }

    @Test
    void evaluationsConfigKeepsRejectingFailTheRunAfterTheRestArePutAndLogged() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(150, 3);
        String rejected = ConfigItems.serviceArn("prod", "svc-0") + "|prod";
        config.on("PutEvaluations", call -> {
            JsonArray failed = new JsonArray();
            for (JsonElement evaluation : call.body().getAsJsonArray("Evaluations")) {
                if (evaluation
                        .getAsJsonObject()
                        .get("ComplianceResourceId")
                        .getAsString()
                        .equals(rejected)) {
                    failed.add(evaluation);
                }
            }
            return Reply.ok(ConfigStandIn.failedEvaluations(failed));
        });
        TestContext context = new TestContext();

        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> invoke(config, scheduledEvent(null), context));

        assertTrue(error.getMessage().startsWith("AWS Config rejected 1 evaluation(s)"), error.getMessage());
        assertEquals(1, context.logLines().size());
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals("scheduled sweep failed", logged.get("message").getAsString());
        assertEquals(error.getMessage(), logged.get("error").getAsString());
        assertEquals(1, logged.get("evaluationsNotPut").getAsInt(), "exactly the one Config rejected");
        assertEquals(149, logged.get("evaluationsPut").getAsInt(), "the rest of its call and the other call were put");
    }

    @Test
    void onlyTheEvaluationsConfigAcceptedAreHandedOn() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(120, 3);
        String rejected = ConfigItems.serviceArn("prod", "svc-7") + "|prod";
        config.on("PutEvaluations", call -> {
            JsonArray failed = new JsonArray();
            for (JsonElement evaluation : call.body().getAsJsonArray("Evaluations")) {
                if (evaluation
                        .getAsJsonObject()
                        .get("ComplianceResourceId")
                        .getAsString()
                        .equals(rejected)) {
                    failed.add(evaluation);
                }
            }
            return Reply.ok(ConfigStandIn.failedEvaluations(failed));
        });
        List<String> handedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestContext context = new TestContext();

        assertThrows(
                IllegalStateException.class,
                () -> new dev.ecspublicip.lambda.ConfigRuleHandler(
                                dev.ecspublicip.lambda.AccountClients.single(
                                        () -> config.client(AwsClients::configure)),
                                put -> handedOn.add(put.resourceId()))
                        .handleRequest(
                                new java.io.ByteArrayInputStream(
                                        scheduledEvent(null).getBytes()),
                                new java.io.ByteArrayOutputStream(),
                                context));

        assertEquals(119, handedOn.size());
        assertEquals(119, new HashSet<>(handedOn).size());
        assertFalse(handedOn.contains(rejected));
    }

    @Test
    void timeBudgetStopsNewReadsPutsWhatIsJudgedAndEndsCleanly() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(1000, 5);
        TestContext context = new TestContext(
                () -> config.calls("BatchGetResourceConfig").size() < 2 ? 60_000 : TimeBudget.RESERVE_MILLIS - 1);

        JsonObject summary = invoke(config, scheduledEvent(null), context);

        List<Call> reads = config.calls("BatchGetResourceConfig");
        assertTrue(reads.size() >= 2 && reads.size() < 10, "stopped starting reads: " + reads.size());
        Set<String> read = new HashSet<>();
        reads.forEach(call -> call.body()
                .getAsJsonArray("resourceKeys")
                .forEach(k -> read.add(k.getAsJsonObject().get("resourceId").getAsString())));
        assertEquals(read, putById(config).keySet(), "everything read was judged and put");
        assertEquals(1, context.logLines().size());
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(summary, logged);
        assertEquals("scheduled sweep stopped early", logged.get("message").getAsString());
        assertEquals("time budget", logged.get("stoppedBy").getAsString());
        assertEquals(
                logged.get("resourcesListed").getAsInt() - read.size(),
                logged.get("leftForNextRun").getAsInt(),
                "every key listed and not read is left for the next run");
        assertEquals(read.size(), logged.get("evaluationsPut").getAsInt());
        config.assertNoViolations();
    }

    @Test
    void onceEarlierEvaluationsAreReadNeverJudgedAndLeastRecentlyJudgedGoFirstSoACutRunIsContinuedNextTime() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(1000, 0);
        java.time.Instant lastRun = NOTIFIED.minusSeconds(3_600);
        java.time.Instant longAgo = NOTIFIED.minusSeconds(30 * 86_400);
        Set<String> expectedFirst = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ConfigItems.serviceArn("prod", "svc-" + i) + "|prod";
            if (i == 500) {
                expectedFirst.add(id); // never judged
            } else if (i > 900) {
                expectedFirst.add(id); // left over by an earlier, cut-short run
                config.evaluation(RULE, "AWS::ECS::Service", id, "COMPLIANT", longAgo, longAgo);
            } else {
                config.evaluation(RULE, "AWS::ECS::Service", id, "COMPLIANT", lastRun, lastRun);
            }
        }

        // Batch reads answer only once listing and the earlier evaluations are complete, so the keys still
        // waiting then are chosen knowing when each was last judged.
        // Three last pages: the services' listing and the earlier evaluations of each compliance type.
        java.util.concurrent.CountDownLatch inventoryRead = new java.util.concurrent.CountDownLatch(3);
        for (String operation : List.of("GetComplianceDetailsByConfigRule", "ListDiscoveredResources")) {
            config.on(operation, call -> {
                Reply page = config.answerFromInventory(call);
                if (call.body().has("resourceType")
                        && call.body().get("resourceType").getAsString().equals("AWS::ECS::TaskSet")) {
                    return page;
                }
                if (!page.body().contains("extToken")) {
                    inventoryRead.countDown();
                }
                return page;
            });
        }
        config.on("BatchGetResourceConfig", call -> {
            try {
                inventoryRead.await();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return config.answerFromInventory(call);
        });
        int firstReads = ScheduledSweep.CONCURRENCY;

        invoke(
                config,
                scheduledEvent(null),
                new TestContext(() -> config.calls("BatchGetResourceConfig").size() <= firstReads
                        ? 60_000
                        : TimeBudget.RESERVE_MILLIS - 1));

        List<Call> reads = config.calls("BatchGetResourceConfig");
        assertTrue(reads.size() > firstReads && reads.size() <= 2 * firstReads, "reads: " + reads.size());
        assertEquals(100, expectedFirst.size());
        assertTrue(
                putById(config).keySet().containsAll(expectedFirst),
                "the first batch read once the earlier"
                        + " evaluations were known holds the never-judged and the longest-unjudged resources, listed last");
        config.assertNoViolations();
    }

    @Test
    void parametersFromTheEventAreUsedAndADifferenceFromTheRuleIsLogged() {
        config.rule(RULE, ECS_TYPES, "{}");
        config.item(ConfigItems.service("prod", "web", Network.ENABLED, Map.of(), CAPTURED));
        TestContext context = new TestContext();

        invoke(
                config,
                scheduledEvent("{\"exemptEcsServiceArns\": \"" + ConfigItems.serviceArn("prod", "web") + "\"}"),
                context);

        JsonObject web = putById(config).get(ConfigItems.serviceArn("prod", "web") + "|prod");
        assertEquals("COMPLIANT", web.get("ComplianceType").getAsString());
        assertTrue(web.get("Annotation").getAsString().startsWith("Exempt: the service is listed"));
        assertFalse(JsonParser.parseString(context.logLines().get(0))
                .getAsJsonObject()
                .get("ruleParametersMatchRule")
                .getAsBoolean());
    }

    @Test
    void unknownRuleFailsTheRunWithoutPutting() {
        TestContext context = new TestContext();

        assertThrows(NoSuchConfigRuleException.class, () -> invoke(config, scheduledEvent(null), context));

        assertEquals(0, config.calls("PutEvaluations").size());
        assertEquals(
                "scheduled sweep failed",
                JsonParser.parseString(context.logLines().get(0))
                        .getAsJsonObject()
                        .get("message")
                        .getAsString());
    }

    @Test
    void ruleScopedByTagIsRefused() {
        JsonObject rule = new JsonObject();
        rule.addProperty("ConfigRuleName", RULE);
        JsonObject scope = new JsonObject();
        scope.addProperty("TagKey", "team");
        rule.add("Scope", scope);
        JsonObject source = new JsonObject();
        source.addProperty("Owner", "CUSTOM_LAMBDA");
        rule.add("Source", source);
        config.rule(rule);

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> invoke(config, scheduledEvent(null), new TestContext()));

        assertTrue(error.getMessage().contains("scoped by tag"), error.getMessage());
        assertEquals(0, config.calls("ListDiscoveredResources").size());
        assertEquals(0, config.calls("PutEvaluations").size());
    }

    @Test
    void missingRuleNameIsBadInputAndNothingIsCalled() {
        JsonObject event = JsonParser.parseString(scheduledEvent(null)).getAsJsonObject();
        event.remove("configRuleName");

        BadInputException error =
                assertThrows(BadInputException.class, () -> invoke(config, event.toString(), new TestContext()));

        assertTrue(error.getMessage().startsWith("configRuleName: is missing"), error.getMessage());
        assertEquals(0, config.calls().size());
    }

    @Test
    void malformedItemIsLeftUnreadAndTheRestAreJudged() {
        config.rule(RULE, ECS_TYPES, null);
        JsonObject broken = ConfigItems.service("prod", "broken", Network.ENABLED, Map.of(), CAPTURED);
        broken.addProperty(
                "configuration",
                broken.get("configuration")
                        .getAsString()
                        .replace("\"AssignPublicIp\":\"ENABLED\"", "\"AssignPublicIp\":true"));
        config.item(broken);
        config.item(ConfigItems.service("prod", "web", Network.DISABLED, Map.of(), CAPTURED));
        TestContext context = new TestContext();

        invoke(config, scheduledEvent(null), context);

        assertEquals(
                Set.of(ConfigItems.serviceArn("prod", "web") + "|prod"),
                putById(config).keySet());
        JsonObject logged = JsonParser.parseString(context.logLines().get(0)).getAsJsonObject();
        assertEquals(1, logged.get("unread").getAsInt());
        assertTrue(
                logged.get("firstUnread").getAsString().contains("AssignPublicIp: must be a string"),
                logged.toString());
    }

    /** {@code count} services in cluster prod; every {@code enabledEvery}-th (from 0) assigns public IPs. */
    private void addServices(int count, int enabledEvery) {
        for (int i = 0; i < count; i++) {
            Network network = enabledEvery > 0 && i % enabledEvery == 0 ? Network.ENABLED : Network.DISABLED;
            config.item(ConfigItems.service("prod", "svc-" + i, network, Map.of(), CAPTURED));
        }
    }

    private void addTaskSets(int count) {
        for (int i = 0; i < count; i++) {
            config.item(ConfigItems.taskSet("prod", "blue", "ecs-svc/" + i, Network.ENABLED, Map.of(), CAPTURED));
        }
    }

    private static List<Integer> sortedSizes(List<Call> calls, String member) {
        List<Integer> sizes = new ArrayList<>();
        calls.forEach(call -> sizes.add(call.body().getAsJsonArray(member).size()));
        sizes.sort(java.util.Comparator.reverseOrder());
        return sizes;
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(e -> values.add(e.getAsString()));
        return values;
    }
}
