package dev.ecspublicip.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place AWS clients are built: once per container, lazily (a change event never touches ECS),
 * from the standard environment: {@code AWS_REGION}, the default credentials chain, and
 * {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}, which the SDK itself resolves.
 */
public final class AwsClients {
    /** Attempts per call, first included; throttling is retried with the SDK's backoff and jitter. */
    public static final int MAX_ATTEMPTS = 6;

    private AwsClients() {}

    public static ConfigClient config() {
        return ConfigHolder.CLIENT;
    }

    public static EcsClient ecs() {
        return EcsHolder.CLIENT;
    }

    /**
     * Used by remediation only. The holder is loaded on first call, so artifacts without the EC2 SDK
     * (the evaluator's) load this class fine as long as they never call it.
     */
    public static Ec2Client ec2() {
        return Ec2Holder.CLIENT;
    }

    /** STS, for assuming member roles; built only when an event comes from another account. */
    public static StsClient sts() {
        return StsHolder.CLIENT;
    }

    /** Config clients per account, for organization rules; see {@link AccountClients}. */
    public static AccountClients accounts() {
        return AccountsHolder.ACCOUNTS;
    }

    /** Applies this project's HTTP client and retry strategy to any service client builder. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return builder.httpClient(Http.CLIENT)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides());
    }

    public static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .build();
    }

    private static final class Http {
        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.create();
    }

    private static final class ConfigHolder {
        static final ConfigClient CLIENT = configure(ConfigClient.builder()).build();
    }

    private static final class EcsHolder {
        static final EcsClient CLIENT = configure(EcsClient.builder()).build();
    }

    private static final class Ec2Holder {
        static final Ec2Client CLIENT = configure(Ec2Client.builder()).build();
    }

    private static final class StsHolder {
        static final StsClient CLIENT = configure(StsClient.builder()).build();
    }

    private static final class AccountsHolder {
        static final AccountClients ACCOUNTS = AccountClients.fromEnvironment();
    }
}
