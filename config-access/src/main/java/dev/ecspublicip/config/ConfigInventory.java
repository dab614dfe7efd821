package dev.ecspublicip.config;

import dev.ecspublicip.resource.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ListDiscoveredResourcesRequest;
import software.amazon.awssdk.services.config.model.ResourceIdentifier;

/** The keys of the resources of one type in AWS Config's inventory (ListDiscoveredResources). */
public final class ConfigInventory {
    /** ListDiscoveredResources' largest page. */
    public static final int PAGE_SIZE = 100;

    /** Keys in Config's order; {@code complete} is false when the time budget ran out first. */
    public record Listing(List<ResourceKey> keys, boolean complete) {}

    private ConfigInventory() {}

    /** Lists the type's resources (deleted ones excluded), or only {@code resourceId} when the rule is scoped to it. */
    public static Listing list(
            ConfigClient config, String resourceType, Optional<String> resourceId, PageBudget budget) {
        List<ResourceKey> keys = new ArrayList<>();
        boolean complete = list(config, resourceType, resourceId, budget, keys::addAll);
        return new Listing(keys, complete);
    }

    /**
     * Hands each page's keys to {@code onPage} as it arrives, so the caller can start on them while the
     * next page is fetched. Returns whether every page was read (false when the budget ran out first).
     */
    public static boolean list(
            ConfigClient config,
            String resourceType,
            Optional<String> resourceId,
            PageBudget budget,
            Consumer<List<ResourceKey>> onPage) {
        ListDiscoveredResourcesRequest.Builder request = ListDiscoveredResourcesRequest.builder()
                .resourceType(resourceType)
                .limit(PAGE_SIZE);
        resourceId.ifPresent(request::resourceIds);
        return budget.forEachPage(config.listDiscoveredResourcesPaginator(request.build()), page -> {
            List<ResourceKey> keys = new ArrayList<>(page.resourceIdentifiers().size());
            for (ResourceIdentifier identifier : page.resourceIdentifiers()) {
                keys.add(new ResourceKey(identifier.resourceTypeAsString(), identifier.resourceId()));
            }
            onPage.accept(keys);
        });
    }
}
