package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;

/** What a rule runs, as one DescribeConfigRules for its name tells it, from a real client on the wire. */
class RuleSourceTest {
    private static final String RULE = "ecs-service-no-public-ip";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:210987654321:function:rules-evaluator";

    private final ConfigStandIn config = new ConfigStandIn();
    private final ConfigClient client = config.client(AwsClients::configure);

    @AfterEach
    void close() {
        config.assertNoViolations();
        client.close();
        config.close();
    }

    private void answer(String name, String owner, String sourceIdentifier) {
        config.on(
                "DescribeConfigRules",
                call -> ConfigStandIn.describedRules(List.of(ConfigStandIn.configRule(name, owner, sourceIdentifier))));
    }

    @Test
    void aCustomLambdaRuleNamesTheFunctionItInvokes() {
        answer(RULE, "CUSTOM_LAMBDA", FUNCTION);

        RuleSource rule = RuleSource.describe(client, RULE).orElseThrow();

        assertEquals(new RuleSource(RULE, "CUSTOM_LAMBDA", Optional.of(FUNCTION)), rule);
        assertEquals(Optional.of(FUNCTION), rule.lambdaFunction());
        assertEquals(
                List.of(RULE),
                config.calls("DescribeConfigRules").get(0).body().getAsJsonArray("ConfigRuleNames").asList().stream()
                        .map(name -> name.getAsString())
                        .toList());
    }

    @Test
    void aManagedRuleOrOneWithoutASourceInvokesNoFunction() {
        answer(RULE, "AWS", "ECS_NO_PUBLIC_IP");
        assertEquals(
                Optional.empty(),
                RuleSource.describe(client, RULE).orElseThrow().lambdaFunction());

        answer(RULE, null, null);
        assertEquals(Optional.of(new RuleSource(RULE, "", Optional.empty())), RuleSource.describe(client, RULE));
    }

    @Test
    void anAnswerForAnotherRuleIsNotThisRule() {
        answer("another-rule", "CUSTOM_LAMBDA", FUNCTION);

        assertEquals(Optional.empty(), RuleSource.describe(client, RULE));
    }

    @Test
    void noRuleOfThatNameIsEmptyNotAnError() {
        config.on(
                "DescribeConfigRules",
                call -> Reply.error(
                        400,
                        "NoSuchConfigRuleException",
                        "The ConfigRule '" + RULE + "' provided in the request is invalid."));

        assertEquals(Optional.empty(), RuleSource.describe(client, RULE));
    }
}
