package dev.ecspublicip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core is plain Java: none of its classes refers to the AWS SDK, the Lambda API or a JSON library.
 * (Its pom declares no such dependency, so this also catches one arriving through a copied class.)
 */
class CorePurityTest {
    private static final List<String> FOREIGN =
            List.of("software/amazon/", "com/amazonaws/", "com/google/gson/", "org/yaml/", "com/fasterxml/");

    @Test
    void coreClassesReferToNoSdkLambdaOrJsonLibrary() throws IOException, URISyntaxException {
        Path classes = Path.of(BadInputException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }
        assertFalse(files.isEmpty(), "no classes under " + classes);
        for (Path file : files) {
            // Class names a class refers to are in its constant pool as UTF-8 text.
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> found = FOREIGN.stream().filter(constants::contains).toList();
            assertEquals(List.of(), found, classes.relativize(file) + " refers to");
        }
    }
}
