package dev.attentionqa.eval;

import dev.attentionqa.qa.Answer;
import dev.attentionqa.qa.QaResult;
import dev.attentionqa.qa.SentencePipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Runs the sentence pipeline over SQuAD questions and scores each answer against the gold spans. */
public final class SentenceEvaluation {

    private final SentencePipeline pipeline;
    private final PrintStream progress;

    public SentenceEvaluation(SentencePipeline pipeline, PrintStream progress) {
        this.pipeline = pipeline;
        this.progress = progress;
    }

    /** Runs every question and scores it under the v2.0 rules. */
    public EvalReport run(List<SquadQuestion> questions) {
        return run(questions, SquadVersion.V2_0);
    }

    /** Runs every question and scores it under the rules of the file's version. */
    public EvalReport run(List<SquadQuestion> questions, SquadVersion version) {
        long started = System.nanoTime();
        List<QuestionResult> results = new ArrayList<>(questions.size());
        for (SquadQuestion q : questions) {
            results.add(score(q, pipeline.answer(q.question(), q.context(), 3, 0), version));
            Progress.print(progress, results.size(), questions.size(), started);
        }
        return EvalReport.of(results, (System.nanoTime() - started) / 1e9);
    }

    static QuestionResult score(SquadQuestion q, QaResult result, SquadVersion version) {
        List<Answer> answers = result.answers();
        Answer top = answers.get(0);
        boolean top3 = answers.stream().limit(3).anyMatch(a -> holdsGold(q, a));
        return new QuestionResult(q.id(), top.text(), top.start(), top.end(), holdsGold(q, top), top3,
                SquadScoring.exactMatch(top.text(), q.answers(), version), SquadScoring.f1(top.text(), q.answers(), version));
    }

    /** Whether any gold answer span lies inside the answer's character range. */
    static boolean holdsGold(SquadQuestion q, Answer a) {
        for (int i = 0; i < q.answers().size(); i++) {
            int start = q.answerStarts().get(i);
            if (start >= a.start() && start + q.answers().get(i).length() <= a.end()) {
                return true;
            }
        }
        return false;
    }
}
