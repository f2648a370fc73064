package dev.attentionqa.eval;

import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Sentence;
import dev.attentionqa.qa.SentencePipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ERASER faithfulness (DeYoung et al. 2020) of sentence-mode explanations. m(x) is the answer sentence's ranking
 * score; the rationale r is the top k % of that sentence's words by a ranking (rollout, last-layer attention, or a
 * seeded random order). Comprehensiveness = m(x) − m(sentence without r), sufficiency = m(x) − m(sentence = r only),
 * each rewritten sentence being its remaining words in text order joined by single spaces, rescored in place with
 * the rest of the context unchanged ({@link WordErasure}).
 */
public final class Faithfulness {

    /** Rationale sizes, as fractions of the answer sentence's words. */
    public static final double[] FRACTIONS = {0.10, 0.20};
    /** Sentences shorter than this are skipped: 10 % of them would round to the whole rationale of one word. */
    public static final int MIN_WORDS = 5;
    /** The rankings compared, in table order. */
    public static final List<String> RANKINGS = List.of("rollout", "attention", "random");

    private final SentencePipeline pipeline;
    private final long seed;

    public Faithfulness(SentencePipeline pipeline, long seed) {
        this.pipeline = pipeline;
        this.seed = seed;
    }

    public FaithfulnessReport run(List<SquadQuestion> questions, PrintStream progress) {
        return run(questions, seed, progress, this::measure);
    }

    /** One question's drops added to the sums ([ranking][fraction]); false when the question cannot be measured. */
    interface Measure {
        boolean add(SquadQuestion question, Random random, double[][] comprehensiveness, double[][] sufficiency);
    }

    /** Mean drops per ranking and fraction over the measured questions (each with its own seeded random order). */
    static FaithfulnessReport run(List<SquadQuestion> questions, long seed, PrintStream progress, Measure measure) {
        return run(questions, seed, progress, RANKINGS, FRACTIONS, measure);
    }

    /** As above for the given rankings and rationale sizes, in table order. */
    static FaithfulnessReport run(List<SquadQuestion> questions, long seed, PrintStream progress, List<String> rankings,
                                  double[] fractions, Measure measure) {
        long started = System.nanoTime();
        double[][] comprehensiveness = new double[rankings.size()][fractions.length];
        double[][] sufficiency = new double[rankings.size()][fractions.length];
        int measured = 0;
        for (int n = 0; n < questions.size(); n++) {
            if (measure.add(questions.get(n), new Random(seed + n), comprehensiveness, sufficiency)) {
                measured++;
            }
            Progress.print(progress, n + 1, questions.size(), started);
        }
        List<FaithfulnessReport.Row> rows = new ArrayList<>();
        for (int r = 0; r < rankings.size(); r++) {
            for (int f = 0; f < fractions.length; f++) {
                rows.add(new FaithfulnessReport.Row(rankings.get(r), fractions[f], comprehensiveness[r][f] / Math.max(1, measured),
                        sufficiency[r][f] / Math.max(1, measured)));
            }
        }
        return new FaithfulnessReport(measured, questions.size() - measured, rows, (System.nanoTime() - started) / 1e9);
    }

    /** Adds one question's drops to the sums; false when its sentence is too short to measure. */
    private boolean measure(SquadQuestion q, Random random, double[][] comprehensiveness, double[][] sufficiency) {
        List<Sentence> sentences = pipeline.sentences(q.context());
        double[] scores = pipeline.scores(q.question(), q.context(), sentences);
        int best = best(scores);
        Map<String, List<WordWeight>> rankings = rankings(q, sentences, best, random);
        int words = rankings.get("rollout").size();
        if (words < MIN_WORDS) {
            return false;
        }
        for (int r = 0; r < RANKINGS.size(); r++) {
            List<WordWeight> ranked = rankings.get(RANKINGS.get(r));
            for (int f = 0; f < FRACTIONS.length; f++) {
                int k = Math.max(1, (int) Math.ceil(FRACTIONS[f] * words));
                comprehensiveness[r][f] += scores[best] - rescore(q, sentences, best, ranked.subList(k, words));
                sufficiency[r][f] += scores[best] - rescore(q, sentences, best, ranked.subList(0, k));
            }
        }
        return true;
    }

    /** The answer sentence's words heaviest first per ranking; random is a seeded shuffle of the same words. */
    private Map<String, List<WordWeight>> rankings(SquadQuestion q, List<Sentence> sentences, int best, Random random) {
        Map<String, List<WordWeight>> rankings = new LinkedHashMap<>();
        rankings.put("rollout", pipeline.explainSentence(q.question(), q.context(), sentences, best,
                ExplanationMethod.ROLLOUT).context());
        rankings.put("attention", pipeline.explainSentence(q.question(), q.context(), sentences, best,
                ExplanationMethod.ATTENTION).context());
        List<WordWeight> shuffled = new ArrayList<>(rankings.get("rollout"));
        shuffled.sort(java.util.Comparator.comparingInt(WordWeight::start));
        Collections.shuffle(shuffled, random);
        rankings.put("random", shuffled);
        return rankings;
    }

    private double rescore(SquadQuestion q, List<Sentence> sentences, int index, List<WordWeight> kept) {
        WordErasure erased = WordErasure.keeping(q.context(), sentences, index, kept);
        return pipeline.scores(q.question(), erased.context(), erased.sentences())[index];
    }

    private static int best(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
