package dev.attentionqa.model;

/** A model file or directory is malformed, incomplete or inconsistent with its configuration. */
public class ModelFormatException extends RuntimeException {

    /** Creates the exception with a message naming the offending value. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the I/O or parse failure behind it. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
