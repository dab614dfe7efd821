package dev.ecspublicip.config;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.BatchGetResourceConfigResponse;

/** Reads the current configuration item of one resource Config records (BatchGetResourceConfig). */
public final class CurrentItemReader {
    static final String ITEM = "BatchGetResourceConfig.baseConfigurationItems[0]";

    private final ConfigClient config;

    public CurrentItemReader(ConfigClient config) {
        this.config = config;
    }

    /**
     * The live resource's item. {@code field} names the input the key came from, for the message when
     * Config has no live item for it.
     */
    public ConfigurationItem live(ResourceKey key, String field) {
        BatchGetResourceConfigResponse response =
                config.batchGetResourceConfig(batch -> batch.resourceKeys(BatchItemReader.toSdk(key)));
        if (response.hasUnprocessedResourceKeys()
                && !response.unprocessedResourceKeys().isEmpty()) {
            throw new IllegalStateException("AWS Config did not process the lookup of " + key.resourceType() + " '"
                    + key.resourceId() + "' (BatchGetResourceConfig unprocessedResourceKeys); try again");
        }
        if (!response.hasBaseConfigurationItems()
                || response.baseConfigurationItems().isEmpty()) {
            throw new BadInputException(
                    field,
                    "AWS Config has no current configuration"
                            + " item for " + key.resourceType() + " '" + key.resourceId() + "' (not a resource id"
                            + " Config recorded, or the resource was deleted); pass the id Config shows, or the ECS ARN");
        }
        BaseConfigurationItem item = response.baseConfigurationItems().get(0);
        ConfigurationItem parsed = ConfigurationItemParser.parse(item, ITEM);
        if (parsed.resource().presence() != Presence.RECORDED || item.configuration() == null) {
            throw new BadInputException(
                    ITEM + ".configuration",
                    "is missing: AWS Config records "
                            + key.resourceType() + " '" + key.resourceId() + "' as "
                            + item.configurationItemStatusAsString() + ", so there is nothing to remediate");
        }
        return parsed;
    }
}
