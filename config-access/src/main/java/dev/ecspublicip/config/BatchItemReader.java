package dev.ecspublicip.config;

import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.resource.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.BatchGetResourceConfigResponse;

/**
 * Reads the current configuration items of up to 100 resources with BatchGetResourceConfig. Keys Config
 * returns as {@code unprocessedResourceKeys} are asked for again, a few times with a growing pause (throttling
 * and transient errors of the call itself are the SDK's retry strategy's business).
 */
public final class BatchItemReader {
    /** BatchGetResourceConfig's largest batch. */
    public static final int MAX_KEYS = 100;

    public static final int ATTEMPTS = 4;
    private static final long FIRST_PAUSE_MILLIS = 100;

    /**
     * @param missing keys Config returned neither an item nor an unprocessed key for: the API leaves out
     *     deleted resources, so these were deleted after they were listed
     * @param unprocessed keys still unprocessed after every attempt; not read this run
     */
    public record Batch(List<BaseConfigurationItem> items, List<ResourceKey> missing, List<ResourceKey> unprocessed) {}

    private final ConfigClient config;
    private final CallDeadline deadline;

    public BatchItemReader(ConfigClient config) {
        this(config, null);
    }

    /** @param deadline no retry of unprocessed keys is paused for past it; null for none */
    public BatchItemReader(ConfigClient config, CallDeadline deadline) {
        this.config = config;
        this.deadline = deadline;
    }

    public Batch read(List<ResourceKey> keys) {
        if (keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_KEYS + " keys per BatchGetResourceConfig call");
        }
        Set<ResourceKey> notReturned = new LinkedHashSet<>(keys);
        List<BaseConfigurationItem> items = new ArrayList<>(keys.size());
        List<ResourceKey> pending = keys;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<software.amazon.awssdk.services.config.model.ResourceKey> asking =
                    pending.stream().map(BatchItemReader::toSdk).toList();
            BatchGetResourceConfigResponse response =
                    config.batchGetResourceConfig(request -> request.resourceKeys(asking));
            for (BaseConfigurationItem item : response.baseConfigurationItems()) {
                if (notReturned.remove(new ResourceKey(item.resourceTypeAsString(), item.resourceId()))) {
                    items.add(item);
                }
            }
            pending = response.unprocessedResourceKeys().stream()
                    .map(key -> new ResourceKey(key.resourceTypeAsString(), key.resourceId()))
                    .toList();
            if (attempt == ATTEMPTS) {
                break;
            }
            if (!pending.isEmpty()) {
                ItemRetryPause.after(attempt, FIRST_PAUSE_MILLIS, "unprocessed resource keys", deadline);
            }
        }
        List<ResourceKey> unprocessed = pending;
        List<ResourceKey> missing =
                notReturned.stream().filter(key -> !unprocessed.contains(key)).toList();
        return new Batch(items, missing, unprocessed);
    }

    static software.amazon.awssdk.services.config.model.ResourceKey toSdk(ResourceKey key) {
        return software.amazon.awssdk.services.config.model.ResourceKey.builder()
                .resourceType(key.resourceType())
                .resourceId(key.resourceId())
                .build();
    }
}
