import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Stands in for Lambda's Java runtime in the cold-start benchmark: load and construct the handler class
 * by name (init), then invoke it with the event as a stream, as the runtime does for a
 * RequestStreamHandler.
 *
 * <p>Prints, on stdout, epoch-microsecond marks the harness turns into durations: {@code ready=T} (the
 * handler is constructed), {@code done=T} (the first, cold invocation returned), and with
 * {@code --warm N} {@code warm_us=D}, the median of N further invocations.
 *
 * <p>With {@code --prime CLASS} it emulates a SnapStart restore as far as one process can: after init it
 * calls the org.crac resource's {@code beforeCheckpoint} and {@code afterRestore} (what Lambda does around
 * the snapshot), prints {@code restored=T}, then invokes. Lambda's own restore time is not in it.
 *
 * <p>usage: java -cp ARTIFACT.jar:CLASSES ColdStartDriver HANDLER_CLASS EVENT.json [--warm N] [--prime CLASS]
 */
public final class ColdStartDriver {
    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        int warm = 0;
        String priming = null;
        for (int i = 2; i + 1 < args.length; i += 2) {
            if (args[i].equals("--warm")) {
                warm = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--prime")) {
                priming = args[i + 1];
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass)
                .getDeclaredConstructor().newInstance();
        System.out.println("ready=" + epochMicros());
        if (priming != null) {
            org.crac.Resource hook = (org.crac.Resource) Class.forName(priming).getDeclaredConstructor().newInstance();
            hook.beforeCheckpoint(null);
            hook.afterRestore(null);
            System.out.println("restored=" + epochMicros());
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        invoke(handler, event);
        System.out.println("done=" + epochMicros());

        long[] times = new long[warm];
        for (int i = 0; i < warm; i++) {
            long start = System.nanoTime();
            invoke(handler, event);
            times[i] = (System.nanoTime() - start) / 1000;
        }
        if (warm > 0) {
            Arrays.sort(times);
            System.out.println("warm_us=" + times[warm / 2]);
        }
        System.out.flush();
    }

    private static void invoke(RequestStreamHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, new BenchContext());
        if (response.size() == 0) {
            throw new IllegalStateException("the handler wrote no response");
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** The little of Lambda's context the handler uses: a logger (to stderr here) and the deadline. */
    private static final class BenchContext implements Context {
        private final long deadline = System.currentTimeMillis() + 60_000;

        @Override public String getAwsRequestId() { return "bench"; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 512; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { log(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
