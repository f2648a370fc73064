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
 * words of the answer's window other than the answer), k ∈ {1, 5, 10, 20, 50}, by each explanation method and by
 * three seeded random orders (their spread says how much of a gap is noise). Comprehensiveness = m(x) − m(x without
 * r), sufficiency = m(x) − m(r and the answer only); AOPC is their mean over k. Every context is rebuilt from its
 * words and the answer joined by single spaces ({@link SpanErasure}), x itself included, so spacing is the same on
 * both sides of each difference. The time each method takes to explain is summed per method.
 */
public final class SpanFaithfulness {

    /** ERASER's rationale sizes for AOPC, as fractions of the window's context words. */
    public static final double[] FRACTIONS = {0.01, 0.05, 0.10, 0.20, 0.50};
    /** Random orders measured, to show the spread a gap between methods must exceed. */
    public static final List<String> RANDOM = List.of("random-1", "random-2", "random-3");
    /** The rankings compared, in table order: every explanation method, then the random orders. */
    public static final List<String> RANKINGS;

    static {
        List<String> rankings = new ArrayList<>(ExplanationMethod.ids());
        rankings.addAll(RANDOM);
        RANKINGS = List.copyOf(rankings);
    }

    private final SpanPipeline pipeline;
    private final long seed;
    private final Map<String, Long> explainNanos = new LinkedHashMap<>();
    private int explained;

    public SpanFaithfulness(SpanPipeline pipeline, long seed) {
        this.pipeline = pipeline;
        this.seed = seed;
    }

    public FaithfulnessReport run(List<SquadQuestion> questions, PrintStream progress) {
        explainNanos.clear();
        explained = 0;
        FaithfulnessReport report = Faithfulness.run(questions, seed, progress, RANKINGS, FRACTIONS, this::measure);
        Map<String, Double> ms = new LinkedHashMap<>();
        explainNanos.forEach((method, nanos) -> ms.put(method, nanos / 1e6 / Math.max(1, explained)));
        return report.withMillisPerAnswer(ms);
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
        for (int r = 0; r < RANKINGS.size(); r++) {
            List<WordWeight> ranked = rankings.get(RANKINGS.get(r));
            for (int f = 0; f < FRACTIONS.length; f++) {
                int k = Math.max(1, (int) Math.ceil(FRACTIONS[f] * words));
                comprehensiveness[r][f] += whole - probability(q, ranked.subList(k, words), answer);
                sufficiency[r][f] += whole - probability(q, ranked.subList(0, k), answer);
            }
        }
        return true;
    }

    /** Context words heaviest first per method; each random order is a seeded shuffle of the same words. */
    private Map<String, List<WordWeight>> rankings(SquadQuestion q, Answer answer, Random random) {
        Map<String, List<WordWeight>> rankings = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (ExplanationMethod method : ExplanationMethod.values()) {
            long started = System.nanoTime();
            Explanation e = pipeline.explainAll(q.question(), q.context(), answer, method);
            nanos.put(method.id(), System.nanoTime() - started);
            if (e == null) {
                return null;
            }
            rankings.put(method.id(), e.context());
        }
        nanos.forEach((method, n) -> explainNanos.merge(method, n, Long::sum));
        explained++;
        for (String name : RANDOM) {
            List<WordWeight> shuffled = new ArrayList<>(rankings.get("rollout"));
            shuffled.sort(Comparator.comparingInt(WordWeight::start));
            Collections.shuffle(shuffled, random);
            rankings.put(name, shuffled);
        }
        return rankings;
    }

    private double probability(SquadQuestion q, List<WordWeight> kept, Answer answer) {
        SpanErasure erased = SpanErasure.keeping(kept, answer);
        return pipeline.spanProbability(q.question(), erased.context(), erased.start(), erased.end());
    }
}
