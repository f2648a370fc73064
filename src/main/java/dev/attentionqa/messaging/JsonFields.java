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
        int lone = loneSurrogate(text);
        if (lone >= 0) {
            // the text itself is not shown: a lone surrogate cannot be written as UTF-8 into the reason header
            throw new InvalidRequestException(RejectReason.INVALID_UNICODE, String.format("field '%s' holds a lone"
                    + " surrogate \\u%04x at index %d: half of a UTF-16 pair is not a character", field,
                    (int) text.charAt(lone), lone));
        }
        if (text.codePoints().allMatch(JsonFields::invisible)) {
            throw new InvalidRequestException(RejectReason.EMPTY_FIELD, "field '" + field + "' must hold a visible"
                    + " character (got only white space, control and format characters: " + codePoints(text) + ")");
        }
        return text;
    }

    /** Index of the first surrogate without its other half, or -1 (JSON's {@code \\ud800} escapes make them). */
    static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Zero-width spaces, joiners, direction marks, byte-order marks, NUL…: nothing a tokenizer makes a token of. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || type == Character.CONTROL
                || type == Character.FORMAT || type == Character.UNASSIGNED;
    }

    private static String codePoints(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().limit(8).forEach(cp -> s.append(s.length() == 0 ? "" : " ").append(String.format("U+%04X", cp)));
        return text.codePointCount(0, text.length()) > 8 ? s + " …" : s.toString();
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
