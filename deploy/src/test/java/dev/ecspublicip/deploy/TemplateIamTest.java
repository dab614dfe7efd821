package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.deploy.IamStatements.Statement;
import dev.ecspublicip.lambda.AccountClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What a security reviewer checks first: no wildcard actions, write actions only on named resources,
 * service invocations limited to the source account, and each function's role granting what it uses.
 * Generic over every statement of every template, so the remediation resources are held to the same.
 */
class TemplateIamTest {
    /** Verbs of IAM actions that only read (access levels List and Read). */
    private static final List<String> READ_VERBS =
            List.of("Get", "List", "Describe", "BatchGet", "Select", "Lookup", "Search", "View", "Head");
    /** Write actions that accept no resource ARN, with the reason '*' is as narrow as IAM allows. */
    private static final Map<String, String> UNSCOPABLE_WRITES =
            Map.of("config:PutEvaluations", "takes no resource ARN; the result token ties each call to its rule");

    private static final Set<String> EVALUATOR_CONFIG_ACTIONS = Set.of(
            "config:PutEvaluations",
            "config:GetResourceConfigHistory",
            "config:ListDiscoveredResources",
            "config:BatchGetResourceConfig",
            "config:DescribeConfigRules",
            "config:GetComplianceDetailsByConfigRule");

    private static List<Statement> allStatements() {
        List<Statement> statements = new ArrayList<>();
        Templates.ALL.forEach(template -> statements.addAll(IamStatements.of(template)));
        return statements;
    }

