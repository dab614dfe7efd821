package dev.ecspublicip.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project and the reference material the tests check against: AWS API models and
 * CloudFormation registry schemas kept in {@code testing/src/main/resources/reference} (see its PROVENANCE.md;
 * {@code scripts/refresh-reference.py} re-trims them).
 */
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

    /**
     * The reference folder, read where it is kept in the repository (the testing module's jar holds it too,
     * but a jar is not a folder the tests can walk).
     */
    public static Path reference() {
        return projectDir().resolve("testing/src/main/resources/reference");
    }

    public static Path apiModel(String service) {
        return reference().resolve("aws-api-models").resolve(service + ".service-2.json");
    }
}
