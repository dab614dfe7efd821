package dev.ecspublicip.resource;

import java.util.List;
import java.util.Optional;

/**
 * The awsvpc block of a service's or task set's network configuration.
 *
 * @param assignPublicIp the raw value as recorded, empty when the field is absent (ECS then uses DISABLED)
 *     or when it is unresolved
 * @param unresolved present when whether public IPs are assigned cannot be known before deployment: the
 *     flag, the awsvpc block or the whole network configuration is set by something resolved only then
 */
public record AwsvpcNetwork(
        Optional<String> assignPublicIp,
        List<String> subnets,
        List<String> securityGroups,
        Optional<UnresolvedValue> unresolved) {
    public AwsvpcNetwork {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        if (unresolved.isPresent() && assignPublicIp.isPresent()) {
            throw new IllegalArgumentException("AssignPublicIp is either a value or unresolved, not both");
        }
    }

    /** A block whose values are all as they will be deployed. */
    public AwsvpcNetwork(Optional<String> assignPublicIp, List<String> subnets, List<String> securityGroups) {
        this(assignPublicIp, subnets, securityGroups, Optional.empty());
    }

    /**
     * A network configuration that may hold an awsvpc block assigning public IPs, known only at deployment
     * ({@code subnets} are those that are known, if any).
     */
    public static AwsvpcNetwork unresolved(UnresolvedValue value, List<String> subnets, List<String> securityGroups) {
        return new AwsvpcNetwork(Optional.empty(), subnets, securityGroups, Optional.of(value));
    }
}
