package dev.ecspublicip.testing.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a Lambda handler as the Lambda Java runtime would (no-argument constructor, stream handler), on
 * the event read from stdin, printing its answer; used to run a deployment artifact on its own.
 * Usage: {@code java -cp ARTIFACT.jar:test-classes dev.ecspublicip.testing.lambda.LambdaRunner HANDLER_CLASS}.
 */
public final class LambdaRunner {
    private LambdaRunner() {}

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler =
                (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(System.in, output, new TestContext());
        System.out.println(output.toString(StandardCharsets.UTF_8));
    }
}
