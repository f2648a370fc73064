package dev.attentionqa.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the worker under the {@code qa.} prefix; environment variables use {@code QA_...}. */
@ConfigMapping(prefix = "qa")
public interface WorkerConfig {

    /** Sentence scorers this build has (qa.answers.scoring). */
    java.util.Set<String> SCORINGS = java.util.Set.of("embedding", "token-match");

    /** Delivery guarantees (qa.delivery.mode). */
    java.util.List<String> DELIVERY_MODES = java.util.List.of("at-least-once", "exactly-once");
    java.util.List<String> ANSWER_KEYS = java.util.List.of("request-id", "request-key");

    /** Explanation methods this build can compute (the ids of explain.ExplanationMethod; a test keeps them equal). */
    java.util.Set<String> EXPLANATIONS = java.util.Set.of("attention", "rollout", "grad-attention", "integrated-gradients");
    /** The methods sentence answers can use: the gradient ones explain span scores only. */
    java.util.Set<String> SENTENCE_EXPLANATIONS = java.util.Set.of("attention", "rollout");

    /** Answer modes a request may ask for ({@code options.mode}). */
    java.util.Set<String> ANSWER_MODES = java.util.Set.of("span", "sentence");

    Model model();

    Engine engine();

    Windows windows();

    Answers answers();

    Explain explain();

    Limits limits();

    Health health();

    Page page();

    Shutdown shutdown();

    Topics topics();

    Consumer consumer();

    Delivery delivery();

    Batching batching();

    /** Which pretrained encoder to load. */
    interface Model {
        /**
         * A Hugging Face model directory (config.json, model.safetensors or model.onnx, tokenizer.json): with a
         * {@code qa_outputs} head it replaces the bundled span model, without one the bundled sentence model.
         */
        Optional<Path> dir();

        /** Name reported in answers from the {@code dir} model (default: the directory's name). */
        Optional<String> name();

        /** Revision reported in answers from the {@code dir} model (default: {@code local}). */
        Optional<String> revision();
    }

    /** TensorFlow session settings. */
    interface Engine {
        /** Threads one op may use (TF's pools are process-wide: the first session sets them). */
        @WithDefault("1")
        int intraOpThreads();

        /** Ops run at the same time. */
        @WithDefault("2")
        int interOpThreads();

        /** Slices of the sequence positions the graph encodes as independent op chains (at most 16). */
        @WithDefault("2")
        int lanes();

        /** Sequences per encoder call when the pipeline encodes many sentences. */
        @WithDefault("32")
        int maxBatchSize();

        Gpu gpu();
    }

    /** GPU settings; read only by the {@code -Pgpu} build (CPU builds ignore them). */
    interface Gpu {
        /** Let TensorFlow grow GPU memory as needed instead of taking it all at start (gpu_options.allow_growth). */
        @WithDefault("true")
        boolean allowGrowth();

        /** CUDA device ids TensorFlow may use, e.g. {@code 0} or {@code 0,1} (gpu_options.visible_device_list); empty: all. */
        Optional<String> visibleDevices();
    }

    /** How text is cut into encoder windows. */
    interface Windows {
        /** Tokens per window, special tokens included (HF pipeline: max_seq_len). */
        @WithDefault("384")
        int maxSeqLen();

        /** Overlap between consecutive windows of a long text, in tokens (HF pipeline: doc_stride). */
        @WithDefault("128")
        int docStride();

        /** Question tokens kept; longer questions are cut (HF pipeline: max_question_len). */
        @WithDefault("64")
        int maxQuestionLen();
    }

    /** Answer selection. */
    interface Answers {
        /**
         * Answer mode unless the request's {@code options.mode} says otherwise: {@code span} (the fact itself, read
         * by a model with a span head) or {@code sentence} (the context sentence that best matches the question).
         */
        @WithDefault("span")
        String mode();

        /** Answers per request unless the request's {@code options.topK} says otherwise. */
        @WithDefault("1")
        int topK();

        /**
         * How sentences are scored against the question: {@code token-match} (each question token's best cosine
         * against the sentence's tokens, the context encoded whole, question tokens weighted by IDF) or
         * {@code embedding} (cosine of mean-pooled embeddings, each sentence encoded alone). Measured in the README.
         */
        @WithDefault("token-match")
        String scoring();

        /**
         * Weight of the IDF word overlap (in [0, 1]) added to the scorer's score when ranking sentences.
         * Measured (README "Answer quality"): 0 is best with token-match, 1.0 with embedding.
         */
        @WithDefault("0.0")
        double idfWeight();

