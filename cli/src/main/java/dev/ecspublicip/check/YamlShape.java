package dev.ecspublicip.check;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.JsonInput;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What a composed YAML document must be before it is turned into values, each problem bad input naming
 * its path: no alias inside its own anchor; aliases adding at most {@value #MAX_ALIASED_NODES} nodes, and no
 * more than {@value #MAX_DEPTH} levels, once expanded (a few hundred bytes of aliases must not grow into
 * gigabytes); at most
 * one merge key ({@code <<}) per mapping; and no key twice once merges are applied. YAML lets an explicit
 * key override a merged one, but the YAML libraries and {@code aws cloudformation package} disagree on
 * which value wins, so {@code check} cannot know which one CloudFormation gets. Keys are compared as the
 * text they are written with: {@code 1} and {@code '1'} are the same key to CloudFormation.
 */
final class YamlShape {
    static final int MAX_ALIASED_NODES = 1_000_000;
    static final int MAX_DEPTH = 200;

    private final IdentityHashMap<Node, Boolean> open = new IdentityHashMap<>();
    private final IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
    /** Nodes visited again through an alias (or a merge): what aliases add to the document. */
    private long aliased;

    private YamlShape() {}

    static void check(Node root) {
        new YamlShape().walk(root, "", 0);
    }

    private void walk(Node node, String path, int depth) {
        String shown = path.isEmpty() ? "the document" : path;
        if (open.containsKey(node)) {
            throw new BadInputException(shown, "is an alias of a node that contains it (a recursive alias)");
        }
        if (seen.put(node, Boolean.TRUE) != null && ++aliased > MAX_ALIASED_NODES) {
            throw aliasBound(shown);
        }
        if (depth > MAX_DEPTH) {
            throw new BadInputException(shown, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        open.put(node, Boolean.TRUE);
        if (node instanceof MappingNode mapping) {
            keys(mapping, path, new LinkedHashMap<>(), depth, "");
            for (NodeTuple tuple : mapping.getValue()) {
                if (!isMerge(tuple.getKeyNode())) {
                    walk(tuple.getValueNode(), JsonInput.path(path, keyText(tuple.getKeyNode(), path)), depth + 1);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            int i = 0;
            for (Node item : sequence.getValue()) {
                walk(item, path + "[" + i++ + "]", depth + 1);
            }
        }
        open.remove(node);
    }

    /** Every key of the mapping, merged ones included, into {@code seen} (key to where it is written). */
    private void keys(MappingNode mapping, String path, Map<String, String> seen, int depth, String via) {
        if (depth > MAX_DEPTH) {
            throw new BadInputException(path, "merges mappings nested deeper than " + MAX_DEPTH + " levels");
        }
        boolean merged = false;
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (!isMerge(key)) {
                add(seen, keyText(key, path), where(key) + via, path);
                continue;
            }
            if (merged) {
                throw new BadInputException(
                        path.isEmpty() ? "the document" : path,
                        "has two merge keys (<<) in one mapping (" + where(key) + "); give one list of mappings");
            }
            merged = true;
            Node value = tuple.getValueNode();
            if (value instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    mergeFrom(item, path, seen, depth);
                }
            } else {
                mergeFrom(value, path, seen, depth);
            }
        }
    }

    private void mergeFrom(Node source, String path, Map<String, String> seen, int depth) {
        if (!(source instanceof MappingNode mapping)) {
            throw new BadInputException(path, "merges (<<) something that is not a mapping (" + where(source) + ")");
        }
        if (open.containsKey(source)) {
            throw new BadInputException(path, "merges (<<) a mapping that contains it (a recursive alias)");
        }
        if ((aliased += mapping.getValue().size()) > MAX_ALIASED_NODES) {
            throw aliasBound(path);
        }
        open.put(source, Boolean.TRUE);
        keys(mapping, path, seen, depth + 1, " merged by <<");
        open.remove(source);
    }

    private static BadInputException aliasBound(String path) {
        return new BadInputException(
                path, "makes aliases add more than " + MAX_ALIASED_NODES + " nodes to the document once expanded");
    }

    private static void add(Map<String, String> seen, String key, String where, String path) {
        String earlier = seen.putIfAbsent(key, where);
        if (earlier != null) {
            throw new BadInputException(
                    JsonInput.path(path, key),
                    "is given twice in one mapping (" + earlier + " and " + where
                            + "): which value CloudFormation gets cannot be known");
        }
    }

    private static boolean isMerge(Node key) {
        return Tag.MERGE.equals(key.getTag());
    }

    private static String keyText(Node key, String path) {
        if (key instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new BadInputException(
                path.isEmpty() ? "the document" : path, "has a key that is not a scalar (" + where(key) + ")");
    }

    private static String where(Node node) {
        return "line "
                + (node.getStartMark() == null ? "?" : node.getStartMark().getLine() + 1);
    }
}
