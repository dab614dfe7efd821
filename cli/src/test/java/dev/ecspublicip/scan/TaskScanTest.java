package dev.ecspublicip.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ec2.Ec2StandIn.Route;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@code scan --tasks}' reads against the ECS and EC2 stand-ins: which running tasks hold a public address. */
class TaskScanTest {
    private static final Rules RULES = Rules.of(RuleParameters.NONE);

    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final Ec2StandIn ec2 = new Ec2StandIn();

    @AfterEach
    void close() {
        ecs.close();
        ec2.close();
    }

    private Map<String, Verdict> scan(String... clusters) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        try (EcsClient ecsClient = ecs.client(AwsClients::configure);
                Ec2Client ec2Client = ec2.client(AwsClients::configure)) {
            int read = new TaskScan(ecsClient, ec2Client, 4)
                    .scan(List.of(clusters), task -> verdicts.put(taskId(task), RULES.judge(task)));
            assertEquals(verdicts.size(), read);
        }
        ecs.assertNoViolations();
        ec2.assertNoViolations();
        return verdicts;
    }

    private static String taskId(RunningTask task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private void service(String name, JsonObject... deployments) {
        JsonObject service = EcsStandIn.serviceJson("prod", name, "ECS");
        JsonArray list = new JsonArray();
        for (JsonObject deployment : deployments) {
            list.add(deployment);
        }
        service.add("deployments", list);
        ecs.addService(service);
    }

    private void task(String id, String group, String startedBy, String subnet, String publicIp, String... ipv6) {
        ecs.addTask(EcsStandIn.taskJson("prod", id, group, startedBy, subnet, "eni-" + id));
        ec2.networkInterface("eni-" + id, subnet, "vpc-1", publicIp, ipv6);
    }

    @Test
    void aTaskOfTheOlderDeploymentStillDrainingIsReportedAsSuchAndTheNewOnesAreOnlyCounted() {
        service(
                "web",
                EcsStandIn.deploymentJson("ecs-svc/2", "PRIMARY", "IN_PROGRESS", null, "DISABLED"),
                EcsStandIn.deploymentJson("ecs-svc/1", "ACTIVE", "COMPLETED", null, "ENABLED"));
        task("new", "service:web", "ecs-svc/2", "subnet-a", null);
        task("old", "service:web", "ecs-svc/1", "subnet-a", "203.0.113.7");

        Map<String, Verdict> verdicts = scan("prod");

        assertEquals(Compliance.COMPLIANT, verdicts.get("new").compliance());
        Verdict old = verdicts.get("old");
        assertEquals(Compliance.NON_COMPLIANT, old.compliance());
        assertTrue(old.annotation().contains("public IPv4 203.0.113.7 on eni-old"), old.annotation());
        assertTrue(old.annotation().contains("Group service:web, startedBy ecs-svc/1"), old.annotation());
        assertTrue(old.annotation().contains("older deployment ecs-svc/1 (ACTIVE), still draining"), old.annotation());
    }

    @Test
    void theTasksOfADeploymentRolledBackToAPublicOneArePrimaryAndExposed() {
        service(
                "web",
                EcsStandIn.deploymentJson("ecs-svc/2", "PRIMARY", "IN_PROGRESS", null, "DISABLED"),
                EcsStandIn.deploymentJson("ecs-svc/1", "ACTIVE", "COMPLETED", null, "ENABLED"));
        String arn = EcsStandIn.serviceArn("prod", "web");
        ecs.rollBack(arn, "ECS deployment circuit breaker: tasks failed to start.");
        String rollback = ecs.primaryDeployment(arn).orElseThrow().get("id").getAsString();
        task("back", "service:web", rollback, "subnet-a", "198.51.100.4");

        Verdict verdict = scan("prod").get("back");

        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("PRIMARY deployment " + rollback), verdict.annotation());
    }

    @Test
    void theTasksOfACodeDeployServiceBelongToItsTaskSets() {
        ecs.addService(EcsStandIn.serviceJson("prod", "blue", "CODE_DEPLOY"));
        ecs.addTaskSet(EcsStandIn.taskSetJson("prod", "blue", "ecs-svc/7", "PRIMARY"));
        ecs.addTaskSet(EcsStandIn.taskSetJson("prod", "blue", "ecs-svc/6", "ACTIVE"));
        task("green", "service:blue", "ecs-svc/7", "subnet-a", null);
        task("blue", "service:blue", "ecs-svc/6", "subnet-a", "203.0.113.9");

        Map<String, Verdict> verdicts = scan("prod");

        assertEquals(Compliance.COMPLIANT, verdicts.get("green").compliance());
        assertTrue(verdicts.get("blue").annotation().contains("older deployment ecs-svc/6 (ACTIVE)"));
    }

    @Test
    void aStandaloneTaskWithAPublicIpv4AddressBelongsToNoService() {
        task("cron", "family:nightly", "events-rule/nightly", "subnet-a", "203.0.113.10");

        Verdict verdict = scan("prod").get("cron");

        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("Group family:nightly, startedBy events-rule/nightly, no service"));
        assertEquals(0, ecs.calls("DescribeServices").size());
    }

    @Test
    void anIpv6AddressIsExposedBehindAnInternetGatewayRouteAndNotBehindAnEgressOnlyOne() {
        ec2.routeTable("rtb-pub", "vpc-1", false, List.of("subnet-pub"), Route.ipv6InternetGateway("igw-1"))
                .routeTable("rtb-main", "vpc-1", true, List.of(), Route.ipv6EgressOnly("eigw-1"));
        task("v6pub", "family:api", "ci", "subnet-pub", null, "2600:1f18:1::5");
        task("v6out", "family:api", "ci", "subnet-private", null, "2600:1f18:2::5");

        Map<String, Verdict> verdicts = scan("prod");

        assertEquals(Compliance.NON_COMPLIANT, verdicts.get("v6pub").compliance());
        assertTrue(verdicts.get("v6pub")
                .annotation()
                .contains("IPv6 2600:1f18:1::5 on eni-v6pub (rtb-pub routes ::/0 to igw-1)"));
        assertEquals(
                Compliance.COMPLIANT,
                verdicts.get("v6out").compliance(),
                verdicts.get("v6out").annotation());
    }

    @Test
    void callsAreBatchedToEachApisMaximum() {
        service("web", EcsStandIn.deploymentJson("ecs-svc/1", "PRIMARY", "COMPLETED", null, "DISABLED"));
        for (int i = 0; i < 250; i++) {
            task("t" + i, "service:web", "ecs-svc/1", "subnet-a", null);
        }

        assertEquals(250, scan().size());
        assertEquals(3, ecs.calls("ListTasks").size());
        assertEquals(3, ecs.calls("DescribeTasks").size());
        assertEquals(3, ec2.calls("DescribeNetworkInterfaces").size());
        assertEquals(1, ecs.calls("DescribeServices").size(), "each service once");
    }

    @Test
    void aTaskWhoseNetworkInterfaceCannotBeReadFailsTheScan() {
        task("ok", "family:api", "ci", "subnet-a", null);
        ecs.addTask(EcsStandIn.taskJson("prod", "lost", "family:api", "ci", "subnet-a", "eni-unknown"));
        List<RunningTask> seen = new ArrayList<>();

        try (EcsClient ecsClient = ecs.client(AwsClients::configure);
                Ec2Client ec2Client = ec2.client(AwsClients::configure)) {
            RuntimeException failure = assertThrows(
                    RuntimeException.class,
                    () -> new TaskScan(ecsClient, ec2Client, 4).scan(List.of("prod"), seen::add));
            assertTrue(
                    failure.getMessage().contains("InvalidNetworkInterfaceID.NotFound")
                            || failure.getMessage().contains("eni-unknown"),
                    failure.getMessage());
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void ec2CallsDoNotWaitForTheEcsCallsInFlight() {
        service("web", EcsStandIn.deploymentJson("ecs-svc/1", "PRIMARY", "COMPLETED", null, "DISABLED"));
        task("a", "service:web", "ecs-svc/1", "subnet-a", "203.0.113.9");
        // One call in flight per service: DescribeServices holds the only ECS slot until the page's
        // DescribeNetworkInterfaces has reached EC2, which it can only do on a slot of its own.
        AtomicBoolean ec2ReachedWhileEcsBusy = new AtomicBoolean();
        ecs.beforeEachCall(call -> {
            if (call.operation().equals("DescribeServices")) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (ec2.calls("DescribeNetworkInterfaces").isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                ec2ReachedWhileEcsBusy.set(
                        !ec2.calls("DescribeNetworkInterfaces").isEmpty());
            }
        });
        try (EcsClient ecsClient = ecs.client(AwsClients::configure);
                Ec2Client ec2Client = ec2.client(AwsClients::configure)) {
            assertEquals(1, new TaskScan(ecsClient, ec2Client, 1).scan(List.of("prod"), task -> {}));
        }
        assertTrue(ec2ReachedWhileEcsBusy.get());
    }

    @Test
    void theClustersAreListedAtOnce() {
        for (int i = 0; i < 2; i++) {
            ecs.addTask(EcsStandIn.taskJson("c" + i, "t" + i, "family:job", null, "subnet-a", "eni-t" + i));
            ec2.networkInterface("eni-t" + i, "subnet-a", "vpc-1", null);
        }
        // Each cluster's ListTasks is held until the other's has arrived too: one after the other, the
        // first would wait out its 5 seconds alone.
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        AtomicBoolean together = new AtomicBoolean(true);
        ecs.beforeEachCall(call -> {
            if (call.operation().equals("ListTasks")) {
                both.countDown();
                try {
                    together.compareAndSet(true, both.await(5, java.util.concurrent.TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (EcsClient ecsClient = ecs.client(AwsClients::configure);
                Ec2Client ec2Client = ec2.client(AwsClients::configure)) {
            assertEquals(2, new TaskScan(ecsClient, ec2Client, 4).scan(List.of("c0", "c1"), task -> {}));
        }
        assertTrue(together.get());
    }

    @Test
    void noMoreEcsCallsAreInFlightThanTheBound() {
        for (int i = 0; i < 3; i++) {
            ecs.addService(EcsStandIn.serviceJson("c" + i, "web", "ECS"));
            ecs.addTask(EcsStandIn.taskJson("c" + i, "t" + i, "service:web", "ecs-svc/1", "subnet-a", "eni-t" + i));
            ec2.networkInterface("eni-t" + i, "subnet-a", "vpc-1", null);
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ecs.beforeEachCall(call -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
        });
        try (EcsClient ecsClient = ecs.client(AwsClients::configure);
                Ec2Client ec2Client = ec2.client(AwsClients::configure)) {
            assertEquals(3, new TaskScan(ecsClient, ec2Client, 2).scan(List.of(), task -> {}));
        }
        assertEquals(2, most.get());
    }

    @Test
    void theHttpClientKeepsAConnectionPerCallInFlightUnlessTheUserChoseHowMany() {
        String before = System.getProperty(TaskScan.KEPT_CONNECTIONS);
        try {
            System.clearProperty(TaskScan.KEPT_CONNECTIONS);
            TaskScan.keepConnections();
            assertEquals(String.valueOf(TaskScan.IN_FLIGHT), System.getProperty(TaskScan.KEPT_CONNECTIONS));

            System.setProperty(TaskScan.KEPT_CONNECTIONS, "3");
            TaskScan.keepConnections();
            assertEquals("3", System.getProperty(TaskScan.KEPT_CONNECTIONS));
        } finally {
            if (before == null) {
                System.clearProperty(TaskScan.KEPT_CONNECTIONS);
            } else {
                System.setProperty(TaskScan.KEPT_CONNECTIONS, before);
            }
        }
    }
}
