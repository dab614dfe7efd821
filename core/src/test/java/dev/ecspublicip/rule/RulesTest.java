package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.resource.Alternative;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The composed rules: each resource judged by the rule for its kind, with the parameters given. */
class RulesTest {
    private static final Rules RULES = Rules.of(RuleParameters.NONE);

    @Test
    void servicesAndTaskSetsAreJudgedByThePublicIpRule() {
        assertEquals(
                new Verdict(
                        Compliance.NON_COMPLIANT,
                        "AssignPublicIp is ENABLED on ECS service 'Web': its tasks get public IP addresses."),
                RULES.judge(planned("AWS::ECS::Service", "ENABLED", Map.of())));
        assertEquals(
                new Verdict(Compliance.COMPLIANT, "AssignPublicIp is DISABLED on ECS task set 'Web'."),
                RULES.judge(planned("AWS::ECS::TaskSet", "DISABLED", Map.of())));
    }

    @Test
    void aKindNoRuleJudgesIsNotApplicable() {
        assertEquals(
                new Verdict(
                        Compliance.NOT_APPLICABLE,
                        "AWS::ECS::Cluster is not an ECS service or task set, nor a resource that launches ECS tasks."),
                RULES.judge(EcsResource.keyOnly(new ResourceKey("AWS::ECS::Cluster", "prod"))));
    }

    @Test
    void theParametersReachEveryKindsRule() {
        Rule rules = Rules.of(new RuleParameters(Set.of(), Optional.of("exempt")));
        for (String type : List.of("AWS::ECS::Service", "AWS::ECS::TaskSet")) {
            assertEquals(
                    Compliance.COMPLIANT,
                    rules.judge(planned(type, "ENABLED", Map.of("exempt", "why")))
                            .compliance(),
                    type);
        }
    }

    @Test
    void tagsCouldChangeAFindingOnlyWhenAnExemptionTagIsConfigured() {
        Verdict finding = new Verdict(Compliance.NON_COMPLIANT, "finding");
        assertFalse(RULES.tagsCouldChange(finding));
        Rule withTag = Rules.of(new RuleParameters(Set.of(), Optional.of("exempt")));
        assertTrue(withTag.tagsCouldChange(finding));
        assertFalse(withTag.tagsCouldChange(new Verdict(Compliance.COMPLIANT, "fine")));
    }

    @Test
    void ofAlternativesTheWorstIsTheVerdictAndItsConditionIsNamed() {
        Verdict verdict = RULES.judgeAlternatives(List.of(
                new Alternative("condition IsDev is true", planned("AWS::ECS::Service", "ENABLED", Map.of())),
                new Alternative("condition IsDev is false", planned("AWS::ECS::Service", "DISABLED", Map.of()))));
        assertEquals(
                new Verdict(
                        Compliance.NON_COMPLIANT,
                        "If condition IsDev is true: AssignPublicIp is ENABLED on ECS service 'Web': its tasks get"
                                + " public IP addresses."),
                verdict);
    }

    @Test
    void anExemptionUnderAConditionExemptsOnlyTheAlternativeThatHasIt() {
        Rules rules = Rules.of(new RuleParameters(Set.of(), Optional.of("exempt")));
        Verdict verdict = rules.judgeAlternatives(List.of(
                new Alternative(
                        "condition Demo is true", planned("AWS::ECS::Service", "ENABLED", Map.of("exempt", "demo"))),
                new Alternative("condition Demo is false", planned("AWS::ECS::Service", "ENABLED", Map.of()))));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().startsWith("If condition Demo is false: "), verdict.annotation());
    }

    private static EcsResource planned(String type, String assignPublicIp, Map<String, String> tags) {
        return EcsResource.planned(
                new ResourceKey(type, "Web"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new AwsvpcNetwork(Optional.of(assignPublicIp), List.of(), List.of())),
                tags);
    }
}
