package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecspublicip.BadInputException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleParametersTest {
    private static final String WEB = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";
    private static final String API = "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/prod/api";

    @Test
    void absentEmptyAndEmptyObjectMeanNoExemptions() {
        assertEquals(RuleParameters.NONE, RuleParameters.parse(null));
        assertEquals(RuleParameters.NONE, RuleParameters.parse(""));
        assertEquals(RuleParameters.NONE, RuleParameters.parse("{}"));
        assertEquals(RuleParameters.NONE, RuleParameters.parse("{\"exemptEcsServiceArns\":\"\",\"exemptionTagKey\":\"\"}"));
    }

    @Test
    void arnListAllowsSpacesAroundCommasAndOtherPartitions() {
        RuleParameters parameters = RuleParameters.parse("{\"exemptEcsServiceArns\":\" " + WEB + " ,  " + API + "\"}");
        assertEquals(Set.of(WEB, API), parameters.exemptServiceArns());
    }

    @Test
    void oldShortServiceArnIsAccepted() {
        String old = "arn:aws:ecs:us-east-1:123456789012:service/web";
        assertEquals(Set.of(old), RuleParameters.parse("{\"exemptEcsServiceArns\":\"" + old + "\"}").exemptServiceArns());
    }

    @Test
    void taskSetArnIsNotAServiceArn() {
        BadInputException error = assertThrows(BadInputException.class, () -> RuleParameters.parse(
                "{\"exemptEcsServiceArns\":\"arn:aws:ecs:us-east-1:123456789012:task-set/prod/web/ecs-svc/1\"}"));
        assertEquals("ruleParameters.exemptEcsServiceArns", error.field());
    }

    @Test
    void unknownKeyIsNamed() {
        BadInputException error = assertThrows(BadInputException.class,
                () -> RuleParameters.parse("{\"exemptionTagkey\":\"x\"}"));
        assertEquals("ruleParameters.exemptionTagkey", error.field());
    }

    @Test
    void nonStringValueIsNamed() {
        BadInputException error = assertThrows(BadInputException.class,
                () -> RuleParameters.parse("{\"exemptEcsServiceArns\":[\"" + WEB + "\"]}"));
        assertEquals("ruleParameters.exemptEcsServiceArns: must be a string, got an array", error.getMessage());
    }

    @Test
    void tagKeyWithSurroundingSpacesIsRejected() {
        assertThrows(BadInputException.class, () -> RuleParameters.parse("{\"exemptionTagKey\":\" exempt\"}"));
        assertEquals(Optional.of("public-ip exemption"),
                RuleParameters.parse("{\"exemptionTagKey\":\"public-ip exemption\"}").exemptionTagKey());
    }
}
