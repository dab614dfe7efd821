package dev.ecspublicip.remediation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.ResourceKind;
import java.util.List;

/**
 * The remediation function's input, as the runbook's {@code InputPayload} sends it:
 * {@code {"ResourceId": ..., "ResourceType": ..., "DryRun": false, "AllowEgressLoss": false}}.
 *
 * <p>Parsing is strict (an unknown key, or a key given twice, is an error), so a typo in the runbook cannot
 * silently drop a safety switch. The resource id is at most 768 characters, Config's limit, with no control,
 * bidirectional or other invisible character. The flags accept JSON booleans and the strings {@code "true"}/{@code "false"}, which
 * is how Automation may render a Boolean parameter.
 *
 * @param resourceId what AWS Config passes as RESOURCE_ID, or for a manual run an ECS service or task-set ARN
 */
public record RemediationRequest(ResourceKind kind, String resourceId, boolean dryRun, boolean allowEgressLoss) {
    public static final String RESOURCE_ID = "ResourceId";
    public static final String RESOURCE_TYPE = "ResourceType";
    public static final String DRY_RUN = "DryRun";
    public static final String ALLOW_EGRESS_LOSS = "AllowEgressLoss";
    /** Every key the function reads; the runbook's payload must send exactly these. */
    public static final List<String> FIELDS = List.of(RESOURCE_ID, RESOURCE_TYPE, DRY_RUN, ALLOW_EGRESS_LOSS);

    /** The longest resource id AWS Config accepts. */
    static final int MAX_RESOURCE_ID_LENGTH = ConfigurationItemParser.MAX_RESOURCE_ID_LENGTH;

    public String resourceType() {
        return kind.configType();
    }

    public static RemediationRequest parse(String json) {
        JsonObject event = JsonInput.parseObject(json, "event", "");
        for (String key : event.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new BadInputException(
                        key,
                        "is not an input of the remediation function (expected " + String.join(", ", FIELDS) + ")");
            }
        }
        String type = JsonInput.requiredString(event, RESOURCE_TYPE, "");
        ResourceKind kind = ResourceKind.ofConfigType(type);
        // Launchers are not remediated: a state machine's definition or a job definition's revision is a release.
        if (!kind.isEcs()) {
            throw new BadInputException(
                    RESOURCE_TYPE,
                    "must be " + ResourceKind.SERVICE.configType() + " or " + ResourceKind.TASK_SET.configType()
                            + ", got " + ErrorLine.quote(type));
        }
        String id = JsonInput.requiredString(event, RESOURCE_ID, "");
        if (id.isBlank()
                || id.length() > MAX_RESOURCE_ID_LENGTH
                || !id.strip().equals(id)
                || ErrorLine.hasUnprintable(id)) {
            throw new BadInputException(
                    RESOURCE_ID,
                    "must be 1 to " + MAX_RESOURCE_ID_LENGTH
                            + " characters without surrounding spaces or control characters, got "
                            + ErrorLine.quote(id));
        }
        return new RemediationRequest(kind, id, flag(event, DRY_RUN), flag(event, ALLOW_EGRESS_LOSS));
    }

    private static boolean flag(JsonObject event, String name) {
        JsonElement value = event.get(name);
        if (value != null
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isString()) {
            String text = value.getAsString();
            if (Ascii.equalsIgnoreCase(text, "true")) {
                return true;
            }
            if (Ascii.equalsIgnoreCase(text, "false")) {
                return false;
            }
            throw new BadInputException(name, "must be true or false, got " + ErrorLine.quote(text));
        }
        return JsonInput.optionalBoolean(event, name, "", false);
    }
}
