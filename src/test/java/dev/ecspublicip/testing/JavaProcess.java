package dev.ecspublicip.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs Java in a separate JVM with the standard AWS environment a user or Lambda would give it: region
 * and static credentials in the environment, no profile files, and {@code AWS_ENDPOINT_URL_*} pointing
 * at loopback stand-ins.
 */
public final class JavaProcess {
    /** What the process did: exit code, stdout, stderr (without the SLF4J no-binding notice). */
    public record Result(int exit, String out, String err) {
        public JsonObject json() {
            return JsonParser.parseString(out).getAsJsonObject();
        }
    }

    private JavaProcess() {}

    /** {@code java -cp CLASSPATH MAIN ARGS...}, or {@code java -jar JAR ARGS...} when main is null. */
    public static Result run(List<Path> classPath, String main, Map<String, String> endpoints, String stdin,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (main == null) {
            command.addAll(List.of("-jar", classPath.get(0).toString()));
        } else {
            command.addAll(List.of("-cp", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)), main));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        builder.environment().putAll(endpoints);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not finish: " + command);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                // The SDK's SLF4J API finds no binding and says so; that notice is not the program's output.
                .filter(line -> !line.startsWith("SLF4J: "))
                .collect(Collectors.joining("\n"));
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(), err.strip());
    }

    /** This test JVM's class path. */
    public static List<Path> testClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream().map(Path::of).toList();
    }
}
