package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;

/** The counts come from the SDK's own metrics of real calls to the stand-in. */
class ApiCallCounterTest {
    private final ConfigInventoryStandIn config =
            new ConfigInventoryStandIn().rule("ecs-public-ip", List.of("AWS::ECS::Service"), null);
    private final ConfigClient client = config.client(AwsClients::configure);
    private final ApiCallCounter counter = new ApiCallCounter();
    private final ConfigClient metered = OverridingConfigClient.metered(client, counter);

    @AfterEach
    void close() {
        config.assertNoViolations();
        client.close();
        config.close();
    }

    @Test
    void countsCallsByOperation() {
        RuleScope.describe(metered, "ecs-public-ip");
        RuleScope.describe(metered, "ecs-public-ip");
        new EvaluationPublisher(metered).put("token", List.of());
        metered.listDiscoveredResources(request -> request.resourceType("AWS::ECS::Service"));

        assertEquals(Map.of("DescribeConfigRules", 2L, "ListDiscoveredResources", 1L), counter.calls());
        assertEquals(0, counter.throttlesRetried());
    }

    @Test
    void aThrottledAttemptTheSdkRetriedCountsOnceAndTheCallOnce() {
        config.throttle("DescribeConfigRules", 2);

        RuleScope.describe(metered, "ecs-public-ip");

        assertEquals(Map.of("DescribeConfigRules", 1L), counter.calls());
        assertEquals(2, counter.throttlesRetried());
        assertEquals(3, config.calls("DescribeConfigRules").size());
    }
}
