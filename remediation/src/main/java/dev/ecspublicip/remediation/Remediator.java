package dev.ecspublicip.remediation;

import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.aws.FailedCall;
import dev.ecspublicip.aws.RequestOverride;
import dev.ecspublicip.config.OverridingConfigClient;
import dev.ecspublicip.ecs.OverridingEc2Client;
import dev.ecspublicip.ecs.OverridingEcsClient;
import dev.ecspublicip.ecs.TaskExposureReader;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.ResourceKind;
import java.time.Clock;
import java.util.Optional;
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
    private final Timing timing;

    public Remediator(Supplier<ConfigClient> config, Supplier<EcsClient> ecs, Supplier<Ec2Client> ec2, Clock clock) {
        this(config, ecs, ec2, clock, Timing.LAMBDA);
    }

    public Remediator(
            Supplier<ConfigClient> config,
            Supplier<EcsClient> ecs,
            Supplier<Ec2Client> ec2,
            Clock clock,
            Timing timing) {
        this.config = config;
        this.ecs = ecs;
        this.ec2 = ec2;
        this.clock = clock;
        this.timing = timing;
    }

    /**
     * Every Config, ECS and EC2 call gets the SDK's call and attempt timeouts from {@code remainingMillis}
     * ({@link CallDeadline}), less the time kept for the answer. A call the deadline ends, or does not
     * send, ends the run between steps with IN_PROGRESS; a change is only started with
     * {@link Timing#minMillisForChanges} left.
     *
     * @param own the partition, Region and account this remediation acts in; asked only for an ECS ARN
     * @param remainingMillis the invocation's remaining time
     * @param log where each change is logged as it is made
     */
    public RemediationResult remediate(
            RemediationRequest request, Supplier<AwsLocation> own, IntSupplier remainingMillis, Consumer<String> log) {
        return remediate(request, InputNames.RUNBOOK, own, remainingMillis, log);
    }

    /** @param names how the caller names the inputs, for the reasons and errors it is given */
    public RemediationResult remediate(
            RemediationRequest request,
            InputNames names,
            Supplier<AwsLocation> own,
            IntSupplier remainingMillis,
            Consumer<String> log) {
        CallDeadline deadline = new CallDeadline(() -> remainingMillis.getAsInt() - (long) timing.answerMillis());
        RequestOverride bounded = RequestOverride.deadline(deadline);
        Run run = new Run(request, names, remainingMillis, timing, log);
        try {
            EcsTarget target = new TargetResolver(
                            () -> OverridingConfigClient.withDeadlines(config.get(), deadline, deadline), names)
                    .resolve(request, own);
            EgressCheck egress = new EgressCheck(() -> OverridingEc2Client.of(ec2.get(), bounded));
            EcsClient boundedEcs = OverridingEcsClient.of(ecs.get(), bounded);
            TaskExposureReader tasks = new TaskExposureReader(boundedEcs, OverridingEc2Client.of(ec2.get(), bounded));
            return request.kind() == ResourceKind.SERVICE
                    ? new ServiceRemediation(boundedEcs, egress, tasks, run, clock).remediate(target)
                    : new TaskSetReplacement(boundedEcs, egress, tasks, run, clock).remediate(target);
        } catch (RuntimeException e) {
            if (!deadline.ended(e)) {
                throw e;
            }
            Optional<CallDeadline.Passed> notSent = CallDeadline.Passed.of(e);
            return notSent.isPresent()
                    ? run.cutShort(notSent.get().operation(), false)
                    : run.cutShort(FailedCall.of(e).map(FailedCall::operation).orElse("an AWS call"), true);
        }
    }
}
