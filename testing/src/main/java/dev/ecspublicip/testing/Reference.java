package dev.ecspublicip.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project and the shared reference material ({@code ../shared/reference}) from tests. */
public final class Reference {
    private Reference() {}

    /**
     * The repository root: the nearest directory, from the working directory (a module's, when Maven runs
     * the tests) upwards, that holds {@code test-events/}.
     */
    public static Path projectDir() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with test-events/ above " + start);
    }

    public static Path testEvents() {
        return projectDir().resolve("test-events");
    }

    public static Path sharedReference() {
        Path path = projectDir().resolveSibling("shared").resolve("reference");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("reference material not found at " + path
                    + " (tests expect the shared folder beside the project)");
        }
        return path;
    }

    public static Path apiModel(String service) {
        return sharedReference().resolve("aws-api-models").resolve(service + ".service-2.json");
    }
}
