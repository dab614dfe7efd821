package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Services and task sets read from CloudFormation properties, before they exist: names, tags and planned ARNs. */
class PlannedResourceTest {
    private static final Optional<String> PREFIX = Optional.of("arn:aws:ecs:eu-west-1:111122223333:");

    @Test
    void aServiceArnIsPlannedFromClusterAndNameUnderTheGivenPrefix() {
        assertEquals(
                Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/prod/web"),
                planned(PREFIX, Optional.of("prod"), "web"));
        assertEquals(
                Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/default/web"),
                planned(PREFIX, Optional.empty(), "web"),
                "ECS's default cluster when none is named");
    }

    @Test
    void aClusterArnGivesItsOwnPartitionRegionAndAccount() {
        assertEquals(
                Optional.of("arn:aws-cn:ecs:cn-north-1:444455556666:service/prod/web"),
                planned(Optional.empty(), Optional.of("arn:aws-cn:ecs:cn-north-1:444455556666:cluster/prod"), "web"));
    }

    @Test
    void aServiceGivenAsAnArnIsThatArn() {
        String arn = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";
        assertEquals(Optional.of(arn), planned(Optional.empty(), Optional.of("other"), arn));
    }

    @Test
    void withoutAPrefixOrWithNamesEcsWouldRefuseThereIsNoArn() {
        assertEquals(Optional.empty(), planned(Optional.empty(), Optional.of("prod"), "web"));
        assertEquals(Optional.empty(), planned(PREFIX, Optional.of("prod"), "${AWS::StackName}-web"));
        assertEquals(Optional.empty(), planned(PREFIX, Optional.of("not a name"), "web"));
        assertEquals(Optional.empty(), planned(Optional.of("not-a-prefix"), Optional.of("prod"), "web"));
    }

    @Test
    void aTaskSetCarriesItsServicesArnAndIsLabelledWithItsLogicalId() {
        JsonObject properties = JsonParser.parseString("""
                {"Cluster": "prod", "Service": "web", "Tags": [{"Key": "team", "Value": "shop"}],
                 "NetworkConfiguration": {"AwsVpcConfiguration": {"AssignPublicIp": "ENABLED", "Subnets": ["subnet-1"]}}}
                """).getAsJsonObject();

        EcsResource taskSet = ConfigurationItemParser.fromResourceProperties(
                "AWS::ECS::TaskSet", "Blue", properties, PREFIX, "Properties");

        assertEquals(ResourceKind.TASK_SET, taskSet.kind());
        assertEquals("Blue", taskSet.resourceId());
        assertEquals(Optional.empty(), taskSet.arn(), "a task set's own ARN is known only once it exists");
        assertEquals(Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/prod/web"), taskSet.serviceArn());
        assertEquals("ECS task set 'Blue' of service 'web'", taskSet.label());
        assertEquals(Map.of("team", "shop"), taskSet.tags());
        assertEquals(Optional.of("ENABLED"), taskSet.awsvpc().orElseThrow().assignPublicIp());
    }

    @Test
    void aServiceWithoutServiceNameIsNamedByItsLogicalIdAndHasNoArn() {
        EcsResource service = ConfigurationItemParser.fromResourceProperties(
                "AWS::ECS::Service",
                "WebService",
                JsonParser.parseString("{\"Cluster\": \"prod\"}").getAsJsonObject(),
                PREFIX,
                "Properties");

        assertEquals(Optional.empty(), service.serviceArn());
        assertEquals("ECS service 'WebService'", service.label());
        assertEquals(Optional.empty(), service.awsvpc());
    }

    private static Optional<String> planned(Optional<String> prefix, Optional<String> cluster, String service) {
        return EcsArn.plannedService(prefix, cluster, service).map(EcsArn::format);
    }
}
