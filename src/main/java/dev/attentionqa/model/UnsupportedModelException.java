package dev.attentionqa.model;

/** A well-formed model uses a feature this engine does not implement (model type, dtype, activation). */
public class UnsupportedModelException extends ModelFormatException {

    /** Creates the exception with a message naming the unsupported value and what is supported. */
    public UnsupportedModelException(String message) {
        super(message);
    }
}
