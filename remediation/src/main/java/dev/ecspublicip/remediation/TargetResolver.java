package dev.ecspublicip.remediation;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.CurrentItemReader;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Finds the ECS cluster, service and task set behind a remediation request.
 *
 * <p>A Config resource id is never parsed: the item Config recorded for it (its current item, read with
 * the given type and id) names the cluster, service and task set. For a manual run the id may instead be
 * an ECS service or task-set ARN, whose shape ECS documents.
 */
final class TargetResolver {
    private static final String CONFIGURATION = "BatchGetResourceConfig.baseConfigurationItems[0].configuration";

    private final Supplier<ConfigClient> config;

    private final InputNames names;

    TargetResolver(Supplier<ConfigClient> config, InputNames names) {
        this.config = config;
        this.names = names;
    }

    /** @param own where this remediation acts; asked only when the id is an ECS ARN */
    EcsTarget resolve(RemediationRequest request, Supplier<AwsLocation> own) {
        Optional<EcsArn> arn = EcsArn.parse(request.resourceId());
        if (arn.isPresent()) {
            EcsTarget target = EcsTarget.fromArn(
                    request.kind(),
                    request.resourceId(),
                    RemediationRequest.RESOURCE_ID,
                    names.name(RemediationRequest.RESOURCE_TYPE));
            requireOwn(arn.get(), own.get());
            return target;
        }
        return fromConfigRecord(request);
    }

    /** An ARN of another partition, account or region is refused: ECS would be asked about this account's. */
    private static void requireOwn(EcsArn arn, AwsLocation own) {
        AwsLocation named = arn.location();
        if (!named.equals(own)) {
            throw new BadInputException(
                    RemediationRequest.RESOURCE_ID,
                    "names an ECS resource in " + named.describe() + ", but this remediation acts only in "
                            + own.describe() + "; run it there");
        }
    }

    private EcsTarget fromConfigRecord(RemediationRequest request) {
        EcsResource resource = new CurrentItemReader(config.get())
                .live(new ResourceKey(request.resourceType(), request.resourceId()), RemediationRequest.RESOURCE_ID)
                .resource();
        EcsLocation location = resource.location();
        String cluster =
                location.cluster().orElseThrow(() -> new BadInputException(CONFIGURATION + ".Cluster", "is missing"));
        if (request.kind() == ResourceKind.SERVICE) {
            String service = location.service()
                    .or(resource::arn)
                    .orElseThrow(() -> new BadInputException(CONFIGURATION + ".ServiceArn", "is missing"));
            return EcsTarget.service(cluster, service);
        }
        String service =
                location.service().orElseThrow(() -> new BadInputException(CONFIGURATION + ".Service", "is missing"));
        String taskSet = location.taskSetId()
                .or(() -> resource.ecsArn()
                        .filter(arn -> arn.kind() == ResourceKind.TASK_SET)
                        .flatMap(EcsArn::taskSetId))
                .orElseThrow(() -> new BadInputException(CONFIGURATION + ".Id", "is missing"));
        return EcsTarget.taskSet(cluster, service, taskSet);
    }
}
