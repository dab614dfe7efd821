package dev.ecspublicip.rule;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.LauncherArn;
import dev.ecspublicip.resource.ResourceKind;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule's parameters, as the Config event's {@code ruleParameters} or the rule's InputParameters give them.
 *
 * <p>Parsing is strict: an unknown key or a malformed ARN fails the invocation, because a typo here
 * would otherwise silently exempt nothing (or everything).
 *
 * @param exemptServiceArns services whose own and whose task sets' public IPs are accepted
 * @param exemptionTagKey a tag key that exempts the resource carrying it
 * @param exemptLauncherArns resources that launch ECS tasks (EventBridge rules, schedules, pipes, state
 *     machines, job definitions) whose launch points' public IPs are accepted
 */
public record RuleParameters(
        Set<String> exemptServiceArns, Optional<String> exemptionTagKey, Set<String> exemptLauncherArns) {
    public static final String EXEMPT_SERVICE_ARNS = "exemptEcsServiceArns";
    public static final String EXEMPTION_TAG_KEY = "exemptionTagKey";
    public static final String EXEMPT_LAUNCHER_ARNS = "exemptLauncherArns";
    public static final RuleParameters NONE = new RuleParameters(Set.of(), Optional.empty(), Set.of());

    private static final String FIELD = "ruleParameters";
    private static final int MAX_TAG_KEY_LENGTH = 128;

    public RuleParameters {
        exemptServiceArns = Set.copyOf(exemptServiceArns);
        exemptLauncherArns = Set.copyOf(exemptLauncherArns);
    }

    /** Parameters that exempt no launcher by its ARN. */
    public RuleParameters(Set<String> exemptServiceArns, Optional<String> exemptionTagKey) {
        this(exemptServiceArns, exemptionTagKey, Set.of());
    }

    /**
     * The parameters from their names and values (JSON is read at the edge); absent and empty values
     * mean none.
     */
    public static RuleParameters of(Map<String, String> values) {
        requireKnownNames(values.keySet());
        Set<String> arns = Optional.ofNullable(values.get(EXEMPT_SERVICE_ARNS))
                .map(list -> arns(list, EXEMPT_SERVICE_ARNS))
                .orElse(Set.of());
        Optional<String> tagKey = Optional.ofNullable(values.get(EXEMPTION_TAG_KEY))
                .filter(s -> !s.isEmpty())
                .map(RuleParameters::tagKey);
        Set<String> launcherArns = Optional.ofNullable(values.get(EXEMPT_LAUNCHER_ARNS))
                .map(list -> arns(list, EXEMPT_LAUNCHER_ARNS))
                .orElse(Set.of());
        return new RuleParameters(arns, tagKey, launcherArns);
    }

    /** Rejects a name that is not one of this rule's parameters (a typo would otherwise exempt nothing). */
    public static void requireKnownNames(Collection<String> names) {
        for (String key : names) {
            if (!key.equals(EXEMPT_SERVICE_ARNS)
                    && !key.equals(EXEMPTION_TAG_KEY)
                    && !key.equals(EXEMPT_LAUNCHER_ARNS)) {
                throw new BadInputException(
                        FIELD + "." + key,
                        "is not a parameter of this rule (expected " + EXEMPT_SERVICE_ARNS + ", " + EXEMPTION_TAG_KEY
                                + " or " + EXEMPT_LAUNCHER_ARNS + ")");
            }
        }
    }

    private static Set<String> arns(String list, String parameter) {
        Set<String> arns = new LinkedHashSet<>();
        if (list.isBlank()) {
            return arns;
        }
        String[] entries = list.split(",", -1);
        String field = FIELD + "." + parameter;
        for (int i = 0; i < entries.length; i++) {
            String arn = entries[i].strip();
            if (arn.isEmpty()) {
                throw new BadInputException(field, "entry " + (i + 1) + " is empty (stray comma?)");
            }
            if (parameter.equals(EXEMPT_LAUNCHER_ARNS)) {
                if (!LauncherArn.isLauncherArn(arn)) {
                    throw new BadInputException(
                            field,
                            ErrorLine.quote(arn) + " is not the ARN of an EventBridge rule, schedule or pipe, a state"
                                    + " machine or a Batch job definition (e.g."
                                    + " arn:PARTITION:events:REGION:ACCOUNT:rule/NAME)");
                }
            } else if (EcsArn.parse(arn)
                    .filter(parsed -> parsed.kind() == ResourceKind.SERVICE)
                    .isEmpty()) {
                throw new BadInputException(
                        field,
                        ErrorLine.quote(arn) + " is not an ECS service ARN"
                                + " (expected arn:PARTITION:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE)");
            }
            arns.add(arn);
        }
        return arns;
    }

    private static String tagKey(String key) {
        String field = FIELD + "." + EXEMPTION_TAG_KEY;
        if (!key.equals(key.strip())) {
            throw new BadInputException(field, ErrorLine.quote(key) + " has leading or trailing spaces");
        }
        if (key.length() > MAX_TAG_KEY_LENGTH) {
            throw new BadInputException(field, "is longer than " + MAX_TAG_KEY_LENGTH + " characters");
        }
        return key;
    }
}
