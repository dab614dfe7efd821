package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.remediation.Action;
import dev.ecspublicip.remediation.Outcome;
import dev.ecspublicip.remediation.RemediationHandler;
import dev.ecspublicip.remediation.RemediationRequest;
import dev.ecspublicip.remediation.RemediationResult;
import dev.ecspublicip.remediation.Timing;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remediation part of rule-template.yaml: the runbook (its parameters, that every {@code {{ }}}
 * reference resolves, that its payload is what the function reads, that its result handling matches
 * what the function answers), the function and both roles, and a RemediationConfiguration per rule.
 */
@SuppressWarnings("unchecked")
class RemediationTemplateTest {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    /** Outputs every step of these actions has without declaring them. */
    private static final Map<String, Set<String>> BUILT_IN_OUTPUTS = Map.of(
            "aws:invokeLambdaFunction",
                    Set.of("Payload", "StatusCode", "FunctionError", "LogResult", "ExecutedVersion"),
            "aws:loop", Set.of("CurrentIteration", "CurrentIteratorValue"),
            "aws:executeScript", Set.of("OutputPayload"));

    private final Map<String, Object> template = Templates.load(Templates.RULE_TEMPLATE);
    private final Map<String, Map<String, Object>> resources =
            (Map<String, Map<String, Object>>) template.get("Resources");

