package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ecspublicip.testing.Reference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code check} as CI systems consume it: SARIF, JUnit XML, report files, directories and standard input. */
class CheckReportsTest {
    private static final Path CHECK = Reference.testEvents().resolve("check");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(InputStream stdin, List<String> args) {
        return new Main(
                        stdin,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args.toArray(String[]::new));
    }

    /** The bundled cases that are judged without extra arguments. */
    private static List<String> bundledCases() throws IOException {
        try (Stream<Path> files = Files.list(CHECK)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        String base = name.substring(0, name.lastIndexOf('.'));
                        return !name.contains(".expected")
                                && !name.endsWith(".args")
                                && Files.exists(CHECK.resolve(base + ".expected.jsonl"))
                                && !Files.exists(CHECK.resolve(base + ".args"));
                    })
                    .map(p -> Reference.projectDir()
                            .relativize(p.toAbsolutePath())
                            .toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theBundledCasesAsSarifAreValidSarif210WithOneLocatedResultPerNonCompliantResource(@TempDir Path dir)
            throws Exception {
        Path jsonl = dir.resolve("check.jsonl");
        Path sarif = dir.resolve("check.sarif");
        Path junit = dir.resolve("check.xml");
        List<String> args = new ArrayList<>(List.of(
                "check",
                "--format",
                "json",
                "--output",
                jsonl.toString(),
                "--format",
                "sarif",
                "--output",
                sarif.toString(),
                "--format",
                "junit",
                "--output",
                junit.toString()));
        List<String> cases = bundledCases();
        args.addAll(cases);

        int code = run(InputStream.nullInputStream(), args);

        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("checked "), err.toString(StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            lines.add(JSON.readTree(line));
        }
        List<JsonNode> nonCompliant = lines.stream()
                .filter(l -> l.get("ComplianceType").asText().equals("NON_COMPLIANT"))
                .toList();

        JsonNode log = JSON.readTree(sarif.toFile());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(JSON.readTree(CheckReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")));
        Set<ValidationMessage> problems = schema.validate(log);
        assertEquals(Set.of(), problems);
        JsonNode results = log.at("/runs/0/results");
        assertEquals(nonCompliant.size(), results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            JsonNode location = result.at("/locations/0/physicalLocation");
            assertEquals(
                    nonCompliant.get(i).get("File").asText(),
                    location.at("/artifactLocation/uri").asText());
            assertEquals(
                    nonCompliant.get(i).get("Resource").asText(),
                    result.at("/locations/0/logicalLocations/0/name").asText());
            String ruleId = result.get("ruleId").asText();
            assertEquals(
                    ruleId,
                    log.at("/runs/0/tool/driver/rules/"
                                    + result.get("ruleIndex").asInt() + "/id")
                            .asText());
            assertTrue(location.at("/region/startLine").asInt() >= 1);
            assertEquals(
                    switch (nonCompliant.get(i).get("ComplianceResourceType").asText()) {
                        case "AWS::ECS::Service" -> "ecs-service-assigns-public-ip";
                        case "AWS::ECS::TaskSet" -> "ecs-task-set-assigns-public-ip";
                        default -> "ecs-task-launcher-assigns-public-ip";
                    },
                    ruleId);
        }

        assertTrue(log.at("/runs/0/tool/driver/rules/0/help/text").asText().contains("DISABLED"));

        Document report =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = (Element) report.getElementsByTagName("testsuite").item(0);
        assertEquals(String.valueOf(lines.size()), suite.getAttribute("tests"));
        assertEquals(String.valueOf(nonCompliant.size()), suite.getAttribute("failures"));
        assertEquals(lines.size(), report.getElementsByTagName("testcase").getLength());
        assertEquals(nonCompliant.size(), report.getElementsByTagName("failure").getLength());
    }

    @Test
    void aResultIsLocatedAtTheLineOfItsLogicalIdOrAddress() throws Exception {
        run(
                InputStream.nullInputStream(),
                List.of(
                        "check",
                        "--format",
                        "sarif",
                        "test-events/check/cfn-service-public-ip-enabled.yaml",
                        "test-events/check/tf-create-update-delete-no-op.json"));

        JsonNode results = JSON.readTree(out.toByteArray()).at("/runs/0/results");
        List<String> yaml = Files.readAllLines(CHECK.resolve("cfn-service-public-ip-enabled.yaml"));
        List<String> plan = Files.readAllLines(CHECK.resolve("tf-create-update-delete-no-op.json"));
        assertTrue(results.size() >= 2);
        for (JsonNode result : results) {
            String uri = result.at("/locations/0/physicalLocation/artifactLocation/uri")
                    .asText();
            int line =
                    result.at("/locations/0/physicalLocation/region/startLine").asInt();
            String resource = result.at("/locations/0/logicalLocations/0/name").asText();
            String text = (uri.endsWith(".yaml") ? yaml : plan).get(line - 1);
            assertTrue(text.contains(uri.endsWith(".yaml") ? resource + ":" : "\"" + resource + "\""), text);
        }
    }

    @Test
    void aDirectoryIsSearchedAndFilesThatAreNeitherTemplatesNorPlansAreSkippedAndCounted(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("infra/nested"));
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.copy(CHECK.resolve("cfn-service-public-ip-enabled.yaml"), dir.resolve("infra/web.yaml"));
        Files.copy(CHECK.resolve("tf-module-addresses.json"), dir.resolve("infra/nested/plan.json"));
        Files.writeString(dir.resolve("infra/nested/stack.template"), "Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
        Files.writeString(
                dir.resolve(".github/workflows/ci.yml"), "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
        Files.writeString(
                dir.resolve("deploy.yaml"), "apiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Pod\n");
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}");
        Files.writeString(dir.resolve("README.md"), "# not searched\n");

        int code = run(InputStream.nullInputStream(), List.of("check", "--format", "json", dir.toString()));

        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(
                "checked 3 resource(s) in 3 file(s): 1 COMPLIANT, 2 NON_COMPLIANT, 0 NOT_APPLICABLE, 0 EXEMPT;"
                        + " skipped 3 files that are not templates or plans\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileNamedOnTheCommandLineThatIsNoTemplateIsBadInputAndAnUnparseableOneIsInADirectoryToo(@TempDir Path dir)
            throws IOException {
        Path manifest = Files.writeString(dir.resolve("package.json"), "{\"name\": \"app\"}");
        Files.writeString(dir.resolve("broken.yaml"), "Resources: [unclosed\n");

        assertEquals(2, run(InputStream.nullInputStream(), List.of("check", manifest.toString())));
        assertEquals(2, run(InputStream.nullInputStream(), List.of("check", dir.toString())));
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(
                errors.get(0).startsWith("error: " + manifest + ": is neither a CloudFormation template"),
                errors.get(0));
        assertTrue(
                errors.get(1).startsWith("error: " + dir.resolve("broken.yaml") + ": is not valid YAML"),
                errors.get(1));
    }

    @Test
    void aDashReadsOneDocumentFromStandardInput() throws IOException {
        byte[] plan = Files.readAllBytes(CHECK.resolve("tf-awscc-service-and-task-set.json"));

        int code = run(new ByteArrayInputStream(plan), List.of("check", "--format", "json", "-"));

        assertEquals(1, code);
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .startsWith("{\"File\":\"-\",\"Resource\":\"awscc_ecs_service.public\""));
        assertEquals(2, run(new ByteArrayInputStream(plan), List.of("check", "-", "-")));
    }

    @Test
    void withOutputTheReportGoesToTheFileAndTheSummaryToStderr(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("check.txt");

        int code = run(
                InputStream.nullInputStream(),
                List.of("check", "--output", table.toString(), "test-events/check/cfn-service-public-ip-enabled.yaml"));

        assertEquals(1, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(table).startsWith("VERDICT "));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("checked 1 resource(s)"));
        assertEquals(
                2,
                run(
                        InputStream.nullInputStream(),
                        List.of(
                                "check",
                                "--format",
                                "json",
                                "--format",
                                "sarif",
                                "test-events/check/tf-module-addresses.json")));
    }
}
