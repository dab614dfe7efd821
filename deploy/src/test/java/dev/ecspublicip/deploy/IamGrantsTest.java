package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.deploy.IamStatements.Statement;
import dev.ecspublicip.testing.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The grant check itself, and the roles against the calls each function is known to make. Which calls
 * the code actually makes is read from the stand-ins during the unit tests and checked by
 * {@code IamGrantsIT}; these tests pin the checker, so a role without {@code iam:PassRole} fails here too.
 */
class IamGrantsTest {
    /** Where the policy for the CLI's scan and remediate is documented (Failures names it too). */
    static final Path CLI_POLICY_PAGE = Reference.projectDir().resolve("docs/iam.md");

    static final String CLI_POLICY_HEADING = "## IAM policy for scan and remediate";
    /** The calls a task-set replacement and a service update make (see the remediation package). */
    private static final Set<String> REMEDIATION_CALLS = Set.of(
            "config:BatchGetResourceConfig",
            "ecs:DescribeServices",
            "ecs:DescribeTaskSets",
            "ecs:DescribeTaskDefinition",
            "ecs:UpdateService",
            "ecs:CreateTaskSet",
            "ecs:UpdateServicePrimaryTaskSet",
            "ecs:DeleteTaskSet",
            "ec2:DescribeSubnets",
            "ec2:DescribeRouteTables",
            "ec2:DescribeVpcEndpoints");

    private final IamGrants grants = IamGrants.load();

    static List<Statement> role(String template, String role) {
        return IamStatements.of(template).stream()
                .filter(s -> s.resource().equals(role))
                .toList();
    }

    private static List<Statement> remediationRole() {
        return role(Templates.RULE_TEMPLATE, "RemediationFunctionRole");
    }

    @Test
    void theFactsNameTheirSource() {
        assertEquals("iann0036/iam-dataset", grants.source().get("repository").getAsString());
        assertEquals("aws/iam_definition.json", grants.source().get("path").getAsString());
        assertTrue(grants.source().get("commit").getAsString().matches("[0-9a-f]{40}"));
        assertTrue(grants.source().get("read").getAsString().matches("\\d{4}-\\d{2}-\\d{2}"));
        assertEquals(
                List.of("ecs:TagResource", "iam:PassRole"),
                grants.fact("ecs:CreateTaskSet").orElseThrow().dependentActions());
    }

    @Test
    void theRemediationRoleGrantsEveryCallWithItsDependentActions() {
        assertEquals(List.of(), grants.problems(REMEDIATION_CALLS, remediationRole()));
    }

    @Test
    void withoutPassRoleTheRemediationRoleFailsTheCheck() {
        List<Statement> withoutPassRole = remediationRole().stream()
                .filter(s -> !s.actions().contains("iam:PassRole"))
                .toList();

        List<String> problems = grants.problems(REMEDIATION_CALLS, withoutPassRole);

        assertEquals(
                List.of("iam:PassRole is not granted (a dependent action of ecs:CreateTaskSet, ecs:UpdateService)"),
                problems);
    }

