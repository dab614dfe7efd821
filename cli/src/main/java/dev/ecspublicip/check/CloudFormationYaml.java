package dev.ecspublicip.check;

import dev.ecspublicip.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The project's one reader of CloudFormation YAML, for {@code check} and for the tests of the project's own
 * templates: SnakeYAML's safe loader with CloudFormation's short-form tags in their long form
 * ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}},
 * {@code !Sub ...} becomes {@code {Fn::Sub: ...}}), as CloudFormation reads them. A key repeated in a
 * mapping is refused, and timestamps stay text, as CloudFormation keeps them.
 */
public final class CloudFormationYaml {
    private static final List<String> FUNCTIONS = List.of(
            "Base64",
            "Cidr",
            "Equals",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "ImportValue",
            "Join",
            "Select",
            "Split",
            "Sub",
            "Transform",
            "And",
            "If",
            "Not",
            "Or",
            "ToJsonString",
            "Length");

    private CloudFormationYaml() {}

    /**
     * The document as plain values: maps in the document's order, lists, strings, numbers, booleans and
     * nulls.
     *
     * @throws BadInputException naming {@code file}, when the text is not YAML this reader accepts
     */
    public static Object load(String text, String file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(new CloudFormationConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new BadInputException(
                    file,
                    "is not valid YAML: " + e.getProblem()
                            + (mark == null
                                    ? ""
                                    : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)));
        } catch (YAMLException e) {
            throw new BadInputException(file, "is not valid YAML: " + e.getMessage());
        }
    }

    /** SnakeYAML's safe constructor, with CloudFormation's tags; timestamps stay text, as CloudFormation keeps them. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    value = name.equals("Fn::GetAtt") ? new ArrayList<>(List.of(text.split("\\.", 2))) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(name, value);
            }
        }
    }
}
