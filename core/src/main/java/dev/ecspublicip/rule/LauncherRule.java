package dev.ecspublicip.rule;

import dev.ecspublicip.Ascii;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.UnresolvedValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for resources that launch ECS tasks (EventBridge rules, schedules, pipes, state machines, Batch
 * job definitions): none of their launch points may assign public IP addresses. One verdict per resource,
 * the worst of its points; the annotation names each point that could assign public IPs and the property
 * to set to DISABLED. {@link Rules} gives it the resources of those kinds; nothing else builds it.
 *
 * <p>Pure: no I/O, no clock, no AWS SDK types. The launcher rows of docs/rule.md's verdict table are this class.
 */
final class LauncherRule extends DatedRule {
    private final RuleParameters parameters;
    private final Exemptions exemptions;

    LauncherRule(RuleParameters parameters) {
        this.parameters = parameters;
        this.exemptions = new Exemptions(parameters);
    }

    @Override
    Verdict judge(EcsResource resource, Optional<LocalDate> day) {
        String label = resource.kind().noun() + " '"
                + resource.name().or(resource::arn).orElse(resource.resourceId()) + "'";
        if (resource.presence() == Presence.DELETED) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE, "The " + resource.kind().noun() + " was deleted.");
        }
        if (resource.presence() == Presence.NOT_RECORDED) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE,
                    "AWS Config no longer records this " + resource.kind().noun() + ".");
        }
        List<LaunchPoint> points = resource.launchPoints();
        if (points.isEmpty()) {
            return new Verdict(Compliance.NOT_APPLICABLE, PublicIpRule.capitalized(label) + " starts no ECS tasks.");
        }
        List<LaunchPoint> networked = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Set<String> properties = new LinkedHashSet<>();
        // Points where something other than the flag decides (an input, the whole definition): no flag to set.
        List<String> unknown = new ArrayList<>();
        for (LaunchPoint point : points) {
            if (point.awsvpc().isEmpty()) {
                continue;
            }
            networked.add(point);
            AssignPublicIp flag = AssignPublicIp.of(point.awsvpc().get());
            if (!flag.couldAssignPublicIps()) {
                continue;
            }
            if (flag == AssignPublicIp.UNRESOLVED && !setsTheFlag(point)) {
                UnresolvedValue unresolved = point.awsvpc().get().unresolved().orElseThrow();
                unknown.add(point.name() + " (" + unresolved.property() + " " + unresolved.reason() + ")");
            } else {
                findings.add(point.name() + " (" + why(flag, point) + ")");
                properties.add(point.property());
            }
        }
        if (networked.isEmpty()) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE,
                    PublicIpRule.capitalized(label) + " starts ECS tasks only without an awsvpc network"
                            + " configuration, so they get no public IP.");
        }
        if (findings.isEmpty() && unknown.isEmpty()) {
            return new Verdict(
                    Compliance.COMPLIANT,
                    "No ECS launch point of " + label + " assigns public IPs (" + networked.size()
                            + " with AssignPublicIp DISABLED or not set, which defaults to DISABLED).");
        }
        // The fix before the list, so that a long list cut at 256 characters still says what to change.
        List<String> parts = new ArrayList<>();
        if (!findings.isEmpty()) {
            parts.add("set " + String.join(" and ", properties) + " to DISABLED at " + String.join(", ", findings));
        }
        if (!unknown.isEmpty()) {
            parts.add("cannot tell at " + String.join(", ", unknown));
        }
        String finding =
                PublicIpRule.capitalized(label) + " could assign public IPs: " + String.join("; ", parts) + ".";
        return exemptions.of(resource, day).verdict(finding);
    }

    /** Whether what is unknown is the flag itself (e.g. {@code AssignPublicIp.$}): setting it to DISABLED fixes it. */
    private static boolean setsTheFlag(LaunchPoint point) {
        String property =
                point.awsvpc().orElseThrow().unresolved().orElseThrow().property();
        return Ascii.equalsIgnoreCase(property, "AssignPublicIp")
                || Ascii.equalsIgnoreCase(property, "AssignPublicIp.$");
    }

    private static String why(AssignPublicIp flag, LaunchPoint point) {
        return switch (flag) {
            case ENABLED -> "ENABLED";
            case UNRESOLVED -> {
                UnresolvedValue unresolved =
                        point.awsvpc().orElseThrow().unresolved().orElseThrow();
                // The flag itself is named by the fix already.
                yield Ascii.equalsIgnoreCase(unresolved.property(), "AssignPublicIp")
                        ? unresolved.reason()
                        : unresolved.property() + " " + unresolved.reason();
            }
            default ->
                "value "
                        + ErrorLine.quote(
                                point.awsvpc().orElseThrow().assignPublicIp().orElseThrow());
        };
    }

    /** Only a finding can be exempted by a tag; every other verdict ignores tags. */
    @Override
    public boolean tagsCouldChange(Verdict verdict) {
        return verdict.compliance() == Compliance.NON_COMPLIANT
                && parameters.exemptionTagKey().isPresent();
    }
}
