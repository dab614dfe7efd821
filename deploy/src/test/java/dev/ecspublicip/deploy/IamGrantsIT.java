package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.deploy.IamStatements.Statement;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every AWS action the code actually called during the unit tests (as the stand-ins recorded it, per test
 * class, in {@code target/aws-calls/}) is granted, with its dependent actions and on its resource types,
 * by the IAM policy of whoever makes the call: the evaluator's role and the member role for the rule's
 * code, the remediation function's role for the remediation, and the policy docs/iam.md gives for the CLI's
 * {@code scan} and {@code remediate}. Runs after the unit tests ({@code mvn verify}).
 */
class IamGrantsIT {
    /** Test classes whose absence means the unit tests did not run in this build. */
    private static final List<String> EXPECTED = List.of(
            "dev.ecspublicip.remediation.TaskSetReplacementTest",
            "dev.ecspublicip.remediation.ServiceRemediationTest",
            "dev.ecspublicip.lambda.ConfigRuleHandlerWireTest",
            "dev.ecspublicip.lambda.CrossAccountEvaluationTest",
            "dev.ecspublicip.sweep.ScheduledSweepWireTest",
            "dev.ecspublicip.cli.ScanCommandTest",
            "dev.ecspublicip.cli.RemediateCommandTest");

    private static final Map<String, Set<String>> CALLS = new TreeMap<>();
    private final IamGrants grants = IamGrants.load();

    @BeforeAll
    static void readRecordedCalls() throws IOException {
        Path directory = Reference.projectDir().resolve("target").resolve("aws-calls");
        for (String testClass : EXPECTED) {
            assertTrue(
                    Files.exists(directory.resolve(testClass + ".txt")),
                    "no calls recorded for " + testClass + " in " + directory
                            + ": run the unit tests first (mvn verify)");
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String testClass = file.getFileName().toString().replaceFirst("\\.txt$", "");
                if (testClass.endsWith("Test")) {
                    CALLS.put(
                            testClass,
                            new TreeSet<>(Files.readAllLines(file).stream()
                                    .filter(l -> !l.isBlank())
                                    .toList()));
                }
            }
        }
    }

    private static Set<String> calledBy(Predicate<String> testClasses) {
        Set<String> actions = new TreeSet<>();
        CALLS.forEach((testClass, called) -> {
            if (testClasses.test(testClass)) {
                actions.addAll(called);
            }
        });
        return actions;
    }

    private static boolean inPackage(String testClass, String... packages) {
        return Stream.of(packages).anyMatch(p -> testClass.startsWith("dev.ecspublicip." + p + "."));
    }

    private static Set<String> evaluatorCalls() {
        return calledBy(c -> inPackage(c, "lambda", "sweep", "config", "aws"));
    }

    private static Set<String> remediationCalls() {
        return calledBy(c -> inPackage(c, "remediation"));
    }

    @Test
    void theEvaluatorRoleGrantsEverythingTheRuleCalls() {
        Set<String> called = evaluatorCalls();
        assertTrue(
                called.containsAll(
                        Set.of("config:PutEvaluations", "config:GetResourceConfigHistory", "sts:AssumeRole")),
                "the recording misses calls the rule is known to make: " + called);

        assertEquals(
                List.of(),
                grants.problems(called, IamGrantsTest.role(Templates.RULE_TEMPLATE, "EvaluatorRole")),
                "calls recorded: " + called);
    }

    @Test
    void theMemberRoleGrantsEveryConfigCallTheRuleMakesInAMemberAccount() {
        Set<String> config = new TreeSet<>(
                evaluatorCalls().stream().filter(a -> a.startsWith("config:")).toList());

        assertEquals(
                List.of(),
                grants.problems(config, IamGrantsTest.role(Templates.MEMBER_ROLE, "MemberRole")),
                "calls recorded: " + config);
    }

    @Test
    void theRemediationRoleGrantsEverythingTheRemediationCalls() {
        Set<String> called = remediationCalls();
        assertTrue(
                called.containsAll(Set.of("ecs:CreateTaskSet", "ecs:UpdateService", "ecs:DescribeTaskDefinition")),
                "the recording misses calls the remediation is known to make: " + called);

        assertEquals(
                List.of(),
                grants.problems(called, IamGrantsTest.role(Templates.RULE_TEMPLATE, "RemediationFunctionRole")),
                "calls recorded: " + called);
    }

    @Test
    void theDocumentedPolicyGrantsEverythingScanAndRemediateCall() {
        Set<String> called = calledBy(c -> c.equals("dev.ecspublicip.cli.ScanCommandTest")
                || c.equals("dev.ecspublicip.cli.ScanTypeCommandTest")
                || c.equals("dev.ecspublicip.scan.LauncherScannerTest")
                || c.equals("dev.ecspublicip.cli.RemediateCommandTest")
                || c.equals("dev.ecspublicip.cli.ScanTasksCommandTest")
                || c.equals("dev.ecspublicip.scan.TaskScanTest")
                || c.equals("dev.ecspublicip.scan.EcsScannerTest"));
        // remediate runs the remediation function's code: whatever it calls there, the CLI calls too.
        called.addAll(remediationCalls());
        assertTrue(
                called.containsAll(Set.of(
                        "ecs:ListClusters",
                        "ecs:ListServices",
                        "sts:GetCallerIdentity",
                        "events:ListTargetsByRule",
                        "states:DescribeStateMachine",
                        "batch:DescribeJobDefinitions")),
                "the recording misses calls the CLI is known to make: " + called);

        List<Statement> policy =
                IamGrants.documentedPolicy(IamGrantsTest.CLI_POLICY_PAGE, IamGrantsTest.CLI_POLICY_HEADING);
        assertEquals(List.of(), grants.problems(called, policy), "calls recorded: " + called);
    }
}
