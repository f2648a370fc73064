package dev.attentionqa.bench;

import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Native-memory soak: many encoder runs of varying shape fetching what explanations use (hidden states,
 * head-averaged attention and rollout), RSS sampled as it goes. Every tensor is closed by the encoder, so RSS must
 * level off after warm-up; growth beyond a few percent means a leak.
 *
 * <p>Shapes are drawn as the worker makes them: 1–4 rows, real lengths 16–128 padded up to a multiple of
 * {@code padMultiple} (the worker's {@code qa.batching.pad-multiple}), padding masked: unpadded random lengths
 * would meet hundreds of shapes the worker never sees, and any per-shape state they leave behind.
 */
public final class SoakBenchmark {

    private final IntConsumer inference;
    private final int samples;

    /** Soaks {@code encoder} with inputs shaped as the worker shapes them (see the class comment). */
    public SoakBenchmark(Encoder encoder, int samples, int padMultiple) {
        this(encoderRuns(encoder, padMultiple), samples);
    }

    /** Soaks any workload: {@code inference} runs the i-th inference (1-based); a test gives it a leaking one. */
    SoakBenchmark(IntConsumer inference, int samples) {
        this.inference = inference;
        this.samples = samples;
    }

    private static IntConsumer encoderRuns(Encoder encoder, int padMultiple) {
        Random random = new Random(7);
        return i -> {
            int batch = 1 + random.nextInt(4);
            int real = 16 + random.nextInt(113);
            int seq = (real + padMultiple - 1) / padMultiple * padMultiple;
            encoder.run(padded(EngineBenchmark.randomInput(batch, seq, i), real), EnumSet.of(EncoderOutput.Kind.HIDDEN,
                    EncoderOutput.Kind.MEAN_ATTENTION, EncoderOutput.Kind.ROLLOUT));
        };
    }

    public SoakResult run(int inferences, int warmUp, Consumer<long[]> onSample) {
        int every = Math.max(1, inferences / samples);
        List<long[]> curve = new ArrayList<>();
        long afterWarmUp = -1;
        long started = System.nanoTime();
        for (int i = 1; i <= inferences; i++) {
            inference.accept(i);
            if (i == warmUp) {
                afterWarmUp = RssSampler.rssKib();
            }
            if (i % every == 0 || i == inferences) {
                long[] sample = {i, RssSampler.rssKib()};
                curve.add(sample);
                onSample.accept(sample);
            }
        }
        long end = RssSampler.rssKib();
        long base = afterWarmUp > 0 ? afterWarmUp : curve.get(0)[1];
        return new SoakResult(inferences, warmUp, curve, base, end, 100.0 * (end - base) / base,
                (System.nanoTime() - started) / 1e9);
    }

    /** The same ids with every row's positions from {@code real} on masked out, as padding is. */
    private static EncoderInput padded(EncoderInput in, int real) {
        for (long[] row : in.attentionMask()) {
            java.util.Arrays.fill(row, real, row.length, 0L);
        }
        return in;
    }
}
