package software.amazon.awssdk.regions;

import java.util.Map;
import software.amazon.awssdk.regions.servicemetadata.ConfigServiceMetadata;

/**
 * Bench only, never shipped: a stand-in for the SDK's generated class of the same name, listing only
 * Config. The SDK's own instantiates one metadata class per AWS service (over 300) the first time any
 * client is built, to look up one signing region. Put ahead of the artifact on the class path, it
 * measures what that costs a cold start (the "service metadata" lever in levers.sh).
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {
    private static final Map<String, ServiceMetadata> SERVICE_METADATA = Map.of("config", new ConfigServiceMetadata());

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return SERVICE_METADATA.get(endpointPrefix);
    }
}
