package dev.ecspublicip.rule;

import dev.ecspublicip.resource.Alternative;
import dev.ecspublicip.resource.EcsResource;
import java.util.ArrayList;
import java.util.List;

/** A Config rule's semantics, apart from events, batching and publishing, which the plumbing owns. */
public interface Rule {
    /**
     * The verdict for an event whose {@code eventLeftScope} is true, whatever its item says: the resource
     * left the rule's scope, so the rule no longer applies to it.
     */
    Verdict LEFT_SCOPE = new Verdict(Compliance.NOT_APPLICABLE, "The resource is no longer in this rule's scope.");

    /** The verdict for one resource as read. */
    Verdict judge(EcsResource resource);

    /**
     * The verdict for a resource that will be one of these alternatives, which one known only at
     * deployment (a template's conditions): each judged as a resource of its own, then the worst, saying
     * when it happens ({@link Verdicts#ofAlternatives}).
     */
    default Verdict judgeAlternatives(List<Alternative> alternatives) {
        List<PartVerdict> verdicts = new ArrayList<>();
        for (Alternative alternative : alternatives) {
            verdicts.add(new PartVerdict(alternative.condition(), judge(alternative.resource())));
        }
        return Verdicts.ofAlternatives(verdicts);
    }

    /**
     * Whether a resource with this verdict could be judged differently once its tags are known. Lets a
     * reader that saw no tags (BatchGetResourceConfig returns none) fetch them only where they matter.
     */
    boolean tagsCouldChange(Verdict verdict);
}
