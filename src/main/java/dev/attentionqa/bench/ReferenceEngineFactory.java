package dev.attentionqa.bench;

import dev.attentionqa.model.LoadedModel;

/**
 * Makes the reference engine for a model (found through {@link java.util.ServiceLoader} when the build has the
 * {@code bench} profile), so that {@code bench engine} measures both engines on the weights the worker serves.
 */
public interface ReferenceEngineFactory {

    ReferenceEngine create(LoadedModel model, int threads);
}
