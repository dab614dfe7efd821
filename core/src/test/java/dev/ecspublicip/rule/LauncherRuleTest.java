package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.UnresolvedValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resources that launch ECS tasks, judged through {@link Rules#of}: one verdict from all their launch points. */
class LauncherRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String PROPERTY = "EcsParameters.NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp";
    private static final String RULE_ARN = "arn:aws:events:eu-west-1:123456789012:rule/nightly";
    private static final Rules RULES = Rules.of(RuleParameters.NONE);

    @Test
    void onePublicPointAmongSeveralMakesTheResourceNonCompliantNamingItAndTheFix() {
        Verdict verdict =
                RULES.judge(rule(Map.of(), target("a", "DISABLED"), target("b", "ENABLED"), target("c", null)), NOW);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertEquals(
                "EventBridge rule 'nightly' could assign public IPs: set " + PROPERTY
                        + " to DISABLED at target 'b' (ENABLED).",
                verdict.annotation());
        assertFalse(verdict.exempt());
    }

    @Test
    void everyPublicPointIsNamed() {
        Verdict verdict = RULES.judge(rule(Map.of(), target("a", "ENABLED"), target("b", "enabled")), NOW);
        assertTrue(
                verdict.annotation().endsWith("at target 'a' (ENABLED), target 'b' (ENABLED)."), verdict.annotation());
    }

    @Test
    void pointsWithTheFlagDisabledOrAbsentAreCompliant() {
        Verdict verdict = RULES.judge(rule(Map.of(), target("a", "DISABLED"), target("b", null)), NOW);
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation().contains("No ECS launch point of EventBridge rule 'nightly'"),
                verdict.annotation());
    }

    @Test
    void noEcsPointOrNoAwsvpcBlockIsNotApplicable() {
        assertEquals(Compliance.NOT_APPLICABLE, RULES.judge(rule(Map.of()), NOW).compliance());
        Verdict bridge = RULES.judge(rule(Map.of(), new LaunchPoint("target 'ec2'", PROPERTY, Optional.empty())), NOW);
        assertEquals(Compliance.NOT_APPLICABLE, bridge.compliance());
        assertTrue(bridge.annotation().contains("without an awsvpc network configuration"), bridge.annotation());
    }

    @Test
    void aValueKnownOnlyAtRunTimeFailsClosed() {
        LaunchPoint dynamic = new LaunchPoint(
                "state 'Run' (States.Run)",
                "Parameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp.$",
                Optional.of(AwsvpcNetwork.unresolved(
                        new UnresolvedValue("AssignPublicIp.$", "set by the JSONPath '$.ip', known only at run time"),
                        List.of(),
                        List.of())));
        Verdict verdict = RULES.judge(
                EcsResource.launcher(
                        new ResourceKey("AWS::StepFunctions::StateMachine", "Jobs"),
                        Optional.empty(),
                        Optional.of("jobs"),
                        Presence.RECORDED,
                        List.of(dynamic),
                        Map.of()),
                NOW);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation().contains("state 'Run' (States.Run) (AssignPublicIp.$ set by the JSONPath '$.ip'"),
                verdict.annotation());
    }

    @Test
    void anUnrecognisedValueIsNamedAndNonCompliant() {
        Verdict verdict = RULES.judge(rule(Map.of(), target("a", "")), NOW);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("target 'a' (value '')"), verdict.annotation());
    }

    @Test
    void anExemptionTagExemptsTheWholeResourceAndTheVerdictSaysExempt() {
        Rules rules = Rules.of(new RuleParameters(Set.of(), Optional.of("public-ip-exception")));
        Verdict verdict = rules.judge(rule(Map.of("public-ip-exception", "SEC-9"), target("b", "ENABLED")), NOW);
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertTrue(verdict.exempt());
        assertTrue(
                verdict.annotation().startsWith("Exempt: tagged public-ip-exception=\"SEC-9\". EventBridge rule"),
                verdict.annotation());
    }

    @Test
    void aListedLauncherArnExemptsIt() {
        Rules rules = Rules.of(new RuleParameters(Set.of(), Optional.empty(), Set.of(RULE_ARN)));
        Verdict verdict = rules.judge(rule(Map.of(), target("b", "ENABLED")), NOW);
        assertTrue(verdict.exempt());
        assertTrue(verdict.annotation().startsWith("Exempt: the EventBridge rule is listed in exemptLauncherArns."));
    }

    @Test
    void aJobDefinitionArnWithoutRevisionExemptsEveryRevision() {
        Rules rules = Rules.of(new RuleParameters(
                Set.of(), Optional.empty(), Set.of("arn:aws:batch:eu-west-1:123456789012:job-definition/etl")));
        EcsResource revision = EcsResource.launcher(
                new ResourceKey("AWS::Batch::JobDefinition", "etl"),
                Optional.of("arn:aws:batch:eu-west-1:123456789012:job-definition/etl:7"),
                Optional.of("etl"),
                Presence.RECORDED,
                List.of(new LaunchPoint(
                        "ContainerProperties",
                        "ContainerProperties.NetworkConfiguration.AssignPublicIp",
                        Optional.of(new AwsvpcNetwork(Optional.of("ENABLED"), List.of(), List.of())))),
                Map.of());
        assertTrue(rules.judge(revision, NOW).exempt());
    }

    @Test
    void aServiceArnDoesNotExemptALauncherNorALauncherArnAService() {
        Rules rules = Rules.of(new RuleParameters(
                Set.of("arn:aws:ecs:eu-west-1:123456789012:service/prod/web"), Optional.empty(), Set.of()));
        assertEquals(
                Compliance.NON_COMPLIANT,
                rules.judge(rule(Map.of(), target("b", "ENABLED")), NOW).compliance());
    }

    @Test
    void theAnnotationStaysWithinConfigsLimitWithManyPoints() {
        LaunchPoint[] points = new LaunchPoint[40];
        for (int i = 0; i < points.length; i++) {
            points[i] = target("target-with-a-long-identifier-" + i, "ENABLED");
        }
        Verdict verdict = RULES.judge(rule(Map.of(), points), NOW);
        assertTrue(verdict.annotation().length() <= Annotations.MAX_LENGTH);
        assertTrue(verdict.annotation().contains("set " + PROPERTY + " to DISABLED"), verdict.annotation());
    }

    @Test
    void deletedLaunchersAreNotApplicable() {
        EcsResource deleted = EcsResource.launcher(
                new ResourceKey("AWS::Events::Rule", "nightly"),
                Optional.empty(),
                Optional.empty(),
                Presence.DELETED,
                List.of(target("b", "ENABLED")),
                Map.of());
        assertEquals(Compliance.NOT_APPLICABLE, RULES.judge(deleted, NOW).compliance());
    }

    static EcsResource rule(Map<String, String> tags, LaunchPoint... points) {
        return EcsResource.launcher(
                new ResourceKey("AWS::Events::Rule", "nightly"),
                Optional.of(RULE_ARN),
                Optional.of("nightly"),
                Presence.RECORDED,
                List.of(points),
                tags);
    }

    static LaunchPoint target(String id, String assignPublicIp) {
        return new LaunchPoint(
                "target '" + id + "'",
                PROPERTY,
                Optional.of(new AwsvpcNetwork(Optional.ofNullable(assignPublicIp), List.of("subnet-1"), List.of())));
    }
}
