package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The executable spec: every event in {@code test-events/} goes through the Lambda handler, with the
 * real Config client talking to a loopback stand-in, and must produce exactly what is recorded beside
 * it: {@code NAME.expected.jsonl} (the evaluations put) or {@code NAME.expected-error.txt} (the
 * invocation's error, with nothing put). {@code NAME.history.json} is what GetResourceConfigHistory
 * answers for an oversized-item event; {@code NAME.inventory.json} is the inventory Config holds for a
 * scheduled sweep (see {@link ConfigInventoryStandIn#load}).
 */
class TestEventsTest {

    @TestFactory
    Stream<DynamicTest> everyTestEventBehavesAsRecorded() throws IOException {
        List<Path> events;
        try (Stream<Path> files = Files.list(Reference.testEvents())) {
            events = files.filter(TestEventsTest::isEvent).sorted().toList();
        }
        assertTrue(events.size() >= 40, "test-events/ should hold the spec, found " + events.size());
        return events.stream().map(event -> DynamicTest.dynamicTest(name(event), () -> check(event)));
    }

    private static void check(Path event) throws IOException {
        Path expected = sibling(event, ".expected.jsonl");
        Path expectedError = sibling(event, ".expected-error.txt");
        Path history = sibling(event, ".history.json");
        Path inventory = sibling(event, ".inventory.json");
        assertTrue(
                Files.exists(expected) ^ Files.exists(expectedError),
                name(event) + " needs exactly one of .expected.jsonl and .expected-error.txt");
        try (ConfigStandIn config =
                Files.exists(inventory) ? ConfigInventoryStandIn.load(inventory) : new ConfigStandIn()) {
            if (Files.exists(history)) {
                JsonObject answer =
                        JsonParser.parseString(Files.readString(history)).getAsJsonObject();
                config.on("GetResourceConfigHistory", call -> Reply.ok(answer));
            }
            ConfigRuleHandler handler = new ConfigRuleHandler(() -> config.client(AwsClients::configure));
            byte[] input = Files.readAllBytes(event);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            if (Files.exists(expectedError)) {
                RuntimeException error = assertThrows(
                        RuntimeException.class,
                        () -> handler.handleRequest(new ByteArrayInputStream(input), output, new TestContext()));
                assertEquals(Files.readString(expectedError).strip(), error.getMessage());
                assertEquals(List.of(), config.calls("PutEvaluations"), "nothing may be put for " + name(event));
            } else {
                handler.handleRequest(new ByteArrayInputStream(input), output, new TestContext());
                assertEquals(Files.readAllLines(expected), asLines(config.evaluationsPut()));
                JsonObject put = config.calls("PutEvaluations").get(0).body();
                assertEquals(
                        JsonParser.parseString(Files.readString(event))
                                .getAsJsonObject()
                                .get("resultToken"),
                        put.get("ResultToken"));
                // Config records nothing for a TESTMODE put: what makes the event safe against a real account.
                assertEquals(
                        put.get("ResultToken").getAsString().equals("TESTMODE"),
                        put.has("TestMode") && put.get("TestMode").getAsBoolean(),
                        "TestMode of " + name(event));
            }
            if (Files.exists(history)) {
                JsonObject lookup =
                        config.calls("GetResourceConfigHistory").get(0).body();
                assertEquals(1, lookup.get("limit").getAsInt());
            }
            config.assertNoViolations();
        }
    }

    /** The wire form of PutEvaluations, in the CLI's line format (timestamps back to ISO-8601). */
    static List<String> asLines(List<JsonObject> evaluations) {
        List<String> lines = new ArrayList<>();
        for (JsonObject wire : evaluations) {
            JsonObject line = wire.deepCopy();
            JsonElement timestamp = line.remove("OrderingTimestamp");
            BigDecimal seconds = timestamp.getAsBigDecimal();
            line.addProperty(
                    "OrderingTimestamp",
                    Instant.ofEpochSecond(
                                    seconds.longValue(),
                                    seconds.remainder(BigDecimal.ONE)
                                            .movePointRight(9)
                                            .longValue())
                            .toString());
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean isEvent(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(".history.json") && !name.endsWith(".inventory.json");
    }

    private static String name(Path event) {
        String file = event.getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }

    private static Path sibling(Path event, String suffix) {
        return event.resolveSibling(name(event) + suffix);
    }
}
