package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        EcsResource resource = parse(
                "AWS::ECS::TaskSet",
                "{\"NetworkConfiguration\":{\"AwsVpcConfiguration\":{\"AssignPublicIp\":\"ENABLED\","
                        + "\"Subnets\":[\"subnet-1\"],\"SecurityGroups\":[\"sg-1\"]}}}");
        assertEquals(
                Optional.of(new AwsvpcNetwork(Optional.of("ENABLED"), List.of("subnet-1"), List.of("sg-1"))),
                resource.awsvpc());
    }

    @Test
    void readsConfigurationGivenAsJsonStringLikeTheConfigApi() {
        JsonObject item = item("AWS::ECS::Service", null);
        item.addProperty(
                "configuration",
                "{\"networkConfiguration\":{\"awsvpcConfiguration\":{\"assignPublicIp\":\"DISABLED\"}}}");
        assertEquals(
                Optional.of("DISABLED"),
                ConfigurationItemParser.parse(item, "item")
                        .resource()
                        .awsvpc()
                        .get()
                        .assignPublicIp());
    }

    @Test
    void whenTwoSpellingsDisagreeTheMorePublicOneIsJudged() {
        EcsResource resource = parse(
                "AWS::ECS::Service",
                "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"AssignPublicIp\":\"DISABLED\"},"
                        + "\"awsvpcConfiguration\":{\"assignPublicIp\":\"ENABLED\"}}}");
        assertEquals(Optional.of("ENABLED"), resource.awsvpc().get().assignPublicIp());
    }

    @Test
    void whenNetworkConfigurationSpellingsDisagreeTheMorePublicOneIsJudgedInEitherOrder() {
        String disabled = "\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"AssignPublicIp\":\"DISABLED\"}}";
        String enabled = "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"assignPublicIp\":\"ENABLED\"}}";
        assertEquals(
                Optional.of("ENABLED"),
                parse("AWS::ECS::Service", "{" + disabled + "," + enabled + "}")
                        .awsvpc()
                        .get()
                        .assignPublicIp());
        assertEquals(
                Optional.of("ENABLED"),
                parse("AWS::ECS::Service", "{" + enabled + "," + disabled + "}")
                        .awsvpc()
                        .get()
                        .assignPublicIp());
    }

    @Test
    void whenAssignPublicIpSpellingsDisagreeTheMorePublicOneIsJudged() {
        for (String block : List.of(
                "{\"AssignPublicIp\":\"DISABLED\",\"assignPublicIp\":\"ENABLED\"}",
                "{\"assignPublicIp\":\"ENABLED\",\"AssignPublicIp\":\"DISABLED\"}",
                "{\"assignPublicIp\":null,\"AssignPublicIp\":\"ENABLED\"}")) {
            EcsResource resource =
                    parse("AWS::ECS::Service", "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":" + block + "}}");
            assertEquals(Optional.of("ENABLED"), resource.awsvpc().get().assignPublicIp(), block);
        }
        EcsResource empty = parse(
                "AWS::ECS::Service",
                "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"AssignPublicIp\":\"DISABLED\",\"assignPublicIp\":\"\"}}}");
        assertEquals(Optional.of(""), empty.awsvpc().get().assignPublicIp());
    }

    @Test
    void anEmptyAssignPublicIpIsAValueNotAnAbsence() {
        EcsResource resource = parse(
                "AWS::ECS::Service", "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"AssignPublicIp\":\"\"}}}");
        assertEquals(Optional.of(""), resource.awsvpc().get().assignPublicIp());
    }

    @Test
    void propertyNamesMatchInAsciiCaseOnly() {
        // "AwsvpcConfiguratıon" (dotless i) is no spelling of AwsvpcConfiguration.
        EcsResource resource = parse(
                "AWS::ECS::Service",
                "{\"NetworkConfiguration\":{\"AwsvpcConfigurat\u0131on\":{\"AssignPublicIp\":\"ENABLED\"}}}");
        assertEquals(Optional.empty(), resource.awsvpc());
    }

    @Test
    void twoSpellingsOfAnotherPropertyThatDisagreeAreBadInput() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> parse("AWS::ECS::Service", "{\"ServiceName\":\"web\",\"serviceName\":\"api\"}"));
        assertEquals(
                "item.configuration.ServiceName: disagrees with item.configuration.serviceName; cannot tell which"
                        + " one to read",
                error.getMessage());
        assertEquals(
                "web",
                parse("AWS::ECS::Service", "{\"ServiceName\":\"web\",\"serviceName\":\"web\"}")
                        .name()
                        .orElseThrow());
    }

    @Test
    void aDuplicateKeyInTheConfigurationStringOfTheConfigApiIsBadInputNamingItsPath() {
        JsonObject item = item("AWS::ECS::Service", null);
        item.addProperty(
                "configuration",
                "{\"networkConfiguration\":{\"awsvpcConfiguration\":"
                        + "{\"assignPublicIp\":\"ENABLED\",\"assignPublicIp\":\"DISABLED\"}}}");
        BadInputException error =
                assertThrows(BadInputException.class, () -> ConfigurationItemParser.parse(item, "item"));
        assertEquals(
                "item.configuration.networkConfiguration.awsvpcConfiguration.assignPublicIp: duplicate key",
                error.getMessage());
    }

    @Test
    void resourceIdAndTypeLongerThanConfigAcceptsAreBadInput() {
        JsonObject item = item("AWS::ECS::Service", "{}");
        item.addProperty("resourceId", "i".repeat(768));
        assertEquals(
                "i".repeat(768),
                ConfigurationItemParser.parse(item, "item").resource().key().resourceId());
        item.addProperty("resourceId", "i".repeat(769));
        BadInputException id = assertThrows(BadInputException.class, () -> ConfigurationItemParser.parse(item, "item"));
        assertEquals("item.resourceId", id.field());
        assertTrue(id.getMessage().endsWith("…' (769 characters)"), id.getMessage());
        JsonObject typed = item("X".repeat(257), null);
        BadInputException type =
                assertThrows(BadInputException.class, () -> ConfigurationItemParser.parse(typed, "item"));
        assertEquals("item.resourceType", type.field());
    }

    @Test
    void aCaptureTimeBefore2006IsBadInput() {
        JsonObject item = item("AWS::ECS::Service", "{}");
        item.addProperty("configurationItemCaptureTime", "2005-12-31T23:59:59Z");
        BadInputException error =
                assertThrows(BadInputException.class, () -> ConfigurationItemParser.parse(item, "item"));
        assertEquals(
                "item.configurationItemCaptureTime: is '2005-12-31T23:59:59Z', before 2006-01-01T00:00:00Z; no AWS"
                        + " record is that old",
                error.getMessage());
    }

    @Test
    void nullAwsvpcBlockMeansNoAwsvpcConfiguration() {
        EcsResource resource = parse("AWS::ECS::Service", "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":null}}");
        assertEquals(Optional.empty(), resource.awsvpc());
    }

    @Test
    void tagsComeFromTheItemAndFromTheConfigurationsTagList() {
        JsonObject item =
                item("AWS::ECS::Service", "{\"Tags\":[{\"Key\":\"exempt\",\"Value\":\"from configuration\"}]}");
        item.add("tags", JsonParser.parseString("{\"team\":\"edge\"}"));
        assertEquals(
                Map.of("team", "edge", "exempt", "from configuration"),
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
        assertEquals(
                Instant.parse("2026-11-20T14:03:27.518Z"),
                ConfigurationItemParser.parse(item, "item").captureTime());
    }

    @Test
    void subnetsOfTheWrongTypeAreNamed() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> parse(
                        "AWS::ECS::Service",
                        "{\"NetworkConfiguration\":{\"AwsvpcConfiguration\":{\"Subnets\":\"subnet-1\"}}}"));
        assertEquals("item.configuration.NetworkConfiguration.AwsvpcConfiguration.Subnets", error.field());
    }

    @Test
    void recordedTaskSetNamesItsClusterServiceAndId() {
        EcsResource resource =
                parse("AWS::ECS::TaskSet", "{\"Cluster\":\"prod\",\"Service\":\"web\",\"Id\":\"ecs-svc/123\"}");
        assertEquals(
                new EcsLocation(Optional.of("prod"), Optional.of("web"), Optional.of("ecs-svc/123")),
                resource.location());
    }

    @Test
    void recordedServiceNamesItsClusterAndServiceArn() {
        EcsResource resource = parse(
                "AWS::ECS::Service",
                "{\"Cluster\":\"arn:aws:ecs:us-east-1:123456789012:cluster/prod\",\"ServiceName\":\"web\","
                        + "\"ServiceArn\":\"arn:aws:ecs:us-east-1:123456789012:service/prod/web\"}");
        assertEquals(
                new EcsLocation(
                        Optional.of("arn:aws:ecs:us-east-1:123456789012:cluster/prod"),
                        Optional.of("arn:aws:ecs:us-east-1:123456789012:service/prod/web"),
                        Optional.empty()),
                resource.location());
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
