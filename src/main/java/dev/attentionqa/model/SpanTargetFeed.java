package dev.attentionqa.model;

import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The tensors that feed {@link SpanTargets} to {@link GradientGraph} (no spans when it decodes them); closing frees them. */
final class SpanTargetFeed implements AutoCloseable {

    private final TInt32 starts;
    private final TInt32 ends;
    private final TFloat32 mask;

    private SpanTargetFeed(TInt32 starts, TInt32 ends, TFloat32 mask) {
        this.starts = starts;
        this.ends = ends;
        this.mask = mask;
    }

    /** Tensors for a batch padded to {@code seq} positions. */
    static SpanTargetFeed of(SpanTargets targets, int seq) {
        TInt32 starts = targets.isDecoded() ? null : TInt32.vectorOf(targets.starts());
        try {
            TInt32 ends = targets.isDecoded() ? null : TInt32.vectorOf(targets.ends());
            try {
                return new SpanTargetFeed(starts, ends, TFloat32.tensorOf(Shape.of(targets.batchSize(), seq),
                        DataBuffers.of(targets.flatMask(seq), true, false)));
            } catch (RuntimeException e) {
                close(ends);
                throw e;
            }
        } catch (RuntimeException e) {
            close(starts);
            throw e;
        }
    }

    /** Feeds the mask, and the spans unless the graph decodes them. */
    Session.Runner addTo(Session.Runner runner) {
        if (starts != null) {
            runner.feed(GradientGraph.EXPLAIN_START, starts).feed(GradientGraph.EXPLAIN_END, ends);
        }
        return runner.feed(GradientGraph.EXPLAIN_MASK, mask);
    }

    @Override
    public void close() {
        close(starts);
        close(ends);
        mask.close();
    }

    private static void close(TInt32 tensor) {
        if (tensor != null) {
            tensor.close();
        }
    }
}