        /**
         * Whether a span answer that does not beat the model's no-answer score by {@link #noAnswerMargin()} is
         * withheld ({@code answers: []}) unless the request's {@code options.abstain} says otherwise. Off until the
         * bundled span model is one trained to abstain (docs/training.md).
         */
        @WithDefault("false")
        boolean abstain();

        /**
         * How far, in log-probability, the best span must be ahead of the no-answer score p_start[CLS]·p_end[CLS]
         * to be given when abstaining (0: as soon as the span beats it); calibrated per model on held-out training
         * questions with {@code eval --calibrate}.
         */
        @WithDefault("0.0")
        double noAnswerMargin();
    }

    /** Bounds on request events; anything beyond goes to the dead-letter topic. */
    interface Limits {
        /** Bytes of one event value. */
        @WithDefault("1048576")
        int maxValueBytes();

        /** Characters of {@code id}. */
        @WithDefault("256")
        int maxIdChars();

        /** Characters of {@code question}. */
        @WithDefault("2000")
        int maxQuestionChars();

        /** Characters of {@code context}. */
        @WithDefault("200000")
        int maxContextChars();

        /**
         * Model tokens of {@code context} (under the answering model's tokenizer); more is refused as
         * {@code too-many-tokens} before any model work. Default: half of {@link #maxContextChars()}.
         */
        Optional<Integer> maxContextTokens();

        /** Largest {@code options.topK}. */
        @WithDefault("20")
        int maxTopK();

        /** Largest {@code options.topWords}. */
        @WithDefault("200")
        int maxTopWords();
    }

    /** Health probes. */
    interface Health {
        /** Liveness turns DOWN when requests are in inference and no model batch finished for this long (stuck). */
        @WithDefault("PT2M")
        Duration maxInferenceStall();
    }

    /**
     * The page at {@code /} and its API, which shows answers and writes requests: off unless enabled, and then only
     * for callers that present the token ({@code Authorization: Bearer <token>}).
     */
    interface Page {
        @WithDefault("false")
        boolean enabled();

        /** The credential (QA_PAGE_TOKEN, from a Secret); required when enabled, at least 16 characters. */
        Optional<String> token();
    }

    /** Topic names (environment: QA_TOPIC_REQUESTS, QA_TOPIC_ANSWERS, QA_TOPIC_DEAD_LETTERS). */
    interface Topics {
        @WithDefault("qa.requests")
        String requests();

        @WithDefault("qa.answers")
        String answers();

        @WithDefault("qa.requests.dlq")
        String deadLetters();

        /**
         * Key of each answer record: {@code request-id} (the request's {@code id} field) or {@code request-key}
         * (the request record's own key, null stays null), for joins on the request topic's key such as Kafka
         * Streams'. Dead letters always keep the request's key.
         */
        @WithDefault("request-id")
        String answerKey();
    }

    /** The request consumer. */
    interface Consumer {
        /** Consume requests; only {@code serve} does (the other commands switch it off). */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group: replicas with the same group share the partitions (environment: QA_GROUP_ID). */
        @WithDefault("attention-qa-worker")
        String groupId();
    }

    /** Delivery guarantee. */
    interface Delivery {
        /**
         * {@code at-least-once}: answers are written, then offsets committed (a crash in between repeats answers);
         * {@code exactly-once}: answers and offsets in one Kafka transaction, readers use read_committed.
         */
        @WithDefault("at-least-once")
        String mode();

        /**
         * Transactional id of this replica (exactly-once only); must differ between live replicas and should stay
         * the same across a replica's restarts so the restarted one aborts what its predecessor left open.
         * Empty: {@code attention-qa-worker-<host name>}.
         */
        Optional<String> transactionalId();
    }

    /** Micro-batching: requests taken together from the topic, their encoder calls merged into model batches. */
    interface Batching {
        /** Most requests answered together (one micro-batch; also the consumer's max.poll.records). */
        @WithDefault("32")
        int maxRequests();

        /**
         * Most model tokens (every encoder window of every request) in one micro-batch, so that a batch of huge
         * contexts is split across polls; a single larger request still runs, alone.
         */
        @WithDefault("100000")
        int maxTokens();

        /** Longest an encoder call waits in the encoder queue for other calls to join its model batch. */
        @WithDefault("PT0.01S")
        Duration maxDelay();

        /** Most padded tokens (sequences × padded length) in one model batch; a larger single call runs alone. */
        @WithDefault("4096")
        int tokenBudget();

        /** Padded lengths are rounded up to a multiple of this, so the engine sees few distinct shapes. */
        @WithDefault("16")
        int padMultiple();
    }

    /** Graceful stop on SIGTERM. */
    interface Shutdown {
        /** How long shutdown waits for admitted requests to be answered and committed (keep below quarkus.shutdown.timeout). */
        @WithDefault("PT20S")
        Duration drainTimeout();
    }
}
