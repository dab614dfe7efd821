package dev.ecspublicip.resource;

import java.util.List;
import java.util.Optional;

/**
 * The awsvpc block of a service's or task set's network configuration.
 *
 * @param assignPublicIp the raw value as recorded, empty when the field is absent (ECS then uses DISABLED)
 */
public record AwsvpcNetwork(Optional<String> assignPublicIp, List<String> subnets, List<String> securityGroups) {
    public AwsvpcNetwork {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
    }
}
