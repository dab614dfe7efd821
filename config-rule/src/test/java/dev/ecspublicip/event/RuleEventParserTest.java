package dev.ecspublicip.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The event edge checks the event's timestamps against the function's clock (the rule itself has none). */
class RuleEventParserTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static String scheduled(String notificationCreationTime) {
        JsonObject invoking = new JsonObject();
        invoking.addProperty("messageType", InvokingEvent.SCHEDULED);
        invoking.addProperty("notificationCreationTime", notificationCreationTime);
        JsonObject event = new JsonObject();
        event.addProperty("invokingEvent", invoking.toString());
        event.addProperty("resultToken", "TESTMODE");
        return event.toString();
    }

    private static String oversized(String captureTime) {
        JsonObject summary = new JsonObject();
        summary.addProperty("resourceType", "AWS::ECS::Service");
        summary.addProperty("resourceId", "arn:aws:ecs:us-east-1:123456789012:service/prod/web|prod");
        summary.addProperty("configurationItemCaptureTime", captureTime);
        JsonObject invoking = new JsonObject();
        invoking.addProperty("messageType", InvokingEvent.OVERSIZED);
        invoking.add("configurationItemSummary", summary);
        JsonObject event = new JsonObject();
        event.addProperty("invokingEvent", invoking.toString());
        event.addProperty("resultToken", "TESTMODE");
        return event.toString();
    }

    @Test
    void aTimestampUpToADayAheadOfTheClockIsClockSkewAndAccepted() {
        Instant ahead = NOW.plus(RuleEventParser.MAX_CLOCK_SKEW);
        RuleEvent event = RuleEventParser.parse(scheduled(ahead.toString()), NOW);
        assertEquals(
                ahead,
                assertInstanceOf(InvokingEvent.Scheduled.class, event.invokingEvent())
                        .notificationCreationTime());
    }

    @Test
    void aTimestampMoreThanADayAheadIsBadInputNamingTheField() {
        String later = NOW.plus(RuleEventParser.MAX_CLOCK_SKEW)
                .plus(Duration.ofSeconds(1))
                .toString();
        BadInputException scheduled =
                assertThrows(BadInputException.class, () -> RuleEventParser.parse(scheduled(later), NOW));
        assertEquals(
                "invokingEvent.notificationCreationTime: is 2026-12-01T12:00:01Z, more than 24 hours ahead of this"
                        + " function's clock",
                scheduled.getMessage());
        BadInputException summary =
                assertThrows(BadInputException.class, () -> RuleEventParser.parse(oversized(later), NOW));
        assertEquals("invokingEvent.configurationItemSummary.configurationItemCaptureTime", summary.field());
    }

    @Test
    void anOversizedSummaryWithAnIdLongerThanConfigAcceptsIsBadInput() {
        String event = oversized(NOW.toString()).replace("service/prod/web|prod", "service/prod/" + "w".repeat(800));
        BadInputException error = assertThrows(BadInputException.class, () -> RuleEventParser.parse(event, NOW));
        assertEquals("invokingEvent.configurationItemSummary.resourceId", error.field());
    }

    @Test
    void aTimestampBefore2006IsBadInput() {
        BadInputException error = assertThrows(
                BadInputException.class, () -> RuleEventParser.parse(scheduled("1999-12-31T23:59:59Z"), NOW));
        assertEquals("invokingEvent.notificationCreationTime", error.field());
    }
}
