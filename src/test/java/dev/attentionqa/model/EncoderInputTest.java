package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Encoder batches must be rectangular, consistent and within the model's limits. */
class EncoderInputTest {

    private static final BertConfig MINILM = new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, "gelu", "bert",
            false);

    @Test
    void rejectsRaggedInputNamingTheRowAndBothLengths() {
        long[][] ragged = {{101, 2023, 102}, {101, 102}};
        assertThatThrownBy(() -> EncoderInput.unpadded(ragged))
                .isInstanceOf(InvalidEncoderInputException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("length 3")
                .hasMessageContaining("(got 2)");
    }

    @Test
    void rejectsMaskOfAnotherShape() {
        long[][] ids = {{101, 2023, 102}};
        assertThatThrownBy(() -> new EncoderInput(ids, new long[][] {{1, 1}}, new long[1][3]))
                .isInstanceOf(InvalidEncoderInputException.class)
                .hasMessageContaining("attentionMask should be [1][3]")
                .hasMessageContaining("(got [1][2])");
    }

    @Test
    void rejectsSequenceLongerThanMaxPositionsNamingBoth() {
        EncoderInput tooLong = EncoderInput.unpadded(new long[1][513]);
        assertThatThrownBy(() -> tooLong.validateFor(MINILM))
                .isInstanceOf(InvalidEncoderInputException.class)
                .hasMessageContaining("512")
                .hasMessageContaining("(got 513)");
    }

    @Test
    void rejectsTokenIdOutsideTheVocabulary() {
        EncoderInput input = EncoderInput.unpadded(new long[][] {{101, 30522, 102}});
        assertThatThrownBy(() -> input.validateFor(MINILM))
                .isInstanceOf(InvalidEncoderInputException.class)
                .hasMessageContaining("inputIds[0][1]")
                .hasMessageContaining("(got 30522)");
    }

    @Test
    void acceptsPaddedBatchAtMaxPositions() {
        EncoderInput input = EncoderInput.unpadded(new long[2][512]);
        input.validateFor(MINILM);
        assertThat(input.batchSize()).isEqualTo(2);
        assertThat(input.seqLength()).isEqualTo(512);
    }
}
