package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.deploy.IamStatements.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What happens to a Config event the evaluator fails on: Lambda retries it twice, then sends it to an
 * encrypted queue that keeps it 14 days; alarms watch the function's errors and the queue. And the
 * optional notifications of NON_COMPLIANT changes.
 */
class TemplateFailureModelTest {
    private static final Map<String, Object> TEMPLATE = Templates.load(Templates.RULE_TEMPLATE);
    private static final Map<String, Map<String, Object>> RESOURCES = Templates.resources(TEMPLATE);
    private static final Map<String, Object> QUEUE_ARN =
            Map.of("Fn::GetAtt", List.of("EvaluatorFailedEventsQueue", "Arn"));

    private static Map<String, Object> properties(String id) {
        return Templates.properties(RESOURCES.get(id));
    }

    private static Map<String, Object> deployedWith(Map<String, String> overrides) {
        return Templates.parameterValues(TEMPLATE, overrides);
    }

    @Test
    void theQueueIsEncryptedAndKeepsEventsFourteenDays() {
        Map<String, Object> queue = properties("EvaluatorFailedEventsQueue");
        assertEquals(true, queue.get("SqsManagedSseEnabled"));
        assertEquals(14 * 24 * 3600, queue.get("MessageRetentionPeriod"));
        assertFalse(queue.containsKey("FifoQueue"), "Lambda's destinations take standard queues only");
    }

    /** For each SnapStart setting, exactly one asynchronous configuration, on what the rules invoke. */
    @Test
    void theAsyncConfigurationIsOnWhatTheRulesInvokeAndSendsFailuresToTheQueue() {
        for (String snapStart : List.of("false", "true")) {
            Map<String, Object> parameters = deployedWith(Map.of("SnapStart", snapStart, "EvaluatorCodeSha256", "h"));
            List<Map<String, Object>> configs =
                    Templates.ofType(RESOURCES, "AWS::Lambda::EventInvokeConfig").values().stream()
                            .filter(config -> Templates.created(config, TEMPLATE, parameters))
                            .toList();
            assertEquals(1, configs.size(), "SnapStart=" + snapStart);
            Map<String, Object> config = Templates.properties(configs.get(0));
            Object invoked = Templates.resolve(
                    Templates.properties(RESOURCES.get("ServiceRule")).get("Source"), TEMPLATE, parameters);
            Object sourceIdentifier = Templates.map(invoked).get("SourceIdentifier");
            String qualifier = snapStart.equals("true") ? "live" : "$LATEST";
            assertEquals(qualifier, config.get("Qualifier"), "SnapStart=" + snapStart);
            assertEquals(
                    snapStart.equals("true")
                            ? Map.of("Ref", "EvaluatorAlias")
                            : Map.of("Fn::GetAtt", List.of("EvaluatorFunction", "Arn")),
                    sourceIdentifier,
                    "the rules invoke the " + qualifier + " the configuration is on");
            assertEquals(Map.of("Ref", "EvaluatorFunction"), config.get("FunctionName"));
            assertEquals(2, config.get("MaximumRetryAttempts"));
            assertEquals(21600, config.get("MaximumEventAgeInSeconds"));
            assertEquals(
                    Map.of("OnFailure", Map.of("Destination", QUEUE_ARN)),
                    config.get("DestinationConfig"),
                    "no on-success destination: only failures are kept");
        }
    }

    @Test
    void onlyTheEvaluatorRoleMaySendToTheQueueAndOnlyToIt() {
        for (String template : Templates.ALL) {
            for (Statement statement : IamStatements.of(template)) {
                if (statement.actions().stream().anyMatch(a -> a.startsWith("sqs:"))) {
                    assertEquals("EvaluatorRole", statement.resource(), statement.where());
                    assertEquals(List.of("sqs:SendMessage"), statement.actions(), statement.where());
                    assertEquals(List.of(QUEUE_ARN), statement.resources(), statement.where());
                }
            }
        }
    }

