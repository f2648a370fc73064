package dev.attentionqa.messaging;

/** Why a request event went to the dead-letter topic; the code is the first word of the reason header. */
public enum RejectReason {
    EMPTY_VALUE("empty-value"),
    INVALID_UTF8("invalid-utf8"),
    MALFORMED_JSON("malformed-json"),
    NOT_AN_OBJECT("not-an-object"),
    DUPLICATE_FIELD("duplicate-field"),
    TOO_DEEP("too-deep"),
    UNKNOWN_FIELD("unknown-field"),
    MISSING_FIELD("missing-field"),
    WRONG_TYPE("wrong-type"),
    EMPTY_FIELD("empty-field"),
    INVALID_UNICODE("invalid-unicode"),
    TOO_LARGE("too-large"),
    OUT_OF_RANGE("out-of-range"),
    UNKNOWN_OPTION("unknown-option"),
    UNSUPPORTED_VALUE("unsupported-value"),
    NO_SENTENCE("no-sentence"),
    TOO_MANY_TOKENS("too-many-tokens"),
    PROCESSING_FAILED("processing-failed");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
