package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.rule.RuleParameters;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleParametersJsonTest {
    private static final String WEB = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";
    private static final String API = "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/prod/api";

    @Test
    void absentEmptyAndEmptyObjectMeanNoExemptions() {
        assertEquals(RuleParameters.NONE, RuleParametersJson.parse(null));
        assertEquals(RuleParameters.NONE, RuleParametersJson.parse(""));
        assertEquals(RuleParameters.NONE, RuleParametersJson.parse("{}"));
        assertEquals(
                RuleParameters.NONE,
                RuleParametersJson.parse("{\"exemptEcsServiceArns\":\"\",\"exemptionTagKey\":\"\"}"));
    }

    @Test
    void arnListAllowsSpacesAroundCommasAndOtherPartitions() {
        RuleParameters parameters =
                RuleParametersJson.parse("{\"exemptEcsServiceArns\":\" " + WEB + " ,  " + API + "\"}");
        assertEquals(Set.of(WEB, API), parameters.exemptServiceArns());
    }

    @Test
    void oldShortServiceArnIsAccepted() {
        String old = "arn:aws:ecs:us-east-1:123456789012:service/web";
        assertEquals(
                Set.of(old),
                RuleParametersJson.parse("{\"exemptEcsServiceArns\":\"" + old + "\"}")
                        .exemptServiceArns());
    }

    @Test
    void taskSetArnIsNotAServiceArn() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> RuleParametersJson.parse(
                        "{\"exemptEcsServiceArns\":\"arn:aws:ecs:us-east-1:123456789012:task-set/prod/web/ecs-svc/1\"}"));
        assertEquals("ruleParameters.exemptEcsServiceArns", error.field());
    }

    @Test
    void unknownKeyIsNamed() {
        BadInputException error =
                assertThrows(BadInputException.class, () -> RuleParametersJson.parse("{\"exemptionTagkey\":\"x\"}"));
        assertEquals("ruleParameters.exemptionTagkey", error.field());
    }

    @Test
    void nonStringValueIsNamed() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> RuleParametersJson.parse("{\"exemptEcsServiceArns\":[\"" + WEB + "\"]}"));
        assertEquals("ruleParameters.exemptEcsServiceArns: must be a string, got an array", error.getMessage());
    }

    @Test
    void tagKeyWithSurroundingSpacesIsRejected() {
        assertThrows(BadInputException.class, () -> RuleParametersJson.parse("{\"exemptionTagKey\":\" exempt\"}"));
        assertEquals(
                Optional.of("public-ip exemption"),
                RuleParametersJson.parse("{\"exemptionTagKey\":\"public-ip exemption\"}")
                        .exemptionTagKey());
    }
}
