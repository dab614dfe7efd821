package dev.ecspublicip.testing.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A Lambda context for tests, named {@code test}: records log lines and reports a remaining time that
 * runs down from what the test gave, or that the test decides as the run goes.
 */
public final class TestContext implements Context {
    private final String requestId = UUID.randomUUID().toString();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LambdaLogger logger = new RecordingLogger();
    private final LongSupplier remainingMillis;
    private volatile String invokedFunctionArn = "local:test";

    public TestContext() {
        this(300_000);
    }

    /** A context whose deadline is {@code remainingMillis} from now. */
    public TestContext(long remainingMillis) {
        long deadline = System.currentTimeMillis() + remainingMillis;
        this.remainingMillis = () -> Math.max(0, deadline - System.currentTimeMillis());
    }

    /** A context whose remaining time the test decides as the run goes (e.g. from the calls made so far). */
    public TestContext(LongSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    public List<String> logLines() {
        return List.copyOf(lines);
    }

    /** The function ARN Lambda would report, e.g. {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    public TestContext invokedAs(String functionArn) {
        this.invokedFunctionArn = functionArn;
        return this;
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedFunctionArn;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) remainingMillis.getAsLong();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    private final class RecordingLogger implements LambdaLogger {
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
