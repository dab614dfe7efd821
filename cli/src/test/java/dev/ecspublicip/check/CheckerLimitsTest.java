package dev.ecspublicip.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.rule.RuleParameters;
import java.io.Reader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code check} refuses to read whole: each limit is one line of bad input naming the file, never an error of the JVM. */
class CheckerLimitsTest {
    private final Checker checker = new Checker(RuleParameters.NONE, Map.of());

    @Test
    void aTemplateLargerThan50MiBIsRefusedBeforeItIsParsed() {
        Reader endless =
                new Endless("Resources:\n", "# a comment line that never ends the file ........................\n");

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("big.yaml", endless));

        assertEquals("big.yaml", error.field());
        assertEquals("is larger than 50 MiB (characters), the most check reads of a template", error.problem());
    }

    @Test
    void aJsonTemplateSectionLargerThan50MiBIsRefusedWhileItIsRead() {
        Reader endless = new Endless(
                "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Metadata\": [",
                "\"" + "m".repeat(1000) + "\",");

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("big.json", endless));

        assertEquals("big.json", error.field());
        assertEquals("is larger than 50 MiB (characters), the most check reads of a template", error.problem());
    }

    @Test
    void theSectionsOfAJsonTemplateCountTogether() {
        String section = "\"" + "d".repeat(30 * 1024 * 1024) + "\"";
        String template =
                "{\"Description\": " + section + ", \"Metadata\": {\"x\": " + section + "}, \"Resources\": {}}";

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("two.json", template));

        assertEquals("is larger than 50 MiB (characters), the most check reads of a template", error.problem());
    }

    @Test
    void aJsonTemplateOfTooManyValuesIsRefusedBeforeItFillsTheHeap() {
        Reader endless =
                new Endless("{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Metadata\": [", "1,");

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("big.json", endless));

        assertEquals("holds more than 1000000 JSON values, the most read of a template", error.problem());
    }

    @Test
    void theValuesOfAJsonTemplateCountTogetherAcrossItsSections() {
        String values = "[" + "1,".repeat(600_000) + "1]";
        String template = "{\"Metadata\": " + values + ", \"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", "
                + "\"Metadata\": " + values + "}}}";

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("two.json", template));

        assertEquals("holds more than 1000000 JSON values, the most read of a template", error.problem());
    }

    @Test
    void aJsonTemplateJustUnderTheValueLimitIsRead() {
        String template = "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Metadata\": ["
                + "1,".repeat(999_000) + "1]}}}";

        assertEquals(0, checker.check("many.json", template).size());
    }

    @Test
    void aYamlTemplateOfTooManyNodesIsRefusedBeforeItFillsTheHeap() {
        // 1,000 values a line: the 1,000,001st node is the 999,992nd value, on the 1,000th line of values.
        String template = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata: ["
                + ("1,".repeat(1_000) + "\n").repeat(1_100) + "1]\n";

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("big.yaml", template));

        assertEquals("big.yaml", error.field());
        assertEquals(
                "holds more than 1000000 YAML nodes, the most check reads of a template (at line 1003)",
                error.problem());
    }

    @Test
    void aYamlLineLongerThan1MiBIsRefusedBeforeItIsParsed() {
        // SnakeYAML would read a token this long in time that grows with the square of its length.
        String template =
                "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata: '" + "x".repeat(1024 * 1024) + "'\n";

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("long.yaml", template));

        assertEquals("long.yaml", error.field());
        assertEquals(
                "has a line longer than 1 MiB (characters) at line 4, the most check reads of one YAML line",
                error.problem());
    }

    @Test
    void aYamlLineOf1MiBIsRead() {
        String template = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      - '"
                + "x".repeat(1024 * 1024 - 10) + "'\n";

        assertEquals(0, checker.check("long.yaml", template).size());
    }

    @Test
    void aYamlTemplateJustUnderTheNodeLimitIsRead() {
        String template =
                "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n" + "      - 1\n".repeat(999_000);

        assertEquals(0, checker.check("many.yaml", template).size());
    }

    @Test
    void aValueThatMustBeAStringIsRefusedByItsKindWithoutBeingRead() {
        Reader endless = new Endless("{\"resource_changes\": [{\"address\": [", "1,");

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("plan.json", endless));

        assertEquals("plan.json: resource_changes[0].address", error.field());
        assertEquals("must be a string, got an array", error.problem());
    }

    @Test
    void oneResourceChangeOfTooManyValuesIsRefusedBeforeItFillsTheHeap() {
        Reader endless =
                new Endless("{\"resource_changes\": [{\"type\": \"aws_ecs_service\", \"change\": {\"after\": [", "1,");

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("plan.json", endless));

        assertEquals("holds more than 1000000 JSON values, the most read of one value", error.problem());
    }

    @Test
    void oneResourceChangeLargerThan50MiBIsRefusedWhileThePlanIsStreamed() {
        Reader endless = new Endless(
                "{\"resource_changes\": [{\"type\": \"aws_ecs_service\", \"change\": {\"after\": {\"n\": \"", "a");

        BadInputException error = assertThrows(BadInputException.class, () -> checker.check("plan.json", endless));

        assertEquals(
                "is larger than 50 MiB (characters), the most check reads of one resource change", error.problem());
    }

    @Test
    void aPlanOfManyChangesIsReadWhateverItsSizeAsLongAsEachChangeFits() {
        // About 60 MiB of changes to other resource types: above the template cap, read as a stream.
        StringBuilder plan =
                new StringBuilder("{\"terraform_version\":\"1.9.8\",\"planned_values\":{},\"resource_changes\":[");
        String change =
                "{\"address\":\"aws_sqs_queue.q\",\"type\":\"aws_sqs_queue\",\"change\":{\"actions\":[\"create\"],"
                        + "\"after\":{\"name\":\"" + "q".repeat(600) + "\"}}}";
        int count = 60 * 1024 * 1024 / change.length() + 1;
        for (int i = 0; i < count; i++) {
            plan.append(i == 0 ? "" : ",").append(change);
        }
        plan.append("]}");

        assertEquals(0, checker.check("plan.json", plan.toString()).size());
    }

    /** A head, then {@code line} again and again, without end. */
    private static final class Endless extends Reader {
        private final String head;
        private final String line;
        private long position;

        Endless(String head, String line) {
            this.head = head;
            this.line = line;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++, position++) {
                buffer[offset + i] = position < head.length()
                        ? head.charAt((int) position)
                        : line.charAt((int) ((position - head.length()) % line.length()));
            }
            return length;
        }

        @Override
        public void close() {}
    }
}
