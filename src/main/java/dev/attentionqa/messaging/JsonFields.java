package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Field checks shared by the request and options parsers, each failing with the field's name and value. */
final class JsonFields {

    private static final int SHOWN_CHARS = 40;

    private JsonFields() {
    }

    static void rejectUnknown(JsonNode object, Set<String> known, String prefix) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                RejectReason reason = prefix.isEmpty() ? RejectReason.UNKNOWN_FIELD : RejectReason.UNKNOWN_OPTION;
                throw new InvalidRequestException(reason, "unknown field '" + prefix + shorten(name)
                        + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    static String requiredText(JsonNode object, String field, int maxChars) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(RejectReason.MISSING_FIELD, "field '" + field + "' is required (got "
                    + (node == null ? "no such field" : "null") + ")");
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        String text = node.textValue();
        if (text.isBlank()) {
            throw new InvalidRequestException(RejectReason.EMPTY_FIELD, "field '" + field
                    + "' must not be empty or blank (got \"" + shorten(text) + "\")");
        }
        if (text.length() > maxChars) {
            throw new InvalidRequestException(RejectReason.TOO_LARGE, "field '" + field + "' is longer than "
                    + maxChars + " characters (got " + text.length() + ")");
        }
        return text;
    }

    static InvalidRequestException wrongType(String field, String expected, JsonNode node) {
        return new InvalidRequestException(RejectReason.WRONG_TYPE, "field '" + field + "' must be " + expected
                + " (got " + typeName(node) + " " + shorten(node.toString()) + ")");
    }

    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String shorten(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…(" + s.length() + " chars)";
    }
}
