package dev.ecspublicip.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * What the build generates from the parser's model: the bash/zsh completion script shipped in the CLI jar
 * ({@value #COMPLETION}), by picocli's {@link AutoComplete}, and the command reference
 * (docs/cli-reference.md, which a test keeps equal to {@link #markdown()}). Run by the build
 * ({@code exec:java} in cli/pom.xml) with the directory of the jar's classes and the target directory.
 */
public final class CliReference {
    /** Where the completion script is in the jar. */
    static final String COMPLETION = "completion/" + Cli.PROGRAM + ".bash";
    /** How the reference shows the program started, wherever it was generated. */
    static final String LAUNCHER = "java -jar ecs-public-ip-rule.jar";

    private CliReference() {}

    /** Writes the completion script under {@code args[0]} and the reference as {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        Path script = Path.of(args[0]).resolve(COMPLETION);
        Files.createDirectories(script.getParent());
        Files.writeString(script, completion(), StandardCharsets.UTF_8);
        Path reference = Path.of(args[1]);
        Files.createDirectories(reference.toAbsolutePath().getParent());
        Files.writeString(reference, markdown(), StandardCharsets.UTF_8);
    }

    /** The bash completion script (zsh runs it too, through bashcompinit), for the program's name. */
    static String completion() {
        return AutoComplete.bash(Cli.PROGRAM, Main.model());
    }

    /** Every command's help, as {@code COMMAND --help} prints it. */
    static String markdown() {
        StringBuilder page = new StringBuilder()
                .append("# Command reference\n\n")
                .append("[README](../README.md) · [cli](cli.md)\n\n")
                .append("Generated from the option parser (`CliReference`); `CliReferenceTest` fails when this page")
                .append(" and the parser differ. What the commands are for and how they behave: [cli](cli.md).\n\n")
                .append("```text\n")
                .append(Main.usage(LAUNCHER))
                .append("\n```\n");
        for (String command : Main.COMMANDS) {
            page.append("\n## ")
                    .append(command)
                    .append("\n\n```text\n")
                    .append(Cli.help(Main.spec(command), LAUNCHER))
                    .append("\n```\n");
        }
        return page.toString();
    }
}
