package dev.ecspublicip.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The hook's spec in {@code test-events/hook/}: each request {@code NAME.json}, the exact answer
 * {@code NAME.expected.json} (one line) and, when present, {@code NAME.rule-parameters.json}: the hook
 * function's {@code RULE_PARAMETERS}.
 */
public final class HookEvents {
    private HookEvents() {}

    public static List<Path> requests() throws IOException {
        try (Stream<Path> files = Files.list(Reference.testEvents().resolve("hook"))) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".json")
                                && !name.endsWith(".expected.json")
                                && !name.endsWith(".rule-parameters.json");
                    })
                    .sorted()
                    .toList();
        }
    }

    public static String name(Path request) {
        String file = request.getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }

    public static Optional<String> ruleParameters(Path request) throws IOException {
        Path parameters = request.resolveSibling(name(request) + ".rule-parameters.json");
        return Files.exists(parameters)
                ? Optional.of(Files.readString(parameters).strip())
                : Optional.empty();
    }

    public static String expected(Path request) throws IOException {
        return Files.readString(request.resolveSibling(name(request) + ".expected.json"))
                .strip();
    }
}
