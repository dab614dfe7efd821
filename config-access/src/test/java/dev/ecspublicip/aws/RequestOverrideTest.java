package dev.ecspublicip.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.config.model.DescribeConfigRulesRequest;
import software.amazon.awssdk.services.config.model.PutEvaluationsRequest;

class RequestOverrideTest {
    @Test
    void theOperationIsTheRequestTypeWithoutRequestAndTheResultReplacesTheOverride() {
        List<String> operations = new ArrayList<>();
        AwsRequestOverrideConfiguration timeout = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(3))
                .build();
        RequestOverride override = (operation, existing) -> {
            operations.add(operation);
            return timeout;
        };

        DescribeConfigRulesRequest request = override.applyTo(
                DescribeConfigRulesRequest.builder().configRuleNames("rule").build());

        assertEquals(List.of("DescribeConfigRules"), operations);
        assertEquals(Optional.of(timeout), request.overrideConfiguration());
        assertEquals(List.of("rule"), request.configRuleNames(), "the request itself is unchanged");
    }

    @Test
    void theOverrideTheRequestCarriesIsPassedOn() {
        AwsRequestOverrideConfiguration existing = AwsRequestOverrideConfiguration.builder()
                .putHeader("x-test", "kept")
                .build();
        List<Optional<AwsRequestOverrideConfiguration>> seen = new ArrayList<>();
        RequestOverride override = (operation, carried) -> {
            seen.add(carried);
            return carried.orElseThrow();
        };

        override.applyTo(
                PutEvaluationsRequest.builder().overrideConfiguration(existing).build());

        assertEquals(List.of(Optional.of(existing)), seen);
    }

    @Test
    void theDeadlineOverrideGivesTheTimeLeftAndSendsNothingOnceItHasPassed() {
        PutEvaluationsRequest request = RequestOverride.deadline(new CallDeadline(() -> 7_000))
                .applyTo(PutEvaluationsRequest.builder().build());
        assertEquals(
                Optional.of(Duration.ofSeconds(7)),
                request.overrideConfiguration().orElseThrow().apiCallTimeout());

        CallDeadline.Passed passed = assertThrows(
                CallDeadline.Passed.class,
                () -> RequestOverride.deadline(new CallDeadline(() -> 0))
                        .applyTo(PutEvaluationsRequest.builder().build()));
        assertEquals(
                "PutEvaluations not sent: the time left before the Lambda timeout is used up", passed.getMessage());
    }
}
