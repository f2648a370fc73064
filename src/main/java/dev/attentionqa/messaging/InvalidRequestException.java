package dev.attentionqa.messaging;

/** A request that cannot be answered as sent; its message becomes the dead-letter reason header. */
public class InvalidRequestException extends RuntimeException {

    private final RejectReason reason;

    public InvalidRequestException(RejectReason reason, String detail) {
        super(reason.code() + ": " + detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
