package dev.attentionqa.model;

import java.util.Set;

/** A real encoder behind a wrapper that tests instrument: every call goes to {@code engine} unless overridden. */
public abstract class ForwardingEncoder implements BatchEncoder {

    protected final BatchEncoder engine;

    protected ForwardingEncoder(BatchEncoder engine) {
        this.engine = engine;
    }

    @Override
    public BertConfig config() {
        return engine.config();
    }

    @Override
    public ModelInfo info() {
        return engine.info();
    }

    @Override
    public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
        return engine.run(in, fetch);
    }

    @Override
    public InputAttribution integratedGradients(EncoderInput one, long[] baselineIds, int steps) {
        return engine.integratedGradients(one, baselineIds, steps);
    }
}
