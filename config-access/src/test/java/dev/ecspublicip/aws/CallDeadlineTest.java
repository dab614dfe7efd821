package dev.ecspublicip.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.lambda.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

class CallDeadlineTest {
    @Test
    void aCallGetsWhatIsLeftAndEachAttemptAtMostThirtySeconds() {
        AwsRequestOverrideConfiguration long_ = new CallDeadline(() -> 120_000).applyTo(Optional.empty(), "Op");
        AwsRequestOverrideConfiguration short_ = new CallDeadline(() -> 10_000).applyTo(Optional.empty(), "Op");

        assertEquals(Optional.of(Duration.ofMinutes(2)), long_.apiCallTimeout());
        assertEquals(Optional.of(CallDeadline.MAX_ATTEMPT), long_.apiCallAttemptTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(10)), short_.apiCallTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(10)), short_.apiCallAttemptTimeout());
    }

    @Test
    void theRequestsOtherOverridesAreKept() {
        AwsRequestOverrideConfiguration existing = AwsRequestOverrideConfiguration.builder()
                .putHeader("x-test", "kept")
                .build();

        AwsRequestOverrideConfiguration applied = new CallDeadline(() -> 5_000).applyTo(Optional.of(existing), "Op");

        assertEquals(List.of("kept"), applied.headers().get("x-test"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), applied.apiCallTimeout());
    }

    @Test
    void noTimeLeftMeansTheCallIsNotSent() {
        CallDeadline.Passed passed = assertThrows(
                CallDeadline.Passed.class, () -> new CallDeadline(() -> 0).applyTo(Optional.empty(), "PutEvaluations"));

        assertEquals(
                "PutEvaluations not sent: the time left before the Lambda timeout is used up", passed.getMessage());
    }

    @Test
    void beforeTheLambdaTimeoutKeepsTimeForWhatFollows() {
        long left = CallDeadline.before(new TestContext(10_000), 2_000).millisLeft();

        assertTrue(left <= 8_000 && left > 7_000, "left " + left);
    }

    @Test
    void aTimeoutAtTheDeadlineIsTheDeadlinesAndOneLongBeforeItIsAnAwsFailure() {
        ApiCallTimeoutException timeout = ApiCallTimeoutException.create(5_000);
        ApiCallAttemptTimeoutException attempt = ApiCallAttemptTimeoutException.create(5_000);

        assertTrue(new CallDeadline(() -> 50).ended(timeout));
        assertTrue(new CallDeadline(() -> 0).ended(new IllegalStateException("wrapped", attempt)));
        assertFalse(new CallDeadline(() -> 60_000).ended(timeout));
        assertTrue(new CallDeadline(() -> 60_000).ended(new CallDeadline.Passed("Op")));
        assertFalse(new CallDeadline(() -> 0).ended(new IllegalStateException("other")));
    }
}
