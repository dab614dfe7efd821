package dev.ecspublicip.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Locates the project and the reference material the tests check against: AWS API models and
 * CloudFormation registry schemas kept in {@code src/test/resources/reference} (see its PROVENANCE.md;
 * {@code scripts/refresh-reference.py} re-trims them), read from the test classpath.
 */
public final class Reference {
    private Reference() {}

    public static Path projectDir() {
        return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
    }

    public static Path testEvents() {
        return projectDir().resolve("test-events");
    }

    /** The reference folder on the test classpath. */
    public static Path reference() {
        URL folder = Reference.class.getResource("/reference/PROVENANCE.md");
        if (folder == null) {
            throw new IllegalStateException("reference/PROVENANCE.md is not on the test classpath"
                    + " (src/test/resources/reference)");
        }
        try {
            return Path.of(folder.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path apiModel(String service) {
        return reference().resolve("aws-api-models").resolve(service + ".service-2.json");
    }
}
