package dev.attentionqa.bench;

import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Times the TF encoder (hidden states + head-averaged attention of every layer, what explanations use) against
 * a reference engine (hidden states + all attention outputs) on the same inputs, interleaving short rounds of
 * each so that drift in machine speed hits both alike.
 */
public final class EngineBenchmark {

    private static final int ROUNDS = 10;

    private final Encoder encoder;
    private final ReferenceEngine reference;
    private final double secondsPerCell;

    public EngineBenchmark(Encoder encoder, ReferenceEngine reference, double secondsPerCell) {
        this.encoder = encoder;
        this.reference = reference;
        this.secondsPerCell = secondsPerCell;
    }

    public List<BenchCell> run(int[][] cells, Consumer<BenchCell> onCell) {
        List<BenchCell> results = new ArrayList<>();
        for (int[] cell : cells) {
            BenchCell result = measure(cell[0], cell[1]);
            onCell.accept(result);
            results.add(result);
        }
        return results;
    }

    private BenchCell measure(int batch, int seq) {
        EncoderInput in = randomInput(batch, seq, 42L * batch + seq);
        // What the worker fetches from a batch: a span model's logits (its explanation is one more pass over the
        // answer's window), or an embedding model's hidden states and the head-averaged attention.
        EnumSet<EncoderOutput.Kind> fetch = encoder.config().hasQaHead() ? EnumSet.of(EncoderOutput.Kind.QA_LOGITS)
                : EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION);
        Runnable tf = () -> encoder.run(in, fetch);
        Runnable ort = () -> reference.run(in.inputIds(), in.attentionMask(), in.tokenTypeIds());
        tf.run(); // warm-up: first runs allocate and pick kernels
        ort.run();
        double roundSeconds = secondsPerCell / (2.0 * ROUNDS);
        long tfNanos = 0, ortNanos = 0, tfRuns = 0, ortRuns = 0;
        double[] roundRatios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long[] t = timed(tf, roundSeconds);
            long[] o = timed(ort, roundSeconds);
            roundRatios[round] = ((double) t[0] / t[1]) / ((double) o[0] / o[1]);
            tfRuns += t[0];
            tfNanos += t[1];
            ortRuns += o[0];
            ortNanos += o[1];
        }
        double tfRate = batch * tfRuns / (tfNanos / 1e9);
        double ortRate = batch * ortRuns / (ortNanos / 1e9);
        java.util.Arrays.sort(roundRatios);
        double median = (roundRatios[(ROUNDS - 1) / 2] + roundRatios[ROUNDS / 2]) / 2;
        return new BenchCell(batch, seq, tfRate, ortRate, tfRate / ortRate, roundRatios[0], median,
                roundRatios[ROUNDS - 1]);
    }

    /** Runs {@code work} at least once and until {@code seconds} passed; returns {runs, nanos}. */
    private static long[] timed(Runnable work, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long runs = 0;
        do {
            work.run();
            runs++;
        } while (System.nanoTime() < deadline);
        return new long[] {runs, System.nanoTime() - start};
    }

    /** Ids drawn from the ordinary-word range of a BERT vocabulary, full attention mask: cost depends on shape only. */
    static EncoderInput randomInput(int batch, int seq, long seed) {
        Random random = new Random(seed);
        long[][] ids = new long[batch][seq];
        long[][] mask = new long[batch][seq];
        long[][] types = new long[batch][seq];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < seq; s++) {
                ids[b][s] = s == 0 ? 101 : s == seq - 1 ? 102 : 1996 + random.nextInt(20000);
                mask[b][s] = 1;
            }
        }
        return new EncoderInput(ids, mask, types);
    }
}
