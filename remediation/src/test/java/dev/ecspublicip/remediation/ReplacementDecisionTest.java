package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** The phase of a task-set replacement, decided from observations alone: no ECS, no stand-in, no clock. */
class ReplacementDecisionTest {
    static final String PREFIX = "arn:aws:ecs:us-east-1:123456789012:";
    static final String OLD_ID = "ecs-svc/7345869273412391028";
    static final Instant CREATED = Instant.parse("2026-11-20T15:00:00Z");

    private static Service service(DeploymentControllerType controller) {
        return Service.builder()
                .serviceArn(PREFIX + "service/prod/canary")
                .clusterArn(PREFIX + "cluster/prod")
                .status("ACTIVE")
                .deploymentController(c -> c.type(controller))
                .build();
    }

    private static TaskSet.Builder taskSet(String id, String status, AssignPublicIp assignPublicIp) {
        return TaskSet.builder()
                .id(id)
                .taskSetArn(PREFIX + "task-set/prod/canary/" + id)
                .status(status)
                .serviceArn(PREFIX + "service/prod/canary")
                .clusterArn(PREFIX + "cluster/prod")
                .computedDesiredCount(2)
                .runningCount(2)
                .stabilityStatus(StabilityStatus.STEADY_STATE)
                .createdAt(CREATED.minus(Duration.ofDays(30)))
                .networkConfiguration(
                        n -> n.awsvpcConfiguration(a -> a.subnets("subnet-a").assignPublicIp(assignPublicIp)));
    }

    private static TaskSet old(String status) {
        return taskSet(OLD_ID, status, AssignPublicIp.ENABLED).build();
    }

    /** A replacement as CreateTaskSet made it: STABILIZING, nothing running yet, tagged. */
    private static TaskSet.Builder replacement(String id, String status) {
        return taskSet(id, status, AssignPublicIp.DISABLED)
                .runningCount(0)
                .stabilityStatus(StabilityStatus.STABILIZING)
                .createdAt(CREATED)
                .tags(Tag.builder()
                        .key(TaskSetReplacement.MARKER_TAG)
                        .value(OLD_ID)
                        .build());
    }

    private static TaskSet steady(TaskSet.Builder replacement) {
        return replacement
                .stabilityStatus(StabilityStatus.STEADY_STATE)
                .runningCount(2)
                .build();
    }

    private static ReplacementDecision decide(Optional<TaskSet> old, TaskSet... marked) {
        return decideAt(CREATED.plus(Duration.ofMinutes(5)), DeploymentControllerType.EXTERNAL, old, marked);
    }

    private static ReplacementDecision decideAt(
            Instant now, DeploymentControllerType controller, Optional<TaskSet> old, TaskSet... marked) {
        return ReplacementDecision.of(
                new TaskSetObservation(service(controller), OLD_ID, old, Arrays.asList(marked)), now);
    }

    @Test
    void aPublicTaskSetWithoutAReplacementGetsOne() {
        assertEquals(
                ReplacementPhase.CREATE_REPLACEMENT,
                decide(Optional.of(old("PRIMARY"))).phase());
    }

    @Test
    void aReplacementJustCreatedIsWaitedFor() {
        ReplacementDecision decision = decide(
                Optional.of(old("PRIMARY")), replacement("ecs-svc/2", "ACTIVE").build());

        assertEquals(ReplacementPhase.WAIT_FOR_STEADY, decision.phase());
        assertTrue(decision.reason().contains("running 0 of 2 tasks"), decision.reason());
    }

    @Test
    void aSteadyReplacementWithoutRunningTasksIsWaitedForWhileTheOldOneRunsTasks() {
        TaskSet emptyButSteady = replacement("ecs-svc/2", "ACTIVE")
                .stabilityStatus(StabilityStatus.STEADY_STATE)
                .build();

        assertEquals(
                ReplacementPhase.WAIT_FOR_STEADY,
                decide(Optional.of(old("PRIMARY")), emptyButSteady).phase());
        TaskSet idleOld = old("PRIMARY").toBuilder().runningCount(0).build();
        assertEquals(
                ReplacementPhase.PROMOTE,
                decide(Optional.of(idleOld), emptyButSteady).phase(),
                "an old task set without tasks asks for none in its replacement");
    }

