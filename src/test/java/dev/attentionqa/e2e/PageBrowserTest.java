package dev.attentionqa.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /} in headless Chromium against the running worker and a real broker: the seed question typed
 * into the form goes through qa.requests, its answer arrives on the live feed with shaded words; screenshot in
 * target/page.png.
 */
@QuarkusTest
@TestProfile(PageEnabledProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class PageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    @TempDir
    Path profile;

    @Test
    void theSeedQuestionSentFromThePageComesBackLiveWithShadedWords() throws Exception {
        String question = JSON.readTree(SeedData.seedQa().toFile()).at("/data/0/paragraphs/0/qas/0/question").asText();
        try (Chromium browser = Chromium.open(root, profile)) {
            browser.waitFor("document.readyState === 'complete' && !!document.getElementById('ask')", Duration.ofSeconds(30));
            browser.evaluate("document.getElementById('token').value = " + JSON.writeValueAsString(PageEnabledProfile.TOKEN)
                    + "; document.getElementById('connect').click(); true");
            browser.waitFor("document.getElementById('connection').textContent === 'connected'", Duration.ofSeconds(30));
            browser.evaluate("document.getElementById('question').value = " + JSON.writeValueAsString(question)
                    + "; document.getElementById('context').value = " + JSON.writeValueAsString(SeedData.essay())
                    + "; document.getElementById('send').click(); true");
            String status = browser.waitFor("document.getElementById('status').textContent.startsWith('sent ')"
                    + " && document.getElementById('status').textContent", Duration.ofSeconds(30)).asText();
            String id = status.substring("sent ".length());
            String card = ".answer[data-id=\"" + id + "\"]";
            browser.waitFor("!!document.querySelector('" + card + "')", Duration.ofSeconds(120));
            JsonNode shaded = browser.evaluate("({question: document.querySelectorAll('" + card + " .question .w').length,"
                    + " chips: document.querySelectorAll('" + card + " .chips .w').length,"
                    + " meta: document.querySelector('" + card + " .meta').textContent,"
                    + " text: document.querySelector('" + card + " .text').textContent})");
            Path png = Path.of("target", "page.png");
            Files.write(png, browser.screenshot());
            assertThat(shaded.get("question").asInt()).as("shaded question words").isGreaterThan(3);
            // span mode (the default): the answer's own words are left out of the context weights, so the shaded
            // words are the question's and the top context words
            assertThat(shaded.get("chips").asInt()).as("shaded top context words").isGreaterThan(0);
            assertThat(shaded.get("meta").asText()).contains(" · span · rollout · ");
            assertThat(shaded.get("text").asText()).contains("A: ");
            assertThat(Files.size(png)).isGreaterThan(1000);
        }
    }
}
