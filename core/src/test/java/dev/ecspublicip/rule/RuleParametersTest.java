package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecspublicip.BadInputException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parameters from names and values; their JSON form is read in config-access (RuleParametersJsonTest). */
class RuleParametersTest {
    private static final String WEB = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";

    @Test
    void emptyValuesMeanNoParameters() {
        assertEquals(RuleParameters.NONE, RuleParameters.of(Map.of()));
        assertEquals(RuleParameters.NONE, RuleParameters.of(Map.of("exemptEcsServiceArns", "", "exemptionTagKey", "")));
    }

    @Test
    void readsBothParameters() {
        assertEquals(
                new RuleParameters(Set.of(WEB), Optional.of("public-ip")),
                RuleParameters.of(Map.of("exemptEcsServiceArns", " " + WEB + " ", "exemptionTagKey", "public-ip")));
    }

    @Test
    void anUnknownNameIsRejectedWithItsField() {
        BadInputException error =
                assertThrows(BadInputException.class, () -> RuleParameters.of(Map.of("exemptionTagkey", "x")));
        assertEquals("ruleParameters.exemptionTagkey", error.field());
    }

    @Test
    void aTaskSetArnIsNotAServiceToExempt() {
        assertThrows(
                BadInputException.class,
                () -> RuleParameters.of(Map.of(
                        "exemptEcsServiceArns", "arn:aws:ecs:us-east-1:123456789012:task-set/prod/web/ecs-svc/1")));
    }

    @Test
    void readsLauncherArnsStrictly() {
        String rule = "arn:aws:events:us-east-1:123456789012:rule/nightly";
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:Jobs";
        assertEquals(
                Set.of(rule, machine),
                RuleParameters.of(Map.of("exemptLauncherArns", rule + "," + machine))
                        .exemptLauncherArns());
        BadInputException serviceArn =
                assertThrows(BadInputException.class, () -> RuleParameters.of(Map.of("exemptLauncherArns", WEB)));
        assertEquals("ruleParameters.exemptLauncherArns", serviceArn.field());
        assertThrows(BadInputException.class, () -> RuleParameters.of(Map.of("exemptLauncherArns", rule + ",")));
        assertThrows(BadInputException.class, () -> RuleParameters.of(Map.of("exemptEcsServiceArns", rule)));
    }
}
