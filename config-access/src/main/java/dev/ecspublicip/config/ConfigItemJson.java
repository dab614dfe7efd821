package dev.ecspublicip.config;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.ConfigurationItem;

/**
 * Puts a configuration item read from the Config API into the JSON shape
 * {@link ConfigurationItemParser} reads, so API items and event items are
 * judged by the same code.
 */
final class ConfigItemJson {
    private ConfigItemJson() {}

    /** An item from GetResourceConfigHistory. */
    static JsonObject of(ConfigurationItem item) {
        return json(
                item.resourceTypeAsString(),
                item.resourceId(),
                item.arn(),
                item.resourceName(),
                item.configurationItemStatusAsString(),
                item.configurationItemCaptureTime(),
                item.configuration(),
                item.hasTags() ? item.tags() : null);
    }

    /**
     * An item from BatchGetResourceConfig. It carries no {@code tags} member; tags recorded in the
     * configuration itself ({@code Tags}) are still read.
     */
    static JsonObject of(BaseConfigurationItem item) {
        return json(
                item.resourceTypeAsString(),
                item.resourceId(),
                item.arn(),
                item.resourceName(),
                item.configurationItemStatusAsString(),
                item.configurationItemCaptureTime(),
                item.configuration(),
                null);
    }

    private static JsonObject json(
            String resourceType,
            String resourceId,
            String arn,
            String resourceName,
            String status,
            Instant captureTime,
            String configuration,
            Map<String, String> tags) {
        JsonObject json = new JsonObject();
        json.addProperty("resourceType", resourceType);
        json.addProperty("resourceId", resourceId);
        json.addProperty("arn", arn);
        json.addProperty("resourceName", resourceName);
        json.addProperty("configurationItemStatus", status);
        if (captureTime != null) {
            json.addProperty("configurationItemCaptureTime", captureTime.toString());
        }
        json.addProperty("configuration", configuration);
        if (tags != null) {
            JsonObject tagObject = new JsonObject();
            tags.forEach(tagObject::addProperty);
            json.add("tags", tagObject);
        }
        return json;
    }
}
