package dev.ecspublicip.event;

import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.ResourceKey;
import java.time.Instant;

/** The decoded {@code invokingEvent} of a Config rule event, one variant per {@code messageType}. */
public sealed interface InvokingEvent {
    String CHANGE = "ConfigurationItemChangeNotification";
    String OVERSIZED = "OversizedConfigurationItemChangeNotification";
    String SCHEDULED = "ScheduledNotification";

    String messageType();

    /** A configuration change; the item is in the event. */
    record Change(ConfigurationItem item) implements InvokingEvent {
        @Override
        public String messageType() {
            return CHANGE;
        }
    }

    /**
     * A change whose item was too large for the event; only its summary came, and the item itself must
     * be read from Config as it was at {@code captureTime}.
     */
    record OversizedChange(ResourceKey key, Instant captureTime) implements InvokingEvent {
        @Override
        public String messageType() {
            return OVERSIZED;
        }
    }

    /** A periodic trigger; it names no resource. */
    record Scheduled(Instant notificationCreationTime) implements InvokingEvent {
        @Override
        public String messageType() {
            return SCHEDULED;
        }
    }
}
