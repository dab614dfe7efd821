package dev.ecspublicip.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.ecspublicip.aws.LocalContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/** A Lambda context for tests: records log lines and reports a settable remaining time. */
public final class TestContext extends LocalContext {
    private final RecordingLogger logger;
    private final LongSupplier remainingMillis;
    private volatile String invokedFunctionArn;

    public TestContext() {
        this(300_000);
    }

    public TestContext(long remainingMillis) {
        this(remainingMillis, new RecordingLogger(), null);
    }

    /** A context whose remaining time the test decides as the run goes (e.g. from the calls made so far). */
    public TestContext(LongSupplier remainingMillis) {
        this(MAX_TIMEOUT_MILLIS, new RecordingLogger(), remainingMillis);
    }

    private TestContext(long timeoutMillis, RecordingLogger logger, LongSupplier remainingMillis) {
        super("test", timeoutMillis, logger);
        this.logger = logger;
        this.remainingMillis = remainingMillis;
    }

    public List<String> logLines() {
        return List.copyOf(logger.lines);
    }

    /** The function ARN Lambda would report, e.g. {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    public TestContext invokedAs(String functionArn) {
        this.invokedFunctionArn = functionArn;
        return this;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn == null ? super.getInvokedFunctionArn() : invokedFunctionArn;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis == null ? super.getRemainingTimeInMillis() : (int) remainingMillis.getAsLong();
    }

    private static final class RecordingLogger implements LambdaLogger {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
