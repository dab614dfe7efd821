package dev.ecspublicip.rule;

import dev.ecspublicip.resource.EcsResource;
import java.time.Instant;

/** A Config rule's semantics, apart from events, batching and publishing, which the plumbing owns. */
public interface Rule {
    /**
     * The verdict for an event whose {@code eventLeftScope} is true, whatever its item says: the resource
     * left the rule's scope, so the rule no longer applies to it.
     */
    Verdict LEFT_SCOPE = new Verdict(Compliance.NOT_APPLICABLE, "The resource is no longer in this rule's scope.");

    /**
     * The verdict for a resource that holds an evaluation of this rule but is no longer in AWS Config's
     * inventory of the rule's resource types (the scheduled sweep's cleanup).
     */
    Verdict NOT_IN_INVENTORY = new Verdict(
            Compliance.NOT_APPLICABLE,
            "No longer in AWS Config's inventory of the resource types this rule covers (deleted, no longer"
                    + " recorded, or out of scope), so the rule no longer applies to it.");

    /**
     * The verdict for one resource as read, judged on the UTC day of {@code judgedAt}: the day an
     * exemption's expiry ({@code ... until YYYY-MM-DD}) is compared with. The rule keeps no clock; the
     * caller passes the time its source gives (an item's capture time, a notification's time, a run's).
     */
    Verdict judge(EcsResource resource, Instant judgedAt);

    /**
     * The verdict when no judging time is known (remediation, which judges without exemptions): an
     * exemption that carries an expiry does not exempt, since whether it expired cannot be told.
     */
    Verdict judge(EcsResource resource);

    /**
     * Whether a resource with this verdict could be judged differently once its tags are known. Lets a
     * reader that saw no tags (BatchGetResourceConfig returns none) fetch them only where they matter.
     */
    boolean tagsCouldChange(Verdict verdict);
}
