package dev.ecspublicip.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Lambda context for running handlers outside Lambda (the CLI, tests): a deadline, and a logger
 * (stderr unless given).
 */
public class LocalContext implements Context {
    /** Lambda's maximum timeout, the CLI's deadline. */
    public static final long MAX_TIMEOUT_MILLIS = 15 * 60 * 1000L;

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final long deadline;
    private final LambdaLogger logger;

    public LocalContext(String functionName) {
        this(functionName, MAX_TIMEOUT_MILLIS, StderrLogger.INSTANCE);
    }

    public LocalContext(String functionName, long timeoutMillis, LambdaLogger logger) {
        this.functionName = functionName;
        this.deadline = System.currentTimeMillis() + timeoutMillis;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "local:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private enum StderrLogger implements LambdaLogger {
        INSTANCE;

        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
