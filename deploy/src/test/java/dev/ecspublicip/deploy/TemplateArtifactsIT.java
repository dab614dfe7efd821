package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ecspublicip.testing.Reference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs after {@code package} (failsafe): every function's {@code Code} is a built artifact that
 * {@code aws cloudformation package} can upload, and its {@code Handler} names a public class with that
 * method in it, loadable from the artifact alone (as the Lambda runtime loads it).
 */
class TemplateArtifactsIT {

    @TestFactory
    Stream<DynamicTest> everyHandlerNamesAClassInTheArtifactItsCodePointsAt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Templates.ALL) {
            Templates.ofType(Templates.resources(Templates.load(name)), "AWS::Lambda::Function")
                    .forEach((id, function) -> tests.add(
                            DynamicTest.dynamicTest(name + " " + id, () -> check(id, Templates.properties(function)))));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    @Test
    void theEvaluatorArtifactCarriesNeitherTheCliNorTheEc2Sdk() throws Exception {
        Path jar = Reference.projectDir().resolve("config-rule/target/evaluator-lambda.jar");
        requireBuilt(jar);
        try (JarFile entries = new JarFile(jar.toFile())) {
            List<String> unwanted = entries.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("dev/ecspublicip/cli/")
                            || n.startsWith("software/amazon/awssdk/services/ec2/"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), unwanted);
        }
    }

    private static void check(String id, Map<String, Object> function) throws Exception {
        Object code = function.get("Code");
        assertTrue(
                code instanceof String,
                id + ": Code should be a local path for `aws cloudformation package`, got " + code);
        Path jar = Reference.projectDir().resolve((String) code);
        requireBuilt(jar);
        String handler = String.valueOf(function.get("Handler"));
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        try (JarFile entries = new JarFile(jar.toFile())) {
            assertNotNull(
                    entries.getEntry(className.replace('.', '/') + ".class"),
                    id + ": " + className + " not in " + code);
        }
        // Only the artifact and the JDK: what the artifact lacks, the runtime lacks too.
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, false, loader);
            assertTrue(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()), id);
            type.getConstructor();
            List<Method> methods = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(methodName) && !m.isBridge())
                    .filter(m -> m.getParameterCount() == 2 || m.getParameterCount() == 3)
                    .toList();
            assertFalse(
                    methods.isEmpty(),
                    id + ": " + className + " has no public " + methodName + "(input, [output,] context)");
            for (Method method : methods) {
                Class<?>[] parameters = method.getParameterTypes();
                assertEquals(
                        "com.amazonaws.services.lambda.runtime.Context",
                        parameters[parameters.length - 1].getName(),
                        id + ": " + method);
            }
        }
    }

    private static void requireBuilt(Path jar) {
        if (!Files.isRegularFile(jar)) {
            fail(Reference.projectDir().relativize(jar) + " is missing: it is built by `mvn package` (these checks"
                    + " run in `mvn verify`, after package)");
        }
    }
}
