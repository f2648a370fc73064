package dev.attentionqa.eval;

import java.util.ArrayList;
import java.util.List;

/** Python 3 string semantics the official SQuAD scripts rely on: {@code str.split()} and the regex class {@code \w}. */
final class PythonText {

    private PythonText() {
    }

    /** {@code str.split()} without arguments: runs of Python white space separate, empty pieces are dropped. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    pieces.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** {@code str.isspace()}: Java's white space plus the no-break spaces and U+0085, which Java leaves out. */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || cp == 0x85 || cp == 0xA0 || cp == 0x2007 || cp == 0x202F;
    }

    /** Unicode {@code \w} of Python's {@code re}: {@code str.isalnum()} (letters and numbers) or '_'. */
    static boolean isWordChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