    private Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        assertTrue(resource != null, logicalId + " is missing from the template");
        return (Map<String, Object>) resource.get("Properties");
    }

    private Map<String, Object> runbook() {
        return (Map<String, Object>) properties("RemediationRunbook").get("Content");
    }

    private Map<String, Map<String, Object>> runbookParameters() {
        return (Map<String, Map<String, Object>>) runbook().get("parameters");
    }

    /** Every step by name, those inside aws:loop included. */
    private Map<String, Map<String, Object>> steps() {
        Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
        collectSteps((List<Map<String, Object>>) runbook().get("mainSteps"), steps);
        return steps;
    }

    private static void collectSteps(List<Map<String, Object>> list, Map<String, Map<String, Object>> steps) {
        for (Map<String, Object> step : list) {
            steps.put((String) step.get("name"), step);
            Map<String, Object> inputs = (Map<String, Object>) step.get("inputs");
            if ("aws:loop".equals(step.get("action"))) {
                collectSteps((List<Map<String, Object>>) inputs.get("Steps"), steps);
            }
        }
    }

    private static Map<String, Object> inputs(Map<String, Object> step) {
        return (Map<String, Object>) step.get("inputs");
    }

    @Test
    void runbookIsAnAutomationDocumentWithTheParametersConfigAndOperatorsPass() {
        Map<String, Object> document = properties("RemediationRunbook");
        assertEquals("Automation", document.get("DocumentType"));
        assertEquals("0.3", runbook().get("schemaVersion"));
        assertEquals("{{ AutomationAssumeRole }}", runbook().get("assumeRole"));
        Map<String, Map<String, Object>> parameters = runbookParameters();
        assertEquals(
                List.of("AutomationAssumeRole", "ResourceId", "ResourceType", "DryRun", "AllowEgressLoss"),
                List.copyOf(parameters.keySet()));
        assertEquals("Boolean", parameters.get("DryRun").get("type"));
        assertEquals(false, parameters.get("DryRun").get("default"));
        assertEquals("Boolean", parameters.get("AllowEgressLoss").get("type"));
        assertEquals(false, parameters.get("AllowEgressLoss").get("default"));
        assertEquals(
                List.of(ResourceKind.SERVICE.configType(), ResourceKind.TASK_SET.configType()),
                parameters.get("ResourceType").get("allowedValues"));

        Pattern role =
                Pattern.compile((String) parameters.get("AutomationAssumeRole").get("allowedPattern"));
        assertTrue(role.matcher("arn:aws:iam::123456789012:role/ecs-public-ip-rule-RemediationAutomationRole-1AB2")
                .matches());
        assertTrue(role.matcher("arn:aws-us-gov:iam::123456789012:role/path/remediate")
                .matches());
        assertFalse(role.matcher("arn:aws:iam::123456789012:user/alice").matches());
        assertFalse(role.matcher("role/remediate").matches());

        Pattern id = Pattern.compile((String) parameters.get("ResourceId").get("allowedPattern"));
        assertTrue(id.matcher("arn:aws:ecs:us-east-1:123456789012:service/prod/web|prod")
                .matches());
        assertTrue(id.matcher("prod|canary|ecs-svc/7345869273412391028").matches());
        assertTrue(id.matcher("x".repeat(ConfigurationItemParser.MAX_RESOURCE_ID_LENGTH))
                .matches());
        assertFalse(id.matcher("x".repeat(ConfigurationItemParser.MAX_RESOURCE_ID_LENGTH + 1))
                .matches());
        assertFalse(id.matcher("").matches());
        assertFalse(id.matcher(" padded").matches());
    }

    @Test
    void theDescriptionIsMarkdownThatDocumentsEveryInputAndOutput() {
        String description = (String) runbook().get("description");
        assertTrue(description.contains("## What does this document do?"));
        assertTrue(description.contains("## Input Parameters"));
        assertTrue(description.contains("## Output Parameters"));
        for (String parameter : runbookParameters().keySet()) {
            assertTrue(description.contains("* " + parameter + ":"), parameter + " is not described");
        }
        for (String output : (List<String>) runbook().get("outputs")) {
            assertTrue(description.contains("* " + output + ":"), output + " is not described");
        }
    }

    @Test
    void everyReferenceResolvesToAParameterOrADeclaredStepOutput() {
        Map<String, Map<String, Object>> steps = steps();
        List<String> references = new ArrayList<>();
        collectReferences(runbook(), references);
        assertTrue(references.size() >= 8, "expected the runbook to pass its inputs on: " + references);
        List<String> outputs = new ArrayList<>((List<String>) runbook().get("outputs"));
        for (String reference : references) {
            if (!reference.contains(".")) {
                assertTrue(runbookParameters().containsKey(reference), "{{ " + reference + " }} is not a parameter");
            } else {
                outputs.add(reference);
            }
        }
        for (String output : outputs) {
            String[] parts = output.split("\\.", 2);
            Map<String, Object> step = steps.get(parts[0]);
            assertTrue(step != null, output + " names no step");
            Set<String> declared = new TreeSet<>(BUILT_IN_OUTPUTS.getOrDefault((String) step.get("action"), Set.of()));
            for (Map<String, Object> declaration :
                    (List<Map<String, Object>>) step.getOrDefault("outputs", List.of())) {
                declared.add((String) declaration.get("Name"));
            }
            assertTrue(declared.contains(parts[1]), output + " is not an output of step " + parts[0] + " " + declared);
        }
        for (Map<String, Object> step : steps.values()) {
            Object next = step.get("nextStep");
            assertTrue(
                    next == null || steps.containsKey(next), step.get("name") + " goes on to an unknown step " + next);
        }
    }

    private static void collectReferences(Object node, List<String> references) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> collectReferences(value, references));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectReferences(value, references));
        } else if (node instanceof String text) {
            Matcher matcher = REFERENCE.matcher(text);
            while (matcher.find()) {
                references.add(matcher.group(1));
            }
        }
    }

    @Test
    void thePayloadIsExactlyWhatTheFunctionReadsFromTheSameNamedParameters() {
        Map<String, Object> invoke = steps().get("InvokeRemediationFunction");
        assertEquals("aws:invokeLambdaFunction", invoke.get("action"));
        assertEquals(
                Map.of("Fn::GetAtt", List.of("RemediationFunction", "Arn")),
                inputs(invoke).get("FunctionName"));
        Map<String, Object> payload = (Map<String, Object>) inputs(invoke).get("InputPayload");
        assertEquals(Set.copyOf(RemediationRequest.FIELDS), payload.keySet());
        for (String field : RemediationRequest.FIELDS) {
            assertEquals("{{ " + field + " }}", payload.get(field));
        }
        // What Automation sends for these parameters is what the function parses.
        JsonObject sample = new JsonObject();
        sample.addProperty("ResourceId", "prod|canary|ecs-svc/1");
        sample.addProperty("ResourceType", "AWS::ECS::TaskSet");
        sample.addProperty("DryRun", false);
        sample.addProperty("AllowEgressLoss", "true");
        RemediationRequest request = RemediationRequest.parse(sample.toString());
        assertEquals(new RemediationRequest(ResourceKind.TASK_SET, "prod|canary|ecs-svc/1", false, true), request);
    }

    @Test
    void theLoopIsBoundedAndPausesOnlyWhileTheFunctionReportsInProgress() {
        Map<String, Object> loop = steps().get("RemediateUntilFinished");
        assertEquals("aws:loop", loop.get("action"));
        int maxIterations = (Integer) inputs(loop).get("MaxIterations");
        assertTrue(maxIterations >= 1 && maxIterations <= 100, "Automation allows 1 to 100 iterations");
        assertEquals(
                Map.of("Variable", "{{ ReadResult.Outcome }}", "StringEquals", Outcome.IN_PROGRESS.name()),
                inputs(loop).get("LoopCondition"));
        List<String> body = ((List<Map<String, Object>>) inputs(loop).get("Steps"))
                .stream().map(step -> (String) step.get("name")).toList();
        assertEquals(List.of("InvokeRemediationFunction", "ReadResult", "PauseBeforeNextAttempt"), body);
        Map<String, Object> pause = steps().get("PauseBeforeNextAttempt");
        assertEquals("aws:sleep", pause.get("action"));
        // aws:sleep documents a fixed ISO 8601 Duration (or a Timestamp), not one read from a step output.
        assertEquals("PT1M", inputs(pause).get("Duration"));
        Map<String, Object> read = steps().get("ReadResult");
        assertEquals(
                "{{ RemediateUntilFinished.CurrentIteration }}",
                ((Map<String, Object>) inputs(read).get("InputPayload")).get("Iteration"));
        assertEquals(
                maxIterations,
                ((Map<String, Object>) inputs(read).get("InputPayload")).get("LastIteration"),
                "ReadResult knows which iteration is the last");
        int invokeTimeout = (Integer) steps().get("InvokeRemediationFunction").get("timeoutSeconds");
        assertTrue(invokeTimeout <= 300, "Automation runs aws:invokeLambdaFunction for at most 300 s");
        assertTrue(
                invokeTimeout > (Integer) properties("RemediationFunction").get("Timeout"),
                "the step outlasts the function");
        // The loop waits at least a minute per iteration: long enough for the function to give up first.
        assertTrue(Duration.ofMinutes(maxIterations).compareTo(RemediationHandler.MAX_STABILIZING) > 0);
    }

    /**
     * Automation documents reading a step nested in aws:loop only in that loop's LoopCondition; the
     * document's outputs and every step outside the loop read only the loop's own outputs.
     */
    @Test
    void nothingOutsideTheLoopReadsAStepNestedInIt() {
        List<Map<String, Object>> mainSteps =
                (List<Map<String, Object>>) runbook().get("mainSteps");
        Set<String> nested = new TreeSet<>();
        for (Map<String, Object> step : mainSteps) {
            if ("aws:loop".equals(step.get("action"))) {
                ((List<Map<String, Object>>) inputs(step).get("Steps"))
                        .forEach(s -> nested.add((String) s.get("name")));
            }
        }
        assertFalse(nested.isEmpty());
        List<String> outside = new ArrayList<>((List<String>) runbook().get("outputs"));
        for (Map<String, Object> step : mainSteps) {
            if ("aws:loop".equals(step.get("action"))) {
                Map<String, Object> loopInputs = new LinkedHashMap<>(inputs(step));
                loopInputs.remove("Steps");
                loopInputs.remove("LoopCondition");
                collectReferences(loopInputs, outside);
            } else {
                collectReferences(step, outside);
            }
        }
        for (String reference : outside) {
            assertFalse(nested.contains(reference.split("\\.", 2)[0]), reference + " is read from outside the loop");
        }
        assertEquals(
                List.of("RemediateUntilFinished"),
                mainSteps.stream().map(s -> (String) s.get("name")).toList(),
                "the loop is the whole runbook: the reading step inside it fails on the last iteration by itself");
    }

    @Test
    void theFunctionIsTheRemediationHandlerFromItsOwnArtifact() throws ClassNotFoundException {
        Map<String, Object> function = properties("RemediationFunction");
        assertEquals("java21", function.get("Runtime"));
        assertEquals("remediation/target/remediation-lambda.jar", function.get("Code"));
        String[] handler = ((String) function.get("Handler")).split("::");
        assertEquals("handleRequest", handler[1]);
        assertTrue(RequestStreamHandler.class.isAssignableFrom(Class.forName(handler[0])));
        assertEquals(RemediationHandler.class.getName(), handler[0]);
        assertEquals(Map.of("Fn::GetAtt", List.of("RemediationFunctionRole", "Arn")), function.get("Role"));
        assertTrue(Timing.LAMBDA.minMillisForChanges() < (Integer) function.get("Timeout") * 1000);
    }

    private List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy :
                (List<Map<String, Object>>) properties(role).get("Policies")) {
            statements.addAll(
                    (List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement"));
        }
        return statements;
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
    }

    private Optional<Map<String, Object>> statementAllowing(String role, String action) {
        return statements(role).stream()
                .filter(s -> list(s.get("Action")).contains(action))
                .findFirst();
    }

    @Test
    void theFunctionsRoleChangesEcsOnlyOnThisAccountsServicesAndTaskSets() {
        Map<String, Object> serviceArns =
                Map.of("Fn::Sub", "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/*");
        Map<String, Object> taskSetArns =
                Map.of("Fn::Sub", "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-set/*");
        for (String action : List.of(
                "ecs:UpdateService",
                "ecs:CreateTaskSet",
                "ecs:UpdateServicePrimaryTaskSet",
                "ecs:DeleteTaskSet",
                "ecs:DescribeServices",
                "ecs:DescribeTaskSets")) {
            Map<String, Object> statement = statementAllowing("RemediationFunctionRole", action)
                    .orElseThrow(() -> new AssertionError(action + " is not allowed"));
            // UpdateService takes the service resource only (Service Authorization Reference).
            assertEquals(
                    action.equals("ecs:UpdateService") ? List.of(serviceArns) : List.of(serviceArns, taskSetArns),
                    list(statement.get("Resource")),
                    action);
        }
        Map<String, Object> tagging =
                statementAllowing("RemediationFunctionRole", "ecs:TagResource").orElseThrow();
        assertEquals(List.of(taskSetArns), list(tagging.get("Resource")));
        assertEquals(Map.of("StringEquals", Map.of("ecs:CreateAction", "CreateTaskSet")), tagging.get("Condition"));
        for (String action : List.of(
                "config:BatchGetResourceConfig",
                "ec2:DescribeSubnets",
                "ec2:DescribeRouteTables",
                "ec2:DescribeVpcEndpoints")) {
            assertTrue(statementAllowing("RemediationFunctionRole", action).isPresent(), action + " is not allowed");
        }
        for (Map<String, Object> statement : statements("RemediationFunctionRole")) {
            assertEquals("Allow", statement.get("Effect"));
            for (Object action : list(statement.get("Action"))) {
                assertFalse(((String) action).contains("*"), "no wildcard actions: " + action);
                // DescribeTaskDefinition takes no resource ARN (Service Authorization Reference): '*' is all IAM
                // allows.
                if (((String) action).startsWith("ecs:") && !action.equals("ecs:DescribeTaskDefinition")) {
                    assertFalse(list(statement.get("Resource")).contains("*"), action + " must be scoped");
                }
            }
        }
    }

    @Test
    void theAutomationRoleMayOnlyInvokeTheFunction() {
        List<Map<String, Object>> statements = statements("RemediationAutomationRole");
        assertEquals(1, statements.size());
        assertEquals(List.of("lambda:InvokeFunction"), list(statements.get(0).get("Action")));
        assertEquals(
                List.of(Map.of("Fn::GetAtt", List.of("RemediationFunction", "Arn"))),
                list(statements.get(0).get("Resource")));
        Map<String, Object> trust =
                (Map<String, Object>) properties("RemediationAutomationRole").get("AssumeRolePolicyDocument");
        Map<String, Object> statement = ((List<Map<String, Object>>) trust.get("Statement")).get(0);
        assertEquals(Map.of("Service", "ssm.amazonaws.com"), statement.get("Principal"));
    }

    @Test
    void eachRuleOffersTheRunbookWithEveryParameterFilled() {
        Map<String, Map<String, Object>> templateParameters =
                (Map<String, Map<String, Object>>) template.get("Parameters");
        assertEquals(
                "false",
                String.valueOf(templateParameters.get("AutomaticRemediation").get("Default")));
        assertEquals(
                "false",
                String.valueOf(
                        templateParameters.get("RemediationAllowEgressLoss").get("Default")));
        Map<String, String> rules =
                Map.of("ServiceRuleRemediation", "ServiceRule", "TaskSetRuleRemediation", "TaskSetRule");
        rules.forEach((logicalId, rule) -> {
            Map<String, Object> remediation = properties(logicalId);
            assertEquals(
                    "AWS::Config::RemediationConfiguration",
                    resources.get(logicalId).get("Type"));
            assertEquals(Map.of("Ref", rule), remediation.get("ConfigRuleName"));
            assertEquals("SSM_DOCUMENT", remediation.get("TargetType"));
            assertEquals(Map.of("Ref", "RemediationRunbook"), remediation.get("TargetId"));
            assertEquals(
                    Map.of("Fn::If", List.of("RemediateAutomatically", true, false)), remediation.get("Automatic"));
            assertEquals(
                    Map.of("Ref", "RemediationMaximumAutomaticAttempts"), remediation.get("MaximumAutomaticAttempts"));
            assertEquals(Map.of("Ref", "RemediationRetryAttemptSeconds"), remediation.get("RetryAttemptSeconds"));
            List<String> scope =
                    (List<String>) ((Map<String, Object>) properties(rule).get("Scope")).get("ComplianceResourceTypes");
            assertEquals(List.of(remediation.get("ResourceType")), scope);
            Map<String, Map<String, Object>> parameters =
                    (Map<String, Map<String, Object>>) remediation.get("Parameters");
            assertEquals(runbookParameters().keySet(), parameters.keySet());
            assertEquals(Map.of("ResourceValue", Map.of("Value", "RESOURCE_ID")), parameters.get("ResourceId"));
            assertEquals(Map.of("StaticValue", Map.of("Values", scope)), parameters.get("ResourceType"));
            assertEquals(
                    Map.of(
                            "StaticValue",
                            Map.of(
                                    "Values",
                                    List.of(Map.of("Fn::GetAtt", List.of("RemediationAutomationRole", "Arn"))))),
                    parameters.get("AutomationAssumeRole"));
            assertEquals(Map.of("StaticValue", Map.of("Values", List.of("false"))), parameters.get("DryRun"));
        });
    }

    /**
     * Other work edits the rest of the template, so everything remediation adds sits in one block at the
     * end of each section, after the line {@code # ---- Remediation ----}.
     */
    @Test
    void theRemediationPartIsOneBlockAtTheEndOfEachSection() throws IOException {
        List<String> lines = Files.readAllLines(Reference.projectDir().resolve("rule-template.yaml"));
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        String section = null;
        List<String> block = null;
        for (String line : lines) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
                section = line;
                block = null;
            } else if (line.strip().equals("# ---- Remediation ----")) {
                block = new ArrayList<>();
                blocks.put(section, block);
            } else if (block != null && line.matches("  [A-Za-z0-9]+:.*")) {
                block.add(line.substring(2, line.indexOf(':')));
            }
        }
        assertEquals(List.of("Parameters:", "Conditions:", "Resources:", "Outputs:"), List.copyOf(blocks.keySet()));
        assertEquals(
                List.of(
                        "AutomaticRemediation",
                        "RemediationMaximumAutomaticAttempts",
                        "RemediationRetryAttemptSeconds",
                        "RemediationAllowEgressLoss",
                        "RemediationPassRoleArns",
                        "RemediationAutomationRoleName",
                        "RemediationRunbookDocumentName"),
                blocks.get("Parameters:"));
        assertEquals(
                List.of("RemediateAutomatically", "NarrowPassRole", "NameAutomationRole", "NameRunbook"),
                blocks.get("Conditions:"));
        assertEquals(
                List.of(
                        "RemediationFunctionRole",
                        "RemediationLogGroup",
                        "RemediationFunction",
                        "RemediationAutomationRole",
                        "RemediationRunbook",
                        "ServiceRuleRemediation",
                        "TaskSetRuleRemediation"),
                blocks.get("Resources:"));
        assertEquals(
                List.of("RemediationRunbookName", "RemediationFunctionArn", "RemediationAutomationRoleArn"),
                blocks.get("Outputs:"));
    }

    // --- the runbook's scripts, run on what the function really answers ---

    private static String script(Map<String, Object> step) {
        return (String) inputs(step).get("Script");
    }

    /**
     * Runs a runbook script's handler on each of the events, in one python3 process; for each, the JSON
     * it returns or {@code RAISED: message} when it raises.
     */
    private static List<String> runScript(Path dir, Map<String, Object> step, List<JsonObject> events)
            throws Exception {
        Path script = dir.resolve("script.py");
        Files.writeString(script, script(step) + """


                if __name__ == "__main__":
                    import json, sys
                    for events in json.loads(sys.stdin.read()):
                        try:
                            print(json.dumps(%s(events, None), sort_keys=True))
                        except Exception as e:
                            print("RAISED: " + str(e))
                """.formatted(inputs(step).get("Handler")));
        Process process = new ProcessBuilder("python3", script.toString())
                .redirectErrorStream(true)
                .start();
        JsonArray input = new JsonArray();
        events.forEach(input::add);
        process.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static JsonObject events(String name, Object value) {
        return events(name, value, 1);
    }

    /** ReadResult's input: the function's payload, and which of the loop's 100 iterations this is. */
    private static JsonObject events(String name, Object value, int iteration) {
        JsonObject events = new JsonObject();
        events.addProperty("Iteration", String.valueOf(iteration));
        events.addProperty("LastIteration", 100);
        if (value instanceof JsonObject object) {
            events.add(name, object);
        } else {
            events.addProperty(name, (String) value);
        }
        return events;
    }

    private static RemediationResult result(Outcome outcome, String reason) {
        return new RemediationResult(
                outcome,
                "AWS::ECS::TaskSet",
                "prod|canary|ecs-svc/1",
                Optional.of("arn:aws:ecs:us-east-1:123456789012:task-set/prod/canary/ecs-svc/1"),
                Optional.empty(),
                false,
                List.of(new Action(
                        "ecs:CreateTaskSet", "arn:aws:ecs:us-east-1:123456789012:service/prod/canary", "copy")),
                reason);
    }

    @Test
    void readResultTurnsTheFunctionsAnswerIntoOutputsOrAVisibleFailure(@TempDir Path dir) throws Exception {
        assumeTrue(hasPython(), "python3 is needed to run the runbook's script");
        Map<String, Object> read = steps().get("ReadResult");
        assertEquals(
                "{{ InvokeRemediationFunction.Payload }}",
                ((Map<String, Object>) inputs(read).get("InputPayload")).get("Payload"));
        JsonObject inProgress =
                result(Outcome.IN_PROGRESS, "Waiting for the replacement.").toJson();
        List<Outcome> finished =
                List.of(Outcome.REMEDIATED, Outcome.ALREADY_COMPLIANT, Outcome.NOT_APPLICABLE, Outcome.PLANNED);
        List<JsonObject> cases = new ArrayList<>();
        cases.add(events("Payload", inProgress.toString()));
        for (Outcome outcome : finished) {
            // Automation may hand the payload over as the JSON text, or parsed.
            JsonObject answer = result(outcome, "Done.").toJson();
            cases.add(events("Payload", answer.toString()));
            cases.add(events("Payload", answer));
        }
        cases.add(events(
                "Payload",
                result(Outcome.REFUSED, "Service is DRAINING.").toJson().toString()));
        cases.add(events(
                "Payload",
                "{\"errorMessage\": \"ResourceType: must be AWS::ECS::Service or AWS::ECS::TaskSet,"
                        + " got 'x'\", \"errorType\": \"dev.ecspublicip.BadInputException\"}"));

        List<String> answers = runScript(dir, read, cases);

        assertEquals(cases.size(), answers.size(), answers.toString());
        JsonObject outputs = JsonParser.parseString(answers.get(0)).getAsJsonObject();
        assertEquals("IN_PROGRESS", outputs.get("Outcome").getAsString());
        assertEquals("Waiting for the replacement.", outputs.get("Reason").getAsString());
        assertEquals(inProgress, JsonParser.parseString(outputs.get("Result").getAsString()));
        for (Map<String, Object> declared : (List<Map<String, Object>>) read.get("outputs")) {
            assertTrue(
                    outputs.has(((String) declared.get("Selector")).substring("$.Payload.".length())),
                    "the script returns what " + declared.get("Name") + " selects");
        }
        for (int i = 0; i < finished.size() * 2; i++) {
            JsonObject done = JsonParser.parseString(answers.get(1 + i)).getAsJsonObject();
            assertEquals(finished.get(i / 2).name(), done.get("Outcome").getAsString());
        }
        assertEquals("RAISED: REFUSED: Service is DRAINING.", answers.get(cases.size() - 2));
        assertEquals(
                "RAISED: The remediation function failed: ResourceType: must be AWS::ECS::Service or"
                        + " AWS::ECS::TaskSet, got 'x'",
                answers.get(cases.size() - 1));
    }

    @Test
    void readResultFailsOnlyWhenTheLastIterationIsStillInProgress(@TempDir Path dir) throws Exception {
        assumeTrue(hasPython(), "python3 is needed to run the runbook's script");
        String inProgress = result(Outcome.IN_PROGRESS, "Waiting for replacement X.")
                .toJson()
                .toString();
        String done = result(Outcome.REMEDIATED, "Replaced.").toJson().toString();

        List<String> answers = runScript(
                dir,
                steps().get("ReadResult"),
                List.of(
                        events("Payload", inProgress, 99),
                        events("Payload", inProgress, 100),
                        events("Payload", done, 100)));

        assertEquals(
                "IN_PROGRESS",
                JsonParser.parseString(answers.get(0))
                        .getAsJsonObject()
                        .get("Outcome")
                        .getAsString());
        assertTrue(
                answers.get(1)
                        .startsWith(
                                "RAISED: Still IN_PROGRESS after this runbook's last attempt: Waiting for replacement X."),
                answers.get(1));
        assertEquals(
                "REMEDIATED",
                JsonParser.parseString(answers.get(2))
                        .getAsJsonObject()
                        .get("Outcome")
                        .getAsString());
    }
}
