package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecspublicip.resource.AwsLocation;
import org.junit.jupiter.api.Test;

/** Where the remediation function acts in Lambda: the partition, Region and account of its own ARN. */
class FunctionLocationTest {

    @Test
    void theInvokedFunctionArnGivesPartitionRegionAndAccountWithOrWithoutAQualifier() {
        assertEquals(
                new AwsLocation("aws", "eu-west-1", "123456789012"),
                RemediationHandler.functionLocation("arn:aws:lambda:eu-west-1:123456789012:function:remediate"));
        assertEquals(
                new AwsLocation("aws-cn", "cn-north-1", "123456789012"),
                RemediationHandler.functionLocation(
                        "arn:aws-cn:lambda:cn-north-1:123456789012:function:remediate:live"));
    }

    @Test
    void aContextWithoutAFunctionArnIsAnEnvironmentFailureNotAGuess() {
        for (String arn : new String[] {"local:remediate", null}) {
            IllegalStateException error =
                    assertThrows(IllegalStateException.class, () -> RemediationHandler.functionLocation(arn));
            assertEquals(
                    "the invoked function ARN '" + arn + "' is not arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME",
                    error.getMessage());
        }
    }
}
