package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.nio.file.Path;

/** How the commands write their {@code --json} reports: indented, and snake_case where the report asks for it. */
final class JsonReports {

    private JsonReports() {
    }

    /** A copy of {@code json} that writes record components as snake_case keys ({@code tfSeqPerS} → {@code tf_seq_per_s}). */
    static ObjectMapper snakeCase(ObjectMapper json) {
        return json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    /** Writes {@code value} to {@code out}, indented. */
    static void write(ObjectMapper json, Path out, Object value) throws IOException {
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), value);
    }
}
