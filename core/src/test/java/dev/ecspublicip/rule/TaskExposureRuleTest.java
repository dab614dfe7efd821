package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.resource.TaskDeployment;
import dev.ecspublicip.resource.TaskInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskExposureRuleTest {
    private static final String SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";
    private static final Rules RULES = Rules.of(RuleParameters.NONE);

    private static RunningTask task(TaskDeployment deployment, Map<String, String> tags, TaskInterface... interfaces) {
        return new RunningTask(
                "arn:aws:ecs:us-east-1:123456789012:task/prod/abc",
                "service:web",
                Optional.of("ecs-svc/1"),
                Optional.of(SERVICE),
                deployment,
                List.of(interfaces),
                tags);
    }

    private static TaskInterface eni(String publicIp, Optional<String> route, String... ipv6) {
        return new TaskInterface("eni-1", "subnet-a", Optional.ofNullable(publicIp), List.of(ipv6), route);
    }

    private static final TaskDeployment OLDER =
            new TaskDeployment(TaskDeployment.Role.OLDER, Optional.of("ecs-svc/1"), Optional.of("ACTIVE"));

    @Test
    void aPublicIpv4AddressIsNonCompliantNamingAddressInterfaceGroupStartedByAndDeployment() {
        Verdict verdict = RULES.judge(task(OLDER, Map.of(), eni("203.0.113.7", Optional.empty())));

        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("public IPv4 203.0.113.7 on eni-1"), verdict.annotation());
        assertTrue(verdict.annotation().contains("service:web"), verdict.annotation());
        assertTrue(verdict.annotation().contains("startedBy ecs-svc/1"), verdict.annotation());
        assertTrue(verdict.annotation().contains("older deployment ecs-svc/1 (ACTIVE), still draining"));
    }

    @Test
    void aGlobalIpv6AddressIsExposedOnlyWhenTheSubnetRoutesItToAnInternetGateway() {
        Verdict routed = RULES.judge(
                task(OLDER, Map.of(), eni(null, Optional.of("rtb-1 routes ::/0 to igw-1"), "2600:1f18::5")));
        Verdict egressOnly = RULES.judge(task(OLDER, Map.of(), eni(null, Optional.empty(), "2600:1f18::5")));

        assertEquals(Compliance.NON_COMPLIANT, routed.compliance());
        assertTrue(routed.annotation().contains("IPv6 2600:1f18::5 on eni-1 (rtb-1 routes ::/0 to igw-1)"));
        assertEquals(Compliance.COMPLIANT, egressOnly.compliance());
    }

    @Test
    void linkLocalAndUniqueLocalIpv6AddressesAreNotExposedEvenBehindAnInternetGateway() {
        Verdict verdict = RULES.judge(
                task(OLDER, Map.of(), eni(null, Optional.of("rtb-1 routes ::/0 to igw-1"), "fe80::1", "fd00::5")));

        assertEquals(Compliance.COMPLIANT, verdict.compliance());
    }

    @Test
    void aTaskOfAnExemptServiceOrWithTheExemptionTagIsCompliantSayingWhy() {
        Rules exemptService = Rules.of(new RuleParameters(Set.of(SERVICE), Optional.empty()));
        Rules exemptTag = Rules.of(new RuleParameters(Set.of(), Optional.of("public-ok")));
        RunningTask tagged =
                task(TaskDeployment.STANDALONE, Map.of("public-ok", "bastion"), eni("203.0.113.7", Optional.empty()));

        assertEquals(Compliance.COMPLIANT, exemptService.judge(tagged).compliance());
        assertTrue(exemptService.judge(tagged).annotation().startsWith("Exempt: its service is listed"));
        assertEquals(Compliance.COMPLIANT, exemptTag.judge(tagged).compliance());
        assertEquals(Compliance.NON_COMPLIANT, RULES.judge(tagged).compliance());
    }
}
