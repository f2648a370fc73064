package dev.attentionqa.model;

/** Told after every encoder run how big the batch was and how long it took; must be cheap and must not throw. */
@FunctionalInterface
public interface RunListener {

    /** Listens to nothing. */
    RunListener NONE = (batch, seqLength, tokens, nanos) -> { };

    /**
     * One run finished.
     *
     * @param batch     sequences in the batch
     * @param seqLength padded length of every sequence
     * @param tokens    real (unpadded) tokens in the batch
     * @param nanos     wall time of the run, copying the outputs out included
     */
    void afterRun(int batch, int seqLength, long tokens, long nanos);
}
