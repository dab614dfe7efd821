package dev.ecspublicip.testing.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the CLI in a fresh JVM with a controlled environment, as a user would run the jar: the only AWS
 * settings it sees are the ones a test passes (no profile files, no instance metadata).
 */
public final class CliProcess {
    /** What the process printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private CliProcess() {}

    public static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> javaArguments =
                new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), "dev.ecspublicip.cli.Main"));
        javaArguments.addAll(List.of(args));
        return runJava(environment, "", javaArguments);
    }

    /**
     * Runs {@code java JAVA_ARGUMENTS} (e.g. {@code -jar target/x.jar ...}, or {@code -cp PATH MAIN ...})
     * the same way, with {@code stdin} as its standard input; for running a built artifact.
     */
    public static Result runJava(Map<String, String> environment, String stdin, List<String> javaArguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Path home = Files.createTempDirectory("cli-home");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(environment);
        Path stdout = home.resolve("stdout");
        Path stderr = home.resolve("stderr");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("CLI did not finish: " + command);
        }
        Result result = new Result(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        return result;
    }

    /** The environment variables that point the SDK at a loopback stand-in with test credentials. */
    public static Map<String, String> awsEnvironment(java.net.URI endpoint) {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIDTEST",
                "AWS_SECRET_ACCESS_KEY", "secret");
    }
}
