package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.testing.Reference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/** {@code --quiet}, {@code --no-color} and {@code NO_COLOR}: colors only on a terminal, results only when quiet. */
class ConsoleTest {
    private static final String ESC = "\u001b[";

    private static ParseResult check(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of(options));
        args.add("a.yaml");
        return Cli.parse(Main.spec("check"), args);
    }

    @Test
    void verdictsAreColoredOnlyOnATerminalWithoutNoColor() {
        assertTrue(Console.of(check(), null, true)
                .verdict(Compliance.NON_COMPLIANT, 14)
                .contains(ESC));
        assertFalse(Console.of(check(), null, false)
                .verdict(Compliance.NON_COMPLIANT, 14)
                .contains(ESC));
        assertFalse(Console.of(check("--no-color"), null, true)
                .verdict(Compliance.COMPLIANT, 14)
                .contains(ESC));
        assertFalse(
                Console.of(check(), "1", true).verdict(Compliance.COMPLIANT, 14).contains(ESC));
        // NO_COLOR counts only when it has a value (no-color.org).
        assertTrue(
                Console.of(check(), "", true).verdict(Compliance.COMPLIANT, 14).contains(ESC));
        assertEquals("NOT_APPLICABLE", Console.of(check(), null, false).verdict(Compliance.NOT_APPLICABLE, 14));
        assertEquals("COMPLIANT     ", Console.of(check(), null, false).verdict(Compliance.COMPLIANT, 14));
    }

    @Test
    void quietCheckPrintsOnlyItsResultsAndAPipeGetsNoColor() {
        String template = Reference.testEvents()
                .resolve("check")
                .resolve("cfn-service-public-ip-enabled.yaml")
                .toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, main.run(new String[] {"check", "--quiet", template}));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).startsWith("NON_COMPLIANT  AWS::ECS::Service  " + template + ": WebService  "),
                lines.get(0));
        assertEquals("", err.toString(StandardCharsets.UTF_8));

        out.reset();
        assertEquals(1, main.run(new String[] {"check", template}));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("checked 1 resource(s)"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(ESC), "not a terminal: no color");
    }
}
