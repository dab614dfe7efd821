package dev.ecspublicip.resource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The launchers' ARNs in the shapes their services document, and nothing else. */
class LauncherArnTest {
    @Test
    void everyLauncherTypesArnIsOne() {
        for (String arn : List.of(
                "arn:aws:events:eu-west-1:123456789012:rule/nightly",
                "arn:aws:events:eu-west-1:123456789012:rule/custom-bus/nightly",
                "arn:aws-cn:scheduler:cn-north-1:123456789012:schedule/default/ci-run",
                "arn:aws:pipes:us-east-1:123456789012:pipe/orders",
                "arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:Jobs",
                "arn:aws:batch:us-east-1:123456789012:job-definition/etl:3",
                "arn:aws:batch:us-east-1:123456789012:job-definition/etl")) {
            assertTrue(LauncherArn.isLauncherArn(arn), arn);
        }
    }

    @Test
    void otherArnsAndMalformedOnesAreNot() {
        for (String arn : List.of(
                "arn:aws:ecs:eu-west-1:123456789012:service/prod/web",
                "arn:aws:events:eu-west-1:123456789012:event-bus/default",
                "arn:awsx:events:eu-west-1:123456789012:rule/nightly",
                "arn:aws:states:eu-west-1:12345678901:stateMachine:Jobs",
                "arn:aws:scheduler:eu-west-1:123456789012:schedule/ci-run",
                "arn:aws:pipes:us-east-1:123456789012:pipe/orders ",
                "arn:aws:batch:us-east-1:123456789012:job-definition/etl:x")) {
            assertFalse(LauncherArn.isLauncherArn(arn), arn);
        }
    }

    @Test
    void aJobDefinitionWithoutRevisionNamesEveryRevisionAndNothingElse() {
        String family = "arn:aws:batch:us-east-1:123456789012:job-definition/etl";
        assertTrue(LauncherArn.names(family, family + ":3"));
        assertFalse(LauncherArn.names(family + ":2", family + ":3"));
        assertFalse(LauncherArn.names(family, family + "-nightly:3"));
        assertFalse(LauncherArn.names(
                "arn:aws:events:eu-west-1:123456789012:rule/a", "arn:aws:events:eu-west-1:123456789012:rule/a:1"));
    }
}
