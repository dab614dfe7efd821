package dev.ecspublicip.rule;

import dev.ecspublicip.Ascii;
import dev.ecspublicip.resource.AwsvpcNetwork;

/** What an awsvpc block's AssignPublicIp says, as the rules read it. */
enum AssignPublicIp {
    /** Not set: ECS, EventBridge, Scheduler, Pipes, Step Functions and Batch all default to DISABLED. */
    ABSENT,
    DISABLED,
    ENABLED,
    /** Any other value, the empty string too: only DISABLED is compliant. */
    UNRECOGNISED,
    /** Known only at deployment or at run time. */
    UNRESOLVED;

    static AssignPublicIp of(AwsvpcNetwork network) {
        if (network.unresolved().isPresent()) {
            return UNRESOLVED;
        }
        if (network.assignPublicIp().isEmpty()) {
            return ABSENT;
        }
        String value = network.assignPublicIp().get();
        // ASCII case only: "DıSABLED" (dotless i) is not a value AWS knows, whatever String.equalsIgnoreCase says.
        if (Ascii.equalsIgnoreCase(value, "DISABLED")) {
            return DISABLED;
        }
        return Ascii.equalsIgnoreCase(value, "ENABLED") ? ENABLED : UNRECOGNISED;
    }

    boolean couldAssignPublicIps() {
        return this == ENABLED || this == UNRECOGNISED || this == UNRESOLVED;
    }
}
