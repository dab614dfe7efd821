package dev.ecspublicip.cli;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.event.RuleEventParser;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import dev.ecspublicip.lambda.HookHandler;
import dev.ecspublicip.lambda.LocalContext;
import dev.ecspublicip.remediation.RemediationHandler;
import dev.ecspublicip.rule.PublicIpRule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line: the same code the Lambda functions run.
 *
 * <p>Exit codes: 0 success, 1 an AWS call failed, 2 bad input or usage (one line on stderr, nothing on
 * stdout), 3 a remediation was refused (its result JSON on stdout).
 */
public final class Main {
    static final int OK = 0;
    static final int AWS_FAILURE = 1;
    static final int BAD_INPUT = 2;

    private static final String USAGE = String.join("\n",
            "usage: java -jar ecs-public-ip-rule.jar COMMAND ...",
            "  evaluate FILE...   judge Config rule events offline; print one evaluation per line (for a",
            "                     CloudFormation hook request: the hook's response, rule parameters from RULE_PARAMETERS)",
            "  invoke FILE        run the Lambda handler on one event against AWS (standard environment)",
            "  remediate --resource-type TYPE --resource-id ID [--dry-run] [--allow-egress-loss]",
            "                     disable public IPs on one ECS service or task set (as the runbook does);",
            "                     prints the result JSON; exit 3 when the remediation is REFUSED",
            "  " + ScanCommand.USAGE,
            "                     judge every ECS service and task set read from ECS directly; exit 1 if any is NON_COMPLIANT",
            "  " + CheckCommand.USAGE,
            "                     judge CloudFormation templates and Terraform plans before deployment; exit 1 if any is NON_COMPLIANT");

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? BAD_INPUT : OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "evaluate" -> evaluate(rest);
                case "invoke" -> invoke(rest);
                case "remediate" -> new RemediateCommand(out, RemediateCommand::standardHandler).run(rest);
                case "scan" -> new ScanCommand(out, err).run(rest);
                case "check" -> new CheckCommand(out, err).run(rest);
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (BadInputException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (RuntimeException e) {
            err.println("error: " + oneLine(e));
            return AWS_FAILURE;
        }
    }

    /** Judges every file first and prints only if all of them could be judged. */
    private int evaluate(List<String> files) {
        if (files.isEmpty()) {
            return usage("evaluate needs at least one event FILE");
        }
        List<String> lines = new ArrayList<>();
        for (String file : files) {
            String text = readFile(file);
            if (HookHandler.isHookRequest(text)) {
                lines.add(HookHandler.answerFromEnvironment(text));
                continue;
            }
            RuleEvent event = parseEvent(file, text);
            if (!(event.invokingEvent() instanceof InvokingEvent.Change change)) {
                throw new BadInputException(file + ": invokingEvent.messageType", event.invokingEvent().messageType()
                        + " needs AWS Config to evaluate; run 'invoke " + file + "' instead");
            }
            lines.add(new PublicIpRule(event.parameters()).evaluate(change.item(), event.eventLeftScope())
                    .toJson().toString());
        }
        lines.forEach(out::println);
        return OK;
    }

    private int invoke(List<String> files) {
        if (files.size() != 1) {
            return usage("invoke takes exactly one event FILE");
        }
        String file = files.get(0);
        byte[] event = readFile(file).getBytes(StandardCharsets.UTF_8);
        // Evaluations are printed as Config accepts them: a sweep puts many, and answers with a summary.
        ConfigRuleHandler handler = new ConfigRuleHandler(AwsClients.accounts(), put -> out.println(put.toJson()));
        try {
            handler.handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(),
                    new LocalContext("ecs-public-ip-rule"));
        } catch (BadInputException e) {
            throw e.in(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return OK;
    }

    private static RuleEvent parseEvent(String file, String text) {
        try {
            return RuleEventParser.parse(text);
        } catch (BadInputException e) {
            throw e.in(file);
        }
    }

    private static String readFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read: " + e.getMessage());
        }
    }

    private int usage(String problem) {
        err.println("error: " + problem + " (run with --help for usage)");
        return BAD_INPUT;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
