package dev.attentionqa.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplanationBudgetTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void leavesASmallExplanationAsItIs() {
        Explanation small = new Explanation("rollout", List.of(0, 1), words(7, "word", 0), words(10, "ctx", 0));
        assertThat(ExplanationBudget.fit(small, ExplanationBudget.DEFAULT_MAX_BYTES)).isSameAs(small);
    }

    @Test
    void cutsAHugeQuestionToAPrefixAndKeepsTheHeaviestContextWordsUnder16Kb() throws Exception {
        Explanation huge = new Explanation("rollout", List.of(0, 1, 2, 3, 4, 5),
                words(2000, "question\"word\u00e9\u6771\u0001", 0), words(200, "contextword-🎉-long-long-long", 1_000_000));
        Explanation fitted = ExplanationBudget.fit(huge, ExplanationBudget.DEFAULT_MAX_BYTES);
        int bytes = json.writeValueAsString(fitted).getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(ExplanationBudget.DEFAULT_MAX_BYTES);
        assertThat(fitted.question()).isNotEmpty().isEqualTo(huge.question().subList(0, fitted.question().size()));
        assertThat(fitted.context()).isNotEmpty().isEqualTo(huge.context().subList(0, fitted.context().size()));
        assertThat(bytes).as("the budget is used, not wasted").isGreaterThan(ExplanationBudget.DEFAULT_MAX_BYTES / 2);
    }

    @Test
    void wordSizeIsAnUpperBoundOfJacksonsOutput() throws Exception {
        for (String word : List.of("a", "naïve", "東京", "🎉", "\"q\"", "tab\there", "back\\slash")) {
            WordWeight w = new WordWeight(word, 123456, 123460, -1.2345678901234567E-100);
            int actual = json.writeValueAsString(w).getBytes(StandardCharsets.UTF_8).length + 1;
            assertThat(ExplanationBudget.wordBytes(w)).as(word).isGreaterThanOrEqualTo(actual);
        }
    }

    @Test
    void refusesABudgetSmallerThanTheEnvelope() {
        Explanation e = new Explanation("rollout", List.of(0), List.of(), List.of());
        assertThatThrownBy(() -> ExplanationBudget.fit(e, 10)).hasMessageEndingWith("(got 10)");
    }

    private static List<WordWeight> words(int n, String text, int offset) {
        List<WordWeight> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = offset + i * (text.length() + 1);
            words.add(new WordWeight(text, start, start + text.length(), 1.0 / (3 * n + i)));
        }
        return words;
    }

    @Test
    void jsonBytesCountsUtf8AndEscapesAtEveryBoundary() {
        assertThat(ExplanationBudget.jsonBytes("a\"b\\c")).as("quote and backslash are escaped").isEqualTo(7);
        assertThat(ExplanationBudget.jsonBytes("\u001f")).as("control: \\u001f").isEqualTo(6);
        assertThat(ExplanationBudget.jsonBytes(" ")).as("0x20 is plain").isEqualTo(1);
        assertThat(ExplanationBudget.jsonBytes("\u007f")).isEqualTo(1);
        assertThat(ExplanationBudget.jsonBytes("\u0080")).isEqualTo(2);
        assertThat(ExplanationBudget.jsonBytes("\u07ff")).isEqualTo(2);
        assertThat(ExplanationBudget.jsonBytes("\u0800")).isEqualTo(3);
        assertThat(ExplanationBudget.jsonBytes("東")).isEqualTo(3);
        assertThat(ExplanationBudget.jsonBytes("🎉")).as("a surrogate pair: 2 × 3 ≥ its 4 bytes").isEqualTo(6);
    }

    @Test
    void theSmallestBudgetItNamesIsEnough() throws Exception {
        Explanation e = new Explanation("rollout", List.of(0, 1, 2), List.of(new WordWeight("What", 0, 4, 1.0)),
                List.of(new WordWeight("Paris", 10, 15, 1.0)));
        String message = org.assertj.core.api.Assertions.catchThrowable(() -> ExplanationBudget.fit(e, 10)).getMessage();
        int needed = Integer.parseInt(message.replaceAll(".*at least (\\d+) bytes.*", "$1"));
        Explanation fitted = ExplanationBudget.fit(e, needed); // no exception at exactly the bound
        assertThat(new ObjectMapper().writeValueAsBytes(fitted).length).isLessThanOrEqualTo(needed);
        assertThatThrownBy(() -> ExplanationBudget.fit(e, needed - 1)).hasMessageContaining("at least " + needed);
    }
}
