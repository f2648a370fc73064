package dev.attentionqa.bench;

import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderOutput;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Native-memory soak: many encoder runs of varying shape fetching what explanations use (hidden states and
 * head-averaged attention), RSS sampled as it goes. Every tensor is closed by the encoder, so RSS must level
 * off after warm-up; growth beyond a few percent means a leak.
 */
public final class SoakBenchmark {

    private final Encoder encoder;
    private final int samples;

    public SoakBenchmark(Encoder encoder, int samples) {
        this.encoder = encoder;
        this.samples = samples;
    }

    public SoakResult run(int inferences, int warmUp, Consumer<long[]> onSample) {
        Random random = new Random(7);
        int every = Math.max(1, inferences / samples);
        List<long[]> curve = new ArrayList<>();
        long afterWarmUp = -1;
        long started = System.nanoTime();
        for (int i = 1; i <= inferences; i++) {
            int batch = 1 + random.nextInt(4);
            int seq = 16 + random.nextInt(113);
            encoder.run(EngineBenchmark.randomInput(batch, seq, i),
                    EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.MEAN_ATTENTION));
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
}
