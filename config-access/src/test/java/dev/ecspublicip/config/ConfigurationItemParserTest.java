package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationItemParserTest {

    @Test
    void readsTaskSetCapitalVPath() {
        EcsResource resource = parse("AWS::ECS::TaskSet",
                "{\"NetworkConfiguration\":{\"AwsVpcConfiguration\":{\"AssignPublicIp\":\"ENABLED\","
                        + "\"Subnets\":[\"subnet-1\"],\"SecurityGroups\":[\"sg-1\"]}}}");
        assertEquals(Optional.of(new AwsvpcNetwork(Optional.of("ENABLED"), List.of("subnet-1"), List.of("sg-1"))),
                resource.awsvpc());
    }

    @Test
    void readsConfigurationGivenAsJsonStringLikeTheConfigApi() {
        JsonObject item = item("AWS::ECS::Service", null);
        item.addProperty("configuration",
                "{\"networkConfiguration\":{\"awsvpcConfiguration\":{\"assignPublicIp\":\"DISABLED\"}}}");
        assertEquals(Optional.of("DISABLED"),
                ConfigurationItemParser.parse(item, "item").resource().awsvpc().get().assignPublicIp());
    }

    @Test
    void whenTwoSpellingsDisagreeTheMorePublicOneIsJudged() {
        EcsResource resource = parse("AWS::ECS::Service",
                "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"AssignPublicIp\":\"DISABLED\"},"
                        + "\"awsvpcConfiguration\":{\"assignPublicIp\":\"ENABLED\"}}}");
        assertEquals(Optional.of("ENABLED"), resource.awsvpc().get().assignPublicIp());
    }

    @Test
    void nullAwsvpcBlockMeansNoAwsvpcConfiguration() {
        EcsResource resource = parse("AWS::ECS::Service", "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":null}}");
        assertEquals(Optional.empty(), resource.awsvpc());
    }

    @Test
    void tagsComeFromTheItemAndFromTheConfigurationsTagList() {
        JsonObject item = item("AWS::ECS::Service",
                "{\"Tags\":[{\"Key\":\"exempt\",\"Value\":\"from configuration\"}]}");
        item.add("tags", JsonParser.parseString("{\"team\":\"edge\"}"));
        assertEquals(Map.of("team", "edge", "exempt", "from configuration"),
                ConfigurationItemParser.parse(item, "item").resource().tags());
    }

    @Test
    void otherTypesAreNotReadBeyondTheirIdentity() {
        JsonObject item = item("AWS::EC2::Instance", "{\"NetworkConfiguration\":\"not even an object\"}");
        EcsResource resource = ConfigurationItemParser.parse(item, "item").resource();
        assertEquals(ResourceKind.OTHER, resource.kind());
        assertEquals("i-123", resource.resourceId());
    }

    @Test
    void captureTimeWithOffsetIsAccepted() {
        JsonObject item = item("AWS::ECS::Service", "{}");
        item.addProperty("configurationItemCaptureTime", "2026-11-20T15:03:27.518+01:00");
        assertEquals(Instant.parse("2026-11-20T14:03:27.518Z"), ConfigurationItemParser.parse(item, "item").captureTime());
    }

    @Test
    void subnetsOfTheWrongTypeAreNamed() {
        BadInputException error = assertThrows(BadInputException.class, () -> parse("AWS::ECS::Service",
                "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"Subnets\":\"subnet-1\"}}}"));
        assertEquals("item.configuration.NetworkConfiguration.AwsvpcConfiguration.Subnets", error.field());
    }

    @Test
    void recordedTaskSetNamesItsClusterServiceAndId() {
        EcsResource resource = parse("AWS::ECS::TaskSet",
                "{\"Cluster\":\"prod\",\"Service\":\"web\",\"Id\":\"ecs-svc/123\"}");
        assertEquals(new EcsLocation(Optional.of("prod"), Optional.of("web"), Optional.of("ecs-svc/123")),
                resource.location());
    }

    @Test
    void recordedServiceNamesItsClusterAndServiceArn() {
        EcsResource resource = parse("AWS::ECS::Service",
                "{\"Cluster\":\"arn:aws:ecs:us-east-1:123456789012:cluster/prod\",\"ServiceName\":\"web\","
                        + "\"ServiceArn\":\"arn:aws:ecs:us-east-1:123456789012:service/prod/web\"}");
        assertEquals(new EcsLocation(Optional.of("arn:aws:ecs:us-east-1:123456789012:cluster/prod"),
                Optional.of("arn:aws:ecs:us-east-1:123456789012:service/prod/web"), Optional.empty()), resource.location());
    }

    private static EcsResource parse(String type, String configuration) {
        return ConfigurationItemParser.parse(item(type, configuration), "item").resource();
    }

    private static JsonObject item(String type, String configuration) {
        JsonObject item = new JsonObject();
        item.addProperty("resourceType", type);
        item.addProperty("resourceId", type.equals("AWS::EC2::Instance") ? "i-123" : "id-1");
        item.addProperty("configurationItemStatus", "OK");
        item.addProperty("configurationItemCaptureTime", "2026-11-20T14:03:27.518Z");
        if (configuration != null) {
            item.add("configuration", JsonParser.parseString(configuration));
        }
        return item;
    }
}
