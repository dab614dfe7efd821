package dev.ecspublicip.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.ecspublicip.lambda.LocalContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda context for tests: records log lines and reports a settable remaining time. */
public final class TestContext extends LocalContext {
    private final RecordingLogger logger;

    public TestContext() {
        this(300_000);
    }

    public TestContext(long remainingMillis) {
        this(remainingMillis, new RecordingLogger());
    }

    private TestContext(long remainingMillis, RecordingLogger logger) {
        super("test", remainingMillis, logger);
        this.logger = logger;
    }

    public List<String> logLines() {
        return List.copyOf(logger.lines);
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
