package dev.ecspublicip.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resources declared before they exist: keyed by logical id or address, placed for ARN exemptions where that can be known. */
class EcsResourceTest {
    private static final Optional<AwsLocation> WHERE = Optional.of(new AwsLocation("aws", "eu-west-1", "111122223333"));
    private static final Optional<AwsvpcNetwork> PUBLIC =
            Optional.of(new AwsvpcNetwork(Optional.of("ENABLED"), List.of(), List.of()));

    @Test
    void aPlannedServiceNamedByItsServiceNameHasTheArnItWillHave() {
        EcsResource service = EcsResource.planned(
                new ResourceKey("AWS::ECS::Service", "WebService"),
                Optional.of("prod"),
                Optional.of("web"),
                WHERE,
                PUBLIC,
                Map.of("team", "shop"));
        assertEquals(Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/prod/web"), service.arn());
        assertEquals("ECS service 'web'", service.label());
        assertEquals(new EcsLocation(Optional.of("prod"), Optional.of("web"), Optional.empty()), service.location());
        assertEquals(Presence.RECORDED, service.presence());
        assertEquals("WebService", service.resourceId());
    }

    @Test
    void aPlannedTaskSetHasNoArnOfItsOwnButItsServicesWhereThatCanBeKnown() {
        EcsResource taskSet = EcsResource.planned(
                new ResourceKey("AWS::ECS::TaskSet", "Blue"),
                Optional.of("prod"),
                Optional.of("web"),
                WHERE,
                PUBLIC,
                Map.of());
        assertEquals(Optional.empty(), taskSet.arn());
        assertEquals(Optional.of("arn:aws:ecs:eu-west-1:111122223333:service/prod/web"), taskSet.serviceArn());
        assertEquals("ECS task set 'Blue' of service 'web'", taskSet.label());

        EcsResource unplaced = EcsResource.planned(
                new ResourceKey("AWS::ECS::TaskSet", "Blue"),
                Optional.of("prod"),
                Optional.of("web"),
                Optional.empty(),
                PUBLIC,
                Map.of());
        assertEquals(Optional.empty(), unplaced.serviceArn());
        assertEquals(Optional.of("web"), unplaced.location().service());
    }

    @Test
    void aPlannedResourceOfAnotherTypeIsKnownOnlyByItsKey() {
        ResourceKey key = new ResourceKey("AWS::S3::Bucket", "Logs");
        assertEquals(
                EcsResource.keyOnly(key),
                EcsResource.planned(key, Optional.empty(), Optional.of("x"), WHERE, PUBLIC, Map.of("a", "b")));
    }
}
