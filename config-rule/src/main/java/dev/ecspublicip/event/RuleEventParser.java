package dev.ecspublicip.event;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.rule.RuleParameters;
import java.time.Duration;
import java.time.Instant;

/** Decodes the Lambda input of a Config rule invocation; every problem names the field it is in. */
public final class RuleEventParser {
    private RuleEventParser() {}

    /**
     * How far after this function's clock an event's timestamp may be. Config stamps events with its own
     * clock, so a few minutes of skew are normal; a timestamp further ahead is garbage, and put as an
     * ordering timestamp it would make Config ignore every true evaluation of the resource until then.
     */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    public static RuleEvent parse(String lambdaInput) {
        return parse(lambdaInput, Instant.now());
    }

    /** @param now this function's clock, against which the event's timestamps are checked */
    public static RuleEvent parse(String lambdaInput, Instant now) {
        RuleEvent event = parseUnchecked(lambdaInput);
        InvokingEvent invoking = event.invokingEvent();
        if (invoking instanceof InvokingEvent.Change change) {
            requireNotFuture(
                    change.item().captureTime(), "invokingEvent.configurationItem.configurationItemCaptureTime", now);
        } else if (invoking instanceof InvokingEvent.OversizedChange oversized) {
            requireNotFuture(
                    oversized.captureTime(),
                    "invokingEvent.configurationItemSummary.configurationItemCaptureTime",
                    now);
        } else if (invoking instanceof InvokingEvent.Scheduled scheduled) {
            requireNotFuture(scheduled.notificationCreationTime(), "invokingEvent.notificationCreationTime", now);
        }
        return event;
    }

    private static void requireNotFuture(Instant timestamp, String field, Instant now) {
        if (timestamp.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new BadInputException(
                    field,
                    "is " + timestamp + ", more than " + MAX_CLOCK_SKEW.toHours()
                            + " hours ahead of this function's clock");
        }
    }

    private static RuleEvent parseUnchecked(String lambdaInput) {
        JsonObject event = JsonInput.parseObject(lambdaInput, "event", "");
        // Config sends invokingEvent and ruleParameters as JSON documents inside strings.
        JsonObject invoking =
                JsonInput.parseObject(JsonInput.requiredString(event, "invokingEvent", ""), "invokingEvent");
        RuleParameters parameters = RuleParametersJson.parse(
                JsonInput.optionalString(event, "ruleParameters", "").orElse(null));
        String resultToken = JsonInput.requiredString(event, "resultToken", "");
        boolean eventLeftScope = JsonInput.optionalBoolean(event, "eventLeftScope", "", false);
        String ruleName = JsonInput.optionalString(event, "configRuleName", "").orElse(null);
        String accountId = JsonInput.optionalString(event, "accountId", "").orElse(null);
        return new RuleEvent(invokingEvent(invoking), parameters, resultToken, eventLeftScope, ruleName, accountId);
    }

    private static InvokingEvent invokingEvent(JsonObject invoking) {
        String messageType = JsonInput.requiredString(invoking, "messageType", "invokingEvent");
        return switch (messageType) {
            case InvokingEvent.CHANGE ->
                new InvokingEvent.Change(ConfigurationItemParser.parse(
                        JsonInput.requiredObject(invoking, "configurationItem", "invokingEvent"),
                        "invokingEvent.configurationItem"));
            case InvokingEvent.OVERSIZED -> {
                String path = "invokingEvent.configurationItemSummary";
                JsonObject summary = JsonInput.requiredObject(invoking, "configurationItemSummary", "invokingEvent");
                yield new InvokingEvent.OversizedChange(
                        ConfigurationItemParser.resourceKey(summary, path),
                        JsonInput.requiredTimestamp(summary, "configurationItemCaptureTime", path));
            }
            case InvokingEvent.SCHEDULED ->
                new InvokingEvent.Scheduled(
                        JsonInput.requiredTimestamp(invoking, "notificationCreationTime", "invokingEvent"));
            default ->
                throw new BadInputException(
                        "invokingEvent.messageType",
                        ErrorLine.quote(messageType) + " is not a message type this rule handles (expected "
                                + InvokingEvent.CHANGE + ", " + InvokingEvent.OVERSIZED + " or "
                                + InvokingEvent.SCHEDULED + ")");
        };
    }
}
