package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.HookEvents;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.config.DefaultConfigStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The evaluator's deployment artifact, {@code config-rule/target/evaluator-lambda.jar}, on its own: it carries only what
 * the evaluator calls, and the handler runs from it alone (no class from the build's class path), putting
 * to a loopback Config, for a change event, an oversized-item event, a scheduled sweep and SnapStart
 * priming.
 */
class EvaluatorArtifactIT {
    private static final Path JAR = Reference.projectDir().resolve("config-rule/target/evaluator-lambda.jar");
    private static final String HANDLER = "dev.ecspublicip.lambda.ConfigRuleHandler";
    private static final String HOOK_HANDLER = "dev.ecspublicip.lambda.HookHandler";

    /** Config with an inventory for the scheduled sweep; the same as a plain stand-in for change events. */
    @RegisterExtension
    final DefaultConfigStandIn defaults = new DefaultConfigStandIn(
            () -> ConfigInventoryStandIn.load(Reference.testEvents().resolve("scheduled-notification.inventory.json")));

    @Test
    void carriesTheHandlerAndNothingTheEvaluatorNeverCalls() throws Exception {
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
        }
        assertTrue(entries.contains(HANDLER.replace('.', '/') + ".class"));
        assertTrue(entries.contains(HOOK_HANDLER.replace('.', '/') + ".class"));
        assertTrue(entries.contains("org/crac/Resource.class"), "SnapStart priming needs org.crac");
        assertTrue(entries.contains("dev/ecspublicip/lambda/" + SnapStartPriming.PRIMING_EVENT));
        for (String absent : List.of(
                "software/amazon/awssdk/services/ecs/",
                "software/amazon/awssdk/services/ec2/",
                "software/amazon/awssdk/http/apache/",
                "software/amazon/awssdk/http/nio/",
                "dev/ecspublicip/cli/",
                "dev/ecspublicip/remediation/",
                "dev/ecspublicip/scan/",
                "dev/ecspublicip/ecs/",
                "dev/ecspublicip/check/",
                "dev/ecspublicip/testing/",
                "org/yaml/")) {
            assertEquals(
                    List.of(),
                    entries.stream().filter(e -> e.startsWith(absent)).limit(3).toList(),
                    "the evaluator artifact should not carry " + absent);
        }
    }

    @Test
    void theHandlerRunsFromTheArtifactAlone() throws Exception {
        ConfigStandIn config = defaults.config();
        JsonObject history = JsonParser.parseString(Files.readString(
                        Reference.testEvents().resolve("oversized-service-public-ip-enabled.history.json")))
                .getAsJsonObject();
        config.on("GetResourceConfigHistory", call -> Reply.ok(history));

        List<String> events =
                List.of("service-public-ip-enabled", "oversized-service-public-ip-enabled", "scheduled-notification");
        List<String> expected = new ArrayList<>();
        try (URLClassLoader artifact = isolated()) {
            Object handler =
                    artifact.loadClass(HANDLER).getDeclaredConstructor().newInstance();
            for (String event : events) {
                invoke(artifact, handler, event + ".json");
                expected.addAll(Files.readAllLines(Reference.testEvents().resolve(event + ".expected.jsonl")));
            }
        }

        assertEquals(expected, TestEventsTest.asLines(config.evaluationsPut()));
        config.assertNoViolations();
    }

    /** The hook handler, as HookFunction runs it: from the artifact alone, answering each recorded request as recorded. */
    @Test
    void theHookHandlerRunsFromTheArtifactAlone() throws Exception {
        ConfigStandIn config = defaults.config();
        List<String> answers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (URLClassLoader artifact = isolated()) {
            Object handler =
                    artifact.loadClass(HOOK_HANDLER).getDeclaredConstructor().newInstance();
            for (Path request : HookEvents.requests()) {
                if (HookEvents.ruleParameters(request).isEmpty()) {
                    answers.add(invoke(
                            artifact,
                            handler,
                            Reference.testEvents().relativize(request).toString()));
                    expected.add(HookEvents.expected(request));
                }
            }
        }
        assertTrue(expected.size() >= 10, "hook requests without rule parameters: " + expected.size());
        assertEquals(expected, answers);
        assertEquals(List.of(), config.calls(), "the hook calls no AWS API");
    }

    @Test
    void snapStartPrimingRunsFromTheArtifactAndPutsNothing() throws Exception {
        ConfigStandIn config = defaults.config();
        try (URLClassLoader artifact = isolated()) {
            Class<?> priming = artifact.loadClass("dev.ecspublicip.lambda.SnapStartPriming");
            Class<?> context = artifact.loadClass("org.crac.Context");
            Object hook = priming.getDeclaredConstructor().newInstance();
            priming.getMethod("beforeCheckpoint", context).invoke(hook, (Object) null);
            priming.getMethod("afterRestore", context).invoke(hook, (Object) null);

            Object handler =
                    artifact.loadClass(HANDLER).getDeclaredConstructor().newInstance();
            assertEquals(List.of(), config.calls(), "priming must not reach Config");
            invoke(artifact, handler, "service-public-ip-enabled.json");
        }
        assertEquals(1, config.calls("PutEvaluations").size());
    }

    /** The artifact in a class loader of its own, over the JDK only. */
    private static URLClassLoader isolated() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " should have been built by `mvn package`");
        return new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /** Calls handleRequest as Lambda does, with a Context made from the artifact's own interface. */
    private static String invoke(ClassLoader artifact, Object handler, String event) throws Exception {
        Class<?> contextType = artifact.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Class<?> loggerType = artifact.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(artifact, new Class<?>[] {loggerType}, (proxy, method, args) -> null);
        Object context = Proxy.newProxyInstance(
                artifact, new Class<?>[] {contextType}, (proxy, method, args) -> switch (method.getName()) {
                    case "getLogger" -> logger;
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 512;
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:evaluator";
                    default -> method.getReturnType() == String.class ? "test" : null;
                });
        byte[] input = Files.readAllBytes(Reference.testEvents().resolve(event));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.getClass()
                .getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
                .invoke(handler, new ByteArrayInputStream(input), output, context);
        return output.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
