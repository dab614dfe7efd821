package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code check}: the rule applied to what is about to be deployed, read from a CloudFormation template
 * (YAML or JSON) or a Terraform plan ({@code terraform show -json}). What this package adds is reading the
 * files into the model, values known only at deployment included; every verdict is the rule's
 * ({@link Rules}).
 */
public final class Checker {
    private static final String PARAMETER = "--parameter ";

    private final Rules rule;
    private final Map<String, String> parameters;
    private final Optional<AwsLocation> location;
    /** The parameters the templates checked so far declare. */
    private final Set<String> declared = new HashSet<>();

    /**
     * @param parameters template parameter values ({@code --parameter KEY=VALUE}); {@code AWS::Region},
     *     {@code AWS::AccountId} and {@code AWS::Partition} there also place services for ARN exemptions
     * @throws BadInputException when a pseudo parameter that places services is not of its documented shape
     */
    public Checker(RuleParameters ruleParameters, Map<String, String> parameters) {
        // Exemption expiries are judged on the run's time.
        this.rule = Rules.of(ruleParameters).at(Instant.now());
        this.parameters = Map.copyOf(parameters);
        this.location = location(this.parameters);
    }

    /** Every ECS service and task set the text would create or update, judged; BadInputException names the file. */
    public List<CheckedResource> check(String file, String text) {
        return check(file, new StringReader(text));
    }

    /**
     * As {@link #check(String, String)}, reading the text as it comes: a Terraform plan in JSON is read as a
     * stream, a template (YAML, or JSON) at most {@link LimitedReader#MAX_PART} characters.
     */
    public List<CheckedResource> check(String file, Reader text) {
        try {
            return read(file, text);
        } catch (NotATemplateOrPlan e) {
            throw e.asBadInput();
        }
    }

