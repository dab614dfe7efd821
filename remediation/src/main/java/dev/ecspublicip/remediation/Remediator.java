package dev.ecspublicip.remediation;

import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.ResourceKind;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Disables public IPs on one ECS service or task set, safely: it resolves the resource through AWS
 * Config (or an ECS ARN), reads the live state from ECS, checks egress, then changes only what it must.
 * Every step is safe to repeat: a rerun reads the state again and continues from where the last one
 * stopped. Clients are taken from the suppliers only when needed.
 */
public final class Remediator {
    private final Supplier<ConfigClient> config;
    private final Supplier<EcsClient> ecs;
    private final Supplier<Ec2Client> ec2;
    private final Clock clock;

    public Remediator(Supplier<ConfigClient> config, Supplier<EcsClient> ecs, Supplier<Ec2Client> ec2, Clock clock) {
        this.config = config;
        this.ecs = ecs;
        this.ec2 = ec2;
        this.clock = clock;
    }

    /**
     * @param own the partition, Region and account this remediation acts in; asked only for an ECS ARN
     * @param remainingMillis the invocation's remaining time; no change starts when it runs short
     * @param log where each change is logged as it is made
     */
    public RemediationResult remediate(
            RemediationRequest request, Supplier<AwsLocation> own, IntSupplier remainingMillis, Consumer<String> log) {
        EcsTarget target = new TargetResolver(config).resolve(request, own);
        Run run = new Run(request, remainingMillis, log);
        EgressCheck egress = new EgressCheck(ec2);
        return request.kind() == ResourceKind.SERVICE
                ? new ServiceRemediation(ecs.get(), egress, run).remediate(target)
                : new TaskSetReplacement(ecs.get(), egress, run, clock).remediate(target);
    }
}
