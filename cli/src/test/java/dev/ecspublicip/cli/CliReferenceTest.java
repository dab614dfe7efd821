package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The docs' command reference and the shipped completion script are the parser's model, not a copy of it. */
class CliReferenceTest {
    @Test
    void theCommandReferenceIsWhatTheParserPrints() throws IOException {
        Path page = Reference.projectDir().resolve("docs").resolve("cli-reference.md");
        assertEquals(
                CliReference.markdown(),
                Files.readString(page, StandardCharsets.UTF_8),
                "docs/cli-reference.md is not the parser's help; the build wrote the right one to"
                        + " cli/target/cli-reference.md: copy it over docs/cli-reference.md");
    }

    @Test
    void theCompletionScriptInTheJarCompletesEveryCommandAndOption() throws IOException {
        String script;
        try (InputStream in = Main.class.getResourceAsStream("/" + CliReference.COMPLETION)) {
            assertTrue(in != null, "the build did not generate " + CliReference.COMPLETION);
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(CliReference.completion(), script);
        for (CommandLine command : Main.model().getSubcommands().values()) {
            assertTrue(script.contains(command.getCommandName()), command.getCommandName());
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    assertTrue(script.contains(name), command.getCommandName() + " " + name);
                }
            }
        }
        assertTrue(script.contains("(\"table\" \"json\" \"csv\")"), "scan --format's choices");
    }

    @Test
    void bashCompletesCommandsOptionsAndTheirChoicesWithTheScript(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path bash = Path.of("/bin/bash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bash), "no bash");
        Path script = Files.writeString(dir.resolve("completion.bash"), CliReference.completion());
        String driver = "source '" + script + "'\n"
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"$*\";"
                + " COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_ecs-public-ip-rule 2>/dev/null;"
                + " echo \"${COMPREPLY[*]}\"; }\n"
                + "t ecs-public-ip-rule sc\n"
                + "t ecs-public-ip-rule scan --fo\n"
                + "t ecs-public-ip-rule scan --format ''\n"
                + "t ecs-public-ip-rule remediate --resource-type ''\n";
        Process process = new ProcessBuilder(bash.toString(), "-c", driver).start();
        String answers = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        assertEquals("scan\n--format\ntable json csv\nAWS::ECS::Service AWS::ECS::TaskSet\n", answers);
    }
}
