package dev.attentionqa.model;

/** An encoder batch is ragged, mismatched or longer than the model's position table. */
public class InvalidEncoderInputException extends IllegalArgumentException {

    /** Creates the exception with a message naming the offending value. */
    public InvalidEncoderInputException(String message) {
        super(message);
    }
}
