package dev.ecspublicip.config;

import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.ResourceKey;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;

/** Reads a configuration item as Config recorded it at a given time (for oversized-item events). */
public final class ConfigItemHistory {
    /**
     * Config searches the history in 7-day windows and may answer a page with no item but a nextToken;
     * this many pages are followed before giving up.
     */
    public static final int MAX_PAGES = 10;

    private final ConfigClient config;

    public ConfigItemHistory(ConfigClient config) {
        this.config = config;
    }

    /**
     * The item captured at {@code captureTime}: the newest item no later than it. Not the latest item,
     * which may describe a later change than the one the event reports.
     */
    public ConfigurationItem itemAt(ResourceKey key, Instant captureTime) {
        Optional<software.amazon.awssdk.services.config.model.ConfigurationItem> item = config
                .getResourceConfigHistoryPaginator(request -> request.resourceType(key.resourceType())
                        .resourceId(key.resourceId())
                        .laterTime(captureTime)
                        .limit(1))
                .stream()
                .limit(MAX_PAGES)
                .filter(page -> page.hasConfigurationItems()
                        && !page.configurationItems().isEmpty())
                .map(page -> page.configurationItems().get(0))
                .findFirst();
        if (item.isEmpty()) {
            throw new IllegalStateException("AWS Config returned no configuration item for " + key
                    + " captured at or before " + captureTime + " (in up to " + MAX_PAGES + " pages)");
        }
        return ConfigurationItemParser.parse(item.get(), "GetResourceConfigHistory.configurationItems[0]");
    }
}
