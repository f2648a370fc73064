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

    public EvalReport run(List<SquadQuestion> questions) {
        long started = System.nanoTime();
        List<QuestionResult> results = new ArrayList<>(questions.size());
        for (SquadQuestion q : questions) {
            results.add(score(q, pipeline.answer(q.question(), q.context(), 3, 0)));
            Progress.print(progress, results.size(), questions.size(), started);
        }
        return EvalReport.of(results, (System.nanoTime() - started) / 1e9);
    }

    static QuestionResult score(SquadQuestion q, QaResult result) {
        List<Answer> answers = result.answers();
        Answer top = answers.get(0);
        boolean top3 = answers.stream().limit(3).anyMatch(a -> holdsGold(q, a));
        return new QuestionResult(q.id(), top.text(), top.start(), top.end(), holdsGold(q, top), top3,
                SquadScoring.exactMatch(top.text(), q.answers()), SquadScoring.f1(top.text(), q.answers()));
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
