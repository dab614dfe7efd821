package dev.ecspublicip.ecs;

import dev.ecspublicip.aws.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The ECS and EC2 clients, built as {@link AwsClients} builds every client: once per container, on first use. */
public final class EcsClients {
    private EcsClients() {}

    public static EcsClient ecs() {
        return EcsHolder.CLIENT;
    }

    /** The egress pre-flight reads subnets, route tables and VPC endpoints. */
    public static Ec2Client ec2() {
        return Ec2Holder.CLIENT;
    }

    private static final class EcsHolder {
        static final EcsClient CLIENT =
                AwsClients.configure(EcsClient.builder()).build();
    }

    private static final class Ec2Holder {
        static final Ec2Client CLIENT =
                AwsClients.configure(Ec2Client.builder()).build();
    }
}
