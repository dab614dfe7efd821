package dev.ecspublicip.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project and the shared reference material ({@code ../shared/reference}) from tests. */
public final class Reference {
    private Reference() {}

    public static Path projectDir() {
        return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
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
