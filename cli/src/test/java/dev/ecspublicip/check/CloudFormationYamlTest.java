package dev.ecspublicip.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader of CloudFormation YAML that both {@code check} and the template tests use. */
class CloudFormationYamlTest {
    @Test
    void shortFormTagsBecomeTheirLongForm() {
        Object document = CloudFormationYaml.load(
                String.join(
                        "\n",
                        "Role: !GetAtt Function.Arn",
                        "Name: !Sub '${AWS::StackName}-x'",
                        "Mode: !If [Enabled, !Ref Mode, !Ref AWS::NoValue]",
                        "Ready: !Condition Enabled",
                        "Values: !Split [',', !ImportValue Shared]"),
                "t.yaml");

        assertEquals(
                Map.of(
                        "Role", Map.of("Fn::GetAtt", List.of("Function", "Arn")),
                        "Name", Map.of("Fn::Sub", "${AWS::StackName}-x"),
                        "Mode",
                                Map.of(
                                        "Fn::If",
                                        List.of("Enabled", Map.of("Ref", "Mode"), Map.of("Ref", "AWS::NoValue"))),
                        "Ready", Map.of("Condition", "Enabled"),
                        "Values", Map.of("Fn::Split", List.of(",", Map.of("Fn::ImportValue", "Shared")))),
                document);
    }

    @Test
    void aKeyRepeatedInAMappingIsRefusedWithItsLine() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> CloudFormationYaml.load(
                        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n", "t.yaml"));

        assertEquals("t.yaml: Resources.A", error.field());
        assertEquals(
                "is given twice in one mapping (line 2 and line 4): which value CloudFormation gets cannot be known",
                error.problem());
    }

    @Test
    void timestampsStayTextAndKeysKeepTheirOrder() {
        Map<?, ?> document =
                (Map<?, ?>) CloudFormationYaml.load("AWSTemplateFormatVersion: 2010-09-09\nB: 1\nA: true\n", "t.yaml");

        assertEquals("2010-09-09", document.get("AWSTemplateFormatVersion"));
        assertEquals(List.of("AWSTemplateFormatVersion", "B", "A"), List.copyOf(document.keySet()));
        assertEquals(1, document.get("B"));
        assertEquals(true, document.get("A"));
    }

    @Test
    void textThatIsNotYamlIsBadInputNamingTheFile() {
        BadInputException error =
                assertThrows(BadInputException.class, () -> CloudFormationYaml.load("a: [1, 2\n", "plan.yaml"));

        assertEquals("plan.yaml", error.field());
        assertTrue(error.problem().startsWith("is not valid YAML: "), error.problem());
    }
}
