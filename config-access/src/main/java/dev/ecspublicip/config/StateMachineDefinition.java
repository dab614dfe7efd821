package dev.ecspublicip.config;

import static dev.ecspublicip.config.JsonInput.kind;
import static dev.ecspublicip.config.JsonInput.path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ECS launch points of a Step Functions state machine: every {@code Task} state, in {@code Parallel}
 * branches and {@code Map} item processors too, whose {@code Resource} is {@code
 * arn:PARTITION:states:::ecs:runTask} ({@code .sync}, {@code .waitForTaskToken}), with the network in its
 * {@code Parameters} (JSONPath) or {@code Arguments} (JSONata). A value chosen when the state runs ({@code
 * AssignPublicIp.$}, a JSONata {@code {% ... %}} expression) is unresolved: the rule fails it closed.
 *
 * <p>The definition comes from {@code Definition} (an object), {@code DefinitionString} (JSON in a string,
 * with {@code DefinitionSubstitutions}, possibly built by {@code Fn::Sub} or {@code Fn::Join}: what those
 * leave to deployment becomes unresolved where it lands) or {@code DefinitionS3Location}, which cannot be
 * read here and fails closed.
 */
final class StateMachineDefinition {
    static final List<String> READ = List.of(
            "Definition",
            "DefinitionString",
            "DefinitionSubstitutions",
            "DefinitionS3Location",
            "StateMachineName",
            "Tags");

    private static final String FLAG = ".NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp";
    private static final Pattern RUN_TASK =
            Pattern.compile("arn:[^:]+:states:::ecs:runTask(?:\\.sync|\\.waitForTaskToken)?");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    // Stands for a piece only deployment knows; valid inside a JSON string, breaks JSON anywhere else.
    private static final String MARK = "@@ecs-public-ip-unresolved-";
    private static final Pattern MARKED = Pattern.compile(MARK + "([0-9]+)@@");

    private StateMachineDefinition() {}

