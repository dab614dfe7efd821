package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one option parser, as every command sees it: both spellings of every option, short names, help
 * that lists every option of the parser's model, suggestions, and picocli's errors as our one line.
 */
class OptionParsingTest {
    /** A value each option accepts; options not named here take any word. */
    private static final Map<String, String> VALUES = Map.of(
            "--region", "eu-west-1",
            "--format", "json",
            "--timeout", "30",
            "--resource-type", "AWS::ECS::TaskSet",
            "--rule-parameters", "{\"exemptionTagKey\":\"k\"}",
            "--parameter", "AWS::Region=eu-west-1");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static List<CommandSpec> commands() {
        return Main.model().getSubcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .filter(spec -> !spec.name().equals("help"))
                .toList();
    }

    private static List<OptionSpec> ownOptions(CommandSpec spec) {
        return spec.options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .toList();
    }

    /** A fresh model of one command, as {@code Main} parses it. */
    private static CommandSpec fresh(String command) {
        return Main.spec(command);
    }

    private static List<String> required(CommandSpec spec, String except) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : ownOptions(spec)) {
            if (option.required() && !option.longestName().equals(except)) {
                args.addAll(List.of(option.longestName(), VALUES.getOrDefault(option.longestName(), "x")));
            }
        }
        return args;
    }

    @Test
    void everyOptionOfEveryCommandReadsTheSameAsNameEqualsValueAsNameSpaceValueAndAsItsShortName() {
        int checked = 0;
        for (CommandSpec command : commands()) {
            for (OptionSpec option : ownOptions(command)) {
                String name = option.longestName();
                List<List<String>> spellings = new ArrayList<>();
                if (option.arity().max() == 0) {
                    spellings.add(List.of(name));
                } else {
                    String value = VALUES.getOrDefault(name, "some-value");
                    spellings.add(List.of(name + "=" + value));
                    spellings.add(List.of(name, value));
                    for (String alias : option.names()) {
                        if (!alias.startsWith("--")) {
                            spellings.add(List.of(alias, value));
                        }
                    }
                }
                Object first = null;
                for (List<String> spelling : spellings) {
                    List<String> args = new ArrayList<>(required(command, name));
                    args.addAll(spelling);
                    CommandSpec spec = fresh(command.name());
                    Cli.parse(spec, args);
                    Object value = spec.findOption(name).getValue();
                    if (first == null) {
                        first = value;
                        assertFalse(
                                value == null || value.equals(List.of()) || value.equals(false),
                                command.name() + " " + spelling + " was not read");
                    }
                    assertEquals(first, value, command.name() + " " + spelling);
                    checked++;
                }
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    @Test
    void scanAndCheckReadTheSameOptionsInEitherSpelling() {
        assertEquals(
                ScanCommand.Options.of(Cli.parse(
                        fresh("scan"),
                        List.of(
                                "--cluster=a",
                                "-c",
                                "b",
                                "--format=json",
                                "--rule-parameters={\"exemptionTagKey\":\"k\"}"))),
                ScanCommand.Options.of(Cli.parse(
                        fresh("scan"),
                        List.of(
                                "--cluster",
                                "a",
                                "--cluster",
                                "b",
                                "-f",
                                "json",
                                "--rule-parameters",
                                "{\"exemptionTagKey\":\"k\"}"))));
        assertEquals(
                CheckCommand.Options.of(
                        Cli.parse(fresh("check"), List.of("a.yaml", "--parameter=K=V", "--format=json", "b.json"))),
                CheckCommand.Options.of(
                        Cli.parse(fresh("check"), List.of("-f", "json", "--parameter", "K=V", "a.yaml", "b.json"))));
    }

    @Test
    void checkPrintsTheSameWhicheverWayTheFormatIsSpelled() {
        String template = Reference.testEvents()
                .resolve("check")
                .resolve("cfn-service-public-ip-enabled.yaml")
                .toString();
        List<String> outputs = new ArrayList<>();
        for (List<String> format :
                List.of(List.of("--format=json"), List.of("--format", "json"), List.of("-f", "json"))) {
            List<String> args = new ArrayList<>(List.of("check"));
            args.addAll(format);
            args.add(template);
            assertEquals(1, run(args.toArray(String[]::new)), stderr());
            outputs.add(stdout());
        }
        assertTrue(outputs.get(0).startsWith("{\"File\":"), outputs.get(0));
        assertEquals(List.of(outputs.get(0), outputs.get(0), outputs.get(0)), outputs);
    }

    @Test
    void everyHelpListsEveryOptionOfTheModelWithItsDefault() {
        for (CommandSpec command : commands()) {
            for (String help : List.of("--help", "-h")) {
                assertEquals(0, run(command.name(), help));
                String text = stdout();
                assertTrue(text.startsWith("usage: "), text);
                for (OptionSpec option : command.options()) {
                    for (String name : option.names()) {
                        assertTrue(text.contains(name), command.name() + " --help lacks " + name + ":\n" + text);
                    }
                    assertFalse(option.description().length == 0, command.name() + " " + option.longestName());
                    if (option.defaultValue() != null) {
                        int at = text.indexOf(option.longestName(), text.indexOf("\noptions:\n"));
                        int next = text.indexOf("\n  -", at);
                        String entry = text.substring(at, next < 0 ? text.length() : next);
                        assertTrue(
                                entry.contains("Default: " + option.defaultValue()),
                                command.name() + " " + option.longestName() + ": " + entry);
                    }
                }
                for (var positional : command.positionalParameters()) {
                    assertTrue(text.contains(positional.paramLabel()), text);
                }
            }
            assertEquals(0, run("help", command.name()));
            assertTrue(stdout().startsWith("usage: "), stdout());
        }
    }

    @Test
    void versionIsAnOptionOfEveryCommand() {
        for (CommandSpec command : commands()) {
            for (String version : List.of("--version", "-V")) {
                assertEquals(0, run(command.name(), version), stderr());
                assertTrue(stdout().startsWith("ecs-public-ip-rule "), stdout());
            }
        }
    }

    @Test
    void aMistypedOptionOrCommandGetsASuggestion() {
        assertEquals(2, run("check", "--formt", "json", "a.yaml"));
        assertTrue(
                stderr().startsWith("error: --formt: is not an option of check; did you mean --format? (usage: check "),
                stderr());
        assertEquals(2, run("remediate", "--resource-type=T", "--resource-id=I", "--allow-egres-loss=true"));
        assertTrue(
                stderr().startsWith(
                                "error: --allow-egres-loss: is not an option of remediate; did you mean --allow-egress-loss?"),
                stderr());
        assertEquals(2, run("chek", "a.yaml"));
        assertTrue(stderr().startsWith("error: chek: is not a command; did you mean check"), stderr());
    }

    @Test
    void parseErrorsAreOneLineNamingTheOptionAndExit2() {
        Map<List<String>, String> expected = Map.of(
                List.of("check", "a.yaml", "--format"), "error: --format: needs a value (usage: check ",
                List.of("scan", "--region", "--format", "json"), "error: --region: needs a value (usage: scan ",
                List.of("scan", "--cluster="), "error: --cluster: needs a value",
                List.of("remediate", "--resource-type", "AWS::ECS::Service"), "error: --resource-id: is required",
                List.of("scan", "extra"), "error: extra: is not an argument of scan (usage: scan ",
                List.of("invoke", "a.json", "b.json"), "error: b.json: is not an argument of invoke",
                List.of("evaluate", "--bogus"), "error: --bogus: is not an option of evaluate",
                List.of("remediate", "--force"), "error: --force: is not an option of remediate",
                List.of("--region", "eu-west-1"), "error: --region: is not an option of ecs-public-ip-rule");
        for (Map.Entry<List<String>, String> each : expected.entrySet()) {
            assertEquals(
                    2, run(each.getKey().toArray(String[]::new)), each.getKey().toString());
            assertEquals("", stdout(), each.getKey().toString());
            assertEquals(1, stderr().lines().count(), stderr());
            assertTrue(stderr().startsWith(each.getValue()), each.getKey() + ": " + stderr());
        }
    }

    @Test
    void anAtSignArgumentIsAFileNameNotAFileOfArguments() {
        assertEquals(2, run("check", "@args.txt"));
        assertEquals("error: @args.txt: no such file\n", stderr());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        Supplier<Integer> main = () -> new Main(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return main.get();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