    @TestFactory
    Stream<DynamicTest> noStatementGrantsAWildcardAction() {
        return allStatements().stream()
                .map(statement -> DynamicTest.dynamicTest(statement.where(), () -> {
                    assertFalse(statement.body().containsKey("NotAction"), statement.where() + " uses NotAction");
                    assertFalse(statement.body().containsKey("NotResource"), statement.where() + " uses NotResource");
                    assertFalse(statement.body().containsKey("NotPrincipal"), statement.where() + " uses NotPrincipal");
                    assertFalse(statement.actions().isEmpty(), statement.where());
                    for (String action : statement.actions()) {
                        assertTrue(action.matches("[a-z0-9-]+:[A-Za-z0-9]+"), statement.where() + ": action " + action);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyWriteActionIsScopedToResources() {
        return allStatements().stream()
                .filter(s -> !s.trust())
                .map(statement -> DynamicTest.dynamicTest(statement.where(), () -> {
                    assertEquals("Allow", statement.body().get("Effect"), statement.where());
                    List<String> writes =
                            statement.actions().stream().filter(a -> !isRead(a)).toList();
                    assertFalse(statement.resources().isEmpty(), statement.where() + " has no Resource");
                    for (String action : writes) {
                        if (!UNSCOPABLE_WRITES.containsKey(action)) {
                            for (Object resource : statement.resources()) {
                                assertFalse(
                                        isEverything(resource), statement.where() + ": " + action + " on " + resource);
                            }
                        }
                    }
                    if (statement.resources().stream().anyMatch(TemplateIamTest::isEverything)) {
                        assertTrue(
                                writes.stream().allMatch(UNSCOPABLE_WRITES::containsKey),
                                statement.where() + " puts writes that take a resource ARN under '*': " + writes);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> trustPoliciesNameTheirPrincipal() {
        return allStatements().stream()
                .filter(Statement::trust)
                .map(statement -> DynamicTest.dynamicTest(statement.where(), () -> {
                    Object principal = statement.body().get("Principal");
                    assertNotNull(principal, statement.where());
                    assertFalse(String.valueOf(principal).contains("*"), statement.where() + ": " + principal);
                    assertEquals(List.of("sts:AssumeRole"), statement.actions(), statement.where());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyServiceInvocationPermissionIsLimitedToTheSourceAccount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Templates.ALL) {
            Templates.ofType(Templates.resources(Templates.load(name)), "AWS::Lambda::Permission")
                    .forEach((id, resource) -> tests.add(DynamicTest.dynamicTest(name + " " + id, () -> {
                        Map<String, Object> properties = Templates.properties(resource);
                        assertEquals("lambda:InvokeFunction", properties.get("Action"), id);
                        String principal = String.valueOf(properties.get("Principal"));
                        if (principal.endsWith(".amazonaws.com")) {
                            assertNotNull(
                                    properties.get("SourceAccount"),
                                    id + ": " + principal
                                            + " may invoke on behalf of any account without SourceAccount");
                        }
                    })));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    /** This account's Config in the evaluator's stack; each listed member's in the organization-permissions stack. */
    @Test
    void configMayInvokeTheEvaluatorFromThisAccountAndEachListedMemberOnly() {
        Map<String, Map<String, Object>> own = Templates.ofType(
                Templates.resources(Templates.load(Templates.RULE_TEMPLATE)), "AWS::Lambda::Permission");
        assertEquals(List.of("ConfigInvokePermission"), List.copyOf(own.keySet()));
        Map<String, Object> permission = Templates.properties(own.get("ConfigInvokePermission"));
        assertEquals(TemplateRulesTest.EVALUATOR, permission.get("FunctionName"));
        assertEquals("config.amazonaws.com", permission.get("Principal"));
        assertEquals(Map.of("Ref", "AWS::AccountId"), permission.get("SourceAccount"));

        Map<String, Map<String, Object>> members = Templates.ofType(
                Templates.resources(Templates.load(Templates.ORGANIZATION_PERMISSIONS)), "AWS::Lambda::Permission");
        List<Object> sources = new ArrayList<>();
        members.values().forEach(p -> {
            assertEquals(
                    Map.of("Ref", "EvaluatorInvokeArn"), Templates.properties(p).get("FunctionName"));
            assertEquals("config.amazonaws.com", Templates.properties(p).get("Principal"));
            sources.add(Templates.properties(p).get("SourceAccount"));
        });
        assertEquals(List.copyOf(Templates.SAMPLE_ACCOUNTS), sources);
    }

    /** Every function's role is for Lambda, and lets it write its own log group only (no CreateLogGroup). */
    @TestFactory
    Stream<DynamicTest> everyFunctionLogsToItsOwnLogGroupOnly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Templates.ALL) {
            Map<String, Map<String, Object>> resources = Templates.resources(Templates.load(name));
            Templates.ofType(resources, "AWS::Lambda::Function")
                    .forEach((id, function) -> tests.add(DynamicTest.dynamicTest(name + " " + id, () -> {
                        Map<String, Object> properties = Templates.properties(function);
                        String role = getAttResource(properties.get("Role"), "Arn");
                        assertEquals("AWS::IAM::Role", resources.get(role).get("Type"), id + " Role");
                        Map<String, Object> logging = Templates.map(properties.get("LoggingConfig"));
                        assertEquals("JSON", logging.get("LogFormat"), id);
                        String logGroup = String.valueOf(
                                Templates.map(logging.get("LogGroup")).get("Ref"));
                        assertEquals(
                                "AWS::Logs::LogGroup", resources.get(logGroup).get("Type"), id + " LogGroup");
                        assertNotNull(
                                Templates.properties(resources.get(logGroup)).get("RetentionInDays"), logGroup);

                        List<Statement> roleStatements = IamStatements.of(name).stream()
                                .filter(s -> s.resource().equals(role))
                                .toList();
                        assertTrue(
                                roleStatements.stream()
                                        .filter(Statement::trust)
                                        .allMatch(s -> Map.of("Service", "lambda.amazonaws.com")
                                                .equals(s.body().get("Principal"))),
                                role);
                        Set<String> logActions = new TreeSet<>();
                        for (Statement statement : roleStatements) {
                            for (String action : statement.actions()) {
                                if (action.startsWith("logs:")) {
                                    logActions.add(action);
                                    assertEquals(
                                            List.of(Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))),
                                            statement.resources(),
                                            statement.where() + ": " + action);
                                }
                            }
                        }
                        assertEquals(Set.of("logs:CreateLogStream", "logs:PutLogEvents"), logActions, role);
                    })));
        }
        return tests.stream();
    }

    @Test
    void theEvaluatorRoleGrantsWhatTheEvaluatorUsesAndNothingElse() {
        List<Statement> evaluator = IamStatements.of(Templates.RULE_TEMPLATE).stream()
                .filter(s -> s.resource().equals("EvaluatorRole") && !s.trust())
                .toList();
        Set<String> actions = new TreeSet<>();
        evaluator.forEach(s -> actions.addAll(s.actions()));
        Set<String> expected = new TreeSet<>(EVALUATOR_CONFIG_ACTIONS);
        // sqs:SendMessage: Lambda delivers an event that failed every attempt with the execution role.
        expected.addAll(List.of("logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage", "sts:AssumeRole"));
        assertEquals(expected, actions);

        Statement assume = evaluator.stream()
                .filter(s -> s.actions().contains("sts:AssumeRole"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::*:role/${MemberRoleName}")), assume.resources());
        assertEquals(
                Map.of("StringEquals", Map.of("aws:ResourceOrgID", Map.of("Ref", "OrganizationId"))),
                assume.body().get("Condition"),
                "member roles are assumable inside the organization only");
        List<Object> policies =
                Templates.list(Templates.properties(Templates.resources(Templates.load(Templates.RULE_TEMPLATE))
                                .get("EvaluatorRole"))
                        .get("Policies"));
        assertTrue(
                policies.stream()
                        .anyMatch(p -> p instanceof Map<?, ?> m
                                && m.containsKey("Fn::If")
                                && "InOrganization"
                                        .equals(Templates.list(m.get("Fn::If")).get(0))),
                "the assume-role policy exists only in an organization deployment");
    }

    @Test
    void theMemberRoleGrantsTheSameConfigActionsAndTrustsTheEvaluatorRoleOnly() {
        List<Statement> member = IamStatements.of(Templates.MEMBER_ROLE);
        Set<String> actions = new TreeSet<>();
        member.stream().filter(s -> !s.trust()).forEach(s -> actions.addAll(s.actions()));
        assertEquals(new TreeSet<>(EVALUATOR_CONFIG_ACTIONS), actions);

        Statement trust = member.stream().filter(Statement::trust).findFirst().orElseThrow();
        assertEquals(
                Map.of("ArnEquals", Map.of("aws:PrincipalArn", Map.of("Ref", "EvaluatorRoleArn"))),
                trust.body().get("Condition"));
        String principal =
                String.valueOf(Templates.map(trust.body().get("Principal")).get("AWS"));
        assertTrue(principal.contains("arn:${AWS::Partition}:iam::${EvaluatorAccount}:root"), principal);
    }

    @Test
    void theFunctionAssumesTheRoleTheMemberTemplateCreates() {
        Map<String, Object> ruleTemplate = Templates.load(Templates.RULE_TEMPLATE);
        Map<String, Object> function =
                Templates.properties(Templates.resources(ruleTemplate).get("EvaluatorFunction"));
        Map<String, Object> environment = Templates.map(
                Templates.alternatives(function.get("Environment")).get(0));
        assertEquals(
                Map.of(AccountClients.MEMBER_ROLE_ENV, Map.of("Ref", "MemberRoleName")), environment.get("Variables"));

        Object evaluatorDefault = parameter(ruleTemplate, "MemberRoleName").get("Default");
        Map<String, Object> memberTemplate = Templates.load(Templates.MEMBER_ROLE);
        assertEquals(
                evaluatorDefault, parameter(memberTemplate, "MemberRoleName").get("Default"));
        assertEquals(
                Map.of("Ref", "MemberRoleName"),
                Templates.properties(Templates.resources(memberTemplate).get("MemberRole"))
                        .get("RoleName"));
    }

    static Map<String, Object> parameter(Map<String, Object> template, String name) {
        return Templates.map(Templates.map(template.get("Parameters")).get(name));
    }

    private static String getAttResource(Object value, String attribute) {
        List<Object> getAtt = Templates.list(Templates.map(value).get("Fn::GetAtt"));
        assertEquals(attribute, getAtt.get(1));
        return String.valueOf(getAtt.get(0));
    }

    private static boolean isRead(String action) {
        String name = action.substring(action.indexOf(':') + 1);
        return READ_VERBS.stream()
                .anyMatch(verb -> name.startsWith(verb)
                        && name.length() > verb.length()
                        && Character.isUpperCase(name.charAt(verb.length())));
    }

    /**
     * DescribeConfigRules and GetComplianceDetailsByConfigRule take the ConfigRule resource (Service
     * Authorization Reference): they are granted on the account's rules only. The other Config reads and
     * PutEvaluations take none, so '*'.
     */
    @Test
    void configRuleReadsAreGrantedOnTheAccountsRulesOnly() {
        Map<String, Object> own =
                Map.of("Fn::Sub", "arn:${AWS::Partition}:config:${AWS::Region}:${AWS::AccountId}:config-rule/*");
        Map<String, Object> anyRegion =
                Map.of("Fn::Sub", "arn:${AWS::Partition}:config:*:${AWS::AccountId}:config-rule/*");
        for (String[] role :
                new String[][] {{Templates.RULE_TEMPLATE, "EvaluatorRole"}, {Templates.MEMBER_ROLE, "MemberRole"}}) {
            for (Statement statement : IamGrantsTest.role(role[0], role[1])) {
                for (String action : List.of("config:DescribeConfigRules", "config:GetComplianceDetailsByConfigRule")) {
                    if (statement.actions().contains(action)) {
                        assertEquals(
                                List.of(role[1].equals("MemberRole") ? anyRegion : own),
                                statement.resources(),
                                statement.where() + ": " + action);
                    }
                }
            }
        }
    }

    private static boolean isEverything(Object resource) {
        return "*".equals(resource);
    }
}
