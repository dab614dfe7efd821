package dev.ecspublicip.rule;

/**
 * The rule's judgement of one resource, with the annotation Config shows beside it.
 *
 * @param exempt COMPLIANT only because an exemption covers what would be NON_COMPLIANT: Config sees
 *     COMPLIANT, summaries count it apart, so reviewers see what was skipped
 */
public record Verdict(Compliance compliance, String annotation, boolean exempt) {
    public Verdict {
        annotation = Annotations.fit(annotation);
        if (exempt && compliance != Compliance.COMPLIANT) {
            throw new IllegalArgumentException("only a COMPLIANT verdict is exempt");
        }
    }

    /** A verdict no exemption made. */
    public Verdict(Compliance compliance, String annotation) {
        this(compliance, annotation, false);
    }

    /** COMPLIANT because exempt. */
    public static Verdict exempted(String annotation) {
        return new Verdict(Compliance.COMPLIANT, annotation, true);
    }
}
