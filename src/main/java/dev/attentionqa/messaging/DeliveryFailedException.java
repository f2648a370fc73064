package dev.attentionqa.messaging;

/** A micro-batch's outputs or offsets could not be written; the batch is consumed again. */
final class DeliveryFailedException extends Exception {

    DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
