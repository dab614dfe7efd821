package dev.ecspublicip.rule;

import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LauncherArn;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.RunningTask;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an exemption covers a resource's finding: its service's or its own ARN listed, or the exemption
 * tag, whose value may end with {@code until YYYY-MM-DD}, from which day it exempts nothing.
 */
final class Exemptions {
    // Anything after " until " that starts like a date is read as one: a malformed date fails closed.
    private static final Pattern UNTIL = Pattern.compile("(?:^| )until ([0-9][0-9./-]*)$");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** What the exemptions make of a finding. */
    record Outcome(boolean exempt, String note) {
        static final Outcome NONE = new Outcome(false, "");

        /** The verdict on a finding, the note before it. */
        Verdict verdict(String finding) {
            return verdict(finding, finding);
        }

        /** The verdict on a finding told one way when exempt and another when not. */
        Verdict verdict(String findingWhenExempt, String finding) {
            if (exempt) {
                return Verdict.exempted("Exempt: " + note + " " + findingWhenExempt);
            }
            return new Verdict(Compliance.NON_COMPLIANT, note.isEmpty() ? finding : note + " " + finding);
        }
    }

    private final RuleParameters parameters;

    Exemptions(RuleParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * What exempts the resource on {@code day} (empty when no date is known: an exemption with an expiry
     * then exempts nothing).
     */
    Outcome of(EcsResource resource, Optional<LocalDate> day) {
        if (resource.kind().isEcs()) {
            Optional<String> serviceArn = resource.serviceArn();
            if (serviceArn.isPresent() && parameters.exemptServiceArns().contains(serviceArn.get())) {
                return new Outcome(
                        true,
                        (resource.kind() == ResourceKind.SERVICE ? "the service" : "its service") + " is listed in "
                                + RuleParameters.EXEMPT_SERVICE_ARNS + ".");
            }
        } else if (resource.arn().isPresent()) {
            String arn = resource.arn().get();
            for (String listed : parameters.exemptLauncherArns()) {
                if (LauncherArn.names(listed, arn)) {
                    return new Outcome(
                            true,
                            "the " + resource.kind().noun() + " is listed in " + RuleParameters.EXEMPT_LAUNCHER_ARNS
                                    + ".");
                }
            }
        }
        return tagged(resource.tags(), day);
    }

    /** What exempts a running task on {@code day}: its service listed, or its own exemption tag. */
    Outcome of(RunningTask task, Optional<LocalDate> day) {
        if (task.serviceArn().isPresent()
                && parameters.exemptServiceArns().contains(task.serviceArn().get())) {
            return new Outcome(true, "its service is listed in " + RuleParameters.EXEMPT_SERVICE_ARNS + ".");
        }
        return tagged(task.tags(), day);
    }

    private Outcome tagged(Map<String, String> tags, Optional<LocalDate> day) {
        if (parameters.exemptionTagKey().isEmpty()) {
            return Outcome.NONE;
        }
        String key = parameters.exemptionTagKey().get();
        String justification = tags.get(key);
        if (justification == null) {
            return Outcome.NONE;
        }
        String tagged = "tagged " + key + "=\"" + justification + "\".";
        Matcher until = UNTIL.matcher(justification);
        if (!until.find()) {
            return new Outcome(true, tagged);
        }
        Optional<LocalDate> expiry = date(until.group(1));
        if (expiry.isEmpty()) {
            return new Outcome(
                    false,
                    "Exemption tag " + key + " ends with 'until " + until.group(1)
                            + "', not a date YYYY-MM-DD, so it exempts nothing.");
        }
        if (day.isEmpty()) {
            return new Outcome(
                    false,
                    "Exemption tag " + key + " expires on " + expiry.get() + " and no date to judge on is known.");
        }
        if (!day.get().isBefore(expiry.get())) {
            return new Outcome(false, "Exemption expired on " + expiry.get() + " (tag " + key + ").");
        }
        return new Outcome(true, tagged);
    }

    private static Optional<LocalDate> date(String text) {
        if (!DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
