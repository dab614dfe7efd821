package dev.ecspublicip.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EcsArnTest {
    private static final String TASK_SET = "arn:aws:ecs:us-east-1:123456789012:task-set/prod/web/ecs-svc/123";

    @Test
    void taskSetArnGivesItsServiceArn() {
        assertEquals(
                "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
                EcsArn.parse(TASK_SET).orElseThrow().serviceArn().format());
    }

    @Test
    void readsEveryPartOfATaskSetArn() {
        assertEquals(
                new EcsArn(
                        new AwsLocation("aws", "us-east-1", "123456789012"),
                        ResourceKind.TASK_SET,
                        Optional.of("prod"),
                        "web",
                        Optional.of("ecs-svc/123")),
                EcsArn.parse(TASK_SET).orElseThrow());
    }

    @Test
    void oldFormatServiceArnHasNoCluster() {
        EcsArn arn = EcsArn.parse("arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/web")
                .orElseThrow();
        assertEquals(ResourceKind.SERVICE, arn.kind());
        assertEquals(Optional.empty(), arn.cluster());
        assertEquals("web", arn.service());
    }

    @Test
    void formatGivesBackWhatWasParsed() {
        for (String text : new String[] {
            TASK_SET,
            "arn:aws:ecs:eu-west-1:123456789012:service/prod/web",
            "arn:aws:ecs:eu-west-1:123456789012:service/web"
        }) {
            assertEquals(text, EcsArn.parse(text).orElseThrow().format());
        }
    }

    @Test
    void otherTextIsNotAnEcsArn() {
        for (String text : new String[] {
            "web",
            "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
            "arn:aws:ecs:us-east-1:12345:service/prod/web",
            "arn:aws:ec2:us-east-1:123456789012:service/prod/web",
            "arn:aws:ecs:us-east-1:123456789012:task-set/prod/web"
        }) {
            assertEquals(Optional.empty(), EcsArn.parse(text), text);
        }
    }

    private static final Optional<AwsLocation> WHERE = Optional.of(new AwsLocation("aws", "eu-west-1", "111122223333"));

    @Test
    void aPlannedServiceArnIsMadeFromClusterAndNameWhereTheServiceWillBe() {
        assertEquals(
                Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/prod/web"),
                planned(WHERE, Optional.of("prod"), "web"));
        assertEquals(
                Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/default/web"),
                planned(WHERE, Optional.empty(), "web"),
                "ECS's default cluster when none is named");
    }

    @Test
    void aClusterArnGivesThePlannedServiceItsOwnPartitionRegionAndAccount() {
        assertEquals(
                Optional.of("arn:aws-cn:ecs:cn-north-1:444455556666:service/prod/web"),
                planned(WHERE, Optional.of("arn:aws-cn:ecs:cn-north-1:444455556666:cluster/prod"), "web"));
    }

    @Test
    void aPlannedServiceGivenAsAnArnIsThatArn() {
        String arn = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";
        assertEquals(Optional.of(arn), planned(Optional.empty(), Optional.of("other"), arn));
    }

    @Test
    void withoutALocationOrWithNamesEcsWouldRefuseNoServiceArnIsPlanned() {
        assertEquals(Optional.empty(), planned(Optional.empty(), Optional.of("prod"), "web"));
        assertEquals(Optional.empty(), planned(WHERE, Optional.of("prod"), "${AWS::StackName}-web"));
        assertEquals(Optional.empty(), planned(WHERE, Optional.of("not a name"), "web"));
    }

    @Test
    void theLocationIsTheOneTheArnNames() {
        assertEquals(
                new AwsLocation("aws-us-gov", "us-gov-west-1", "123456789012"),
                EcsArn.parse("arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/prod/web")
                        .orElseThrow()
                        .location());
    }

    private static Optional<String> planned(Optional<AwsLocation> where, Optional<String> cluster, String service) {
        return EcsArn.plannedService(where, cluster, service).map(EcsArn::format);
    }
}
