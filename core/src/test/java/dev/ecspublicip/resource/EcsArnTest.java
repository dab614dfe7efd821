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
                        "aws",
                        "us-east-1",
                        "123456789012",
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
}