    @Test
    void aSteadyReplacementOfThePrimaryIsPromoted() {
        assertEquals(
                ReplacementPhase.PROMOTE,
                decide(Optional.of(old("PRIMARY")), steady(replacement("ecs-svc/2", "ACTIVE")))
                        .phase());
    }

    @Test
    void onceTheReplacementIsPrimaryOnlyTheOldOneIsDeleted() {
        assertEquals(
                ReplacementPhase.DELETE_OLD,
                decide(Optional.of(old("ACTIVE")), steady(replacement("ecs-svc/2", "PRIMARY")))
                        .phase());
    }

    @Test
    void aSteadyReplacementOfANonPrimaryTaskSetOnlyLeadsToDeletingTheOldOne() {
        assertEquals(
                ReplacementPhase.DELETE_OLD,
                decide(Optional.of(old("ACTIVE")), steady(replacement("ecs-svc/2", "ACTIVE")))
                        .phase());
    }

    @Test
    void anOldTaskSetDrainingOrGoneBesideItsReplacementIsDone() {
        TaskSet next = steady(replacement("ecs-svc/2", "PRIMARY"));

        assertEquals(
                ReplacementPhase.DONE,
                decide(Optional.of(old("DRAINING")), next).phase());
        assertEquals(ReplacementPhase.DONE, decide(Optional.empty(), next).phase());
        assertEquals(
                ReplacementPhase.DONE,
                decide(Optional.empty(), replacement("ecs-svc/2", "ACTIVE").build())
                        .phase(),
                "done is judged on the old task set being gone, whatever the replacement's state");
    }

    @Test
    void anOldTaskSetGoneWithoutAReplacementLeavesNothingToReplace() {
        assertEquals(
                ReplacementPhase.REFUSED_NOTHING_TO_REPLACE,
                decide(Optional.empty()).phase());
        assertEquals(
                ReplacementPhase.REFUSED_NOTHING_TO_REPLACE,
                decide(Optional.of(old("DRAINING"))).phase());
    }

    @Test
    void theWaitEndsNinetyMinutesAfterTheReplacementWasCreated() {
        TaskSet next = replacement("ecs-svc/2", "ACTIVE").build();
        Optional<TaskSet> old = Optional.of(old("PRIMARY"));

        assertEquals(
                ReplacementPhase.WAIT_FOR_STEADY,
                decideAt(CREATED.plus(TaskSetReplacement.MAX_STABILIZING), DeploymentControllerType.EXTERNAL, old, next)
                        .phase());
        ReplacementDecision late = decideAt(
                CREATED.plus(TaskSetReplacement.MAX_STABILIZING).plusSeconds(60),
                DeploymentControllerType.EXTERNAL,
                old,
                next);
        assertEquals(ReplacementPhase.REFUSED_NOT_STEADY, late.phase());
        assertTrue(late.reason().contains("91 minutes after its creation (running 0 of 2 tasks)"), late.reason());
        assertEquals(
                ReplacementPhase.PROMOTE,
                decideAt(
                                CREATED.plus(Duration.ofDays(1)),
                                DeploymentControllerType.EXTERNAL,
                                old,
                                steady(replacement("ecs-svc/2", "ACTIVE")))
                        .phase(),
                "a steady replacement is never late");
    }

    @Test
    void aReplacementBeingDeletedIsNotReplacedBehindItsBack() {
        ReplacementDecision decision = decide(
                Optional.of(old("PRIMARY")),
                replacement("ecs-svc/2", "DRAINING").build());

        assertEquals(ReplacementPhase.REFUSED_REPLACEMENT_BEING_DELETED, decision.phase());
        assertTrue(decision.reason().contains("ecs-svc/2"), decision.reason());
    }

