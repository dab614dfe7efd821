package dev.ecspublicip.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.pipes.PipesClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * scan's reading of the resources that launch ECS tasks, through the real SDK clients against stand-ins
 * checked against each API's model, judged by the one rule: one verdict per resource, the worst of its
 * launch points.
 */
class LauncherScannerTest {
    private static final String ACCOUNT = "123456789012";
    private static final String CLUSTER = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/prod";
    private static final String TASK_DEFINITION = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/job:3";

    private final JsonProtocolStandIn events = new JsonProtocolStandIn("events");
    private final JsonProtocolStandIn scheduler = new JsonProtocolStandIn("scheduler");
    private final JsonProtocolStandIn pipes = new JsonProtocolStandIn("pipes");
    private final JsonProtocolStandIn states = new JsonProtocolStandIn("stepfunctions");
    private final JsonProtocolStandIn batch = new JsonProtocolStandIn("batch");
    private final LauncherScanner scanner = new LauncherScanner(
            StandInClients.client(EventBridgeClient.builder(), AwsClients::configure, events.endpoint()),
            StandInClients.client(SchedulerClient.builder(), AwsClients::configure, scheduler.endpoint()),
            StandInClients.client(PipesClient.builder(), AwsClients::configure, pipes.endpoint()),
            StandInClients.client(SfnClient.builder(), AwsClients::configure, states.endpoint()),
            StandInClients.client(BatchClient.builder(), AwsClients::configure, batch.endpoint()));

    LauncherScannerTest() {
        events.on("ListEventBuses", call -> answer(events, "ListEventBuses", """
                {"EventBuses":[{"Name":"default","Arn":"arn:aws:events:us-east-1:%s:event-bus/default"}]}""".formatted(ACCOUNT)));
    }

    @AfterEach
    void noRequestTheServicesWouldRefuse() {
        for (JsonProtocolStandIn standIn : List.of(events, scheduler, pipes, states, batch)) {
            standIn.assertNoViolations();
            standIn.close();
        }
    }

    private static Reply answer(JsonProtocolStandIn standIn, String operation, String body) {
        JsonObject json = JsonParser.parseString(body).getAsJsonObject();
        assertEquals(
                List.of(), standIn.model().validateOutput(operation, json), operation + " answer outside the model");
        return Reply.ok(json);
    }

    private static String ecsTarget(String id, String assignPublicIp) {
        String flag = assignPublicIp == null ? "" : ",\"AssignPublicIp\":\"" + assignPublicIp + "\"";
        return """
                {"Id":"%s","Arn":"%s","EcsParameters":{"TaskDefinitionArn":"%s",
                 "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"]%s}}}}""".formatted(id, CLUSTER, TASK_DEFINITION, flag);
    }

    private Map<String, Verdict> scan(RuleParameters parameters, Set<ResourceKind> kinds) {
        Rules rules = Rules.of(parameters);
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        scanner.scan(kinds, resource -> verdicts.put(resource.resourceId(), rules.judge(resource)));
        return verdicts;
    }

