package dev.kdi.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * Turns Jackson's complaints about a value of the wrong type into the field path and a short
 * sentence about the value as the user wrote it; Jackson's own messages name Java classes.
 */
final class JacksonProblems {

    private JacksonProblems() {
    }

    /** The problem {@code e} reports about the object whose tree is {@code tree}. */
    static InvalidObjectException describe(JsonProcessingException e, JsonNode tree) {
        FieldPath path = FieldPath.root();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path = path.field(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path = path.index(r.getIndex());
                }
            }
        }
        JsonNode node = nodeAt(tree, path);
        String found = found(node);
        Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType() : null;
        String problem;
        if (e instanceof InvalidFormatException && isWholeNumber(target)) {
            problem = numberProblem(node, found);
        } else if (e instanceof InvalidFormatException && (target == Boolean.class || target == boolean.class)) {
            problem = found + " is not true or false";
        } else if (e instanceof MismatchedInputException && target != null) {
            problem = "expected " + expected(target) + ", found " + found;
        } else if (e instanceof ValueInstantiationException v && v.getType() != null
                && v.getType().getRawClass() == IntOrString.class) {
            problem = "expected a number or a name, found " + found;
        } else {
            problem = found + " cannot be read: " + firstLine(e.getOriginalMessage());
        }
        return InvalidObjectException.invalid(path, problem);
    }

    private static String numberProblem(JsonNode node, String found) {
        String text = node == null ? "" : node.asText();
        try {
            BigDecimal value = new BigDecimal(text.trim());
            if (value.stripTrailingZeros().scale() > 0) {
                return found + " is not a whole number";
            }
            return found + " is out of range";
        } catch (NumberFormatException notNumeric) {
            return found + " is not a number";
        }
    }

    private static boolean isWholeNumber(Class<?> c) {
        return c == Integer.class || c == int.class || c == Long.class || c == long.class
                || c == Short.class || c == short.class;
    }

    private static String expected(Class<?> c) {
        if (CharSequence.class.isAssignableFrom(c)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(c) || (c.isPrimitive() && c != boolean.class)) {
            return "a number";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(c) || c.isArray()) {
            return "a list";
        }
        if (c == IntOrString.class) {
            return "a number or a name";
        }
        if (c == Quantity.class) {
            return "a quantity";
        }
        // Maps and every object type of the model.
        return "a mapping";
    }

    /** How a message shows a value: strings quoted, numbers and booleans as written. */
    static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return Fields.quote(node.asText());
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.asText();
    }

    private static JsonNode nodeAt(JsonNode tree, FieldPath path) {
        JsonNode node = tree;
        for (FieldPath.Segment s : path.segments()) {
            if (node == null) {
                return null;
            }
            node = s instanceof FieldPath.Field f ? node.get(f.name()) : node.get(((FieldPath.Index) s).index());
        }
        return node;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
