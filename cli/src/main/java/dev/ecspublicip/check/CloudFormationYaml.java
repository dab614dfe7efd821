package dev.ecspublicip.check;

import dev.ecspublicip.BadInputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The project's one reader of CloudFormation YAML, for {@code check} and for the tests of the project's own
 * templates: SnakeYAML's safe loader with CloudFormation's short-form tags in their long form
 * ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}},
 * {@code !Sub ...} becomes {@code {Fn::Sub: ...}}), as CloudFormation reads them. Timestamps stay text, as
 * CloudFormation keeps them. Before anything is constructed the document's shape is checked
 * ({@link YamlShape}: a key twice, merges included, recursive aliases, the expansion of aliases, depth), and
 * the text may hold at most {@value #MAX_CODE_POINTS} code points.
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

    /** 50 MiB, the file size {@code check} reads (CloudFormation itself takes templates of at most 1 MB). */
    static final int MAX_CODE_POINTS = 50 * 1024 * 1024;

    /**
     * 1 MiB: the longest line read. SnakeYAML copies its window of the text each time it reads on within one
     * token, so a token's time grows with the square of its length (a 45 MiB quoted string took minutes); every
     * token ends at a line break, and no template CloudFormation takes (at most 1 MB) has a longer line.
     */
    static final int MAX_LINE = 1024 * 1024;

    private CloudFormationYaml() {}

    /**
     * The document as plain values: maps in the document's order, lists, strings, numbers, booleans and
     * nulls.
     *
     * @throws BadInputException naming {@code file}, when the text is not YAML this reader accepts
     */
    public static Object load(String text, String file) {
        return load(text, file, false);
    }

    /**
     * As {@link #load(String, String)}, for {@code check}: a tag that is no CloudFormation function
     * ({@code !Foo x}) becomes {@code {"!Foo": x}}, a value {@code check} knows it cannot read, rather than
     * an error: where the rule reads, it fails closed on it; elsewhere it does not matter.
     */
    static Loaded loadTemplate(String text, String file) {
        return read(text, file, true);
    }

    /** A document's values, and the line of each key under its {@code Resources}, as written. */
    record Loaded(Object value, Map<String, Integer> resourceLines) {}

    private static Object load(String text, String file, boolean keepUnknownTags) {
        return read(text, file, keepUnknownTags).value();
    }

    private static Loaded read(String text, String file, boolean keepUnknownTags) {
        checkLines(text, file);
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            // YamlShape bounds what aliases expand to; SnakeYAML's count of aliases is not needed for that.
            options.setMaxAliasesForCollections(Integer.MAX_VALUE);
            options.setNestingDepthLimit(YamlShape.MAX_DEPTH);
            options.setCodePointLimit(MAX_CODE_POINTS);
            CloudFormationConstructor constructor = new CloudFormationConstructor(options, keepUnknownTags);
            Composer composer = new BoundedComposer(
                    new ParserImpl(new StreamReader(new StringReader(text)), options), options, file);
            constructor.setComposer(composer);
            Node root = composer.getSingleNode();
            if (root == null) {
                return new Loaded(null, Map.of());
            }
            try {
                YamlShape.check(root);
            } catch (BadInputException e) {
                throw e.in(file);
            }
            return new Loaded(constructor.construct(root), resourceLines(root));
        } catch (ComposerException e) {
            if (keepUnknownTags && String.valueOf(e.getContext()).startsWith("expected a single document")) {
                throw new NotATemplateOrPlan(file, "holds more than one YAML document; a template is one");
            }
            throw notYaml(file, e);
        } catch (MarkedYAMLException e) {
            throw notYaml(file, e);
        } catch (YAMLException e) {
            throw new BadInputException(file, "is not valid YAML: " + e.getMessage());
        }
    }

    private static void checkLines(String text, String file) {
        int line = 1;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                line++;
                start = i + 1;
            } else if (i - start >= MAX_LINE) {
                throw new BadInputException(
                        file,
                        "has a line longer than 1 MiB (characters) at line " + line
                                + ", the most check reads of one YAML line");
            }
        }
    }

    /**
     * SnakeYAML's composer, refusing a document of more than {@link LimitedReader#MAX_PART_VALUES} nodes while
     * it composes them: each node costs a couple of hundred bytes of heap, so 50 MiB of {@code [1,1,1,...]}
     * would need gigabytes before anything could look at it.
     */
    private static final class BoundedComposer extends Composer {
        private final String file;
        private long nodes;

        BoundedComposer(Parser parser, LoaderOptions options, String file) {
            super(parser, new Resolver(), options);
            this.file = file;
        }

        @Override
        protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
            count();
            return super.composeScalarNode(anchor, blockComments);
        }

        @Override
        protected Node composeSequenceNode(String anchor) {
            count();
            return super.composeSequenceNode(anchor);
        }

        @Override
        protected Node composeMappingNode(String anchor) {
            count();
            return super.composeMappingNode(anchor);
        }

        private void count() {
            if (++nodes > LimitedReader.MAX_PART_VALUES) {
                Mark mark = parser.peekEvent().getStartMark();
                throw new BadInputException(
                        file,
                        "holds more than " + LimitedReader.MAX_PART_VALUES
                                + " YAML nodes, the most check reads of a template (at line " + (mark.getLine() + 1)
                                + ")");
            }
        }
    }

    private static BadInputException notYaml(String file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        return new BadInputException(
                file,
                "is not valid YAML: " + e.getProblem()
                        + (mark == null
                                ? ""
                                : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)));
    }

    private static Map<String, Integer> resourceLines(Node root) {
        Map<String, Integer> lines = new HashMap<>();
        if (root instanceof MappingNode document) {
            for (NodeTuple section : document.getValue()) {
                if (section.getKeyNode() instanceof ScalarNode key
                        && key.getValue().equals("Resources")
                        && section.getValueNode() instanceof MappingNode resources) {
                    for (NodeTuple resource : resources.getValue()) {
                        if (resource.getKeyNode() instanceof ScalarNode id) {
                            lines.put(id.getValue(), id.getStartMark().getLine() + 1);
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** SnakeYAML's safe constructor, with CloudFormation's tags; timestamps stay text, as CloudFormation keeps them. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options, boolean keepUnknownTags) {
            super(options);
            if (keepUnknownTags) {
                yamlConstructors.put(null, new UnknownTag());
            }
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        Object construct(Node root) {
            return constructDocument(root);
        }

        private final class UnknownTag extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = scalar.getValue();
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(node.getTag().getValue(), value);
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
