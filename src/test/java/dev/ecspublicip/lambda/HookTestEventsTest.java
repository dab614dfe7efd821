package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.hook.PreventionHook;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.testing.CliProcess;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hook's spec: every request in {@code test-events/hook/} goes through {@link HookHandler} and must
 * answer exactly {@code NAME.expected.json} (one line). {@code NAME.rule-parameters.json}, when present,
 * is the function's {@code RULE_PARAMETERS}. {@code evaluate} prints the same line for each request.
 */
class HookTestEventsTest {
    static Path hookEvents() {
        return Reference.testEvents().resolve("hook");
    }

    static List<Path> requests() throws IOException {
        try (Stream<Path> files = Files.list(hookEvents())) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") && !name.endsWith(".expected.json") && !name.endsWith(".rule-parameters.json");
            }).sorted().toList();
        }
    }

    static String name(Path request) {
        String file = request.getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }

    static Optional<String> ruleParameters(Path request) throws IOException {
        Path parameters = request.resolveSibling(name(request) + ".rule-parameters.json");
        return Files.exists(parameters) ? Optional.of(Files.readString(parameters).strip()) : Optional.empty();
    }

    static String expected(Path request) throws IOException {
        return Files.readString(request.resolveSibling(name(request) + ".expected.json")).strip();
    }

    @TestFactory
    Stream<DynamicTest> everyHookRequestIsAnsweredAsRecorded() throws IOException {
        List<Path> requests = requests();
        assertTrue(requests.size() >= 20, "test-events/hook/ should hold the hook's spec, found " + requests.size());
        return requests.stream().map(request -> DynamicTest.dynamicTest(name(request), () -> {
            String parameters = ruleParameters(request).orElse(null);
            HookHandler handler = new HookHandler(new PreventionHook(() -> RuleParameters.parse(parameters)));
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(request)), output, new TestContext());

            String answer = output.toString(StandardCharsets.UTF_8);
            assertEquals(expected(request), answer);
            JsonObject response = JsonParser.parseString(answer).getAsJsonObject();
            String status = response.get("hookStatus").getAsString();
            assertTrue(status.equals("SUCCESS") || status.equals("FAILED"), status);
            assertEquals(status.equals("FAILED"), response.has("errorCode"), "errorCode exactly when FAILED");
            assertTrue(response.get("message").getAsString().length() <= 1000);
            if (!name(request).equals("bad-not-json")) {
                JsonObject event = JsonParser.parseString(Files.readString(request)).getAsJsonObject();
                assertEquals(event.get("clientRequestToken"), response.get("clientRequestToken"), "token echoed");
            }
        }));
    }

    /** The CLI's evaluate, run as a user runs it, prints what the Lambda answers (rule parameters from its environment). */
    @Test
    void evaluatePrintsTheHooksAnswerForEachRequest() throws Exception {
        Map<Optional<String>, List<Path>> byParameters = new java.util.LinkedHashMap<>();
        for (Path request : requests()) {
            if (!name(request).equals("bad-not-json")) {
                byParameters.computeIfAbsent(ruleParameters(request), p -> new ArrayList<>()).add(request);
            }
        }
        for (Map.Entry<Optional<String>, List<Path>> group : byParameters.entrySet()) {
            List<String> args = new ArrayList<>(List.of("evaluate"));
            List<String> expected = new ArrayList<>();
            for (Path request : group.getValue()) {
                args.add(request.toString());
                expected.add(expected(request));
            }
            CliProcess.Result run = CliProcess.run(group.getKey().map(p -> Map.of("RULE_PARAMETERS", p)).orElse(Map.of()),
                    args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(expected, run.stdout().lines().toList());
        }
    }
}
