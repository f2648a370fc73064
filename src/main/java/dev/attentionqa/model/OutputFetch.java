package dev.attentionqa.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/** Which graph outputs a set of {@link EncoderOutput.Kind}s needs, and how their tensors become Java arrays. */
final class OutputFetch {

    private final Set<EncoderOutput.Kind> kinds;
    private final int layers;

    OutputFetch(Set<EncoderOutput.Kind> kinds, int layers) {
        this.kinds = kinds;
        this.layers = layers;
    }

    /** Graph output names of one kind, in the order their tensors are concatenated. */
    List<String> names(EncoderOutput.Kind kind) {
        return switch (kind) {
            case HIDDEN -> List.of(BertGraph.LAST_HIDDEN_STATE);
            case MEAN_ATTENTION -> List.of(BertGraph.MEAN_ATTENTION);
            case ROLLOUT -> List.of(BertGraph.ROLLOUT);
            case SPAN_SCORE -> List.of(GradientGraph.SPAN_SCORE);
            case GRAD_ATTENTION -> List.of(GradientGraph.GRAD_ATTENTION);
            case DECODED_SPAN -> List.of(GradientGraph.DECODED_SPAN);
            case QA_LOGITS -> List.of(BertGraph.START_LOGITS, BertGraph.END_LOGITS);
            case ALL_ATTENTION -> {
                List<String> names = new ArrayList<>();
                for (int layer = 0; layer < layers; layer++) {
                    names.add(BertGraph.attentionProbs(layer));
                }
                yield names;
            }
        };
    }

    /** Adds every needed output to the runner. */
    void addTo(Session.Runner runner) {
        for (EncoderOutput.Kind kind : kinds) {
            names(kind).forEach(runner::fetch);
        }
    }

    /** Copies each kind's tensors, stacked along a new leading axis when there are several, into one array. */
    Map<EncoderOutput.Kind, ArrayTensor> copyOut(Result result) {
        Map<EncoderOutput.Kind, ArrayTensor> out = new EnumMap<>(EncoderOutput.Kind.class);
        for (EncoderOutput.Kind kind : kinds) {
            out.put(kind, stack(result, names(kind), kind == EncoderOutput.Kind.ALL_ATTENTION
                    || kind == EncoderOutput.Kind.QA_LOGITS));
        }
        return out;
    }

    private static ArrayTensor stack(Result result, List<String> names, boolean addAxis) {
        int[] partShape = shapeOf(tensor(result, names.get(0)));
        int partSize = Math.toIntExact(ArrayTensor.elementCount(partShape));
        float[] data = new float[Math.multiplyExact(partSize, names.size())];
        for (int i = 0; i < names.size(); i++) {
            tensor(result, names.get(i)).asRawTensor().data().asFloats().read(data, i * partSize, partSize);
        }
        if (!addAxis) {
            return new ArrayTensor(data, partShape);
        }
        int[] shape = new int[partShape.length + 1];
        shape[0] = names.size();
        System.arraycopy(partShape, 0, shape, 1, partShape.length);
        return new ArrayTensor(data, shape);
    }

    private static Tensor tensor(Result result, String name) {
        return result.get(name).orElseThrow(() -> new IllegalStateException("session returned no " + name));
    }

    private static int[] shapeOf(Tensor tensor) {
        long[] dims = tensor.shape().asArray();
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Math.toIntExact(dims[i]);
        }
        return shape;
    }
}
