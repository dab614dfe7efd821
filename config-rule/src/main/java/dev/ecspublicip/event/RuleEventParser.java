package dev.ecspublicip.event;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.RuleParameters;

/** Decodes the Lambda input of a Config rule invocation; every problem names the field it is in. */
public final class RuleEventParser {
    private RuleEventParser() {}

    public static RuleEvent parse(String lambdaInput) {
        JsonObject event = JsonInput.parseObject(lambdaInput, "event");
        // Config sends invokingEvent and ruleParameters as JSON documents inside strings.
        JsonObject invoking = JsonInput.parseObject(
                JsonInput.requiredString(event, "invokingEvent", ""), "invokingEvent");
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
            case InvokingEvent.CHANGE -> new InvokingEvent.Change(ConfigurationItemParser.parse(
                    JsonInput.requiredObject(invoking, "configurationItem", "invokingEvent"),
                    "invokingEvent.configurationItem"));
            case InvokingEvent.OVERSIZED -> {
                String path = "invokingEvent.configurationItemSummary";
                JsonObject summary = JsonInput.requiredObject(invoking, "configurationItemSummary", "invokingEvent");
                yield new InvokingEvent.OversizedChange(new ResourceKey(
                        JsonInput.requiredString(summary, "resourceType", path),
                        JsonInput.requiredString(summary, "resourceId", path)),
                        JsonInput.requiredTimestamp(summary, "configurationItemCaptureTime", path));
            }
            case InvokingEvent.SCHEDULED -> new InvokingEvent.Scheduled(
                    JsonInput.requiredTimestamp(invoking, "notificationCreationTime", "invokingEvent"));
            default -> throw new BadInputException("invokingEvent.messageType",
                    "'" + messageType + "' is not a message type this rule handles (expected "
                            + InvokingEvent.CHANGE + ", " + InvokingEvent.OVERSIZED + " or "
                            + InvokingEvent.SCHEDULED + ")");
        };
    }
}
