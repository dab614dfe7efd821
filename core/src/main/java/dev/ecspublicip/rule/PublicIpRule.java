package dev.ecspublicip.rule;

import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.UnresolvedValue;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for ECS services and task sets: they must not assign public IP addresses to their tasks.
 * {@link Rules} gives it the resources of those kinds; nothing else builds it.
 *
 * <p>Pure: no I/O, no clock, no AWS SDK types. The verdict table in docs/rule.md is this class.
 */
final class PublicIpRule extends DatedRule {
    PublicIpRule(RuleParameters parameters) {
        super(parameters);
    }

    @Override
    Verdict judge(EcsResource resource, Optional<LocalDate> day) {
        if (resource.presence() == Presence.DELETED) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE, "The " + resource.kind().noun() + " was deleted.");
        }
        if (resource.presence() == Presence.NOT_RECORDED) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE,
                    "AWS Config no longer records this " + resource.kind().noun() + ".");
        }
        Optional<AwsvpcNetwork> awsvpc = resource.awsvpc();
        if (awsvpc.isEmpty()) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE,
                    capitalized(resource.label())
                            + " has no awsvpc network configuration (bridge or host network mode, or an EXTERNAL"
                            + " deployment controller whose task sets carry it), so it assigns no public IP.");
        }
        AssignPublicIp flag = AssignPublicIp.of(awsvpc.get());
        switch (flag) {
            case ABSENT -> {
                return new Verdict(
                        Compliance.COMPLIANT,
                        "AssignPublicIp is not set on " + resource.label() + "; ECS defaults it to DISABLED.");
            }
            case DISABLED -> {
                return new Verdict(Compliance.COMPLIANT, "AssignPublicIp is DISABLED on " + resource.label() + ".");
            }
            case UNRESOLVED -> {
                // Fail closed: whatever it turns out to be could assign public IPs, unless the resource is exempt.
                UnresolvedValue unresolved = awsvpc.get().unresolved().orElseThrow();
                String finding = unresolved.property() + " of " + resource.label() + " is " + unresolved.reason()
                        + ", so it could assign public IPs";
                return exemptions.of(resource, day).verdict(finding + ".", finding + ": judged NON_COMPLIANT.");
            }
            case ENABLED -> {
                return exemptions
                        .of(resource, day)
                        .verdict("AssignPublicIp is ENABLED on " + resource.label()
                                + ": its tasks get public IP addresses.");
            }
            default -> {
                // An empty string too: present but empty is not the absent default.
                return exemptions
                        .of(resource, day)
                        .verdict("AssignPublicIp has the unrecognised value "
                                + ErrorLine.quote(awsvpc.get().assignPublicIp().orElseThrow()) + " on "
                                + resource.label() + "; only DISABLED is compliant.");
            }
        }
    }

    static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