    @Test
    void aDrainingEarlierReplacementBesideALiveOneIsNoObstacle() {
        assertEquals(
                ReplacementPhase.WAIT_FOR_STEADY,
                decide(
                                Optional.of(old("PRIMARY")),
                                replacement("ecs-svc/2", "DRAINING").build(),
                                replacement("ecs-svc/3", "ACTIVE").build())
                        .phase());
    }

    @Test
    void twoLiveReplacementsAreRefused() {
        assertEquals(
                ReplacementPhase.REFUSED_SEVERAL_REPLACEMENTS,
                decide(
                                Optional.of(old("PRIMARY")),
                                replacement("ecs-svc/2", "ACTIVE").build(),
                                replacement("ecs-svc/3", "ACTIVE").build())
                        .phase());
    }

    @Test
    void theRuleSettlesTaskSetsThatDoNotAssignPublicIps() {
        TaskSet privateOld = taskSet(OLD_ID, "PRIMARY", AssignPublicIp.DISABLED).build();
        TaskSet bridge = taskSet(OLD_ID, "PRIMARY", AssignPublicIp.ENABLED)
                .networkConfiguration((n) -> {})
                .build();

        assertEquals(
                ReplacementPhase.ALREADY_COMPLIANT,
                decide(Optional.of(privateOld)).phase());
        assertEquals(
                ReplacementPhase.NOT_APPLICABLE, decide(Optional.of(bridge)).phase());
    }

    @Test
    void codeDeployTaskSetsAreRefused() {
        Optional<TaskSet> old = Optional.of(old("PRIMARY"));
        assertEquals(
                ReplacementPhase.REFUSED_CODE_DEPLOY,
                decideAt(CREATED, DeploymentControllerType.CODE_DEPLOY, old).phase());
        assertEquals(
                ReplacementPhase.REFUSED_CODE_DEPLOY,
                decide(Optional.of(old("PRIMARY").toBuilder()
                                .startedBy("CODE_DEPLOY")
                                .build()))
                        .phase());
    }

    @Test
    void aServiceUnderTheEcsControllerHasNoTaskSetsToReplace() {
        assertEquals(
                ReplacementPhase.REFUSED_ECS_CONTROLLER,
                decideAt(CREATED, DeploymentControllerType.ECS, Optional.empty())
                        .phase());
    }

    @Test
    void theMarkerTagMustFitBesideTheOldTagsButAwsTagsAreNotCopied() {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < TaskSetReplacement.MAX_TAGS - 1; i++) {
            tags.add(Tag.builder().key("key" + i).value("v").build());
        }
        tags.add(Tag.builder()
                .key("aws:cloudformation:stack-name")
                .value("stack")
                .build());
        TaskSet fits = old("PRIMARY").toBuilder().tags(tags).build();
        tags.add(Tag.builder().key("one-too-many").value("v").build());
        TaskSet full = old("PRIMARY").toBuilder().tags(tags).build();

        assertEquals(
                ReplacementPhase.CREATE_REPLACEMENT, decide(Optional.of(fits)).phase());
        assertEquals(
                ReplacementPhase.REFUSED_TOO_MANY_TAGS,
                decide(Optional.of(full)).phase());
    }

    @Test
    void onlyCreatePromoteAndDeleteAct() {
        Set<ReplacementPhase> acting = EnumSet.noneOf(ReplacementPhase.class);
        for (ReplacementPhase phase : ReplacementPhase.values()) {
            if (phase.ends().isEmpty()) {
                acting.add(phase);
            }
        }
        assertEquals(
                EnumSet.of(ReplacementPhase.CREATE_REPLACEMENT, ReplacementPhase.PROMOTE, ReplacementPhase.DELETE_OLD),
                acting);
        for (ReplacementPhase phase : ReplacementPhase.values()) {
            if (phase.name().startsWith("REFUSED_")) {
                assertEquals(Optional.of(Outcome.REFUSED), phase.ends(), phase.name());
            }
        }
    }
}
