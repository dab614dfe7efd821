package dev.ecspublicip.testing.protocol;

import java.net.URI;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Real SDK clients aimed at a loopback stand-in. The caller configures the builder as the code under test
 * configures its own clients (e.g. {@code AwsClients::configure}: HTTP client, retries, interceptors); this
 * module sits below that code and does not know it. The stand-in's endpoint, a region and test
 * credentials go on top.
 */
public final class StandInClients {
    public static final AwsCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));

    private StandInClients() {}

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, UnaryOperator<B> configuration, URI endpoint) {
        return client(builder, configuration, endpoint, TEST_CREDENTIALS);
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, UnaryOperator<B> configuration, URI endpoint, AwsCredentialsProvider credentials) {
        return configuration
                .apply(builder)
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
    }
}
