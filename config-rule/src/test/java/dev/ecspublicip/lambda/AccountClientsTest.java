package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.sts.StsStandIn;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;

/** Which account's credentials a rule event's calls use, decided from the event and the function's ARN. */
class AccountClientsTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:rules-evaluator";
    private static final String MEMBER = "210987654321";

    private static final String RULE = "ecs-service-no-public-ip";
    private static final CallDeadline DEADLINE = new CallDeadline(() -> 60_000);

    private final ConfigStandIn member = new ConfigStandIn();
    private final StsStandIn sts = new StsStandIn();
    private final ConfigClient home = ConfigStandIn.client(member.endpoint(), AwsClients::configure);
    /** The function the member account's rule runs. */
    private volatile String ruleRuns = FUNCTION;

    AccountClientsTest() {
        member.on(
                "DescribeConfigRules",
                call -> ConfigStandIn.describedRules(
                        List.of(ConfigStandIn.configRule(RULE, "CUSTOM_LAMBDA", ruleRuns))));
    }

    @AfterEach
    void close() {
        sts.assertNoViolations();
        member.close();
        sts.close();
    }

    private AccountClients clients(String memberRoleName) {
        return new AccountClients(
                () -> home,
                memberRoleName,
                () -> sts.client(
                        AwsClients::configure,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s"))),
                () -> AwsClients.configure(ConfigClient.builder())
                        .endpointOverride(member.endpoint())
                        .region(Region.US_EAST_1));
    }

    @Test
    void anAliasOrVersionQualifiedFunctionArnStillNamesTheOwnAccount() {
        assertSame(home, clients("member").config("123456789012", RULE, FUNCTION + ":live", DEADLINE));
        assertSame(home, clients("member").config("123456789012", RULE, FUNCTION + ":7", DEADLINE));
        assertEquals(List.of(), sts.calls());
    }

    @Test
    void eventsWithoutAnAccountUseTheOwnCredentials() {
        assertSame(home, clients("member").config(null, RULE, FUNCTION, DEADLINE));
    }

    @Test
    void outsideLambdaTheOwnCredentialsAreUsedWhateverTheAccount() {
        // The CLI's local context has no function ARN: whoever runs it chose the credentials.
        assertSame(home, clients("member").config(MEMBER, RULE, "local:ecs-public-ip-rule", DEADLINE));
        assertEquals(List.of(), sts.calls());
    }

    @Test
    void theMemberRoleIsInTheFunctionsPartition() {
        ruleRuns = "arn:aws-cn:lambda:cn-north-1:123456789012:function:rules-evaluator";
        clients("member")
                .config(MEMBER, RULE, "arn:aws-cn:lambda:cn-north-1:123456789012:function:rules-evaluator", DEADLINE);

        assertEquals(
                "arn:aws-cn:iam::" + MEMBER + ":role/member", sts.calls().get(0).roleArn());
    }

    @Test
    void oneClientPerMemberAccount() {
        AccountClients clients = clients("member");
        ConfigClient first = clients.config(MEMBER, RULE, FUNCTION, DEADLINE);

        assertSame(first, clients.config(MEMBER, RULE, FUNCTION, DEADLINE));
        assertEquals(1, sts.calls().size());
    }

    @Test
    void aSingleClientServesEveryAccountWhenAskedTo() {
        AccountClients clients = AccountClients.single(() -> home);

        assertSame(home, clients.config(MEMBER, RULE, FUNCTION, DEADLINE));
        assertSame(home, clients.config("not-an-account", RULE, FUNCTION, DEADLINE));
    }

    @Test
    void aMemberRoleNameThatIsNotARoleNameFailsAtStartNamingTheVariable() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> clients("role/with/path"));

        assertEquals(
                "MEMBER_ROLE_NAME must be an IAM role name (1-64 of letters, digits and +=,.@_-), got"
                        + " 'role/with/path'",
                error.getMessage());
    }

    @Test
    void aBlankMemberRoleNameMeansOneAccountOnly() {
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> clients("  ").config(MEMBER, RULE, FUNCTION, DEADLINE));

        assertEquals(
                "the event is for account 210987654321 but this function runs in account 123456789012 and"
                        + " MEMBER_ROLE_NAME is not set, so it cannot evaluate other accounts (deploy it with the"
                        + " organization parameters)",
                error.getMessage());
    }
}
