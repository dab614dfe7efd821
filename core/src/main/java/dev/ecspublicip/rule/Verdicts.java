package dev.ecspublicip.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * One verdict from the verdicts of several parts: the worst of them (NON_COMPLIANT over COMPLIANT over
 * NOT_APPLICABLE), and which parts have it.
 */
public final class Verdicts {
    private Verdicts() {}

    /** How bad a compliance type is: NON_COMPLIANT 2, COMPLIANT 1, NOT_APPLICABLE 0. */
    public static int severity(Compliance compliance) {
        return switch (compliance) {
            case NON_COMPLIANT -> 2;
            case COMPLIANT -> 1;
            case NOT_APPLICABLE -> 0;
        };
    }

    /** The parts whose verdict is the worst, in their order; empty only when there are no parts. */
    public static List<PartVerdict> worst(List<PartVerdict> parts) {
        List<PartVerdict> worst = new ArrayList<>();
        for (PartVerdict part : parts) {
            if (!worst.isEmpty()) {
                int difference = severity(part.verdict().compliance())
                        - severity(worst.get(0).verdict().compliance());
                if (difference < 0) {
                    continue;
                }
                if (difference > 0) {
                    worst.clear();
                }
            }
            worst.add(part);
        }
        return worst;
    }

    /**
     * The verdict of a resource that will be one of several alternatives, not knowing which: the worst
     * alternative's verdict (so a resource that could assign public IPs is NON_COMPLIANT), its annotation
     * saying when ({@code If condition IsDev is true: ...}) unless every alternative has the same compliance.
     *
     * @param alternatives at least one; a part's name is what leads to it, empty when nothing does
     */
    public static Verdict ofAlternatives(List<PartVerdict> alternatives) {
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a resource is at least one alternative");
        }
        PartVerdict worst = worst(alternatives).get(0);
        Verdict verdict = worst.verdict();
        boolean allAlike = alternatives.stream().allMatch(a -> a.verdict().compliance() == verdict.compliance());
        if (allAlike || worst.part().isEmpty()) {
            return verdict;
        }
        return new Verdict(verdict.compliance(), "If " + worst.part() + ": " + verdict.annotation(), verdict.exempt());
    }
}
