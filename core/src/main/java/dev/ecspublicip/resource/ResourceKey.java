package dev.ecspublicip.sweep;

/** A resource as AWS Config keys it: its type and the id Config uses (echoed, never built or parsed). */
public record ResourceKey(String resourceType, String resourceId) {
    software.amazon.awssdk.services.config.model.ResourceKey toSdk() {
        return software.amazon.awssdk.services.config.model.ResourceKey.builder()
                .resourceType(resourceType)
                .resourceId(resourceId)
                .build();
    }

    static ResourceKey of(software.amazon.awssdk.services.config.model.ResourceKey key) {
        return new ResourceKey(key.resourceTypeAsString(), key.resourceId());
    }

    @Override
    public String toString() {
        return resourceType + " " + resourceId;
    }
}
