package dev.ecspublicip.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalContextTest {
    @Test
    void theRemainingTimeRunsDownFromTheTimeoutAndStopsAtZero() throws InterruptedException {
        LocalContext context = new LocalContext("fn", 100, new Lines());

        int start = context.getRemainingTimeInMillis();
        assertTrue(start > 0 && start <= 100, "start " + start);
        Thread.sleep(150);
        assertEquals(0, context.getRemainingTimeInMillis());
    }

    @Test
    void withoutATimeoutItHasLambdasLongest() {
        int left = new LocalContext("fn").getRemainingTimeInMillis();

        assertTrue(
                left > LocalContext.MAX_TIMEOUT_MILLIS - 5_000 && left <= LocalContext.MAX_TIMEOUT_MILLIS,
                "left " + left);
    }

    @Test
    void namesFollowTheFunctionAsLambdaNamesThem() {
        LocalContext context = new LocalContext("ecs-public-ip-rule");

        assertEquals("ecs-public-ip-rule", context.getFunctionName());
        assertEquals("/aws/lambda/ecs-public-ip-rule", context.getLogGroupName());
        assertEquals("local:ecs-public-ip-rule", context.getInvokedFunctionArn());
        assertEquals("$LATEST", context.getFunctionVersion());
        assertTrue(context.getAwsRequestId().matches("[0-9a-f-]{36}"), context.getAwsRequestId());
    }

    @Test
    void linesGoToTheLoggerGivenOrElseToStandardError() {
        Lines lines = new Lines();
        new LocalContext("fn", 1_000, lines).getLogger().log("to the logger");
        assertEquals(List.of("to the logger"), lines.lines);

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new LocalContext("fn").getLogger().log("to stderr".getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
        assertEquals("to stderr" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }

    private static final class Lines implements LambdaLogger {
        private final List<String> lines = new ArrayList<>();

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