    /** Whether the properties say where the definition is (any of the three ways to give it). */
    static boolean hasDefinition(JsonObject properties) {
        for (String name : List.of("definition", "definitionString", "definitionS3Location")) {
            if (!PropertyReader.members(properties, name).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static List<LaunchPoint> launchPoints(
            JsonObject properties, String path, Function<JsonElement, Optional<String>> setBy) {
        List<LaunchPoint> points = new ArrayList<>();
        JsonElement s3 = PropertyReader.member(properties, "definitionS3Location", path);
        if (s3 != null && !s3.isJsonNull()) {
            points.add(LauncherProperties.unresolvedPoint(
                    "its definition",
                    "DefinitionS3Location",
                    new UnresolvedValue(
                            "DefinitionS3Location",
                            "is read from Amazon S3 at deployment, which cannot be read here")));
        }
        JsonElement definition = PropertyReader.member(properties, "definition", path);
        if (definition != null && !definition.isJsonNull()) {
            String definitionPath = PropertyReader.memberPath(properties, "definition", path);
            Optional<String> unresolved = PropertyReader.setAtDeployment(definition, setBy);
            if (unresolved.isPresent()) {
                points.add(wholeDefinition("Definition", "set by " + unresolved.get() + ", known only at deployment"));
            } else if (!definition.isJsonObject()) {
                throw new BadInputException(definitionPath, "must be an object, got " + kind(definition));
            } else {
                states(definition.getAsJsonObject(), definitionPath, "", withRunTimeValues(setBy), points);
            }
        }
        JsonElement string = PropertyReader.member(properties, "definitionString", path);
        if (string != null && !string.isJsonNull()) {
            definitionString(
                    properties,
                    string,
                    PropertyReader.memberPath(properties, "definitionString", path),
                    path,
                    setBy,
                    points);
        }
        return points;
    }

    private static void definitionString(
            JsonObject properties,
            JsonElement string,
            String stringPath,
            String path,
            Function<JsonElement, Optional<String>> setBy,
            List<LaunchPoint> points) {
        Marks marks = new Marks(setBy);
        Optional<String> text = marks.text(string, stringPath);
        if (text.isEmpty()) {
            points.add(wholeDefinition("DefinitionString", "set by " + marks.first() + ", known only at deployment"));
            return;
        }
        String substituted = substitute(text.get(), properties, path, marks);
        JsonElement parsed;
        try {
            parsed = JsonInput.parse(substituted, stringPath);
        } catch (BadInputException e) {
            if (!marks.any()) {
                throw e;
            }
            // What deployment fills in sits where JSON cannot be read without it: the whole definition is unknown.
            points.add(
                    wholeDefinition("DefinitionString", "built with " + marks.first() + ", known only at deployment"));
            return;
        }
        if (!parsed.isJsonObject()) {
            throw new BadInputException(stringPath, "must hold a JSON object, got " + kind(parsed));
        }
        states(parsed.getAsJsonObject(), stringPath, "", withRunTimeValues(marks::setBy), points);
    }

    /** {@code ${NAME}} replaced by {@code DefinitionSubstitutions}' value, as CloudFormation does before creating it. */
    private static String substitute(String text, JsonObject properties, String path, Marks marks) {
        JsonElement substitutions = PropertyReader.member(properties, "definitionSubstitutions", path);
        if (substitutions == null || substitutions.isJsonNull()) {
            return text;
        }
        String substitutionsPath = PropertyReader.memberPath(properties, "definitionSubstitutions", path);
        boolean unknown = marks.setAtDeployment(substitutions).isPresent();
        if (!unknown && !substitutions.isJsonObject()) {
            throw new BadInputException(substitutionsPath, "must be an object, got " + kind(substitutions));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            if (unknown) {
                replacement = marks.mark("DefinitionSubstitutions");
            } else if (substitutions.getAsJsonObject().has(name)) {
                JsonElement value = substitutions.getAsJsonObject().get(name);
                if (value.isJsonPrimitive() && marks.setAtDeployment(value).isEmpty()) {
                    replacement = value.getAsString();
                } else {
                    replacement = marks.mark(marks.setAtDeployment(value).orElse("DefinitionSubstitutions." + name));
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void states(
            JsonObject machine,
            String path,
            String where,
            Function<JsonElement, Optional<String>> setBy,
            List<LaunchPoint> points) {
        JsonElement states = machine.get("States");
        String statesPath = path(path, "States");
        if (states == null || !states.isJsonObject()) {
            throw new BadInputException(
                    statesPath, states == null ? "is missing" : "must be an object, got " + kind(states));
        }
        for (Map.Entry<String, JsonElement> entry : states.getAsJsonObject().entrySet()) {
            String statePath = path(statesPath, entry.getKey());
            if (!entry.getValue().isJsonObject()) {
                throw new BadInputException(statePath, "must be an object, got " + kind(entry.getValue()));
            }
            JsonObject state = entry.getValue().getAsJsonObject();
            String here = where.isEmpty() ? entry.getKey() : where + "." + entry.getKey();
            String type = JsonInput.optionalString(state, "Type", statePath).orElse("");
            switch (type) {
                case "Task" ->
                    task(entry.getKey(), state, statePath, where.isEmpty() ? "" : here, setBy)
                            .ifPresent(points::add);
                case "Parallel" -> {
                    JsonElement branches = state.get("Branches");
                    String branchesPath = path(statePath, "Branches");
                    if (branches == null || !branches.isJsonArray()) {
                        throw new BadInputException(branchesPath, "must be a list of branches");
                    }
                    JsonArray list = branches.getAsJsonArray();
                    for (int i = 0; i < list.size(); i++) {
                        if (!list.get(i).isJsonObject()) {
                            throw new BadInputException(
                                    branchesPath + "[" + i + "]", "must be an object, got " + kind(list.get(i)));
                        }
                        states(
                                list.get(i).getAsJsonObject(),
                                branchesPath + "[" + i + "]",
                                here + ".Branches[" + i + "]",
                                setBy,
                                points);
                    }
                }
                case "Map" -> {
                    for (String processor : List.of("ItemProcessor", "Iterator")) {
                        JsonElement inner = state.get(processor);
                        if (inner == null) {
                            continue;
                        }
                        if (!inner.isJsonObject()) {
                            throw new BadInputException(
                                    path(statePath, processor), "must be an object, got " + kind(inner));
                        }
                        states(
                                inner.getAsJsonObject(),
                                path(statePath, processor),
                                here + "." + processor,
                                setBy,
                                points);
                    }
                }
                default -> {
                    // Pass, Choice, Wait, Succeed, Fail start no task.
                }
            }
        }
    }

    private static Optional<LaunchPoint> task(
            String name,
            JsonObject state,
            String path,
            String nestedPath,
            Function<JsonElement, Optional<String>> setBy) {
        JsonElement resource = state.get("Resource");
        if (resource == null || !resource.isJsonPrimitive()) {
            return Optional.empty();
        }
        boolean runTask = RUN_TASK.matcher(resource.getAsString()).matches()
                || setBy.apply(resource).isPresent();
        if (!runTask) {
            return Optional.empty();
        }
        String label = "state '" + name + "'" + (nestedPath.isEmpty() ? "" : " (" + nestedPath + ")");
        Optional<AwsvpcNetwork> chosen = Optional.empty();
        String property = "Parameters" + FLAG;
        for (String field : List.of("Parameters", "Arguments")) {
            JsonElement arguments = state.get(field);
            if (arguments == null || arguments.isJsonNull()) {
                continue;
            }
            String argumentsPath = path(path, field);
            Optional<String> unresolved = setBy.apply(arguments);
            Optional<AwsvpcNetwork> network;
            if (unresolved.isPresent()) {
                network = Optional.of(AwsvpcNetwork.unresolved(
                        new UnresolvedValue(field, "set by " + unresolved.get()), List.of(), List.of()));
            } else if (!arguments.isJsonObject()) {
                throw new BadInputException(argumentsPath, "must be an object, got " + kind(arguments));
            } else {
                network = network(arguments.getAsJsonObject(), argumentsPath, setBy);
            }
            if (network.isPresent()
                    && (chosen.isEmpty()
                            || network.get().unresolved().isPresent()
                            || network.get().assignPublicIp().isPresent())) {
                chosen = network;
                property = field + FLAG;
            }
        }
        return Optional.of(new LaunchPoint(label, property, chosen));
    }

    /** The awsvpc block of RunTask's arguments, unresolved where a JSONPath ({@code NAME.$}) chooses it. */
    private static Optional<AwsvpcNetwork> network(
            JsonObject arguments, String path, Function<JsonElement, Optional<String>> setBy) {
        Optional<UnresolvedValue> chosenAtRunTime = jsonPath(arguments, "NetworkConfiguration");
        for (Map.Entry<String, JsonElement> network : PropertyReader.members(arguments, "networkConfiguration")) {
            if (chosenAtRunTime.isPresent() || !network.getValue().isJsonObject()) {
                continue;
            }
            chosenAtRunTime = jsonPath(network.getValue().getAsJsonObject(), "AwsvpcConfiguration");
            for (Map.Entry<String, JsonElement> block :
                    PropertyReader.members(network.getValue().getAsJsonObject(), "awsvpcConfiguration")) {
                if (chosenAtRunTime.isEmpty() && block.getValue().isJsonObject()) {
                    chosenAtRunTime = jsonPath(block.getValue().getAsJsonObject(), "AssignPublicIp");
                }
            }
        }
        if (chosenAtRunTime.isPresent()) {
            return Optional.of(AwsvpcNetwork.unresolved(chosenAtRunTime.get(), List.of(), List.of()));
        }
        return PropertyReader.awsvpcNetwork(arguments, path, setBy);
    }

    private static Optional<UnresolvedValue> jsonPath(JsonObject object, String name) {
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            if (Ascii.equalsIgnoreCase(member.getKey(), name + ".$")) {
                String expression =
                        member.getValue().isJsonPrimitive() ? member.getValue().getAsString() : "";
                return Optional.of(new UnresolvedValue(
                        member.getKey(),
                        "set by the JSONPath " + ErrorLine.quote(expression) + PropertyReader.AT_RUN_TIME));
            }
        }
        return Optional.empty();
    }

    /** A JSONata expression ({@code {% ... %}}) is evaluated when the state runs. */
    private static Function<JsonElement, Optional<String>> withRunTimeValues(
            Function<JsonElement, Optional<String>> setBy) {
        return value -> {
            Optional<String> atDeployment = PropertyReader.setAtDeployment(value, setBy);
            if (atDeployment.isPresent()) {
                return atDeployment;
            }
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                String text = value.getAsString().strip();
                if (text.startsWith("{%") && text.endsWith("%}")) {
                    return Optional.of("the JSONata expression " + ErrorLine.quote(text) + PropertyReader.AT_RUN_TIME);
                }
            }
            return Optional.empty();
        };
    }

    private static LaunchPoint wholeDefinition(String property, String reason) {
        return LauncherProperties.unresolvedPoint("its definition", property, new UnresolvedValue(property, reason));
    }

    /** The pieces of a definition string that only deployment fills in, each marked where it lands. */
    private static final class Marks {
        private final Function<JsonElement, Optional<String>> setBy;
        private final List<String> what = new ArrayList<>();

        Marks(Function<JsonElement, Optional<String>> setBy) {
            this.setBy = setBy;
        }

        Optional<String> setAtDeployment(JsonElement value) {
            return PropertyReader.setAtDeployment(value, setBy);
        }

        String mark(String setBy) {
            what.add(setBy);
            return MARK + (what.size() - 1) + "@@";
        }

        boolean any() {
            return !what.isEmpty();
        }

        String first() {
            return what.isEmpty() ? "an intrinsic function" : what.get(0);
        }

        /** What sets a value of the parsed definition: a mark in it, else the template's own marker. */
        Optional<String> setBy(JsonElement value) {
            if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                Matcher m = MARKED.matcher(value.getAsString());
                if (m.find()) {
                    return Optional.of(what.get(Integer.parseInt(m.group(1))));
                }
            }
            return setAtDeployment(value);
        }

        /**
         * The definition's text, marks standing for what deployment fills in: a string as it is, {@code Fn::Sub}
         * and {@code Fn::Join} with their unknown pieces marked; empty when the whole text is unknown.
         */
        Optional<String> text(JsonElement value, String path) {
            if (value.isJsonPrimitive()
                    && value.getAsJsonPrimitive().isString()
                    && setAtDeployment(value).isEmpty()) {
                return Optional.of(value.getAsString());
            }
            if (value.isJsonObject() && value.getAsJsonObject().size() == 1) {
                String function = value.getAsJsonObject().keySet().iterator().next();
                JsonElement argument = value.getAsJsonObject().get(function);
                if (function.equals("Fn::Sub")) {
                    return sub(argument);
                }
                if (function.equals("Fn::Join")) {
                    return join(argument);
                }
            }
            Optional<String> unknown = setAtDeployment(value);
            if (unknown.isPresent() || value.isJsonObject()) {
                mark(unknown.orElse(describe(value)));
                return Optional.empty();
            }
            throw new BadInputException(path, "must be a string, got " + kind(value));
        }

        private Optional<String> sub(JsonElement argument) {
            JsonElement template = argument;
            JsonObject variables = new JsonObject();
            if (argument.isJsonArray()
                    && argument.getAsJsonArray().size() == 2
                    && argument.getAsJsonArray().get(1).isJsonObject()) {
                template = argument.getAsJsonArray().get(0);
                variables = argument.getAsJsonArray().get(1).getAsJsonObject();
            }
            if (!template.isJsonPrimitive() || !template.getAsJsonPrimitive().isString()) {
                mark("Fn::Sub");
                return Optional.empty();
            }
            Matcher m = SUB_VARIABLE.matcher(template.getAsString());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String replacement;
                if (name.startsWith("!")) {
                    replacement = "${" + name.substring(1) + "}";
                } else if (variables.has(name)
                        && variables.get(name).isJsonPrimitive()
                        && setAtDeployment(variables.get(name)).isEmpty()) {
                    replacement = variables.get(name).getAsString();
                } else {
                    replacement = mark("Fn::Sub variable ${" + name + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return Optional.of(out.toString());
        }

        private Optional<String> join(JsonElement argument) {
            if (!argument.isJsonArray()
                    || argument.getAsJsonArray().size() != 2
                    || !argument.getAsJsonArray().get(0).isJsonPrimitive()
                    || !argument.getAsJsonArray().get(1).isJsonArray()) {
                mark("Fn::Join");
                return Optional.empty();
            }
            String delimiter = argument.getAsJsonArray().get(0).getAsString();
            List<String> parts = new ArrayList<>();
            for (JsonElement part : argument.getAsJsonArray().get(1).getAsJsonArray()) {
                if (part.isJsonPrimitive() && setAtDeployment(part).isEmpty()) {
                    parts.add(part.getAsString());
                } else {
                    parts.add(mark(setAtDeployment(part).orElse(describe(part))));
                }
            }
            return Optional.of(String.join(delimiter, parts));
        }

        private static String describe(JsonElement value) {
            if (value.isJsonObject() && value.getAsJsonObject().size() == 1) {
                String function = value.getAsJsonObject().keySet().iterator().next();
                JsonElement argument = value.getAsJsonObject().get(function);
                return function.equals("Ref") && argument.isJsonPrimitive()
                        ? "Ref " + argument.getAsString()
                        : function;
            }
            return "an intrinsic function";
        }
    }
}
