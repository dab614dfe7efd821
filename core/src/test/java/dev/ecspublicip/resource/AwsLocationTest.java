package dev.ecspublicip.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsLocationTest {
    @Test
    void aFunctionArnGivesItsPartitionRegionAndAccountWithOrWithoutAQualifier() {
        assertEquals(
                Optional.of(new AwsLocation("aws", "eu-west-1", "123456789012")),
                AwsLocation.ofArn("arn:aws:lambda:eu-west-1:123456789012:function:remediate", "lambda", "function"));
        assertEquals(
                Optional.of(new AwsLocation("aws-cn", "cn-north-1", "123456789012")),
                AwsLocation.ofArn(
                        "arn:aws-cn:lambda:cn-north-1:123456789012:function:remediate:live", "lambda", "function"));
    }

    @Test
    void aStackArnGivesWhereTheStacksResourcesWillBe() {
        assertEquals(
                Optional.of(new AwsLocation("aws-us-gov", "us-gov-west-1", "111122223333")),
                AwsLocation.ofArn(
                        "arn:aws-us-gov:cloudformation:us-gov-west-1:111122223333:stack/web/1a2b3c4d",
                        "cloudformation",
                        "stack"));
    }

    @Test
    void anArnOfAnotherServiceOrResourceTypeOrShapeGivesNothing() {
        for (String text : new String[] {
            "local:remediate",
            "arn:aws:lambda:eu-west-1:123456789012:layer:x:1",
            "arn:aws:cloudformation:eu-west-1:123456789012:function:f",
            "arn:aws:lambda:eu-west-1:12345:function:f",
            "arn:aws:lambda::123456789012:function:f",
            "arn:other:lambda:eu-west-1:123456789012:function:f",
            "arn:aws:lambda:eu-west-1:123456789012:function:"
        }) {
            assertEquals(Optional.empty(), AwsLocation.ofArn(text, "lambda", "function"), text);
        }
        assertEquals(Optional.empty(), AwsLocation.ofArn(null, "lambda", "function"));
    }

    @Test
    void anyArnGivesItsPartitionEvenWithoutRegionOrAccount() {
        assertEquals(
                Optional.of("aws-us-gov"),
                AwsLocation.partitionOf("arn:aws-us-gov:sts::123456789012:assumed-role/ops/session"));
        assertEquals(Optional.of("aws"), AwsLocation.partitionOf("arn:aws:iam::123456789012:user/alice"));
        assertEquals(Optional.empty(), AwsLocation.partitionOf("arn:"));
        assertEquals(Optional.empty(), AwsLocation.partitionOf("arn:Other:iam::123456789012:user/alice"));
        assertEquals(Optional.empty(), AwsLocation.partitionOf("user/alice"));
    }

    @Test
    void onlyWellFormedPartsMakeALocation() {
        assertThrows(IllegalArgumentException.class, () -> new AwsLocation("aws", "eu-west-1", "1234"));
        assertThrows(IllegalArgumentException.class, () -> new AwsLocation("azure", "eu-west-1", "123456789012"));
        assertThrows(IllegalArgumentException.class, () -> new AwsLocation("aws", "EU-WEST-1", "123456789012"));
        assertThrows(IllegalArgumentException.class, () -> new AwsLocation("aws", "", "123456789012"));
        assertThrows(IllegalArgumentException.class, () -> new AwsLocation("aws", "eu-west-1", "１２３４５６７８９０１２"));
    }

    @Test
    void describedWithItsPartitionOnlyOutsideTheCommercialOne() {
        assertEquals(
                "account 123456789012 in region eu-west-1",
                new AwsLocation("aws", "eu-west-1", "123456789012").describe());
        assertEquals(
                "account 123456789012 in region cn-north-1 (partition aws-cn)",
                new AwsLocation("aws-cn", "cn-north-1", "123456789012").describe());
    }

    @Test
    void aPartitionIsAwsOrAwsDashSomething() {
        for (String partition : new String[] {"aws", "aws-cn", "aws-us-gov", "aws-iso-b"}) {
            assertTrue(AwsLocation.isPartition(partition), partition);
        }
        for (String partition : new String[] {"awsx", "aws-", "aws-CN", "aws_cn", "", "amazon"}) {
            assertFalse(AwsLocation.isPartition(partition), partition);
        }
        assertEquals(
                Optional.empty(),
                AwsLocation.ofArn("arn:awsx:lambda:us-east-1:123456789012:function:f", "lambda", "function"));
    }
}
