package dev.ecspublicip.config;

import com.google.gson.JsonObject;
import software.amazon.awssdk.services.config.model.ConfigurationItem;

/** Puts a configuration item read from the Config API into the JSON shape the item parser reads. */
final class ConfigItemJson {
    private ConfigItemJson() {}

    static JsonObject of(ConfigurationItem item) {
        JsonObject json = new JsonObject();
        json.addProperty("resourceType", item.resourceTypeAsString());
        json.addProperty("resourceId", item.resourceId());
        json.addProperty("arn", item.arn());
        json.addProperty("resourceName", item.resourceName());
        json.addProperty("configurationItemStatus", item.configurationItemStatusAsString());
        if (item.configurationItemCaptureTime() != null) {
            json.addProperty("configurationItemCaptureTime", item.configurationItemCaptureTime().toString());
        }
        json.addProperty("configuration", item.configuration());
        if (item.hasTags()) {
            JsonObject tags = new JsonObject();
            item.tags().forEach(tags::addProperty);
            json.add("tags", tags);
        }
        return json;
    }
}
