/**
 * The model engine: imports BERT-family weights (ONNX via {@link dev.attentionqa.model.OnnxWeightsReader},
 * Hugging Face safetensors via {@link dev.attentionqa.model.HfModelDirectory}), builds the encoder as a
 * TensorFlow Java graph ({@link dev.attentionqa.model.BertGraph}) and runs padded batches through
 * {@link dev.attentionqa.model.Encoder}. The only package that imports {@code org.tensorflow}; everything it
 * returns is plain Java arrays and records.
 */
package dev.attentionqa.model;
