package dev.ecspublicip.resource;

/** A resource as AWS Config keys it: its type and the id Config uses (echoed, never built or parsed). */
public record ResourceKey(String resourceType, String resourceId) {
    @Override
    public String toString() {
        return resourceType + " " + resourceId;
    }
}
