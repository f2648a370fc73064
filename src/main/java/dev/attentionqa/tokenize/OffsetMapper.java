package dev.attentionqa.tokenize;

/**
 * Converts the tokenizer's character offsets (Unicode code points, as the Rust tokenizers library
 * reports them through DJL) into Java {@code String} indices (UTF-16 code units).
 * Texts without surrogate pairs map one to one, so the common case costs nothing.
 */
final class OffsetMapper {

    private final int[] utf16IndexOfCodePoint;

    OffsetMapper(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            utf16IndexOfCodePoint = null;
            return;
        }
        utf16IndexOfCodePoint = new int[codePoints + 1];
        int utf16 = 0;
        for (int cp = 0; cp < codePoints; cp++) {
            utf16IndexOfCodePoint[cp] = utf16;
            utf16 += Character.charCount(text.codePointAt(utf16));
        }
        utf16IndexOfCodePoint[codePoints] = utf16;
    }

    int toUtf16(int codePointOffset) {
        return utf16IndexOfCodePoint == null ? codePointOffset : utf16IndexOfCodePoint[codePointOffset];
    }
}
