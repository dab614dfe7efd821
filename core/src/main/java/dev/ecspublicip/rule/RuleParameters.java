package dev.ecspublicip.rule;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.JsonInput;
import dev.ecspublicip.resource.EcsArns;
import com.google.gson.JsonObject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The rule's parameters, from the Config event's {@code ruleParameters} JSON string.
 *
 * <p>Parsing is strict: an unknown key or a malformed ARN fails the invocation, because a typo here
 * would otherwise silently exempt nothing (or everything).
 *
 * @param exemptServiceArns services whose own and whose task sets' public IPs are accepted
 * @param exemptionTagKey a tag key that exempts the resource carrying it
 */
public record RuleParameters(Set<String> exemptServiceArns, Optional<String> exemptionTagKey) {
    public static final String EXEMPT_SERVICE_ARNS = "exemptEcsServiceArns";
    public static final String EXEMPTION_TAG_KEY = "exemptionTagKey";
    public static final RuleParameters NONE = new RuleParameters(Set.of(), Optional.empty());

    private static final String FIELD = "ruleParameters";
    private static final int MAX_TAG_KEY_LENGTH = 128;

    public RuleParameters {
        exemptServiceArns = Set.copyOf(exemptServiceArns);
    }

    /** Parses the {@code ruleParameters} string; null, empty and {@code {}} mean no parameters. */
    public static RuleParameters parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonObject object = JsonInput.parseObject(json, FIELD);
        for (String key : object.keySet()) {
            if (!key.equals(EXEMPT_SERVICE_ARNS) && !key.equals(EXEMPTION_TAG_KEY)) {
                throw new BadInputException(FIELD + "." + key,
                        "is not a parameter of this rule (expected " + EXEMPT_SERVICE_ARNS + " or "
                                + EXEMPTION_TAG_KEY + ")");
            }
        }
        Set<String> arns = JsonInput.optionalString(object, EXEMPT_SERVICE_ARNS, FIELD)
                .map(RuleParameters::serviceArns)
                .orElse(Set.of());
        Optional<String> tagKey = JsonInput.optionalString(object, EXEMPTION_TAG_KEY, FIELD)
                .filter(s -> !s.isEmpty())
                .map(RuleParameters::tagKey);
        return new RuleParameters(arns, tagKey);
    }

    private static Set<String> serviceArns(String list) {
        Set<String> arns = new LinkedHashSet<>();
        if (list.isBlank()) {
            return arns;
        }
        String[] entries = list.split(",", -1);
        String field = FIELD + "." + EXEMPT_SERVICE_ARNS;
        for (int i = 0; i < entries.length; i++) {
            String arn = entries[i].strip();
            if (arn.isEmpty()) {
                throw new BadInputException(field, "entry " + (i + 1) + " is empty (stray comma?)");
            }
            if (!EcsArns.isServiceArn(arn)) {
                throw new BadInputException(field, "'" + arn + "' is not an ECS service ARN"
                        + " (expected arn:PARTITION:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE)");
            }
            arns.add(arn);
        }
        return arns;
    }

    private static String tagKey(String key) {
        String field = FIELD + "." + EXEMPTION_TAG_KEY;
        if (!key.equals(key.strip())) {
            throw new BadInputException(field, "'" + key + "' has leading or trailing spaces");
        }
        if (key.length() > MAX_TAG_KEY_LENGTH) {
            throw new BadInputException(field, "is longer than " + MAX_TAG_KEY_LENGTH + " characters");
        }
        return key;
    }
}
