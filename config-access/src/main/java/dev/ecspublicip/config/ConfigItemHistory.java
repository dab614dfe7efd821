package dev.ecspublicip.config;

import dev.ecspublicip.resource.ConfigurationItem;
import java.time.Instant;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.GetResourceConfigHistoryResponse;

/** Reads a configuration item as Config recorded it at a given time (for oversized-item events). */
public final class ConfigItemHistory {
    private final ConfigClient config;

    public ConfigItemHistory(ConfigClient config) {
        this.config = config;
    }

    /**
     * The item captured at {@code captureTime}: the newest item no later than it. Not the latest item,
     * which may describe a later change than the one the event reports.
     */
    public ConfigurationItem itemAt(String resourceType, String resourceId, Instant captureTime) {
        GetResourceConfigHistoryResponse response = config.getResourceConfigHistory(request -> request
                .resourceType(resourceType)
                .resourceId(resourceId)
                .laterTime(captureTime)
                .limit(1));
        if (!response.hasConfigurationItems() || response.configurationItems().isEmpty()) {
            throw new IllegalStateException("AWS Config returned no configuration item for " + resourceType + " "
                    + resourceId + " captured at or before " + captureTime);
        }
        return ConfigurationItemParser.parse(
                ConfigItemJson.of(response.configurationItems().get(0)), "GetResourceConfigHistory.configurationItems[0]");
    }
}
