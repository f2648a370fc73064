package dev.attentionqa.runtime;

import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.web.PageAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks that settings make sense together; fails start-up once, listing every bad property with its value. */
final class ConfigCheck {

    private static final Pattern DEVICE_LIST = Pattern.compile("\\d+(,\\d+)*");

    private ConfigCheck() {
    }

    static void validate(WorkerConfig c) {
        List<String> problems = new ArrayList<>();
        range(problems, "qa.engine.intra-op-threads", c.engine().intraOpThreads(), 0, 256);
        range(problems, "qa.engine.inter-op-threads", c.engine().interOpThreads(), 0, 256);
        range(problems, "qa.engine.lanes", c.engine().lanes(), 1, EngineOptions.MAX_LANES);
        range(problems, "qa.engine.max-batch-size", c.engine().maxBatchSize(), 1, 1024);
        range(problems, "qa.windows.max-seq-len", c.windows().maxSeqLen(), 32, 512);
        range(problems, "qa.windows.max-question-len", c.windows().maxQuestionLen(), 1, c.windows().maxSeqLen() / 2);
        range(problems, "qa.windows.doc-stride", c.windows().docStride(), 0, c.windows().maxSeqLen() / 2);
        range(problems, "qa.answers.top-k", c.answers().topK(), 1, c.limits().maxTopK());
        range(problems, "qa.explain.top-words", c.explain().topWords(), 1, c.limits().maxTopWords());
        range(problems, "qa.explain.gradient-layers", c.explain().gradientLayers(), 1, 64);
        range(problems, "qa.explain.integrated-gradient-steps", c.explain().integratedGradientSteps(), 1, 256);
        range(problems, "qa.limits.max-value-bytes", c.limits().maxValueBytes(), 64, 64 * 1024 * 1024);
        range(problems, "qa.limits.max-id-chars", c.limits().maxIdChars(), 1, 4096);
        range(problems, "qa.limits.max-question-chars", c.limits().maxQuestionChars(), 1, 100_000);
        range(problems, "qa.limits.max-context-chars", c.limits().maxContextChars(), 1, 10_000_000);
        c.limits().maxContextTokens().ifPresent(t -> range(problems, "qa.limits.max-context-tokens", t, 1, 10_000_000));
        range(problems, "qa.batching.max-requests", c.batching().maxRequests(), 1, 1024);
        range(problems, "qa.batching.max-tokens", c.batching().maxTokens(), 1, Integer.MAX_VALUE);
        range(problems, "qa.batching.token-budget", c.batching().tokenBudget(), 1, 1 << 20);
        range(problems, "qa.batching.pad-multiple", c.batching().padMultiple(), 1, 512);
        Duration delay = c.batching().maxDelay();
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
            problems.add("qa.batching.max-delay must be between PT0S and PT10S (got " + delay + ")");
        }
        if (!WorkerConfig.ANSWER_KEYS.contains(c.topics().answerKey())) {
            problems.add("qa.topics.answer-key must be one of " + WorkerConfig.ANSWER_KEYS + " (got " + c.topics().answerKey() + ")");
        }
        if (!WorkerConfig.DELIVERY_MODES.contains(c.delivery().mode())) {
            problems.add("qa.delivery.mode must be one of " + WorkerConfig.DELIVERY_MODES + " (got " + c.delivery().mode() + ")");
        }
        c.delivery().transactionalId().filter(String::isBlank)
                .ifPresent(id -> problems.add("qa.delivery.transactional-id must not be blank (got '" + id + "')"));
        if (c.answers().idfWeight() < 0 || Double.isNaN(c.answers().idfWeight())) {
            problems.add("qa.answers.idf-weight must be ≥ 0 (got " + c.answers().idfWeight() + ")");
        }
        if (!Double.isFinite(c.answers().noAnswerMargin())) {
            problems.add("qa.answers.no-answer-margin must be a finite number (got " + c.answers().noAnswerMargin() + ")");
        }
        if (c.page().enabled() && c.page().token().map(String::length).orElse(0) < PageAccess.MIN_TOKEN_CHARS) {
            // the token itself is never shown, only its length
            problems.add("qa.page.enabled=true needs qa.page.token (QA_PAGE_TOKEN, from a Secret) of at least "
                    + PageAccess.MIN_TOKEN_CHARS + " characters (got " + c.page().token().map(t -> t.length()
                    + " characters").orElse("none") + ")");
        }
        if (!WorkerConfig.ANSWER_MODES.contains(c.answers().mode())) {
            problems.add("qa.answers.mode must be one of " + WorkerConfig.ANSWER_MODES + " (got " + c.answers().mode() + ")");
        }
        if (!WorkerConfig.SCORINGS.contains(c.answers().scoring())) {
            problems.add("qa.answers.scoring must be one of " + WorkerConfig.SCORINGS + " (got " + c.answers().scoring() + ")");
        }
        if (!WorkerConfig.SENTENCE_EXPLANATIONS.contains(c.explain().sentenceMethod())) {
            problems.add("qa.explain.sentence-method must be one of " + new java.util.TreeSet<>(WorkerConfig.SENTENCE_EXPLANATIONS)
                    + " (got " + c.explain().sentenceMethod() + ")");
        }
        if (!WorkerConfig.EXPLANATIONS.contains(c.explain().method())) {
            problems.add("qa.explain.method must be one of " + WorkerConfig.EXPLANATIONS + " (got " + c.explain().method() + ")");
        }
        Duration stall = c.health().maxInferenceStall();
        if (stall.compareTo(Duration.ofSeconds(1)) < 0 || stall.compareTo(Duration.ofHours(24)) > 0) {
            problems.add("qa.health.max-inference-stall must be between PT1S and PT24H (got " + stall + ")");
        }
        Duration drain = c.shutdown().drainTimeout();
        if (drain.isNegative() || drain.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("qa.shutdown.drain-timeout must be between PT0S and PT10M (got " + drain + ")");
        }
        c.engine().gpu().visibleDevices().filter(d -> !DEVICE_LIST.matcher(d).matches())
                .ifPresent(d -> problems.add("qa.engine.gpu.visible-devices must be device ids like 0 or 0,1 (got " + d + ")"));
        c.model().dir().filter(d -> !java.nio.file.Files.isDirectory(d))
                .ifPresent(d -> problems.add("qa.model.dir must be an existing directory (got " + d + ")"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private static void range(List<String> problems, String property, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(property + " must be between " + min + " and " + max + " (got " + value + ")");
        }
    }
}
