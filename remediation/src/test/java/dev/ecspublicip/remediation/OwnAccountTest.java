package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where the remediation acts: read from the function's own ARN in Lambda, from STS's answer in the CLI. */
class OwnAccountTest {

    @Test
    void theInvokedFunctionArnGivesPartitionAccountAndRegionWithOrWithoutAQualifier() {
        assertEquals(
                new OwnAccount("aws", "123456789012", "eu-west-1"),
                OwnAccount.ofFunctionArn("arn:aws:lambda:eu-west-1:123456789012:function:remediate"));
        assertEquals(
                new OwnAccount("aws-cn", "123456789012", "cn-north-1"),
                OwnAccount.ofFunctionArn("arn:aws-cn:lambda:cn-north-1:123456789012:function:remediate:live"));
    }

    @Test
    void aContextWithoutAFunctionArnIsAnEnvironmentFailureNotAGuess() {
        IllegalStateException error =
                assertThrows(IllegalStateException.class, () -> OwnAccount.ofFunctionArn("local:remediate"));
        assertEquals(
                "the invoked function ARN 'local:remediate' is not arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME",
                error.getMessage());
    }

    @Test
    void theCallerArnGivesThePartition() {
        assertEquals(
                new OwnAccount("aws-us-gov", "123456789012", "us-gov-west-1"),
                OwnAccount.ofCaller(
                        "arn:aws-us-gov:sts::123456789012:assumed-role/ops/session", "123456789012", "us-gov-west-1"));
    }
}
