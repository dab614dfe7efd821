package dev.ecspublicip.aws;

import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * What one AWS call's request override (the SDK's own per-request settings) becomes, given its operation
 * and the override the request already carries. A client decorator applies it to every request it
 * forwards ({@link #applyTo}), for any SDK client: the Config client here, ECS and EC2 in the
 * remediation. The SDK's paginators call back into the decorator, so every page gets it too.
 */
@FunctionalInterface
public interface RequestOverride {
    AwsRequestOverrideConfiguration apply(String operation, Optional<AwsRequestOverrideConfiguration> existing);

    /** The SDK's call and attempt timeouts from {@code deadline}; a call asked for once it has passed is not sent. */
    static RequestOverride deadline(CallDeadline deadline) {
        return (operation, existing) -> deadline.applyTo(existing, operation);
    }

    /**
     * {@code request} with this override applied. Its operation is the request's type without
     * {@code Request}, as the SDK names every operation's request (DescribeServices:
     * {@code DescribeServicesRequest}).
     */
    default <R extends AwsRequest> R applyTo(R request) {
        String type = request.getClass().getSimpleName();
        String operation = type.endsWith("Request") ? type.substring(0, type.length() - "Request".length()) : type;
        @SuppressWarnings("unchecked") // every request's builder builds that request's own type
        R overridden = (R) request.toBuilder()
                .overrideConfiguration(apply(operation, request.overrideConfiguration()))
                .build();
        return overridden;
    }
}
