package dev.ecspublicip.lambda;

import static dev.ecspublicip.testing.HookEvents.expected;
import static dev.ecspublicip.testing.HookEvents.name;
import static dev.ecspublicip.testing.HookEvents.requests;
import static dev.ecspublicip.testing.HookEvents.ruleParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.hook.HookRequest;
import dev.ecspublicip.hook.PreventionHook;
import dev.ecspublicip.testing.lambda.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hook's spec: every request in {@code test-events/hook/} goes through {@link HookHandler} and must
 * answer exactly {@code NAME.expected.json} (one line). {@code NAME.rule-parameters.json}, when present,
 * is the function's {@code RULE_PARAMETERS}. (The CLI's {@code evaluate} is checked against the same
 * answers in the cli module.)
 */
class HookTestEventsTest {
    /** The day the recorded answers were judged on (exemption expiries are compared with it). */
    static final Clock JUDGED_ON = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @TestFactory
    Stream<DynamicTest> everyHookRequestIsAnsweredAsRecorded() throws IOException {
        List<Path> requests = requests();
        assertTrue(requests.size() >= 20, "test-events/hook/ should hold the hook's spec, found " + requests.size());
        return requests.stream()
                .map(request -> DynamicTest.dynamicTest(name(request), () -> {
                    String parameters = ruleParameters(request).orElse(null);
                    HookHandler handler =
                            new HookHandler(new PreventionHook(() -> RuleParametersJson.parse(parameters), JUDGED_ON));
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    handler.handleRequest(
                            new ByteArrayInputStream(Files.readAllBytes(request)), output, new TestContext());

                    String answer = output.toString(StandardCharsets.UTF_8);
                    assertEquals(expected(request), answer);
                    JsonObject response = JsonParser.parseString(answer).getAsJsonObject();
                    String status = response.get("hookStatus").getAsString();
                    assertTrue(status.equals("SUCCESS") || status.equals("FAILED"), status);
                    assertEquals(status.equals("FAILED"), response.has("errorCode"), "errorCode exactly when FAILED");
                    // Within what CloudFormation keeps: 4,096 characters for stacks, 1,024 for Cloud Control.
                    HookRequest.Operation operation = name(request).startsWith("cloud-control-")
                            ? HookRequest.Operation.CLOUD_CONTROL
                            : HookRequest.Operation.STACK_RESOURCE;
                    assertTrue(
                            response.get("message").getAsString().length() <= Math.min(1000, operation.messageLimit()));
                    if (!name(request).equals("bad-not-json")) {
                        JsonObject event = JsonParser.parseString(Files.readString(request))
                                .getAsJsonObject();
                        assertEquals(
                                event.get("clientRequestToken"), response.get("clientRequestToken"), "token echoed");
                    }
                }));
    }
}
