package dev.ecspublicip.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What a task's containers reach outside the VPC when they start, read from the task definition
 * (DescribeTaskDefinition): image pulls, {@code awslogs} logging, {@code secrets} from Secrets Manager or
 * SSM Parameter Store, private-registry credentials and S3 environment files. Each can go through a NAT or
 * transit-gateway route; some can instead go through VPC endpoints of this region.
 *
 * @param needs one entry per container and thing it needs; never empty for a task that runs containers
 */
record TaskNeeds(List<Need> needs) {
    /** An image in a private ECR registry: {@code ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]/...}. */
    private static final Pattern ECR_IMAGE =
            Pattern.compile("\\d{12}\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/.+");

    private static final Pattern ARN_REGION = Pattern.compile("arn:[a-z-]+:[a-z0-9-]+:([a-z0-9-]*):.*");

    static final Endpoint ECR_API = new Endpoint("ecr.api", false);
    static final Endpoint ECR_DKR = new Endpoint("ecr.dkr", false);
    static final Endpoint S3 = new Endpoint("s3", true);
    static final Endpoint LOGS = new Endpoint("logs", false);
    static final Endpoint SECRETS_MANAGER = new Endpoint("secretsmanager", false);
    static final Endpoint SSM = new Endpoint("ssm", false);

    /** A VPC endpoint service of this region: an interface endpoint (with private DNS) or a gateway endpoint. */
    record Endpoint(String service, boolean gateway) {}

    /**
     * One thing a container needs to start.
     *
     * @param what e.g. {@code pulling image nginx:1.27 from Docker Hub}
     * @param endpoints the VPC endpoints that serve it without a route; empty when only a route does
     */
    record Need(String container, String what, List<Endpoint> endpoints) {
        Need {
            endpoints = List.copyOf(endpoints);
        }
    }

    TaskNeeds {
        needs = List.copyOf(needs);
    }

    static TaskNeeds of(TaskDefinition definition, String region) {
        List<Need> needs = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            String name = container.name();
            needs.add(image(name, container.image(), region));
            if (container.repositoryCredentials() != null
                    && container.repositoryCredentials().credentialsParameter() != null) {
                String secret = container.repositoryCredentials().credentialsParameter();
                needs.add(new Need(
                        name,
                        "reading its registry credentials " + secret + " from Secrets Manager",
                        inRegion(secret, region) ? List.of(SECRETS_MANAGER) : List.of()));
            }
            if (container.logConfiguration() != null
                    && container.logConfiguration().logDriver() == LogDriver.AWSLOGS) {
                String logRegion = Optional.ofNullable(
                                container.logConfiguration().options())
                        .map(options -> options.get("awslogs-region"))
                        .orElse(region);
                needs.add(new Need(
                        name,
                        "sending its logs to CloudWatch Logs (awslogs)",
                        logRegion.equals(region) ? List.of(LOGS) : List.of()));
            }
            for (Secret secret : container.secrets()) {
                String from = secret.valueFrom();
                boolean secretsManager = from.startsWith("arn:") && from.contains(":secretsmanager:");
                needs.add(new Need(
                        name,
                        "reading secret " + secret.name() + " from "
                                + (secretsManager ? "Secrets Manager" : "SSM Parameter Store"),
                        inRegion(from, region) ? List.of(secretsManager ? SECRETS_MANAGER : SSM) : List.of()));
            }
            for (EnvironmentFile file : container.environmentFiles()) {
                needs.add(new Need(name, "reading its environment file " + file.value() + " from S3", List.of(S3)));
            }
        }
        return new TaskNeeds(needs);
    }

    private static Need image(String container, String image, String region) {
        Matcher ecr = ECR_IMAGE.matcher(image);
        if (ecr.matches()) {
            boolean here = ecr.group(1).equals(region);
            return new Need(
                    container,
                    "pulling image " + image + " from ECR" + (here ? "" : " in " + ecr.group(1)),
                    here ? List.of(ECR_API, ECR_DKR, S3) : List.of());
        }
        return new Need(container, "pulling image " + image + " from " + registry(image), List.of());
    }

    /** The registry an image reference names; Docker Hub when its first part is not a host name. */
    private static String registry(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        if (first.equals("public.ecr.aws")) {
            return "ECR Public (public.ecr.aws)";
        }
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return first;
        }
        return "Docker Hub";
    }

    /** A parameter name (not an ARN) is in the task's region; an ARN names its own. */
    private static boolean inRegion(String nameOrArn, String region) {
        Matcher arn = ARN_REGION.matcher(nameOrArn);
        return !arn.matches() || arn.group(1).equals(region);
    }
}
