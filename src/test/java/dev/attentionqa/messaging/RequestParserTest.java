package dev.attentionqa.messaging;

import dev.attentionqa.explain.ExplanationMethod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RequestParserTest {

    static final RequestLimits LIMITS = new RequestLimits(1000, 20, 100, 200, 5, 30, Set.of("attention"), Set.of("span", "sentence"));
    static final RequestOptions DEFAULTS = new RequestOptions(1, true, "attention", 10, "span", false, false);
    final RequestParser parser = new RequestParser(LIMITS, DEFAULTS);

    @Test
    void readsAValidRequestAndFillsDefaults() {
        QaRequest r = parse("{\"id\":\"q1\",\"question\":\"Why?\",\"context\":\"Because.\"}");
        assertThat(r).isEqualTo(new QaRequest("q1", "Why?", "Because.", DEFAULTS));
    }

    @Test
    void readsEveryOption() {
        QaRequest r = parse("{\"id\":\"q1\",\"question\":\"Why?\",\"context\":\"Because.\",\"options\":"
                + "{\"topK\":3,\"explain\":false,\"explanation\":\"attention\",\"topWords\":7,\"mode\":\"sentence\","
                + "\"allWords\":true,\"abstain\":true}}");
        assertThat(r.options()).isEqualTo(new RequestOptions(3, false, "attention", 7, "sentence", true, true));
    }

    @Test
    void eachModeHasItsDefaultMethodAndSentenceAnswersRefuseTheGradientOnes() {
        RequestLimits all = new RequestLimits(1000, 20, 100, 200, 5, 30, ExplanationMethod.ids(), Set.of("span", "sentence"));
        RequestParser gradDefault = new RequestParser(all, new RequestOptions(1, true, "grad-attention", 10, "span", false, false),
                "attention");
        String ok = "\"id\":\"q1\",\"question\":\"Why?\",\"context\":\"Because.\"";
        assertThat(gradDefault.parse(("{" + ok + "}").getBytes(StandardCharsets.UTF_8)).options().explanation())
                .isEqualTo("grad-attention");
        assertThat(gradDefault.parse(("{" + ok + ",\"options\":{\"mode\":\"sentence\"}}").getBytes(StandardCharsets.UTF_8))
                .options().explanation()).as("the sentence default").isEqualTo("attention");
        assertThatThrownBy(() -> gradDefault.parse(("{" + ok + ",\"options\":{\"mode\":\"sentence\",\"explanation\":"
                + "\"integrated-gradients\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNSUPPORTED_VALUE))
                .hasMessageContaining("'options.explanation' \"integrated-gradients\"")
                .hasMessageContaining("[attention, rollout] (got mode \"sentence\")");
    }

    static Stream<Arguments> badEvents() {
        String ok = "\"id\":\"q1\",\"question\":\"Why?\",\"context\":\"Because.\"";
        return Stream.of(
                arguments("", RejectReason.EMPTY_VALUE, "0 bytes"),
                arguments("{\"id\":", RejectReason.MALFORMED_JSON, "line 1"),
                arguments("[1,2]", RejectReason.NOT_AN_OBJECT, "array"),
                arguments("\"text\"", RejectReason.NOT_AN_OBJECT, "string"),
                arguments("{" + ok + "} {}", RejectReason.MALFORMED_JSON, "Trailing token"),
                arguments("{\"question\":\"Why?\",\"context\":\"c\"}", RejectReason.MISSING_FIELD, "'id'"),
                arguments("{\"id\":\"q\",\"context\":\"c\"}", RejectReason.MISSING_FIELD, "'question'"),
                arguments("{\"id\":\"q\",\"question\":\"Why?\"}", RejectReason.MISSING_FIELD, "'context'"),
                arguments("{\"id\":\"q\",\"question\":null,\"context\":\"c\"}", RejectReason.MISSING_FIELD, "null"),
                arguments("{\"id\":7,\"question\":\"Why?\",\"context\":\"c\"}", RejectReason.WRONG_TYPE, "'id' must be a string (got number 7)"),
                arguments("{\"id\":\"q\",\"question\":[\"a\"],\"context\":\"c\"}", RejectReason.WRONG_TYPE, "'question'"),
                arguments("{\"id\":\"q\",\"question\":\"  \",\"context\":\"c\"}", RejectReason.EMPTY_FIELD, "'question'"),
                arguments("{\"id\":\"q\",\"question\":\"Why?\",\"context\":\"" + "x".repeat(201) + "\"}", RejectReason.TOO_LARGE, "got 201"),
                arguments("{" + ok + ",\"qestion\":\"typo\"}", RejectReason.UNKNOWN_FIELD, "'qestion'"),
                arguments("{" + ok + ",\"options\":{\"temperature\":1}}", RejectReason.UNKNOWN_OPTION, "'options.temperature'"),
                arguments("{" + ok + ",\"options\":{\"topK\":\"3\"}}", RejectReason.WRONG_TYPE, "'options.topK' must be an integer"),
                arguments("{" + ok + ",\"options\":{\"topK\":1.5}}", RejectReason.WRONG_TYPE, "'options.topK'"),
                arguments("{" + ok + ",\"options\":{\"topK\":99999999999}}", RejectReason.WRONG_TYPE, "'options.topK'"),
                arguments("{" + ok + ",\"options\":{\"topK\":0}}", RejectReason.OUT_OF_RANGE, "between 1 and 5 (got 0)"),
                arguments("{" + ok + ",\"options\":{\"explain\":\"yes\"}}", RejectReason.WRONG_TYPE, "'options.explain'"),
                arguments("{" + ok + ",\"options\":{\"allWords\":1}}", RejectReason.WRONG_TYPE, "'options.allWords'"),
                arguments("{" + ok + ",\"options\":{\"explanation\":\"lime\"}}", RejectReason.UNSUPPORTED_VALUE, "\"lime\""),
                arguments("{" + ok + ",\"options\":{\"mode\":\"paragraph\"}}", RejectReason.UNSUPPORTED_VALUE,
                        "'options.mode' must be one of [sentence, span] (got \"paragraph\")"),
                arguments("{" + ok + ",\"options\":{\"mode\":1}}", RejectReason.WRONG_TYPE, "'options.mode' must be a string"),
                arguments("{" + ok + ",\"options\":[]}", RejectReason.WRONG_TYPE, "'options' must be an object"),
                arguments("{\"id\":\"a\",\"id\":\"b\",\"question\":\"Why?\",\"context\":\"c\"}", RejectReason.DUPLICATE_FIELD, "'id'"),
                arguments("{" + ok + ",\"options\":" + "[".repeat(40) + "]".repeat(40) + "}", RejectReason.TOO_DEEP, "16"),
                arguments("{\"id\":\"q\",\"question\":\"What \\ud800?\",\"context\":\"c\"}", RejectReason.INVALID_UNICODE,
                        "field 'question' holds a lone surrogate \\ud800 at index 5"),
                arguments("{\"id\":\"q\",\"question\":\"Why?\",\"context\":\"ok \\udc00\"}", RejectReason.INVALID_UNICODE,
                        "'context' holds a lone surrogate \\udc00 at index 3"),
                arguments("{\"id\":\"q\",\"question\":\"\\u200b\\u200b\\u200b\",\"context\":\"c\"}", RejectReason.EMPTY_FIELD,
                        "field 'question' must hold a visible character (got only white space, control and format"
                                + " characters: U+200B U+200B U+200B)"),
                arguments("{\"id\":\"q\",\"question\":\"\\u0000\\u200f\",\"context\":\"c\"}", RejectReason.EMPTY_FIELD,
                        "U+0000 U+200F"),
                arguments("{\"id\":\"" + "i".repeat(21) + "\",\"question\":\"Why?\",\"context\":\"c\"}", RejectReason.TOO_LARGE, "'id'"));
    }

    /** RFC 8259 lets a parser ignore a byte-order mark before the JSON text; a pair of surrogates is one character. */
    @Test
    void skipsAByteOrderMarkAndKeepsSurrogatePairs() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = "{\"id\":\"q1\",\"question\":\"Why \\ud83c\\udf89?\",\"context\":\"Because.\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] value = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, value, 0, bom.length);
        System.arraycopy(json, 0, value, bom.length, json.length);
        QaRequest r = new RequestParser(LIMITS, DEFAULTS).parse(value);
        assertThat(r.question()).isEqualTo("Why \uD83C\uDF89?");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badEvents")
    void rejectsBadEventsWithASpecificReason(String json, RejectReason reason, String mentions) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith(reason.code() + ": ")
                .hasMessageContaining(mentions)
                .extracting(e -> ((InvalidRequestException) e).reason()).isEqualTo(reason);
    }

    @Test
    void rejectsInvalidUtf8NamingTheByteAndOffset() {
        byte[] value = "{\"id\":\"q\",\"question\":\"Wh?\",\"context\":\"c\"}".getBytes(StandardCharsets.UTF_8);
        value[24] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        assertThatThrownBy(() -> parser.parse(value))
                .hasMessage("invalid-utf8: value is not valid UTF-8 (byte 0xC3 at offset 24)");
    }

    @Test
    void rejectsValuesOverTheByteLimitBeforeParsing() {
        assertThatThrownBy(() -> parser.parse(new byte[1001]))
                .hasMessage("too-large: event value is larger than 1000 bytes (got 1001)");
    }

    @Test
    void rejectsNullValues() {
        assertThatThrownBy(() -> parser.parse(null)).hasMessageContaining("empty-value").hasMessageContaining("null");
    }

    private QaRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
