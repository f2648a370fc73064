package dev.attentionqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a SQuAD v1.1/v2.0 JSON file ({@code data[].paragraphs[].qas[]}) into a flat list of questions. */
public final class SquadDataset {

    private SquadDataset() {
    }

    /** The questions of a file, in file order. */
    public static List<SquadQuestion> read(Path file, ObjectMapper json) throws IOException {
        return questions(JsonFiles.readTree(file, json), file);
    }

    /** The questions of a file with the scoring rules its {@code version} field implies ({@link SquadVersion#forFile}). */
    public static SquadFile readFile(Path file, ObjectMapper json) throws IOException {
        JsonNode root = JsonFiles.readTree(file, json);
        return new SquadFile(SquadVersion.forFile(root.path("version").asText("")), questions(root, file));
    }

    /** The paragraph contexts of each article, in file order (for training's negative examples). */
    public static List<List<String>> articleParagraphs(Path file, ObjectMapper json) throws IOException {
        JsonNode root = JsonFiles.readTree(file, json);
        List<List<String>> articles = new ArrayList<>();
        for (JsonNode article : data(root, file)) {
            List<String> paragraphs = new ArrayList<>();
            article.get("paragraphs").forEach(p -> paragraphs.add(p.get("context").asText()));
            articles.add(paragraphs);
        }
        return articles;
    }

    private static JsonNode data(JsonNode root, Path file) {
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("not a SQuAD file: no 'data' array (got " + file + ")");
        }
        return data;
    }

    private static List<SquadQuestion> questions(JsonNode root, Path file) {
        List<SquadQuestion> questions = new ArrayList<>();
        for (JsonNode article : data(root, file)) {
            for (JsonNode paragraph : article.get("paragraphs")) {
                String context = paragraph.get("context").asText();
                for (JsonNode qa : paragraph.get("qas")) {
                    questions.add(question(qa, context));
                }
            }
        }
        return questions;
    }

    private static SquadQuestion question(JsonNode qa, String context) {
        List<String> answers = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        boolean impossible = qa.path("is_impossible").asBoolean(false);
        if (!impossible) {
            for (JsonNode a : qa.get("answers")) {
                answers.add(a.get("text").asText());
                starts.add(a.get("answer_start").asInt());
            }
        }
        return new SquadQuestion(qa.get("id").asText(), qa.get("question").asText(), context, answers, starts);
    }
}
