package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The check's spec: every template and plan in {@code test-events/check/} goes through
 * {@code check --format json} (with the arguments in {@code NAME.args}, one per line, when present) and
 * must print exactly {@code NAME.expected.jsonl}, exiting 1 when a line is NON_COMPLIANT and 0 otherwise;
 * or, for {@code NAME.expected-error.txt}, exit 2 with that one line on stderr and nothing on stdout.
 */
class CheckTestEventsTest {
    private static final Path CHECK = Reference.testEvents().resolve("check");

    @TestFactory
    Stream<DynamicTest> everyTemplateAndPlanIsJudgedAsRecorded() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(CHECK)) {
            inputs = files.filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.contains(".expected") && !name.endsWith(".args");
                    })
                    .sorted()
                    .toList();
        }
        assertTrue(inputs.size() >= 15, "test-events/check/ should hold the check's spec, found " + inputs.size());
        return inputs.stream()
                .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String file = input.getFileName().toString();
        String name = file.substring(0, file.lastIndexOf('.'));
        Path expected = CHECK.resolve(name + ".expected.jsonl");
        Path expectedError = CHECK.resolve(name + ".expected-error.txt");
        assertTrue(Files.exists(expected) ^ Files.exists(expectedError), name + " needs exactly one expected file");
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        Path extra = CHECK.resolve(name + ".args");
        if (Files.exists(extra)) {
            args.addAll(Files.readAllLines(extra));
        }
        // Named as a user in the project directory names it; the line's File is that name.
        args.add(Reference.projectDir().relativize(input.toAbsolutePath()).toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Main(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args.toArray(String[]::new));

        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        if (Files.exists(expectedError)) {
            assertEquals(2, code, stderr);
            assertEquals("", stdout);
            assertEquals("error: " + Files.readString(expectedError).strip(), stderr.strip());
            assertEquals(1, stderr.lines().count());
        } else {
            List<String> lines = Files.readAllLines(expected);
            assertEquals(lines, stdout.lines().toList());
            boolean nonCompliant = lines.stream().anyMatch(l -> l.contains("\"ComplianceType\":\"NON_COMPLIANT\""));
            assertEquals(nonCompliant ? 1 : 0, code, stderr);
            assertTrue(stderr.startsWith("checked " + lines.size() + " resource(s) in 1 file(s)"), stderr);
        }
    }
}
