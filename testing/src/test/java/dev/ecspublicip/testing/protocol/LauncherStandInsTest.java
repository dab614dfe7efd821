package dev.ecspublicip.testing.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.pipes.PipesClient;
import software.amazon.awssdk.services.pipes.model.DescribePipeResponse;
import software.amazon.awssdk.services.pipes.model.PipeState;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;

/**
 * The stand-ins of the services that launch ECS tasks, driven by the real SDK clients (the versions the
 * CLI ships): each request is routed and read as its service reads it (a JSON target, or a REST method,
 * URI and query string), checked against the API model, and answered with a body the model allows.
 */
class LauncherStandInsTest {
    private static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
    private static final String TASK_DEFINITION = "arn:aws:ecs:us-east-1:123456789012:task-definition/job:3";

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    /** An answer the service could give: a body outside the operation's output shape fails the test. */
    private static Reply answer(JsonProtocolStandIn standIn, String operation, String body) {
        List<String> problems = standIn.model().validateOutput(operation, json(body));
        assertEquals(List.of(), problems, operation + " answer outside the model");
        return Reply.ok(json(body));
    }

    private static <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
                    C>
            C client(B builder, JsonProtocolStandIn standIn) {
        return StandInClients.client(builder, b -> b.httpClient(UrlConnectionHttpClient.create()), standIn.endpoint());
    }

    @Test
    void eventBridgeTargetsAreListedByRuleWithTheirEcsNetworkConfiguration() {
        try (JsonProtocolStandIn events = new JsonProtocolStandIn("events")) {
            events.on(
                    "ListTargetsByRule",
                    call -> answer(events, "ListTargetsByRule", """
                    {"Targets":[{"Id":"nightly","Arn":"%s",
                      "EcsParameters":{"TaskDefinitionArn":"%s","LaunchType":"FARGATE",
                        "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"ENABLED"}}}}]}
                    """.formatted(CLUSTER, TASK_DEFINITION)));
            EventBridgeClient client = client(EventBridgeClient.builder(), events);

            List<Target> targets =
                    client.listTargetsByRule(r -> r.rule("nightly-job")).targets();

            assertEquals(
                    "ENABLED",
                    targets.get(0)
                            .ecsParameters()
                            .networkConfiguration()
                            .awsvpcConfiguration()
                            .assignPublicIpAsString());
            assertEquals(
                    "nightly-job",
                    events.calls("ListTargetsByRule").get(0).body().get("Rule").getAsString());
            events.assertNoViolations();
        }
    }

    @Test
    void aSchedulesNameTravelsInTheUriAndItsGroupInTheQueryString() {
        try (JsonProtocolStandIn scheduler = new JsonProtocolStandIn("scheduler")) {
            scheduler.on(
                    "GetSchedule",
                    call -> answer(scheduler, "GetSchedule", """
                    {"Name":"%s","GroupName":"%s","Target":{"Arn":"%s","RoleArn":"arn:aws:iam::123456789012:role/s",
                      "EcsParameters":{"TaskDefinitionArn":"%s",
                        "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"DISABLED"}}}}}
                    """.formatted(
                                    call.body().get("Name").getAsString(),
                                    call.body().get("GroupName").getAsString(),
                                    CLUSTER,
                                    TASK_DEFINITION)));
            SchedulerClient client = client(SchedulerClient.builder(), scheduler);

            GetScheduleResponse schedule =
                    client.getSchedule(r -> r.name("ci run/1").groupName("ci"));

            assertEquals("ci run/1", schedule.name());
            assertEquals("ci", schedule.groupName());
            assertEquals(
                    "DISABLED",
                    schedule.target()
                            .ecsParameters()
                            .networkConfiguration()
                            .awsvpcConfiguration()
                            .assignPublicIpAsString());
            scheduler.assertNoViolations();
        }
    }

