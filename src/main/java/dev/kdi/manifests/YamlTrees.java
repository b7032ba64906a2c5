package dev.kdi.manifests;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds trees from the tokens of one document the way kubectl's decoder (go-yaml v2 under
 * sigs.k8s.io/yaml) sees them: an alias is a copy of the value its anchor names, and a merge key
 * ({@code <<: *base} or {@code <<: [*a, *b]}) copies the keys of the mapping(s) into the one it
 * stands in.
 *
 * <p>Jackson's YAML parser streams SnakeYAML's events and hands an alias over as a string holding
 * the anchor's name, and a merge key as an ordinary field called {@code <<}; both are resolved
 * here, once per value, before anything reads the tree. As in go-yaml v2, merging happens where
 * the merge key stands: keys written before it are overwritten by the merged ones, keys written
 * after it win, and of several mappings merged at once the earlier ones win. Anchors are known
 * from where they are defined to the end of their document.
 */
final class YamlTrees {
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Map<String, JsonNode> anchors = new HashMap<>();

    /** Anchors do not reach across documents. */
    void newDocument() {
        anchors.clear();
    }

    /** The value whose first token is the parser's current one; the parser ends on its last token. */
    JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            JsonNode target = anchors.get(p.getText());
            if (target == null) {
                throw new JsonParseException(p, "unknown anchor '" + p.getText() + "' referenced");
            }
            return target.deepCopy();
        }
        String anchor = p instanceof KubectlYamlFactory.Parser y ? y.anchor() : null;
        JsonNode node = switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> nodes.textNode(p.getText());
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? nodes.numberNode(p.getDecimalValue()) : nodes.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_EMBEDDED_OBJECT -> p.getEmbeddedObject() instanceof byte[] b ? nodes.binaryNode(b)
                    : nodes.pojoNode(p.getEmbeddedObject());
            default -> throw new JsonParseException(p, "unexpected " + t);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private JsonNode integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> nodes.numberNode(p.getIntValue());
            case LONG -> nodes.numberNode(p.getLongValue());
            default -> {
                BigInteger big = p.getBigIntegerValue();
                yield nodes.numberNode(big);
            }
        };
    }

    private ObjectNode object(JsonParser p) throws IOException {
        ObjectNode object = nodes.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            boolean merge = isMergeKey(p);
            p.nextToken();
            JsonNode value = read(p);
            if (merge) {
                merge(p, object, value);
            } else {
                object.set(name, value);
            }
        }
        return object;
    }

    private ArrayNode array(JsonParser p) throws IOException {
        ArrayNode array = nodes.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(p));
        }
        return array;
    }

    /** Whether the parser's current field name is a YAML merge key (JSON has none). */
    static boolean isMergeKey(JsonParser p) throws IOException {
        return p instanceof KubectlYamlFactory.Parser y && y.isMergeKey();
    }

    /**
     * Merges the value of a merge key into {@code into}, as go-yaml v2 does where the key stands.
     *
     * @param p the parser, for the location of a problem
     */
    static void merge(JsonParser p, ObjectNode into, JsonNode value) throws IOException {
        if (value instanceof ObjectNode source) {
            source.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue().deepCopy()));
            return;
        }
        if (value instanceof ArrayNode list) {
            for (JsonNode element : list) {
                if (!(element instanceof ObjectNode)) {
                    throw mergeProblem(p);
                }
            }
            // Earlier mappings take precedence: merge them last.
            for (int i = list.size() - 1; i >= 0; i--) {
                merge(p, into, list.get(i));
            }
            return;
        }
        throw mergeProblem(p);
    }

    private static JsonParseException mergeProblem(JsonParser p) {
        return new JsonParseException(p, "a merge key (<<) takes a mapping or a list of mappings");
    }
}