    /** As {@link #check(String, Reader)}; a file that is neither a template nor a plan is {@link NotATemplateOrPlan}. */
    private List<CheckedResource> read(String file, Reader text) {
        try {
            LimitedReader limited = new LimitedReader(text, file);
            PushbackReader in = new PushbackReader(limited, 1);
            int first = in.read();
            while (first == ' ' || first == '\t' || first == '\r' || first == '\n') {
                first = in.read();
            }
            if (first >= 0) {
                in.unread(first);
            }
            if (first == '{') {
                return new JsonDocumentCheck(this, file, limited, in).check();
            }
            limited.part(LimitedReader.MAX_PART, "a template");
            StringBuilder all = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.append(buffer, 0, n);
            }
            return checkTree(file, DocumentReader.readYaml(all.toString(), file));
        } catch (BadInputException e) {
            throw e.field().startsWith(file) ? e : e.in(file);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read: " + e.getMessage());
        } catch (StackOverflowError e) {
            // The readers bound nesting; this is the last line of defence, still one line and exit 2.
            throw new BadInputException(file, "is nested too deeply to check");
        }
    }

    /** The file at {@code file}, as {@link #check(String, Reader)} reads it. */
    public List<CheckedResource> checkFile(String file) {
        try {
            return readFile(file);
        } catch (NotATemplateOrPlan e) {
            throw e.asBadInput();
        }
    }

    private List<CheckedResource> readFile(String file) {
        try (Reader text = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return read(file, text);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (IOException | InvalidPathException e) {
            throw new BadInputException(file, "cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new BadInputException(file, "cannot be read: " + e.getCause().getMessage());
        }
    }

    /** What a run of {@code check} found: the resources judged, the files read, the files of a directory skipped. */
    public record Run(List<CheckedResource> results, int files, int skipped) {}

    /** Searched in a directory: what CloudFormation and Terraform files are named. */
    private static final List<String> SEARCHED = List.of(".yaml", ".yml", ".json", ".template");

    /**
     * Each argument: a file, {@code -} for one document on {@code stdin}, or a directory searched recursively
     * for {@code *.yaml}, {@code *.yml}, {@code *.json} and {@code *.template} (in name order), where a file
     * that is neither a template nor a plan is skipped and counted. Then every {@code --parameter} must be a
     * parameter of one of the templates.
     */
    public Run checkArguments(List<String> arguments, InputStream stdin) {
        List<CheckedResource> results = new ArrayList<>();
        int files = 0;
        int skipped = 0;
        boolean stdinRead = false;
        for (String argument : arguments) {
            if (argument.equals("-")) {
                if (stdinRead) {
                    throw new BadInputException("-", "names standard input twice; it holds one document");
                }
                stdinRead = true;
                results.addAll(check("-", new InputStreamReader(stdin, StandardCharsets.UTF_8)));
                files++;
            } else if (Files.isDirectory(Path.of(argument))) {
                for (String file : searched(argument)) {
                    try {
                        results.addAll(readFile(file));
                        files++;
                    } catch (NotATemplateOrPlan e) {
                        skipped++;
                    }
                }
            } else {
                results.addAll(checkFile(argument));
                files++;
            }
        }
        requireDeclaredParameters();
        return new Run(results, files, skipped);
    }

    private static boolean endsWithIgnoringCase(String name, String end) {
        return name.length() >= end.length()
                && Ascii.equalsIgnoreCase(name.substring(name.length() - end.length()), end);
    }

    /** The files a directory holds, at any depth, named as CloudFormation and Terraform files are. */
    private static List<String> searched(String directory) {
        try (Stream<Path> paths = Files.walk(Path.of(directory))) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> SEARCHED.stream()
                            .anyMatch(end ->
                                    endsWithIgnoringCase(path.getFileName().toString(), end)))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(directory, "cannot be searched: " + e.getMessage());
        }
    }

    /**
     * A {@code --parameter} that no template given declares is bad input (pseudo parameters such as
     * {@code AWS::Region} excepted): a misspelt name must not leave the value it meant to set at its default.
     */
    public void requireDeclaredParameters() {
        for (String name : parameters.keySet()) {
            if (!name.startsWith("AWS::") && !declared.contains(name)) {
                throw new BadInputException(
                        PARAMETER + ErrorLine.name(name),
                        declared.isEmpty()
                                ? "is not a parameter of any template given (no template declares parameters)"
                                : "is not a parameter of any template given");
            }
        }
    }

    /** A document read into a tree (a YAML template, or a plan written as YAML). */
    private List<CheckedResource> checkTree(String file, DocumentReader.Document read) {
        JsonObject document = read.tree();
        if (document.has("values") && !document.has("planned_values") && !document.has("resource_changes")) {
            throw notAPlan(file);
        }
        if (document.has("resource_changes") || document.has("terraform_version")) {
            // A plan written as YAML is rare; it is read as the JSON it holds.
            LimitedReader text = new LimitedReader(new StringReader(document.toString()), file);
            return new JsonDocumentCheck(this, file, text, text).check();
        }
        return checkTemplate(file, document, read.resourceLines());
    }

    /** @param lines the line of each key under {@code Resources}, as written */
    List<CheckedResource> checkTemplate(String file, JsonObject document, Map<String, Integer> lines) {
        if (!document.has("Resources")) {
            throw new NotATemplateOrPlan(
                    file,
                    "is neither a CloudFormation template (no Resources) nor a Terraform"
                            + " plan (no resource_changes; use `terraform show -json PLAN`)");
        }
        CloudFormationTemplateCheck template = new CloudFormationTemplateCheck(this, file, document, lines);
        declared.addAll(template.parameterNames());
        return template.check();
    }

    /** {@code terraform show -json} of a state: what is deployed, not what a plan would change. */
    static BadInputException notAPlan(String file) {
        return new BadInputException(
                file,
                "is a Terraform state (values, no planned_values), not a plan: run `terraform plan -out plan.out`"
                        + " and check the output of `terraform show -json plan.out`");
    }

    Rules rule() {
        return rule;
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Where the resources will be created, when {@code AWS::Region} and {@code AWS::AccountId} were given. */
    Optional<AwsLocation> location() {
        return location;
    }

    /** The partition defaults to {@code aws}; each value given must have its documented shape. */
    private static Optional<AwsLocation> location(Map<String, String> parameters) {
        String partition = parameters.getOrDefault("AWS::Partition", "aws");
        String region = parameters.get("AWS::Region");
        String account = parameters.get("AWS::AccountId");
        require("AWS::Partition", partition, AwsLocation.isPartition(partition), "a partition such as aws or aws-cn");
        if (region != null) {
            require("AWS::Region", region, AwsLocation.isRegion(region), "a Region such as eu-west-1");
        }
        if (account != null) {
            require("AWS::AccountId", account, AwsLocation.isAccount(account), "a 12-digit account id");
        }
        if (region == null || account == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsLocation(partition, region, account));
    }

    private static void require(String name, String value, boolean valid, String expected) {
        if (!valid) {
            throw new BadInputException(PARAMETER + name, ErrorLine.quote(value) + " is not " + expected);
        }
    }
}
