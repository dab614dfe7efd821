package dev.ecspublicip.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.check.CloudFormationYaml;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's deploy table lists every parameter of rule-template.yaml, in its order, with its default. */
class ReadmeParameterTableTest {
    private static final String SECTION = "\n## Deploy in one account\n";
    private static final String HEADER = "| parameter | default | meaning |";

    /** Parameter name to default as the README writes it: the value in backticks, or "empty". */
    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Reference.projectDir().resolve("README.md"));
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has the section" + SECTION.strip());
        int table = readme.indexOf(HEADER, section);
        int nextSection = readme.indexOf("\n## ", section + SECTION.length());
        assertTrue(table >= 0 && (nextSection < 0 || table < nextSection), "the section holds " + HEADER);
        Map<String, String> rows = new LinkedHashMap<>();
        String[] lines = readme.substring(table).split("\n");
        for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
            String[] cells = lines[i].split("\\|");
            rows.put(unquote(cells[1].strip()), unquote(cells[2].strip()));
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }

    @Test
    void everyTemplateParameterIsInTheReadmeTableWithItsDefault() throws IOException {
        Map<?, ?> template = (Map<?, ?>) CloudFormationYaml.load(
                Files.readString(Reference.projectDir().resolve("rule-template.yaml")), "rule-template.yaml");
        Map<String, String> expected = new LinkedHashMap<>();
        ((Map<?, ?>) template.get("Parameters")).forEach((name, parameter) -> {
            Object value = ((Map<?, ?>) parameter).get("Default");
            expected.put((String) name, value == null || value.toString().isEmpty() ? "empty" : value.toString());
        });
        assertEquals(expected, readmeTable());
        assertEquals(
                String.join(",", expected.keySet()),
                String.join(",", readmeTable().keySet()),
                "the order");
    }
}
