package dev.attentionqa.eval;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Answer;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.SpanOptions;
import dev.attentionqa.qa.SpanPipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ERASER faithfulness (DeYoung et al. 2020) of span-mode explanations. m(x) is the model's probability
 * p_start·p_end of its best answer; the rationale r is the top k % of the context words its explanation ranks (the
 * words of the answer's window other than the answer) by rollout, last-layer attention, or a seeded random order.
 * Comprehensiveness = m(x) − m(x without r), sufficiency = m(x) − m(r and the answer only). Every context is rebuilt
 * from its words and the answer joined by single spaces ({@link SpanErasure}), x itself included, so spacing is the
 * same on both sides of each difference.
 */
public final class SpanFaithfulness {

    private final SpanPipeline pipeline;
    private final long seed;

    public SpanFaithfulness(SpanPipeline pipeline, long seed) {
        this.pipeline = pipeline;
        this.seed = seed;
    }

    public FaithfulnessReport run(List<SquadQuestion> questions, PrintStream progress) {
        return Faithfulness.run(questions, seed, progress, this::measure);
    }

    /** Adds one question's drops to the sums; false when there is no answer or too few words to rank. */
    private boolean measure(SquadQuestion q, Random random, double[][] comprehensiveness, double[][] sufficiency) {
        QaResult result = pipeline.answer(q.question(), q.context(), SpanOptions.defaults().withTopK(1));
        if (result.answers().isEmpty() || result.answers().get(0).text().isEmpty()) {
            return false;
        }
        Answer answer = result.answers().get(0);
        Map<String, List<WordWeight>> rankings = rankings(q, answer, random);
        if (rankings == null || rankings.get("rollout").size() < Faithfulness.MIN_WORDS) {
            return false;
        }
        List<WordWeight> all = rankings.get("rollout");
        int words = all.size();
        double whole = probability(q, all, answer);
        for (int r = 0; r < Faithfulness.RANKINGS.size(); r++) {
            List<WordWeight> ranked = rankings.get(Faithfulness.RANKINGS.get(r));
            for (int f = 0; f < Faithfulness.FRACTIONS.length; f++) {
                int k = Math.max(1, (int) Math.ceil(Faithfulness.FRACTIONS[f] * words));
                comprehensiveness[r][f] += whole - probability(q, ranked.subList(k, words), answer);
                sufficiency[r][f] += whole - probability(q, ranked.subList(0, k), answer);
            }
        }
        return true;
    }

    /** Context words heaviest first per ranking; random is a seeded shuffle of the same words. */
    private Map<String, List<WordWeight>> rankings(SquadQuestion q, Answer answer, Random random) {
        Explanation rollout = pipeline.explainAll(q.question(), q.context(), answer, ExplanationMethod.ROLLOUT);
        Explanation attention = pipeline.explainAll(q.question(), q.context(), answer, ExplanationMethod.ATTENTION);
        if (rollout == null || attention == null) {
            return null;
        }
        Map<String, List<WordWeight>> rankings = new LinkedHashMap<>();
        rankings.put("rollout", rollout.context());
        rankings.put("attention", attention.context());
        List<WordWeight> shuffled = new ArrayList<>(rollout.context());
        shuffled.sort(Comparator.comparingInt(WordWeight::start));
        Collections.shuffle(shuffled, random);
        rankings.put("random", shuffled);
        return rankings;
    }

    private double probability(SquadQuestion q, List<WordWeight> kept, Answer answer) {
        SpanErasure erased = SpanErasure.keeping(kept, answer);
        return pipeline.spanProbability(q.question(), erased.context(), erased.start(), erased.end());
    }
}