    @Test
    void withoutTagResourceOrOnTheWrongResourceTheCheckFails() {
        List<Statement> withoutTagging = remediationRole().stream()
                .filter(s -> !s.actions().contains("ecs:TagResource"))
                .toList();
        assertEquals(
                List.of("ecs:TagResource is not granted (a dependent action of ecs:CreateTaskSet)"),
                grants.problems(Set.of("ecs:CreateTaskSet"), withoutTagging));

        List<Statement> servicesOnly = new ArrayList<>();
        for (Statement statement : remediationRole()) {
            Map<String, Object> body = new HashMap<>(statement.body());
            if (statement.actions().contains("ecs:CreateTaskSet")) {
                body.put(
                        "Resource",
                        Map.of("Fn::Sub", "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:service/*"));
            }
            servicesOnly.add(new Statement(
                    statement.template(), statement.resource(), statement.policy(), statement.trust(), body));
        }
        List<String> problems = grants.problems(Set.of("ecs:CreateTaskSet"), servicesOnly);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).startsWith("ecs:CreateTaskSet is not granted on its resource type ecs:task-set"),
                problems.get(0));
    }

    @Test
    void anActionWithoutResourceTypesNeedsResourceStarAndAnUnknownActionNeedsItsFact() {
        List<Statement> scoped = List.of(new Statement(
                "t",
                "r",
                "p",
                false,
                Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        "ecs:DescribeTaskDefinition",
                        "Resource",
                        "arn:aws:ecs:us-east-1:123456789012:task-definition/*")));
        assertEquals(
                List.of("ecs:DescribeTaskDefinition takes no resource ARN, so it needs Resource '*'"),
                grants.problems(Set.of("ecs:DescribeTaskDefinition"), scoped));
        assertEquals(
                List.of(
                        "ecs:RunTask: no Service Authorization Reference fact in iam-facts.json; add it from the source"),
                grants.problems(Set.of("ecs:RunTask"), scoped));
    }

    @Test
    void aConditionKeyTheReferenceDoesNotListForTheActionIsReported() {
        List<Statement> statements = List.of(new Statement(
                "t",
                "r",
                "p",
                false,
                Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        "iam:PassRole",
                        "Resource",
                        "arn:aws:iam::123456789012:role/*",
                        "Condition",
                        Map.of("StringEquals", Map.of("ecs:CreateAction", "CreateTaskSet")))));

        List<String> problems = grants.problems(Set.of("iam:PassRole"), statements);

        assertEquals(
                List.of("t r p: condition key ecs:CreateAction is not one the reference lists for iam:PassRole"),
                problems);
    }

    @Test
    void iamWildcardsMatchWithinArnSegments() {
        String taskSet = grants.sampleArn("ecs:task-set");
        assertEquals(
                "arn:aws:ecs:us-east-1:123456789012:task-set/sampleClusterName/sampleServiceName/sampleTaskSetId",
                taskSet);
        assertTrue(IamGrants.matches("arn:aws:ecs:us-east-1:123456789012:task-set/*", taskSet));
        assertTrue(IamGrants.matches("arn:aws:ecs:*:*:task-set/*", taskSet));
        assertFalse(IamGrants.matches("arn:aws:ecs:us-east-1:123456789012:service/*", taskSet));
        assertFalse(IamGrants.matches("arn:aws:ecs:eu-west-1:123456789012:task-set/*", taskSet));
        assertFalse(IamGrants.matches("arn:aws:ecs:us-east-1:999999999999:task-set/*", taskSet));
        assertTrue(IamGrants.matches("*", taskSet));
    }

    @Test
    void passRoleGoesToThisAccountsRolesAndOnlyToEcsTasksAndOnlyFromTheRemediationRole() {
        for (String template : Templates.ALL) {
            for (Statement statement : IamStatements.of(template)) {
                if (!statement.actions().contains("iam:PassRole")) {
                    continue;
                }
                assertEquals("RemediationFunctionRole", statement.resource(), statement.where());
                assertEquals(List.of("iam:PassRole"), statement.actions(), statement.where());
                // This account's roles, or only the roles RemediationPassRoleArns names.
                assertEquals(
                        List.of(
                                Map.of("Fn::Split", List.of(",", Map.of("Ref", "RemediationPassRoleArns"))),
                                Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*")),
                        statement.resources(),
                        statement.where());
                assertEquals(
                        Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")),
                        statement.body().get("Condition"),
                        statement.where());
            }
        }
        assertTrue(remediationRole().stream().anyMatch(s -> s.actions().contains("iam:PassRole")));
    }

    @Test
    void theDocumentedCliPolicyGrantsScanAndRemediateWithPassRoleOnlyToEcsTasks() {
        List<Statement> policy = IamGrants.documentedPolicy(CLI_POLICY_PAGE, CLI_POLICY_HEADING);
        Set<String> calls = new TreeSet<>(REMEDIATION_CALLS);
        calls.addAll(List.of("ecs:ListClusters", "ecs:ListServices", "sts:GetCallerIdentity"));

        assertEquals(List.of(), grants.problems(calls, policy));
        Statement passRole = policy.stream()
                .filter(s -> s.actions().contains("iam:PassRole"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")),
                passRole.body().get("Condition"));
    }
}
