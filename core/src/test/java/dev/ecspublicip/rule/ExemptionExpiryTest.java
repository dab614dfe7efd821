package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An exemption tag's value may end with {@code until YYYY-MM-DD}: from that UTC day it exempts nothing. */
class ExemptionExpiryTest {
    private static final Rules RULES = Rules.of(new RuleParameters(Set.of(), Optional.of("public-ip-exception")));

    @Test
    void beforeTheDayTheExemptionHolds() {
        Verdict verdict = RULES.judge(service("SEC-1 bastion until 2026-12-31"), Instant.parse("2026-12-30T23:59:59Z"));
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertTrue(verdict.exempt());
        assertTrue(
                verdict.annotation()
                        .startsWith("Exempt: tagged public-ip-exception=\"SEC-1 bastion until 2026-12-31\"."),
                verdict.annotation());
    }

    @Test
    void fromTheDayItIsNonCompliantSayingTheExemptionExpired() {
        Verdict verdict = RULES.judge(service("SEC-1 bastion until 2026-12-31"), Instant.parse("2026-12-31T00:00:00Z"));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertFalse(verdict.exempt());
        assertEquals(
                "Exemption expired on 2026-12-31 (tag public-ip-exception). AssignPublicIp is ENABLED on ECS service"
                        + " 'web': its tasks get public IP addresses.",
                verdict.annotation());
        assertEquals(
                Compliance.NON_COMPLIANT,
                RULES.judge(service("until 2025-01-01"), Instant.parse("2026-12-02T00:00:00Z"))
                        .compliance());
    }

    @Test
    void theLaunchersExemptionExpiresAlike() {
        EcsResource launcher = LauncherRuleTest.rule(
                Map.of("public-ip-exception", "CI until 2026-06-01"), LauncherRuleTest.target("b", "ENABLED"));
        Verdict verdict = RULES.judge(launcher, Instant.parse("2026-12-02T00:00:00Z"));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().startsWith("Exemption expired on 2026-06-01"), verdict.annotation());
    }

    @Test
    void aDateThatIsNotOneExemptsNothing() {
        for (String value : List.of("SEC-1 until 2026-02-30", "SEC-1 until 2026-1-5", "SEC-1 until 31.12.2026")) {
            Verdict verdict = RULES.judge(service(value), Instant.parse("2026-01-01T00:00:00Z"));
            assertEquals(Compliance.NON_COMPLIANT, verdict.compliance(), value);
            assertTrue(verdict.annotation().contains("not a date YYYY-MM-DD"), verdict.annotation());
        }
    }

    @Test
    void wordsAfterUntilAreAJustificationNotAnExpiry() {
        Verdict verdict = RULES.judge(service("bastion until further notice"), Instant.parse("2030-01-01T00:00:00Z"));
        assertTrue(verdict.exempt());
    }

    @Test
    void withNoJudgingDateAnExpiringExemptionExemptsNothing() {
        Verdict verdict = RULES.judge(service("SEC-1 until 2099-01-01"));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("expires on 2099-01-01 and no date to judge on is known"));
        assertTrue(RULES.judge(service("SEC-1")).exempt());
    }

    @Test
    void anExpiryDoesNotChangeWhatIsCompliantAnyway() {
        EcsResource disabled = new EcsResource(
                ResourceKind.SERVICE,
                new ResourceKey("AWS::ECS::Service", "id"),
                Optional.empty(),
                Optional.of("web"),
                EcsLocation.UNKNOWN,
                Presence.RECORDED,
                Optional.of(new AwsvpcNetwork(Optional.of("DISABLED"), List.of(), List.of())),
                Map.of("public-ip-exception", "until 2020-01-01"));
        Verdict verdict = RULES.judge(disabled, Instant.parse("2026-12-02T00:00:00Z"));
        assertEquals(Compliance.COMPLIANT, verdict.compliance());
        assertFalse(verdict.exempt());
    }

    private static EcsResource service(String justification) {
        return new EcsResource(
                ResourceKind.SERVICE,
                new ResourceKey("AWS::ECS::Service", "id"),
                Optional.empty(),
                Optional.of("web"),
                EcsLocation.UNKNOWN,
                Presence.RECORDED,
                Optional.of(new AwsvpcNetwork(Optional.of("ENABLED"), List.of(), List.of())),
                Map.of("public-ip-exception", justification));
    }

    @Test
    void rulesBoundToARunsTimeJudgeOnIt() {
        Rules before = RULES.at(Instant.parse("2026-12-30T00:00:00Z"));
        Rules after = RULES.at(Instant.parse("2027-01-01T00:00:00Z"));
        assertTrue(before.judge(service("SEC-1 until 2026-12-31")).exempt());
        assertEquals(
                Compliance.NON_COMPLIANT,
                after.judge(service("SEC-1 until 2026-12-31")).compliance());
    }
}
