package dev.attentionqa.messaging;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed bytes are an error naming their offset, never a silent U+FFFD. */
final class Utf8 {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Utf8() {
    }

    static String decode(byte[] value) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        try {
            CharBuffer chars = decoder.decode(in);
            // RFC 8259 §8.1: a parser may ignore a byte-order mark before the JSON text
            return chars.length() > 0 && chars.charAt(0) == BYTE_ORDER_MARK ? chars.subSequence(1, chars.length()).toString()
                    : chars.toString();
        } catch (CharacterCodingException e) {
            int offset = in.position();
            throw new InvalidRequestException(RejectReason.INVALID_UTF8, String.format(
                    "value is not valid UTF-8 (byte 0x%02X at offset %d)", value[Math.min(offset, value.length - 1)], offset));
        }
    }
}