    @Test
    void alarmsWatchTheFunctionsErrorsAndEventsWaitingInTheQueue() {
        Map<String, Object> errors = properties("EvaluatorErrorsAlarm");
        assertEquals("AWS/Lambda", errors.get("Namespace"));
        assertEquals("Errors", errors.get("MetricName"));
        assertEquals(
                List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", "EvaluatorFunction"))),
                errors.get("Dimensions"));
        Map<String, Object> waiting = properties("EvaluatorFailedEventsAlarm");
        assertEquals("AWS/SQS", waiting.get("Namespace"));
        assertEquals("ApproximateNumberOfMessagesVisible", waiting.get("MetricName"));
        assertEquals(
                List.of(Map.of(
                        "Name",
                        "QueueName",
                        "Value",
                        Map.of("Fn::GetAtt", List.of("EvaluatorFailedEventsQueue", "QueueName")))),
                waiting.get("Dimensions"));
        for (Map<String, Object> alarm : List.of(errors, waiting)) {
            assertEquals(1, alarm.get("Threshold"));
            assertEquals("GreaterThanOrEqualToThreshold", alarm.get("ComparisonOperator"));
            assertEquals("notBreaching", alarm.get("TreatMissingData"));
            Map<String, Object> quiet = Templates.map(Templates.resolve(alarm, TEMPLATE, deployedWith(Map.of())));
            assertFalse(quiet.containsKey("AlarmActions"), "no notification target: no alarm action");
            Map<String, Object> notifying = Templates.map(
                    Templates.resolve(alarm, TEMPLATE, deployedWith(Map.of("NotificationEmail", "sec@example.com"))));
            assertEquals(List.of(Map.of("Ref", "NotificationTopic")), notifying.get("AlarmActions"));
        }
    }

    @Test
    void theReservedConcurrencyIsAParameterNoneByDefault() {
        Map<String, Object> function = properties("EvaluatorFunction");
        assertFalse(Templates.map(Templates.resolve(function, TEMPLATE, deployedWith(Map.of())))
                .containsKey("ReservedConcurrentExecutions"));
        assertEquals(
                "10",
                Templates.map(Templates.resolve(
                                function, TEMPLATE, deployedWith(Map.of("EvaluatorReservedConcurrency", "10"))))
                        .get("ReservedConcurrentExecutions"));
    }

    @Test
    void notificationsAreOffByDefault() {
        Map<String, Object> defaults = deployedWith(Map.of());
        for (String id : List.of("NotificationTopic", "NotificationTopicPolicy", "ComplianceChangeRule")) {
            assertFalse(Templates.created(RESOURCES.get(id), TEMPLATE, defaults), id);
        }
        Map<String, Object> existingTopic =
                deployedWith(Map.of("NotificationTopicArn", "arn:aws:sns:us-east-1:123456789012:security"));
        assertTrue(Templates.created(RESOURCES.get("ComplianceChangeRule"), TEMPLATE, existingTopic));
        assertFalse(
                Templates.created(RESOURCES.get("NotificationTopic"), TEMPLATE, existingTopic),
                "an existing topic: none created, its policy left alone");
        assertFalse(Templates.created(RESOURCES.get("NotificationTopicPolicy"), TEMPLATE, existingTopic));
        assertEquals(
                List.of(Map.of("Id", "notification-topic", "Arn", "arn:aws:sns:us-east-1:123456789012:security")),
                Templates.map(Templates.resolve(properties("ComplianceChangeRule"), TEMPLATE, existingTopic))
                        .get("Targets"));
    }

    @Test
    void theRuleSendsOnlyNonCompliantChangesOfThisStacksRules() {
        assertEquals(
                Map.of(
                        "source",
                        List.of("aws.config"),
                        "detail-type",
                        List.of("Config Rules Compliance Change"),
                        "detail",
                        Map.of(
                                "configRuleName",
                                List.of(
                                        Map.of("Ref", "ServiceRule"),
                                        Map.of("Ref", "TaskSetRule"),
                                        Map.of("Ref", "LauncherRule")),
                                "newEvaluationResult",
                                Map.of("complianceType", List.of("NON_COMPLIANT")))),
                properties("ComplianceChangeRule").get("EventPattern"));
    }

    @Test
    void theTopicPolicyLetsEventBridgePublishOnlyThisRulesEvents() {
        Map<String, Object> policy =
                Templates.map(properties("NotificationTopicPolicy").get("PolicyDocument"));
        Map<String, Object> events = Templates.list(policy.get("Statement")).stream()
                .map(Templates::map)
                .filter(s -> Map.of("Service", "events.amazonaws.com").equals(s.get("Principal")))
                .findFirst()
                .orElseThrow();
        assertEquals("Allow", events.get("Effect"));
        assertEquals("sns:Publish", events.get("Action"));
        assertEquals(Map.of("Ref", "NotificationTopic"), events.get("Resource"));
        assertEquals(
                Map.of(
                        "ArnEquals",
                        Map.of("aws:SourceArn", Map.of("Fn::GetAtt", List.of("ComplianceChangeRule", "Arn")))),
                events.get("Condition"));
        assertEquals(
                List.of(Map.of("Ref", "NotificationTopic")),
                properties("NotificationTopicPolicy").get("Topics"));
        assertEquals(
                List.of(Map.of("Protocol", "email", "Endpoint", Map.of("Ref", "NotificationEmail"))),
                properties("NotificationTopic").get("Subscription"));
    }
}
