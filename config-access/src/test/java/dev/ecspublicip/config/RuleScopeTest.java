package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.NoSuchConfigRuleException;

class RuleScopeTest {
    private static final String RULE = "ecs-public-ip";
    private static final String PARAMETERS = "{\"ExemptionTagKey\":\"public-ip-exempt\"}";

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();
    private final ConfigClient client = config.client(AwsClients::configure);

    @AfterEach
    void close() {
        config.assertNoViolations();
        client.close();
        config.close();
    }

    @Test
    void theTypesAndParametersOfTheRuleAsConfigDescribesIt() {
        config.rule(RULE, List.of("AWS::ECS::TaskSet"), PARAMETERS);

        assertEquals(
                new RuleScope(List.of("AWS::ECS::TaskSet"), Optional.empty(), Optional.of(PARAMETERS)),
                RuleScope.describe(client, RULE));
    }

    @Test
    void aRuleWithoutTypesIsSweptForBothEcsTypes() {
        config.rule(RULE, List.of(), null);

        RuleScope scope = RuleScope.describe(client, RULE);

        assertEquals(RuleScope.ECS_TYPES, scope.resourceTypes());
        assertEquals(List.of("AWS::ECS::Service", "AWS::ECS::TaskSet"), scope.resourceTypes());
        assertEquals(Optional.empty(), scope.inputParameters());
    }

    @Test
    void aRuleScopedToOneResourceNamesIt() {
        config.rule(rule(scope(
                "AWS::ECS::Service",
                "ComplianceResourceId",
                "arn:aws:ecs:us-east-1:123456789012:service/prod/web|prod")));

        assertEquals(
                Optional.of("arn:aws:ecs:us-east-1:123456789012:service/prod/web|prod"),
                RuleScope.describe(client, RULE).resourceId());
    }

    @Test
    void aRuleScopedByTagCannotBeSwept() {
        config.rule(rule(scope(null, "TagKey", "team")));

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> RuleScope.describe(client, RULE));

        assertTrue(failure.getMessage().contains("is scoped by tag (team)"), failure.getMessage());
    }

    @Test
    void aRuleConfigDoesNotDescribeIsAnAwsFailure() {
        JsonObject none = new JsonObject();
        none.add("ConfigRules", new JsonArray());
        config.on("DescribeConfigRules", call -> Reply.ok(none));

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> RuleScope.describe(client, RULE));

        assertEquals("AWS Config did not describe the rule '" + RULE + "'", failure.getMessage());
    }

    @Test
    void anUnknownRuleIsConfigsOwnError() {
        assertThrows(NoSuchConfigRuleException.class, () -> RuleScope.describe(client, RULE));
    }

    private static JsonObject scope(String type, String member, String value) {
        JsonObject scope = new JsonObject();
        if (type != null) {
            JsonArray types = new JsonArray();
            types.add(type);
            scope.add("ComplianceResourceTypes", types);
        }
        scope.addProperty(member, value);
        return scope;
    }

    /** A custom Lambda rule with this scope, as DescribeConfigRules answers it. */
    private static JsonObject rule(JsonObject scope) {
        JsonObject source = new JsonObject();
        source.addProperty("Owner", "CUSTOM_LAMBDA");
        source.addProperty(
                "SourceIdentifier", "arn:aws:lambda:us-east-1:123456789012:function:ecs-public-ip-rule-evaluator");
        JsonObject rule = new JsonObject();
        rule.addProperty("ConfigRuleName", RULE);
        rule.add("Scope", scope);
        rule.add("Source", source);
        rule.addProperty("ConfigRuleState", "ACTIVE");
        return rule;
    }
}
