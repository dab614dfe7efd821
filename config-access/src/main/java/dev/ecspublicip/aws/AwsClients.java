package dev.ecspublicip.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * How this project builds AWS clients (HTTP client, retries, credentials, region), and the Config
 * client, built once per container, lazily. Settings come from the standard environment:
 * {@code AWS_REGION}, the default credentials chain, and {@code AWS_ENDPOINT_URL} /
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, which the SDK itself resolves.
 *
 * <p>In Lambda the cold path is kept short (see bench/coldstart): the region and credentials are the ones
 * the runtime put in the environment, taken directly instead of through the default chains, and no
 * profile file is looked for, since a function has none.
 */
public final class AwsClients {
    /** Attempts per call, first included; throttling is retried with the SDK's backoff and jitter. */
    public static final int MAX_ATTEMPTS = 6;

    private static final String REGION_PROPERTY = SdkSystemSetting.AWS_REGION.property();
    private static final String PROFILE_PROPERTY = ProfileFileSystemSetting.AWS_PROFILE.property();

    private AwsClients() {}

    public static ConfigClient config() {
        return ConfigHolder.CLIENT;
    }

    /** Applies this project's HTTP client, retry strategy, credentials and region to any client builder. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.httpClient(Http.CLIENT)
                .credentialsProvider(credentialsProvider())
                .overrideConfiguration(overrides());
        String region = System.getenv("AWS_REGION");
        if (inLambda() && region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder;
    }

    public static ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .addExecutionInterceptor(new FailedCall.Naming());
        if (inLambda()) {
            ProfileFile none = ProfileFile.aggregator().build();
            overrides.defaultProfileFile(none).defaultProfileFileSupplier(() -> none);
        }
        return overrides.build();
    }

    /**
     * On an on-demand Lambda start, the execution role's credentials the runtime put in the environment
     * (what the default chain would find there too, after looking at system properties). Under SnapStart
     * those variables would be frozen into the snapshot, so there, as outside Lambda, the default chain,
     * which then reads fresh credentials after restore.
     */
    private static AwsCredentialsProvider credentialsProvider() {
        boolean snapStart = "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        if (inLambda() && !snapStart) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        String profile = System.getProperty(PROFILE_PROPERTY);
        return profile != null && !inLambda()
                ? ProfileCredentialsProvider.builder().profileName(profile).build()
                : DefaultCredentialsProvider.builder().build();
    }

    /**
     * Chooses the region and the named profile for every client built after this call, through the SDK's
     * own settings: the {@code aws.region} and {@code aws.profile} system properties, which come before
     * {@code AWS_REGION} and {@code AWS_PROFILE}. A chosen profile's credentials are then used even when
     * credentials are also in the environment, as the AWS CLI does with {@code --profile}. For the command
     * line; the functions take both from their environment.
     */
    public static void choose(java.util.Optional<String> region, java.util.Optional<String> profile) {
        region.ifPresent(name -> System.setProperty(REGION_PROPERTY, name));
        profile.ifPresent(name -> System.setProperty(PROFILE_PROPERTY, name));
    }

    private static boolean inLambda() {
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    }

    private static final class Http {
        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.create();
    }

    private static final class ConfigHolder {
        static final ConfigClient CLIENT = configure(ConfigClient.builder()).build();
    }
}
