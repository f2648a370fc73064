package dev.attentionqa.model;

/** A model read from disk or the classpath: configuration, weights and identity, ready for {@link Encoder#create}. */
public record LoadedModel(BertConfig config, BertWeights weights, ModelInfo info) {
}
