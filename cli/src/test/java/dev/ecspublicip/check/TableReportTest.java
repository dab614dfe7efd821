package dev.ecspublicip.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table is read in CI logs: nothing from the input may start a line or colour it there. */
class TableReportTest {
    @Test
    void controlCharactersAndEscapeSequencesInAnyValueAreEscaped() {
        CheckedResource forged = new CheckedResource(
                "t\u001b[2K.yaml",
                "Web\nCOMPLIANT      AWS::ECS::Service  t.yaml: Web",
                "AWS::ECS::Service\u202e",
                new Verdict(Compliance.NON_COMPLIANT, "bad\r\u0007"));

        assertEquals(
                "NON_COMPLIANT  AWS::ECS::Service\\u202E t\\u001B[2K.yaml:"
                        + " Web\\u000ACOMPLIANT      AWS::ECS::Service  t.yaml: Web  bad\\u000D\\u0007",
                TableReport.row(forged));
    }

    @Test
    void aLogicalIdFromATemplateReachesTheTableEscaped() {
        List<CheckedResource> results = new Checker(RuleParameters.NONE, Map.of())
                .check(
                        "t.yaml",
                        "Resources:\n  \"Web\\e[31m\\nFAKE\":\n    Type: AWS::ECS::Service\n    Properties: {}\n");

        String row = TableReport.row(results.get(0));
        assertEquals(
                "NOT_APPLICABLE AWS::ECS::Service  t.yaml: Web\\u001B[31m\\u000AFAKE  ",
                row.substring(0, row.indexOf("FAKE") + 6));
    }
}
