package dev.ecspublicip.rule;

import dev.ecspublicip.Ascii;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for ECS services and task sets: they must not assign public IP addresses to their tasks.
 * {@link Rules} gives it the resources of those kinds; nothing else builds it.
 *
 * <p>Pure: no I/O, no clock, no AWS SDK types. The verdict table in docs/rule.md is this class.
 */
final class PublicIpRule implements Rule {
    private final RuleParameters parameters;

    PublicIpRule(RuleParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Verdict judge(EcsResource resource) {
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
        Optional<UnresolvedValue> unresolved = awsvpc.get().unresolved();
        if (unresolved.isPresent()) {
            // Fail closed: whatever it turns out to be could assign public IPs, unless the resource is exempt.
            String finding = unresolved.get().property() + " of " + resource.label() + " is "
                    + unresolved.get().reason() + ", so it could assign public IPs";
            return exemption(resource)
                    .map(reason -> new Verdict(Compliance.COMPLIANT, "Exempt: " + reason + " " + finding + "."))
                    .orElseGet(() -> new Verdict(Compliance.NON_COMPLIANT, finding + ": judged NON_COMPLIANT."));
        }
        Optional<String> assignPublicIp = awsvpc.get().assignPublicIp();
        if (assignPublicIp.isEmpty()) {
            return new Verdict(
                    Compliance.COMPLIANT,
                    "AssignPublicIp is not set on " + resource.label() + "; ECS defaults it to DISABLED.");
        }
        String value = assignPublicIp.get();
        // ASCII case only: "DıSABLED" (dotless i) is not a value ECS knows, whatever String.equalsIgnoreCase says.
        if (Ascii.equalsIgnoreCase(value, "DISABLED")) {
            return new Verdict(Compliance.COMPLIANT, "AssignPublicIp is DISABLED on " + resource.label() + ".");
        }
        String finding;
        if (Ascii.equalsIgnoreCase(value, "ENABLED")) {
            finding = "AssignPublicIp is ENABLED on " + resource.label() + ": its tasks get public IP addresses.";
        } else {
            // An empty string too: present but empty is not the absent default.
            finding = "AssignPublicIp has the unrecognised value " + ErrorLine.quote(value) + " on " + resource.label()
                    + "; only DISABLED is compliant.";
        }
        return exemption(resource)
                .map(reason -> new Verdict(Compliance.COMPLIANT, "Exempt: " + reason + " " + finding))
                .orElseGet(() -> new Verdict(Compliance.NON_COMPLIANT, finding));
    }

    /** Only a finding can be exempted by a tag; every other verdict ignores tags. */
    @Override
    public boolean tagsCouldChange(Verdict verdict) {
        return verdict.compliance() == Compliance.NON_COMPLIANT
                && parameters.exemptionTagKey().isPresent();
    }

    private Optional<String> exemption(EcsResource resource) {
        Optional<String> serviceArn = resource.serviceArn();
        if (serviceArn.isPresent() && parameters.exemptServiceArns().contains(serviceArn.get())) {
            return Optional.of(
                    resource.kind() == ResourceKind.SERVICE
                            ? "the service is listed in " + RuleParameters.EXEMPT_SERVICE_ARNS + "."
                            : "its service is listed in " + RuleParameters.EXEMPT_SERVICE_ARNS + ".");
        }
        if (parameters.exemptionTagKey().isPresent()) {
            String key = parameters.exemptionTagKey().get();
            String justification = resource.tags().get(key);
            if (justification != null) {
                return Optional.of("tagged " + key + "=\"" + justification + "\".");
            }
        }
        return Optional.empty();
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
