package dev.attentionqa.model.train;

import dev.attentionqa.model.BertConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.ResourceApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The whole training step as one graph: {@link TrainableBert}'s span logits, the loss of HF's
 * {@code BertForQuestionAnswering} (mean of start and end cross-entropy), graph gradients, clipping by global norm and
 * AdamW (Loshchilov &amp; Hutter 2019: Adam plus decoupled weight decay, none on biases and LayerNorm). The optimizer
 * is written here with {@code ResourceApplyAdam} because TF Java's framework optimizers only update ref variables
 * and silently train nothing on resource variables.
 */
final class SpanTrainingGraph {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    static final String START_POSITIONS = "start_positions";
    static final String END_POSITIONS = "end_positions";
    static final String LEARNING_RATE = "learning_rate";
    static final String DROPOUT_RATE = "dropout_rate";
    static final String DROPOUT_SEED = "dropout_seed";
    /** β1^t and β2^t of Adam's bias correction, fed per step. */
    static final String BETA1_POWER = "beta1_power";
    static final String BETA2_POWER = "beta2_power";
    static final String LOSS = "loss";
    static final String GRADIENT_NORM = "gradient_norm";
    static final String START_LOGITS = "start_logits";
    static final String END_LOGITS = "end_logits";

    final TrainableVariables parameters;
    final TrainableVariables moments;
    final Op trainStep;
    final Operand<TFloat32> loss;
    final Operand<TFloat32> gradientNorm;
    final Operand<TFloat32> startLogits;
    final Operand<TFloat32> endLogits;
    /** d loss / d parameter, in {@link TrainableVariables#all()} order (before clipping). */
    final List<Output<?>> gradients;

    private SpanTrainingGraph(TrainableVariables parameters, TrainableVariables moments, Op trainStep,
                              Operand<TFloat32> loss, Operand<TFloat32> gradientNorm, Operand<TFloat32> startLogits,
                              Operand<TFloat32> endLogits, List<Output<?>> gradients) {
        this.parameters = parameters;
        this.moments = moments;
        this.trainStep = trainStep;
        this.loss = loss;
        this.gradientNorm = gradientNorm;
        this.startLogits = startLogits;
        this.endLogits = endLogits;
        this.gradients = gradients;
    }

    /** Builds the step into {@code graph}; {@link TrainingSettings} gives Adam's constants, decay and clipping. */
    static SpanTrainingGraph build(Graph graph, BertConfig config, TrainingSettings settings) {
        Ops tf = Ops.create(graph);
        TrainableVariables parameters = new TrainableVariables(tf, "parameters");
        TrainableBert.Inputs in = new TrainableBert.Inputs(ids(tf, INPUT_IDS), ids(tf, ATTENTION_MASK),
                ids(tf, TOKEN_TYPE_IDS),
                tf.withName(DROPOUT_RATE).placeholderWithDefault(tf.constant(0f), Shape.scalar()),
                tf.withName(DROPOUT_SEED).placeholderWithDefault(tf.constant(0L), Shape.scalar()));
        TrainableBert.SpanLogits logits = TrainableBert.build(tf, config, parameters, in);
        Operand<TFloat32> start = tf.withName(START_LOGITS).identity(logits.start());
        Operand<TFloat32> end = tf.withName(END_LOGITS).identity(logits.end());
        Operand<TFloat32> loss = tf.withName(LOSS).math.mul(tf.math.add(crossEntropy(tf, start, START_POSITIONS),
                crossEntropy(tf, end, END_POSITIONS)), tf.constant(0.5f));

        List<TrainableVariables.Variable> vars = parameters.all();
        List<Operand<?>> reads = new ArrayList<>();
        vars.forEach(v -> reads.add(v.read()));
        List<Output<?>> gradients = tf.gradients(loss, reads).dy();
        Operand<TFloat32> norm = tf.withName(GRADIENT_NORM).math.sqrt(sumOfSquares(tf, gradients));
        Operand<TFloat32> clip = tf.constant(settings.maxGradientNorm());
        Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(norm, clip)); // 1 unless the norm exceeds clip

        TrainableVariables moments = new TrainableVariables(tf, "adam");
        Operand<TFloat32> lr = tf.withName(LEARNING_RATE).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> beta1Power = tf.withName(BETA1_POWER).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> beta2Power = tf.withName(BETA2_POWER).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            TrainableVariables.Variable v = vars.get(i);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = tf.math.mul((Operand<TFloat32>) gradients.get(i), scale);
            moments.declare(firstMoment(v.name()), v.shape());
            moments.declare(secondMoment(v.name()), v.shape());
            Ops step = tf;
            if (TrainingSettings.decays(v.name()) && settings.weightDecay() > 0) {
                // decoupled decay p ← p − lr·λ·p, applied before the Adam step as PyTorch's AdamW does
                step = tf.withControlDependencies(tf.assignSubVariableOp(v.handle(),
                        tf.math.mul(v.read(), tf.math.mul(lr, tf.constant(settings.weightDecay())))));
            }
            updates.add(step.train.resourceApplyAdam(v.handle(), moments.get(firstMoment(v.name())).handle(),
                    moments.get(secondMoment(v.name())).handle(), beta1Power, beta2Power, lr,
                    tf.constant(settings.beta1()), tf.constant(settings.beta2()), tf.constant(settings.epsilon()), grad));
        }
        Op trainStep = tf.withControlDependencies(updates).withName("train_step").noOp();
        return new SpanTrainingGraph(parameters, moments, trainStep, loss, norm, start, end, gradients);
    }

    static String firstMoment(String name) {
        return "adam_m." + name;
    }

    static String secondMoment(String name) {
        return "adam_v." + name;
    }

    private static Placeholder<TInt64> ids(Ops tf, String name) {
        return tf.withName(name).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1, -1)));
    }

    /** Mean over the batch of softmax cross-entropy against the gold position fed as {@code positions} [batch]. */
    private static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, String positions) {
        Placeholder<TInt32> gold = tf.withName(positions).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TInt32> seq = tf.gather(tf.shape(logits), tf.constant(1), tf.constant(0));
        Operand<TFloat32> oneHot = tf.oneHot(gold, seq, tf.constant(1f), tf.constant(0f)); // [batch, seq]
        // the dense op: SparseSoftmaxCrossEntropyWithLogits has no gradient in TF Java 1.1.0
        return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
    }

    private static Operand<TFloat32> sumOfSquares(Ops tf, List<Output<?>> gradients) {
        List<Operand<TFloat32>> sums = new ArrayList<>();
        for (Output<?> g : gradients) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> grad = (Operand<TFloat32>) g;
            sums.add(tf.sum(tf.math.square(tf.reshape(grad, tf.constant(new int[] {-1}))), tf.constant(0)));
        }
        return tf.math.addN(sums);
    }
}
