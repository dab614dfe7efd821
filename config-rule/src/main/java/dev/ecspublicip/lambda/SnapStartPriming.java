package dev.ecspublicip.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * SnapStart priming: just before Lambda snapshots an initialized evaluator, run the whole change-event
 * path once (parse a bundled Config event, judge it, marshal, sign and "send" its PutEvaluations request)
 * so the classes that path needs are loaded, linked and initialized in the snapshot instead of on the first
 * invocation after every restore.
 *
 * <p>Nothing leaves the process and nothing from before the snapshot is used after it:
 * <ul>
 *   <li>the priming client's HTTP client is a {@link PrimingTransport}, which answers every request
 *       itself, so nothing is put to Config, no connection is opened and no host name is resolved;
 *   <li>it signs with made-up credentials, so no real credentials are resolved, cached or snapshotted
 *       (under SnapStart the real clients use the default chain, which reads them after restore);
 *   <li>it is closed before the snapshot. The real clients in {@link AwsClients}, their HTTP client, its
 *       TLS context and that context's {@code SecureRandom} are first built after restore, by the first
 *       invocation; the TLS warm-up here uses a throwaway context whose handshake never completes.
 * </ul>
 * So {@link #afterRestore} has nothing to refresh. Registered only when Lambda initializes the function
 * for a snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}); an on-demand cold start only loads
 * this class to find that out.
 */
public final class SnapStartPriming implements Resource {
    static final String INITIALIZATION_TYPE_ENV = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";
    /** A Config change event like any other, with a result token that is never sent anywhere. */
    static final String PRIMING_EVENT = "snapstart-priming-event.json";

    private static final long PRIMING_TIMEOUT_MILLIS = 60_000;
    /** Only a name for the throwaway TLS and HTTPS objects: nothing resolves or connects to it. */
    private static final String PRIMING_HOST = "config.amazonaws.com";
    /** Priming's log lines are dropped, so the function's log shows no "Put evaluation" from it. */
    private static final LambdaLogger DISCARD_LOG = new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
    };

    /** Kept here because org.crac holds registered resources only weakly. */
    private static SnapStartPriming registered;

    private volatile List<String> answered = List.of();

    /** Registers the priming hook if Lambda is initializing this environment for a SnapStart snapshot. */
    static synchronized void registerIfSnapStart() {
        if (registered == null && SNAP_START.equals(System.getenv(INITIALIZATION_TYPE_ENV))) {
            registered = new SnapStartPriming();
            Core.getGlobalContext().register(registered);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        warmUpHttps();
        PrimingTransport transport = new PrimingTransport();
        try (ConfigClient client = primingClient(transport)) {
            ConfigRuleHandler handler = new ConfigRuleHandler(() -> client);
            try (InputStream event = SnapStartPriming.class.getResourceAsStream(PRIMING_EVENT)) {
                if (event == null) {
                    throw new IllegalStateException(PRIMING_EVENT + " is missing from the artifact");
                }
                handler.handleRequest(
                        event,
                        new ByteArrayOutputStream(),
                        new LocalContext("snapstart-priming", PRIMING_TIMEOUT_MILLIS, DISCARD_LOG));
            }
        } finally {
            transport.close();
            answered = transport.answered();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: see the class comment. What priming leaves in the snapshot is loaded and
        // initialized classes and, perhaps, the JDK's cache of the trusted CA certificates: public data.
    }

    /** The requests the last priming answered locally, by {@code X-Amz-Target}. */
    List<String> answered() {
        return answered;
    }

    /**
     * A Config client configured like the real one (same retry strategy and profile settings) but for its
     * transport and its fake credentials. Not through {@link AwsClients#configure}, which would build the
     * real HTTP client, and with it a TLS context, before the snapshot. The region is the function's, so
     * the same endpoint rules run; in tests without one, us-east-1.
     */
    private static ConfigClient primingClient(PrimingTransport transport) {
        String region = System.getenv("AWS_REGION");
        return ConfigClient.builder()
                .httpClient(transport)
                .overrideConfiguration(AwsClients.overrides())
                .region(region == null || region.isBlank() ? Region.US_EAST_1 : Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        "ASIASNAPSTARTPRIMING", "snapstart-priming-not-a-secret", "snapstart-priming-session")))
                .build();
    }

    /**
     * Loads the JDK's HTTPS code and trust anchors without any network: builds a ClientHello (key share
     * included) on a throwaway TLS context, dropping the engine before the handshake goes anywhere, and
     * opens (which does not connect) a throwaway HTTPS connection object.
     */
    private static void warmUpHttps() throws GeneralSecurityException, IOException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        SSLEngine engine = tls.createSSLEngine(PRIMING_HOST, 443);
        engine.setUseClientMode(true);
        engine.wrap(
                ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        engine.closeOutbound();
        HttpURLConnection connection = (HttpURLConnection)
                URI.create("https://" + PRIMING_HOST + "/").toURL().openConnection();
        connection.setRequestMethod("POST");
    }
}
