package dev.ecspublicip.testing.protocol;

import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which AWS actions ({@code service:Operation}) the code under test called, per test class: the stand-ins
 * record every request they receive for an operation of their API. Each test class's actions land in
 * {@code target/aws-calls/CLASS.txt} (one per line, written as first seen, the file started afresh in
 * each test JVM), where {@code IamGrantsIT} reads them after the unit tests to check that the IAM
 * policies grant each one.
 *
 * <p>A stand-in belongs to the test class that created it, found on the creating thread's stack.
 */
public final class AwsCallLog {
    /** In the repository root's target/, so that the calls of every module's tests end up in one place. */
    static final Path DIRECTORY = Reference.projectDir().resolve("target").resolve("aws-calls");

    private static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();

    private AwsCallLog() {}

    /** The test class ({@code *Test}, {@code *IT}) on the current thread's stack, if any. */
    static Optional<String> creatingTestClass() {
        return StackWalker.getInstance()
                .walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                        .map(name -> name.contains("$") ? name.substring(0, name.indexOf('$')) : name)
                        .filter(name ->
                                name.startsWith("dev.ecspublicip.") && (name.endsWith("Test") || name.endsWith("IT")))
                        .findFirst());
    }

    /** Records that {@code owner}'s code called {@code action}, e.g. {@code ecs:CreateTaskSet}. */
    static void record(Optional<String> owner, String action) {
        if (owner.isEmpty()) {
            return;
        }
        boolean[] first = new boolean[1];
        Set<String> actions = SEEN.computeIfAbsent(owner.get(), key -> {
            first[0] = true;
            return ConcurrentHashMap.newKeySet();
        });
        if (!actions.add(action)) {
            return;
        }
        synchronized (AwsCallLog.class) {
            try {
                Files.createDirectories(DIRECTORY);
                Path file = DIRECTORY.resolve(owner.get() + ".txt");
                if (first[0]) {
                    Files.deleteIfExists(file);
                }
                Files.writeString(
                        file,
                        action + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
