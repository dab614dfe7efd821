package dev.ecspublicip.rule;

/** The rule's judgement of one resource, with the annotation Config shows beside it. */
public record Verdict(Compliance compliance, String annotation) {
    public Verdict {
        annotation = Annotations.fit(annotation);
    }
}