    @Test
    void anEventBridgeRuleWithOnePublicTargetOfThreeIsOneFindingNamingThatTarget() {
        String rule = "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/nightly";
        events.on("ListRules", call -> answer(events, "ListRules", """
                {"Rules":[{"Name":"nightly","Arn":"%s","EventBusName":"default","State":"ENABLED"}]}""".formatted(rule)));
        events.on(
                "ListTargetsByRule",
                call -> answer(events, "ListTargetsByRule", """
                {"Targets":[%s,%s,{"Id":"notify","Arn":"arn:aws:sns:us-east-1:%s:topic"}]}""".formatted(
                                ecsTarget("private", "DISABLED"), ecsTarget("public", "ENABLED"), ACCOUNT)));

        Map<String, Verdict> verdicts = scan(RuleParameters.NONE, Set.of(ResourceKind.EVENTS_RULE));

        Verdict verdict = verdicts.get(rule);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance(), verdict.annotation());
        assertTrue(verdict.annotation().contains("'public'"), verdict.annotation());
        assertTrue(!verdict.annotation().contains("'private'"), verdict.annotation());
        assertEquals(
                "default",
                events.calls("ListTargetsByRule")
                        .get(0)
                        .body()
                        .get("EventBusName")
                        .getAsString());
    }

    @Test
    void theRulesOfEveryEventBusAreReadCustomAndPartnerBusesIncluded() {
        String partner = "aws.partner/example.com/123/orders";
        events.once("ListEventBuses", call -> answer(events, "ListEventBuses", """
                {"EventBuses":[{"Name":"default","Arn":"arn:aws:events:us-east-1:%1$s:event-bus/default"},
                               {"Name":"orders","Arn":"arn:aws:events:us-east-1:%1$s:event-bus/orders"}],
                 "NextToken":"buses-2"}""".formatted(ACCOUNT)));
        events.on("ListEventBuses", call -> answer(events, "ListEventBuses", """
                {"EventBuses":[{"Name":"%s","Arn":"arn:aws:events:us-east-1:%s:event-bus/%1$s"}]}""".formatted(partner, ACCOUNT)));
        events.on("ListRules", call -> {
            String bus = call.body().get("EventBusName").getAsString();
            String name = bus.equals("default")
                    ? "quiet"
                    : "on-" + bus.replace('/', '-').replace('.', '-');
            String arn =
                    "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + (bus.equals("default") ? "" : bus + "/") + name;
            return answer(events, "ListRules", """
                    {"Rules":[{"Name":"%s","Arn":"%s","EventBusName":"%s","State":"ENABLED"}]}""".formatted(name, arn, bus));
        });
        events.on(
                "ListTargetsByRule",
                call -> answer(
                        events,
                        "ListTargetsByRule",
                        "{\"Targets\":["
                                + ecsTarget(
                                        "t",
                                        call.body()
                                                        .get("EventBusName")
                                                        .getAsString()
                                                        .equals("default")
                                                ? "DISABLED"
                                                : "ENABLED")
                                + "]}"));

        Map<String, Verdict> verdicts = scan(RuleParameters.NONE, Set.of(ResourceKind.EVENTS_RULE));

        assertEquals(
                List.of("default", "orders", partner),
                events.calls("ListRules").stream()
                        .map(c -> c.body().get("EventBusName").getAsString())
                        .toList());
        assertEquals(
                "buses-2",
                events.calls("ListEventBuses").get(1).body().get("NextToken").getAsString());
        String onOrders = "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/orders/on-orders";
        assertEquals(
                Compliance.NON_COMPLIANT,
                verdicts.get(onOrders).compliance(),
                verdicts.get(onOrders).annotation());
        assertEquals(
                Compliance.COMPLIANT,
                verdicts.get("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/quiet")
                        .compliance());
        assertEquals(3, verdicts.size());
    }

    @Test
    void rulesAndTargetsAreReadPageByPageFollowingEventBridgesTokens() {
        events.once("ListRules", call -> answer(events, "ListRules", """
                {"Rules":[{"Name":"a","Arn":"arn:aws:events:us-east-1:%s:rule/a","EventBusName":"default"}],
                 "NextToken":"rules-2"}""".formatted(ACCOUNT)));
        events.on("ListRules", call -> answer(events, "ListRules", """
                {"Rules":[{"Name":"b","Arn":"arn:aws:events:us-east-1:%s:rule/b","EventBusName":"default"}]}""".formatted(ACCOUNT)));
        events.on(
                "ListTargetsByRule",
                call -> call.body().has("NextToken")
                        ? answer(events, "ListTargetsByRule", "{\"Targets\":[" + ecsTarget("late", "ENABLED") + "]}")
                        : answer(
                                events,
                                "ListTargetsByRule",
                                "{\"Targets\":[" + ecsTarget("early", null) + "]," + "\"NextToken\":\"targets-2\"}"));

        Map<String, Verdict> verdicts = scan(RuleParameters.NONE, Set.of(ResourceKind.EVENTS_RULE));

        assertEquals(2, verdicts.size());
        assertEquals(
                "rules-2",
                events.calls("ListRules").get(1).body().get("NextToken").getAsString());
        verdicts.values().forEach(v -> assertEquals(Compliance.NON_COMPLIANT, v.compliance(), v.annotation()));
        assertEquals(4, events.calls("ListTargetsByRule").size());
    }

    @Test
    void aScheduleIsJudgedFromItsEcsTargetAndAUniversalRunTaskTargetFromItsInput() {
        scheduler.on("ListSchedules", call -> answer(scheduler, "ListSchedules", """
                {"Schedules":[{"Name":"ci","GroupName":"default"},{"Name":"sdk","GroupName":"ops"},
                              {"Name":"garbled","GroupName":"ops"}]}"""));
        scheduler.on("GetSchedule", call -> {
            String name = call.body().get("Name").getAsString();
            String target = switch (name) {
                case "ci" -> """
                        {"Arn":"%s","RoleArn":"arn:aws:iam::%s:role/s","EcsParameters":{"TaskDefinitionArn":"%s",
                         "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"DISABLED"}}}}""".formatted(CLUSTER, ACCOUNT, TASK_DEFINITION);
                case "sdk" -> """
                        {"Arn":"arn:aws:scheduler:::aws-sdk:ecs:runTask","RoleArn":"arn:aws:iam::%s:role/s",
                         "Input":"{\\"Cluster\\":\\"prod\\",\\"NetworkConfiguration\\":{\\"AwsvpcConfiguration\\":{\\"Subnets\\":[\\"subnet-1\\"],\\"AssignPublicIp\\":\\"ENABLED\\"}}}"}""".formatted(ACCOUNT);
                default -> """
                        {"Arn":"arn:aws:scheduler:::aws-sdk:ecs:runTask","RoleArn":"arn:aws:iam::%s:role/s",
                         "Input":"<aws.scheduler.execution-id>"}""".formatted(ACCOUNT);
            };
            return answer(scheduler, "GetSchedule", """
                    {"Name":"%s","GroupName":"%s","Arn":"arn:aws:scheduler:us-east-1:%s:schedule/%s/%s","Target":%s}""".formatted(
                            name,
                            call.body().get("GroupName").getAsString(),
                            ACCOUNT,
                            call.body().get("GroupName").getAsString(),
                            name,
                            target));
        });

        Map<String, Verdict> verdicts = scan(RuleParameters.NONE, Set.of(ResourceKind.SCHEDULE));

        String prefix = "arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule/";
        assertEquals(Compliance.COMPLIANT, verdicts.get(prefix + "default/ci").compliance());
        assertEquals(Compliance.NON_COMPLIANT, verdicts.get(prefix + "ops/sdk").compliance());
        Verdict garbled = verdicts.get(prefix + "ops/garbled");
        assertEquals(Compliance.NON_COMPLIANT, garbled.compliance(), "input that cannot be read fails closed");
        assertTrue(garbled.annotation().contains("Target.Input"), garbled.annotation());
        assertEquals(
                "ops",
                scheduler.calls("GetSchedule").get(1).body().get("GroupName").getAsString());
    }

    @Test
    void aPipeIsExemptByItsTagAndOneWithoutAnEcsTargetIsNotApplicable() {
        pipes.on("ListPipes", call -> answer(pipes, "ListPipes", """
                {"Pipes":[{"Name":"orders"},{"Name":"to-lambda"}]}"""));
        pipes.on("DescribePipe", call -> {
            String name = call.body().get("Name").getAsString();
            String arn = "arn:aws:pipes:us-east-1:" + ACCOUNT + ":pipe/" + name;
            return answer(
                    pipes,
                    "DescribePipe",
                    name.equals("orders") ? """
                    {"Name":"orders","Arn":"%s","Target":"%s","Tags":{"public-ip-exemption":"SEC-9"},
                     "TargetParameters":{"EcsTaskParameters":{"TaskDefinitionArn":"%s",
                       "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"ENABLED"}}}}}""".formatted(arn, CLUSTER, TASK_DEFINITION) : """
                    {"Name":"to-lambda","Arn":"%s","Target":"arn:aws:lambda:us-east-1:%s:function:f"}""".formatted(arn, ACCOUNT));
        });

        Map<String, Verdict> verdicts = scan(
                RuleParameters.of(Map.of(RuleParameters.EXEMPTION_TAG_KEY, "public-ip-exemption")),
                Set.of(ResourceKind.PIPE));

        Verdict orders = verdicts.get("arn:aws:pipes:us-east-1:" + ACCOUNT + ":pipe/orders");
        assertEquals(Compliance.COMPLIANT, orders.compliance(), orders.annotation());
        assertTrue(orders.exempt(), orders.annotation());
        assertEquals(
                Compliance.NOT_APPLICABLE,
                verdicts.get("arn:aws:pipes:us-east-1:" + ACCOUNT + ":pipe/to-lambda")
                        .compliance());
    }

    @Test
    void aBatchJobDefinitionIsJudgedOnFargateOnlyWhereAnAbsentFlagIsDisabled() {
        batch.on("DescribeJobDefinitions", call -> answer(batch, "DescribeJobDefinitions", """
                {"jobDefinitions":[
                  {"jobDefinitionName":"public","jobDefinitionArn":"arn:aws:batch:us-east-1:%1$s:job-definition/public:2",
                   "revision":2,"type":"container","platformCapabilities":["FARGATE"],
                   "containerProperties":{"image":"r:1","networkConfiguration":{"assignPublicIp":"ENABLED"}}},
                  {"jobDefinitionName":"default","jobDefinitionArn":"arn:aws:batch:us-east-1:%1$s:job-definition/default:1",
                   "revision":1,"type":"container","platformCapabilities":["FARGATE"],"containerProperties":{"image":"r:1"}},
                  {"jobDefinitionName":"ec2","jobDefinitionArn":"arn:aws:batch:us-east-1:%1$s:job-definition/ec2:1",
                   "revision":1,"type":"container","platformCapabilities":["EC2"],"containerProperties":{"image":"r:1"}},
                  {"jobDefinitionName":"tasks","jobDefinitionArn":"arn:aws:batch:us-east-1:%1$s:job-definition/tasks:4",
                   "revision":4,"type":"container","platformCapabilities":["FARGATE"],
                   "ecsProperties":{"taskProperties":[{"containers":[{"image":"a:1"}]},
                     {"containers":[{"image":"b:1"}],"networkConfiguration":{"assignPublicIp":"ENABLED"}}]}}]}""".formatted(ACCOUNT)));

        Map<String, Verdict> verdicts = scan(RuleParameters.NONE, Set.of(ResourceKind.JOB_DEFINITION));

        String prefix = "arn:aws:batch:us-east-1:" + ACCOUNT + ":job-definition/";
        assertEquals(Compliance.NON_COMPLIANT, verdicts.get(prefix + "public:2").compliance());
        assertEquals(Compliance.COMPLIANT, verdicts.get(prefix + "default:1").compliance());
        assertEquals(Compliance.NOT_APPLICABLE, verdicts.get(prefix + "ec2:1").compliance());
        Verdict tasks = verdicts.get(prefix + "tasks:4");
        assertEquals(Compliance.NON_COMPLIANT, tasks.compliance());
        assertTrue(tasks.annotation().contains("taskProperties[1]"), tasks.annotation());
        assertEquals(
                "ACTIVE",
                batch.calls("DescribeJobDefinitions")
                        .get(0)
                        .body()
                        .get("status")
                        .getAsString());
    }

    @Test
    void aStateMachineIsOneVerdictNamingEachPublicRunTaskStateIncludingOnesInsideAMap() {
        String definition = """
                {"StartAt":"Fan","States":{
                  "Fan":{"Type":"Map","ItemProcessor":{"StartAt":"Run","States":{
                    "Run":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync","End":true,
                      "Parameters":{"Cluster":"prod","TaskDefinition":"job",
                        "NetworkConfiguration":{"AwsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"ENABLED"}}}}}},
                    "Next":"Quiet"},
                  "Quiet":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask","End":true,
                    "Parameters":{"Cluster":"prod","TaskDefinition":"job",
                      "NetworkConfiguration":{"AwsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"DISABLED"}}}}}}""";
        String arn = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:etl";
        oneStateMachine(arn, "etl", definition);

        Verdict verdict =
                scan(RuleParameters.NONE, Set.of(ResourceKind.STATE_MACHINE)).get(arn);

        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance(), verdict.annotation());
        assertTrue(verdict.annotation().contains("Run"), verdict.annotation());
        assertTrue(!verdict.annotation().contains("'Quiet'"), verdict.annotation());
    }

    @Test
    void aStateMachineWhoseDefinitionCannotBeReadFailsClosedAndTheScanGoesOn() {
        String arn = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:odd";
        oneStateMachine(arn, "odd", "{\"StartAt\":\"Run\",\"States\":{\"Run\":[]}}");

        Verdict verdict =
                scan(RuleParameters.NONE, Set.of(ResourceKind.STATE_MACHINE)).get(arn);

        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance(), verdict.annotation());
        assertTrue(verdict.annotation().contains("cannot be read"), verdict.annotation());
    }

    /** Step Functions answering with one state machine of this definition. */
    private void oneStateMachine(String arn, String name, String definition) {
        states.on("ListStateMachines", call -> answer(states, "ListStateMachines", """
                {"stateMachines":[{"stateMachineArn":"%s","name":"%s","type":"STANDARD","creationDate":1764633600}]}""".formatted(arn, name)));
        states.on("DescribeStateMachine", call -> {
            JsonObject body = new JsonObject();
            body.addProperty(
                    "stateMachineArn", call.body().get("stateMachineArn").getAsString());
            body.addProperty("name", name);
            body.addProperty("definition", definition);
            body.addProperty("roleArn", "arn:aws:iam::" + ACCOUNT + ":role/sfn");
            body.addProperty("type", "STANDARD");
            body.addProperty("creationDate", 1764633600);
            return answer(states, "DescribeStateMachine", body.toString());
        });
    }

    @Test
    void onlyTheKindsAskedForAreRead() {
        batch.on("DescribeJobDefinitions", call -> answer(batch, "DescribeJobDefinitions", "{\"jobDefinitions\":[]}"));

        assertEquals(0, scanner.scan(Set.of(ResourceKind.JOB_DEFINITION), resource -> {}));

        assertEquals(
                0,
                events.calls().size() + scheduler.calls().size() + pipes.calls().size());
    }

    @Test
    void aPageThatCannotBeReadFailsTheScanInsteadOfPassingItsResources() {
        pipes.on("ListPipes", call -> answer(pipes, "ListPipes", "{\"Pipes\":[{\"Name\":\"orders\"}]}"));
        pipes.on("DescribePipe", call -> Reply.error(500, "InternalException", "try later"));
        List<EcsResource> read = new ArrayList<>();

        assertThrows(SdkException.class, () -> scanner.scan(Set.of(ResourceKind.PIPE), read::add));

        assertEquals(List.of(), read);
        assertTrue(pipes.calls("DescribePipe").size() > 1, "retried by the SDK before failing");
    }
}
