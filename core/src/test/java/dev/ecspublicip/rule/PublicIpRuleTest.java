package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicIpRuleTest {
    private static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/prod/web";
    private static final String TASK_SET_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-set/prod/web/ecs-svc/1234";
    private static final PublicIpRule RULE = new PublicIpRule(RuleParameters.NONE);

    @Test
    void enabledIsNonCompliantAndSaysWhere() {
        Verdict verdict = RULE.judge(service(Optional.of("ENABLED"), Map.of()));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertEquals(
                "AssignPublicIp is ENABLED on ECS service 'web': its tasks get public IP addresses.",
                verdict.annotation());
    }

    @Test
    void valuesCompareWithoutCase() {
        assertEquals(
                Compliance.NON_COMPLIANT,
                RULE.judge(service(Optional.of("Enabled"), Map.of())).compliance());
        assertEquals(
                Compliance.COMPLIANT,
                RULE.judge(service(Optional.of("disabled"), Map.of())).compliance());
    }

    @Test
    void absentFlagIsCompliantBecauseEcsDefaultsToDisabled() {
        assertEquals(
                Compliance.COMPLIANT,
                RULE.judge(service(Optional.empty(), Map.of())).compliance());
    }

    @Test
    void unknownValueFailsClosedAndIsNamed() {
        Verdict verdict = RULE.judge(service(Optional.of(""), Map.of()));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("unrecognised value ''"), verdict.annotation());
    }

    @Test
    void onlyAsciiLettersFoldCaseSoLookalikeValuesAreUnknownAndNamed() {
        for (String lookalike : List.of("D\u0131SABLED", "DI\u017FABLED", "d\u0130sabled")) {
            Verdict verdict = RULE.judge(service(Optional.of(lookalike), Map.of()));
            assertEquals(Compliance.NON_COMPLIANT, verdict.compliance(), lookalike);
            assertTrue(verdict.annotation().contains("unrecognised value '" + lookalike + "'"), verdict.annotation());
        }
        assertEquals(
                Compliance.NON_COMPLIANT,
                RULE.judge(service(Optional.of("ENABLED\u212A"), Map.of())).compliance());
    }

    @Test
    void theVerdictIsTheSameInEveryDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : List.of(Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("az"), Locale.ROOT)) {
                Locale.setDefault(locale);
                assertEquals(
                        Compliance.COMPLIANT,
                        RULE.judge(service(Optional.of("disabled"), Map.of())).compliance());
                assertEquals(
                        Compliance.NON_COMPLIANT,
                        RULE.judge(service(Optional.of("D\u0131SABLED"), Map.of()))
                                .compliance());
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void anEchoedValueIsCutWithItsLengthAndItsUnprintableCharactersEscaped() {
        Verdict verdict = RULE.judge(service(Optional.of("\u202E" + "A".repeat(5000)), Map.of()));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("'\\u202EAAAA"), verdict.annotation());
        assertTrue(verdict.annotation().contains("(5001 characters)"), verdict.annotation());
        assertTrue(verdict.annotation().length() <= Annotations.MAX_LENGTH);
    }

    @Test
    void taskSetIsExemptWhenItsServiceIsListed() {
        PublicIpRule rule = new PublicIpRule(new RuleParameters(Set.of(SERVICE_ARN), Optional.empty()));
        EcsResource taskSet = new EcsResource(
                ResourceKind.TASK_SET,
                new ResourceKey("AWS::ECS::TaskSet", "opaque-id"),
                Optional.of(TASK_SET_ARN),
                Optional.of("ecs-svc/1234"),
                EcsLocation.UNKNOWN,
                Presence.RECORDED,
                Optional.of(awsvpc(Optional.of("ENABLED"))),
                Map.of());
        Verdict verdict = rule.judge(taskSet);
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().startsWith("Exempt: its service is listed"), verdict.annotation());
    }

    @Test
    void exemptionOnlyMattersForWhatWouldBeNonCompliant() {
        PublicIpRule rule = new PublicIpRule(new RuleParameters(Set.of(SERVICE_ARN), Optional.of("exempt")));
        Verdict verdict = rule.judge(service(Optional.of("DISABLED"), Map.of("exempt", "why")));
        assertEquals("AssignPublicIp is DISABLED on ECS service 'web'.", verdict.annotation());
    }

    @Test
    void exemptionTagWithoutTheTagExemptsNothing() {
        PublicIpRule rule = new PublicIpRule(new RuleParameters(Set.of(), Optional.of("exempt")));
        assertEquals(
                Compliance.NON_COMPLIANT,
                rule.judge(service(Optional.of("ENABLED"), Map.of("Exempt", "wrong case")))
                        .compliance());
        assertEquals(
                Compliance.COMPLIANT,
                rule.judge(service(Optional.of("ENABLED"), Map.of("exempt", "")))
                        .compliance());
    }

    @Test
    void aValueKnownOnlyAtDeploymentFailsClosedSayingWhichAndWhy() {
        Verdict verdict = RULE.judge(unresolved(Map.of()));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertEquals(
                "AssignPublicIp of ECS service 'web' is set by Ref AssignPublicIp, known only at deployment, so it"
                        + " could assign public IPs: judged NON_COMPLIANT.",
                verdict.annotation());
    }

    @Test
    void anExemptResourceIsExemptWhenItsFlagIsKnownOnlyAtDeployment() {
        PublicIpRule byTag = new PublicIpRule(new RuleParameters(Set.of(), Optional.of("exempt")));
        Verdict tagged = byTag.judge(unresolved(Map.of("exempt", "SEC-1")));
        assertEquals(Compliance.COMPLIANT, tagged.compliance());
        assertEquals(
                "Exempt: tagged exempt=\"SEC-1\". AssignPublicIp of ECS service 'web' is set by Ref AssignPublicIp,"
                        + " known only at deployment, so it could assign public IPs.",
                tagged.annotation());

        PublicIpRule byArn = new PublicIpRule(new RuleParameters(Set.of(SERVICE_ARN), Optional.empty()));
        Verdict listed = byArn.judge(unresolved(Map.of()));
        assertEquals(Compliance.COMPLIANT, listed.compliance());
        assertTrue(listed.annotation().startsWith("Exempt: the service is listed"), listed.annotation());
    }

    @Test
    void aBlockCannotBeBothAValueAndUnresolved() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AwsvpcNetwork(
                        Optional.of("DISABLED"),
                        List.of(),
                        List.of(),
                        Optional.of(new UnresolvedValue("AssignPublicIp", "known only after apply"))));
    }

    @Test
    void deletedAndUnrecordedResourcesAreNotApplicableWhateverTheirConfiguration() {
        for (Presence presence : List.of(Presence.DELETED, Presence.NOT_RECORDED)) {
            EcsResource gone = new EcsResource(
                    ResourceKind.SERVICE,
                    new ResourceKey("AWS::ECS::Service", "id"),
                    Optional.empty(),
                    Optional.empty(),
                    EcsLocation.UNKNOWN,
                    presence,
                    Optional.of(awsvpc(Optional.of("ENABLED"))),
                    Map.of());
            assertEquals(Compliance.NOT_APPLICABLE, RULE.judge(gone).compliance());
        }
    }

    @Test
    void labelFallsBackToArnThenResourceId() {
        EcsResource unnamed = new EcsResource(
                ResourceKind.SERVICE,
                new ResourceKey("AWS::ECS::Service", "the-id"),
                Optional.empty(),
                Optional.empty(),
                EcsLocation.UNKNOWN,
                Presence.RECORDED,
                Optional.of(awsvpc(Optional.of("ENABLED"))),
                Map.of());
        assertTrue(RULE.judge(unnamed).annotation().contains("ECS service 'the-id'"));
    }

    private static EcsResource service(Optional<String> assignPublicIp, Map<String, String> tags) {
        return service(awsvpc(assignPublicIp), tags);
    }

    private static EcsResource unresolved(Map<String, String> tags) {
        return service(
                AwsvpcNetwork.unresolved(
                        new UnresolvedValue("AssignPublicIp", "set by Ref AssignPublicIp, known only at deployment"),
                        List.of("subnet-1"),
                        List.of()),
                tags);
    }

    private static EcsResource service(AwsvpcNetwork awsvpc, Map<String, String> tags) {
        return new EcsResource(
                ResourceKind.SERVICE,
                new ResourceKey("AWS::ECS::Service", "opaque-id"),
                Optional.of(SERVICE_ARN),
                Optional.of("web"),
                EcsLocation.UNKNOWN,
                Presence.RECORDED,
                Optional.of(awsvpc),
                tags);
    }

    private static AwsvpcNetwork awsvpc(Optional<String> assignPublicIp) {
        return new AwsvpcNetwork(assignPublicIp, List.of("subnet-1"), List.of("sg-1"));
    }
}