    @Test
    void aPipeIsDescribedByNameAndListedPageByPage() {
        try (JsonProtocolStandIn pipes = new JsonProtocolStandIn("pipes")) {
            pipes.once("ListPipes", call -> answer(pipes, "ListPipes", """
                    {"Pipes":[{"Name":"orders","CurrentState":"RUNNING"}],"NextToken":"page-2"}"""));
            pipes.on("ListPipes", call -> answer(pipes, "ListPipes", """
                    {"Pipes":[{"Name":"refunds","CurrentState":"STOPPED"}]}"""));
            pipes.on(
                    "DescribePipe",
                    call -> answer(pipes, "DescribePipe", """
                    {"Name":"%s","CurrentState":"RUNNING","TargetParameters":{"EcsTaskParameters":{
                      "TaskDefinitionArn":"%s",
                      "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"ENABLED"}}}}}
                    """.formatted(
                                    call.body().get("Name").getAsString(), TASK_DEFINITION)));
            PipesClient client = client(PipesClient.builder(), pipes);

            List<String> names = client.listPipesPaginator(r -> r.limit(1)).pipes().stream()
                    .map(p -> p.name())
                    .toList();
            DescribePipeResponse pipe = client.describePipe(r -> r.name("orders"));

            assertEquals(List.of("orders", "refunds"), names);
            assertEquals(
                    "page-2",
                    pipes.calls("ListPipes").get(1).body().get("NextToken").getAsString());
            assertEquals(PipeState.RUNNING, pipe.currentState());
            assertEquals(
                    "ENABLED",
                    pipe.targetParameters()
                            .ecsTaskParameters()
                            .networkConfiguration()
                            .awsvpcConfiguration()
                            .assignPublicIpAsString());
            pipes.assertNoViolations();
        }
    }

    @Test
    void stateMachinesAreDescribedWithTheirDefinition() {
        try (JsonProtocolStandIn sfn = new JsonProtocolStandIn("stepfunctions")) {
            sfn.on(
                    "DescribeStateMachine",
                    call -> answer(sfn, "DescribeStateMachine", """
                    {"stateMachineArn":"%s","name":"etl","definition":"{\\"StartAt\\":\\"Run\\",\\"States\\":{}}",
                     "roleArn":"arn:aws:iam::123456789012:role/sfn","type":"STANDARD","creationDate":1764633600}
                    """.formatted(
                                    call.body().get("stateMachineArn").getAsString())));
            SfnClient client = client(SfnClient.builder(), sfn);

            DescribeStateMachineResponse machine = client.describeStateMachine(
                    r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:etl"));

            assertTrue(machine.definition().contains("\"StartAt\""), machine.definition());
            sfn.assertNoViolations();
        }
    }

    @Test
    void batchJobDefinitionsAreAskedForByStatusInTheBody() {
        try (JsonProtocolStandIn batch = new JsonProtocolStandIn("batch")) {
            batch.on("DescribeJobDefinitions", call -> answer(batch, "DescribeJobDefinitions", """
                    {"jobDefinitions":[{"jobDefinitionName":"report","jobDefinitionArn":"arn:aws:batch:us-east-1:123456789012:job-definition/report:2",
                      "revision":2,"type":"container","status":"ACTIVE","platformCapabilities":["FARGATE"],
                      "containerProperties":{"image":"report:1","networkConfiguration":{"assignPublicIp":"ENABLED"}}}]}
                    """));
            BatchClient client = client(BatchClient.builder(), batch);

            List<JobDefinition> definitions =
                    client.describeJobDefinitions(r -> r.status("ACTIVE")).jobDefinitions();

            assertEquals(
                    "ENABLED",
                    definitions
                            .get(0)
                            .containerProperties()
                            .networkConfiguration()
                            .assignPublicIpAsString());
            assertEquals(
                    "ACTIVE",
                    batch.calls("DescribeJobDefinitions")
                            .get(0)
                            .body()
                            .get("status")
                            .getAsString());
            batch.assertNoViolations();
        }
    }

    @Test
    void aRestRequestToNoOperationOfTheModelIsRefusedAndRecorded() throws Exception {
        try (JsonProtocolStandIn pipes = new JsonProtocolStandIn("pipes")) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            pipes.endpoint().resolve("/v2/pipes"))
                                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=x")
                                    .GET()
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());

            assertEquals(404, response.statusCode());
            assertThrows(AssertionError.class, pipes::assertNoViolations);
        }
    }
}
