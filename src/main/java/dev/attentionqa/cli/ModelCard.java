package dev.attentionqa.cli;

import dev.attentionqa.model.ModelInfo;
import dev.attentionqa.train.TrainingRun;
import dev.attentionqa.train.TrainingState;

/** The model card written beside a trained model: base model, data, command settings, steps, time and loss. */
final class ModelCard {

    private ModelCard() {
    }

    static String of(TrainingState s, ModelInfo base) {
        TrainingRun r = s.run();
        return """
                # Span question answering, fine-tuned with TensorFlow Java

                - Base model: %s (%s)
                - Head: `BertForQuestionAnswering` span head (`qa_outputs`), trained from scratch
                - Data: `%s` (%d questions, %d skipped, %d sequences, negatives %s of questions); SQuAD v1.1, CC BY-SA 4.0
                - Settings: epochs %d, batch %d, learning rate %s (linear warm-up %s of steps, then linear decay),
                  AdamW weight decay %s, dropout %s, gradient clipping at global norm 1.0, seed %d,
                  max_seq_len %d, doc_stride %d, max_question_len %d
                - Steps: %d; training time %.0f s (%.1f sequences/s); final smoothed loss %.3f

                Command: `train --base %s --data <file> --negatives %s --epochs %d --batch-size %d --learning-rate %s --seed %d%s`
                """.formatted(base.name(), base.revision(), r.data(), s.questions(),
                s.skipped(), s.features(), r.negatives(), r.epochs(), r.batchSize(), r.learningRate(), r.warmup(), r.weightDecay(),
                r.dropout(), r.seed(), r.maxSeqLen(), r.docStride(), r.maxQuestionLen(), s.completedSteps(),
                s.seconds(), s.completedSteps() * (double) r.batchSize() / Math.max(1e-9, s.seconds()),
                s.smoothedLoss(), r.baseOrDefault(), r.negatives(), r.epochs(), r.batchSize(), r.learningRate(), r.seed(),
                r.maxSteps() > 0 ? " --max-steps " + r.maxSteps() : "");
    }
}
