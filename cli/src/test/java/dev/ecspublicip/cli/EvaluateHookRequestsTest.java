package dev.ecspublicip.cli;

import static dev.ecspublicip.testing.HookEvents.expected;
import static dev.ecspublicip.testing.HookEvents.name;
import static dev.ecspublicip.testing.HookEvents.requests;
import static dev.ecspublicip.testing.HookEvents.ruleParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecspublicip.testing.process.CliProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code evaluate} on a CloudFormation hook request prints exactly what the hook's Lambda answers. */
class EvaluateHookRequestsTest {
    /** The CLI's evaluate, run as a user runs it, prints what the Lambda answers (rule parameters from its environment). */
    @Test
    void evaluatePrintsTheHooksAnswerForEachRequest() throws Exception {
        Map<Optional<String>, List<Path>> byParameters = new LinkedHashMap<>();
        for (Path request : requests()) {
            if (!name(request).equals("bad-not-json")) {
                byParameters
                        .computeIfAbsent(ruleParameters(request), p -> new ArrayList<>())
                        .add(request);
            }
        }
        for (Map.Entry<Optional<String>, List<Path>> group : byParameters.entrySet()) {
            List<String> args = new ArrayList<>(List.of("evaluate"));
            List<String> expected = new ArrayList<>();
            for (Path request : group.getValue()) {
                args.add(request.toString());
                expected.add(expected(request));
            }
            CliProcess.Result run = CliProcess.run(
                    group.getKey().map(p -> Map.of("RULE_PARAMETERS", p)).orElse(Map.of()),
                    args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(expected, run.stdout().lines().toList());
        }
    }
}
