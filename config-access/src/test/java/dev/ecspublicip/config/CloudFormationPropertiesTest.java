package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Services and task sets read from CloudFormation properties, before they exist: names, tags, planned ARNs, values known only at deployment. */
class CloudFormationPropertiesTest {
    private static final Optional<AwsLocation> STACK = Optional.of(new AwsLocation("aws", "eu-west-1", "111122223333"));

    @Test
    void aTaskSetCarriesItsServicesArnAndIsLabelledWithItsLogicalId() {
        EcsResource taskSet =
                CloudFormationProperties.read("AWS::ECS::TaskSet", "Blue", json("""
                        {"Cluster": "prod", "Service": "web", "Tags": [{"Key": "team", "Value": "shop"}],
                         "NetworkConfiguration": {"AwsVpcConfiguration": {"AssignPublicIp": "ENABLED", "Subnets": ["subnet-1"]}}}
                        """), STACK, "Properties");

        assertEquals(ResourceKind.TASK_SET, taskSet.kind());
        assertEquals("Blue", taskSet.resourceId());
        assertEquals(Optional.empty(), taskSet.arn(), "a task set's own ARN is known only once it exists");
        assertEquals(Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/prod/web"), taskSet.serviceArn());
        assertEquals("ECS task set 'Blue' of service 'web'", taskSet.label());
        assertEquals(Map.of("team", "shop"), taskSet.tags());
        assertEquals(
                Optional.of(new AwsvpcNetwork(Optional.of("ENABLED"), List.of("subnet-1"), List.of())),
                taskSet.awsvpc());
    }

    @Test
    void aServiceWithoutServiceNameIsNamedByItsLogicalIdAndHasNoArn() {
        EcsResource service = CloudFormationProperties.read(
                "AWS::ECS::Service", "WebService", json("{\"Cluster\": \"prod\"}"), STACK, "Properties");

        assertEquals(Optional.empty(), service.serviceArn());
        assertEquals("ECS service 'WebService'", service.label());
        assertEquals(Optional.empty(), service.awsvpc());
    }

    @Test
    void aServiceNamedWithoutAStackLocationHasNoArnUnlessItsClusterIsAnArn() {
        assertEquals(
                Optional.empty(),
                CloudFormationProperties.read(
                                "AWS::ECS::Service",
                                "Web",
                                json("{\"Cluster\": \"prod\", \"ServiceName\": \"web\"}"),
                                Optional.empty(),
                                "Properties")
                        .serviceArn());
        assertEquals(
                Optional.of("arn:aws-cn:ecs:cn-north-1:444455556666:service/prod/web"),
                CloudFormationProperties.read(
                                "AWS::ECS::Service",
                                "Web",
                                json("{\"Cluster\": \"arn:aws-cn:ecs:cn-north-1:444455556666:cluster/prod\","
                                        + " \"ServiceName\": \"web\"}"),
                                Optional.empty(),
                                "Properties")
                        .serviceArn());
    }

    @Test
    void itReadsOnlyTheNetworkConfigurationTheNamesAndTheTagsInAnyAsciiCase() {
        for (String name :
                List.of("NetworkConfiguration", "networkConfiguration", "Tags", "ServiceName", "Cluster", "Service")) {
            assertTrue(CloudFormationProperties.reads(name), name);
        }
        for (String name : List.of("TaskDefinition", "DesiredCount", "LaunchType", "Ta\u0261s")) {
            assertFalse(CloudFormationProperties.reads(name), name);
        }
    }

    @Test
    void resolvedPropertiesHoldNoUnresolvedValueWhateverTheyLookLike() {
        EcsResource service = CloudFormationProperties.read(
                "AWS::ECS::Service",
                "Web",
                json(
                        "{\"NetworkConfiguration\": {\"AwsvpcConfiguration\": {\"AssignPublicIp\": \"Fn::ImportValue\"}}}"),
                STACK,
                "Properties");
        assertEquals(
                Optional.of("Fn::ImportValue"), service.awsvpc().orElseThrow().assignPublicIp());
        assertEquals(Optional.empty(), service.awsvpc().orElseThrow().unresolved());
    }

    @Test
    void anAssignPublicIpKnownOnlyAtDeploymentIsUnresolvedNamedAsSpelledWithTheKnownSubnets() {
        AwsvpcNetwork network = template("""
                        {"NetworkConfiguration": {"AwsVpcConfiguration": {
                          "assignPublicIp": {"Fn::ImportValue": "shared"},
                          "Subnets": ["subnet-1", {"Fn::GetAtt": ["Net", "Subnet"]}], "SecurityGroups": {"Ref": "Groups"}}}}
                        """).awsvpc().orElseThrow();
        assertEquals(
                Optional.of(new UnresolvedValue("assignPublicIp", "set by Fn::ImportValue, known only at deployment")),
                network.unresolved());
        assertEquals(Optional.empty(), network.assignPublicIp());
        assertEquals(List.of("subnet-1"), network.subnets(), "what is known only at deployment is left out");
        assertEquals(List.of(), network.securityGroups());
    }

    @Test
    void aNetworkConfigurationOrAwsvpcBlockKnownOnlyAtDeploymentIsUnresolvedByName() {
        assertEquals(
                Optional.of(
                        new UnresolvedValue("NetworkConfiguration", "set by Fn::FindInMap, known only at deployment")),
                template("{\"NetworkConfiguration\": {\"Fn::FindInMap\": [\"Networks\", \"eu\", \"web\"]}}")
                        .awsvpc()
                        .orElseThrow()
                        .unresolved());
        assertEquals(
                Optional.of(new UnresolvedValue("AwsVpcConfiguration", "set by Ref Network, known only at deployment")),
                template("{\"NetworkConfiguration\": {\"AwsVpcConfiguration\": {\"Ref\": \"Network\"}}}")
                        .awsvpc()
                        .orElseThrow()
                        .unresolved());
    }

    @Test
    void anUnresolvedSpellingIsMorePublicThanAnyValueBesideIt() {
        AwsvpcNetwork network = template("""
                        {"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"},
                                                  "awsvpcConfiguration": {"AssignPublicIp": {"Ref": "Public"}}}}
                        """).awsvpc().orElseThrow();
        assertEquals("AssignPublicIp", network.unresolved().orElseThrow().property());
    }

    @Test
    void namesAndTagKeysKnownOnlyAtDeploymentNameAndExemptNothingAndTagValuesSaySo() {
        EcsResource service = template("""
                {"Cluster": "prod", "ServiceName": {"Fn::Sub": "${AWS::StackName}-web"},
                 "Tags": [{"Key": {"Ref": "TagKey"}, "Value": "x"}, {"Key": "why", "Value": {"Fn::ImportValue": "ticket"}},
                          {"Fn::If": ["Tagged", {"Key": "a", "Value": "b"}, {"Ref": "AWS::NoValue"}]}]}
                """);
        assertEquals(Optional.empty(), service.name());
        assertEquals(Optional.empty(), service.serviceArn());
        assertEquals(Map.of("why", "(set by Fn::ImportValue at deployment)"), service.tags());
    }

    @Test
    void propertiesOfTheWrongShapeAreBadInputNamingTheirPath() {
        BadInputException network =
                assertThrows(BadInputException.class, () -> template("{\"NetworkConfiguration\": \"private\"}"));
        assertEquals("Properties.NetworkConfiguration", network.field());
        BadInputException tag = assertThrows(BadInputException.class, () -> template("{\"Tags\": [\"team=shop\"]}"));
        assertEquals("Properties.Tags[0]", tag.field());
    }

    @Test
    void otherTypesAreKnownOnlyByTheirKey() {
        EcsResource bucket = CloudFormationProperties.read(
                "AWS::S3::Bucket", "Logs", json("{\"NetworkConfiguration\": 1}"), STACK, "Properties");
        assertEquals(ResourceKind.OTHER, bucket.kind());
        assertEquals("Logs", bucket.resourceId());
    }

    /** A template's service, an intrinsic (a one-key object {@code Ref} or {@code Fn::...}) being known only at deployment. */
    private static EcsResource template(String properties) {
        return CloudFormationProperties.readTemplate(
                "AWS::ECS::Service",
                "Web",
                json(properties),
                STACK,
                "Properties",
                CloudFormationPropertiesTest::intrinsic);
    }

    private static Optional<String> intrinsic(JsonElement value) {
        if (!value.isJsonObject() || value.getAsJsonObject().size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, JsonElement> only =
                value.getAsJsonObject().entrySet().iterator().next();
        if (only.getKey().equals("Ref")) {
            return Optional.of("Ref " + only.getValue().getAsString());
        }
        return only.getKey().startsWith("Fn::") ? Optional.of(only.getKey()) : Optional.empty();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
