package dev.ecspublicip.testing.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** The stand-in's tasks and deployments, read by the real SDK client and checked against the ECS API model. */
class EcsStandInTasksTest {
    private static final String SERVICE = EcsStandIn.serviceArn("prod", "web");

    private static EcsStandIn standIn() {
        EcsStandIn ecs = new EcsStandIn(new MutableClock(java.time.Instant.parse("2026-12-02T10:00:00Z")));
        JsonHelper.addPublicService(ecs);
        for (int i = 0; i < 150; i++) {
            ecs.addTask(EcsStandIn.taskJson("prod", "t" + i, "service:web", "ecs-svc/1", "subnet-a", "eni-" + i));
        }
        ecs.addTask(EcsStandIn.taskJson("prod", "cron", "family:nightly", "events-rule/nightly", "subnet-a", "eni-c"));
        return ecs;
    }

    @Test
    void listTasksPagesByHundredAndFiltersByServiceName() {
        try (EcsStandIn ecs = standIn();
                EcsClient client = ecs.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            List<String> all = new ArrayList<>();
            client.listTasksPaginator(r -> r.cluster("prod")).taskArns().forEach(all::add);
            List<String> ofService = new ArrayList<>();
            client.listTasksPaginator(r -> r.cluster("prod").serviceName("web"))
                    .taskArns()
                    .forEach(ofService::add);

            assertEquals(151, all.size());
            assertEquals(150, ofService.size());
            assertEquals(2, ecs.calls("ListTasks").size() / 2, "two pages each");
            ecs.assertNoViolations();
        }
    }

    @Test
    void describeTasksAnswersAttachmentsGroupAndStartedByAndFailsUnknownOnesAsMissing() {
        try (EcsStandIn ecs = standIn();
                EcsClient client = ecs.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            DescribeTasksResponse described = client.describeTasks(
                    r -> r.cluster("prod").tasks(EcsStandIn.taskArn("prod", "t1"), EcsStandIn.taskArn("prod", "gone")));

            Task task = described.tasks().get(0);
            assertEquals("service:web", task.group());
            assertEquals("ecs-svc/1", task.startedBy());
            assertEquals("ElasticNetworkInterface", task.attachments().get(0).type());
            assertTrue(task.attachments().get(0).details().stream()
                    .anyMatch(d ->
                            d.name().equals("networkInterfaceId") && d.value().equals("eni-1")));
            assertEquals("MISSING", described.failures().get(0).reason());
            ecs.assertNoViolations();
        }
    }

    @Test
    void moreThanHundredTasksInOneDescribeIsAViolation() {
        try (EcsStandIn ecs = standIn();
                EcsClient client = ecs.client(
                        b -> b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                                .overrideConfiguration(o -> o.retryStrategy(s -> s.maxAttempts(1))))) {
            List<String> arns = new ArrayList<>();
            client.listTasksPaginator(r -> r.cluster("prod")).taskArns().forEach(arns::add);
            assertThrows(
                    RuntimeException.class,
                    () -> client.describeTasks(r -> r.cluster("prod").tasks(arns)));
            assertFalse(ecs.violations().isEmpty());
        }
    }

    @Test
    void aStoppedTaskIsNoLongerListedAndAnUnknownClusterIsNotFound() {
        try (EcsStandIn ecs = standIn();
                EcsClient client = ecs.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            ecs.stopTasksStartedBy("events-rule/nightly");
            List<String> all = new ArrayList<>();
            client.listTasksPaginator(r -> r.cluster("prod")).taskArns().forEach(all::add);

            assertEquals(150, all.size());
            assertThrows(ClusterNotFoundException.class, () -> client.listTasks(r -> r.cluster("nope")));
            ecs.assertNoViolations();
        }
    }

    @Test
    void updateServiceStartsADeploymentThatCompletesOrIsRolledBackToTheLastCompletedOne() {
        try (EcsStandIn ecs = standIn().holdRollouts();
                EcsClient client = ecs.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            client.updateService(r -> r.cluster("prod")
                    .service("web")
                    .networkConfiguration(n ->
                            n.awsvpcConfiguration(a -> a.subnets("subnet-a").assignPublicIp(AssignPublicIp.DISABLED))));
            Service updated = client.describeServices(r -> r.cluster("prod").services("web"))
                    .services()
                    .get(0);
            assertEquals("PRIMARY", updated.deployments().get(0).status());
            assertEquals(
                    DeploymentRolloutState.IN_PROGRESS,
                    updated.deployments().get(0).rolloutState());
            assertEquals("ACTIVE", updated.deployments().get(1).status());

            ecs.rollBack(SERVICE, "ECS deployment circuit breaker: tasks failed to start.");
            Service rolledBack = client.describeServices(r -> r.cluster("prod").services("web"))
                    .services()
                    .get(0);
            Deployment failed = rolledBack.deployments().get(1);
            assertEquals(DeploymentRolloutState.FAILED, failed.rolloutState());
            assertEquals("ECS deployment circuit breaker: tasks failed to start.", failed.rolloutStateReason());
            assertEquals(
                    AssignPublicIp.ENABLED,
                    rolledBack.networkConfiguration().awsvpcConfiguration().assignPublicIp());

            ecs.completeRollout(SERVICE);
            Service completed = client.describeServices(r -> r.cluster("prod").services("web"))
                    .services()
                    .get(0);
            assertEquals(1, completed.deployments().size());
            assertEquals(
                    DeploymentRolloutState.COMPLETED,
                    completed.deployments().get(0).rolloutState());
            ecs.assertNoViolations();
        }
    }

    @Test
    void withoutHeldRolloutsTheDeploymentUpdateServiceStartsIsCompletedAtOnce() {
        try (EcsStandIn ecs = standIn();
                EcsClient client = ecs.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            Service updated = client.updateService(r -> r.cluster("prod")
                            .service("web")
                            .networkConfiguration(n -> n.awsvpcConfiguration(
                                    a -> a.subnets("subnet-a").assignPublicIp(AssignPublicIp.DISABLED))))
                    .service();
            assertEquals(1, updated.deployments().size());
            assertEquals(
                    DeploymentRolloutState.COMPLETED,
                    updated.deployments().get(0).rolloutState());
            ecs.assertNoViolations();
        }
    }

    @Test
    void aCodeDeployServiceIsDescribedWithItsTaskSets() {
        try (EcsStandIn ecs = new EcsStandIn(new MutableClock(java.time.Instant.parse("2026-12-02T10:00:00Z")));
                EcsClient client = ecs.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            ecs.addService(EcsStandIn.serviceJson("prod", "blue", "CODE_DEPLOY"));
            ecs.addTaskSet(EcsStandIn.taskSetJson("prod", "blue", "ecs-svc/7", "PRIMARY"));
            Service service = client.describeServices(r -> r.cluster("prod").services("blue"))
                    .services()
                    .get(0);
            assertEquals("ecs-svc/7", service.taskSets().get(0).id());
            ecs.assertNoViolations();
        }
    }

    /** A public service with one COMPLETED deployment, ecs-svc/1. */
    static final class JsonHelper {
        static void addPublicService(EcsStandIn ecs) {
            com.google.gson.JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
            service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
            com.google.gson.JsonArray deployments = new com.google.gson.JsonArray();
            deployments.add(EcsStandIn.deploymentJson("ecs-svc/1", "PRIMARY", "COMPLETED", null, "ENABLED"));
            service.add("deployments", deployments);
            ecs.addService(service);
        }
    }
}
