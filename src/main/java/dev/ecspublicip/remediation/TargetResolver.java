package dev.ecspublicip.remediation;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.JsonInput;
import dev.ecspublicip.config.ConfigItemJson;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.ConfigurationItemParser;
import dev.ecspublicip.resource.EcsArns;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKind;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.BatchGetResourceConfigResponse;
import software.amazon.awssdk.services.config.model.ResourceKey;

/**
 * Finds the ECS cluster, service and task set behind a remediation request.
 *
 * <p>A Config resource id is never parsed: the item Config recorded for it (BatchGetResourceConfig with
 * the given type and id) names the cluster, service and task set in its configuration. For a manual run
 * the id may instead be an ECS service or task-set ARN, whose shape ECS documents.
 */
final class TargetResolver {
    private static final String ITEM = "BatchGetResourceConfig.baseConfigurationItems[0]";

    private final Supplier<ConfigClient> config;

    TargetResolver(Supplier<ConfigClient> config) {
        this.config = config;
    }

    /** @param own where this remediation acts; asked only when the id is an ECS ARN */
    EcsTarget resolve(RemediationRequest request, Supplier<OwnAccount> own) {
        if (EcsTarget.isEcsArn(request.resourceId())) {
            EcsTarget target = EcsTarget.fromArn(request.kind(), request.resourceId(), RemediationRequest.RESOURCE_ID);
            requireOwn(request.resourceId(), own.get());
            return target;
        }
        return fromConfigRecord(request);
    }

    /** An ARN of another partition, account or region is refused: ECS would be asked about this account's. */
    private static void requireOwn(String arn, OwnAccount own) {
        // arn:PARTITION:ecs:REGION:ACCOUNT:RESOURCE, as ECS documents its ARNs.
        String[] parts = arn.split(":", 6);
        OwnAccount named = new OwnAccount(parts[1], parts[4], parts[3]);
        if (!named.equals(own)) {
            throw new BadInputException(RemediationRequest.RESOURCE_ID, "names an ECS resource in " + named.describe()
                    + ", but this remediation acts only in " + own.describe() + "; run it there");
        }
    }

    private EcsTarget fromConfigRecord(RemediationRequest request) {
        BatchGetResourceConfigResponse response = config.get().batchGetResourceConfig(batch -> batch
                .resourceKeys(ResourceKey.builder().resourceType(request.resourceType()).resourceId(request.resourceId())
                        .build()));
        if (response.hasUnprocessedResourceKeys() && !response.unprocessedResourceKeys().isEmpty()) {
            throw new IllegalStateException("AWS Config did not process the lookup of " + request.resourceType()
                    + " '" + request.resourceId() + "' (BatchGetResourceConfig unprocessedResourceKeys); try again");
        }
        if (!response.hasBaseConfigurationItems() || response.baseConfigurationItems().isEmpty()) {
            throw new BadInputException(RemediationRequest.RESOURCE_ID, "AWS Config has no current configuration"
                    + " item for " + request.resourceType() + " '" + request.resourceId() + "' (not a resource id"
                    + " Config recorded, or the resource was deleted); pass the id Config shows, or the ECS ARN");
        }
        BaseConfigurationItem item = response.baseConfigurationItems().get(0);
        ConfigurationItem parsed = ConfigurationItemParser.parse(ConfigItemJson.of(item), ITEM);
        if (parsed.resource().presence() != Presence.RECORDED || item.configuration() == null) {
            throw new BadInputException(ITEM + ".configuration", "is missing: AWS Config records "
                    + request.resourceType() + " '" + request.resourceId() + "' as "
                    + item.configurationItemStatusAsString() + ", so there is nothing to remediate");
        }
        String path = ITEM + ".configuration";
        JsonObject configuration = JsonInput.parseObject(item.configuration(), path);
        String cluster = required(configuration, "Cluster", path);
        if (request.kind() == ResourceKind.SERVICE) {
            String service = text(configuration, "ServiceArn", path)
                    .or(() -> text(configuration, "ServiceName", path))
                    .or(() -> text(configuration, "Name", path))
                    .or(parsed.resource()::arn)
                    .orElseThrow(() -> new BadInputException(path + ".ServiceArn", "is missing"));
            return EcsTarget.service(cluster, service);
        }
        String service = required(configuration, "Service", path);
        String taskSet = text(configuration, "Id", path)
                .or(() -> parsed.resource().arn().filter(EcsArns::isTaskSetArn)
                        .flatMap(arn -> EcsTarget.fromArn(ResourceKind.TASK_SET, arn, ITEM + ".arn").taskSetId()))
                .orElseThrow(() -> new BadInputException(path + ".Id", "is missing"));
        return EcsTarget.taskSet(cluster, service, taskSet);
    }

    private static Optional<String> text(JsonObject configuration, String name, String path) {
        return ConfigurationItemParser.optionalText(configuration, name, path);
    }

    private static String required(JsonObject configuration, String name, String path) {
        return text(configuration, name, path).orElseThrow(() -> new BadInputException(path + "." + name, "is missing"));
    }
}
