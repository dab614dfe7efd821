package dev.ecspublicip.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

class EcsScannerTest {
    @Test
    void aCodeDeployServicesTaskSetsAreJudgedFromDescribeServicesWithoutDescribeTaskSets() {
        try (EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
                EcsClient client = ecs.client(AwsClients::configure)) {
            ecs.addService(EcsStandIn.serviceJson("prod", "blue", "CODE_DEPLOY"));
            JsonObject publicSet = EcsStandIn.taskSetJson("prod", "blue", "ecs-svc/7", "PRIMARY");
            publicSet.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
            ecs.addTaskSet(publicSet);
            List<EcsResource> found = new ArrayList<>();

            new EcsScanner(client).scan(List.of(), found::add, (cluster, index, total, services, taskSets) -> {});

            assertEquals(2, found.size());
            EcsResource taskSet = found.get(1);
            assertEquals(EcsStandIn.taskSetArn("prod", "blue", "ecs-svc/7"), taskSet.resourceId());
            assertEquals(
                    Compliance.NON_COMPLIANT,
                    Rules.of(RuleParameters.NONE).judge(taskSet).compliance());
            assertEquals(0, ecs.calls("DescribeTaskSets").size());
            ecs.assertNoViolations();
        }
    }
}
