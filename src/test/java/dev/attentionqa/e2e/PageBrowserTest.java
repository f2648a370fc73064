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
 * into the form (explained by last-layer attention) goes through qa.requests, and its answer arrives on the live feed
 * as a heat map of the whole essay with the answer marked; the card's first switch asks again with grad-attention,
 * which comes back weighted differently. Screenshot in target/page.png.
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
    void theSeedQuestionSentFromThePageComesBackLiveAsAHeatMapAndSwitchesMethod() throws Exception {
        String question = JSON.readTree(SeedData.seedQa().toFile()).at("/data/0/paragraphs/0/qas/0/question").asText();
        try (Chromium browser = Chromium.open(root, profile)) {
            browser.waitFor("document.readyState === 'complete' && !!document.getElementById('ask')", Duration.ofSeconds(30));
            browser.evaluate("document.getElementById('token').value = " + JSON.writeValueAsString(PageEnabledProfile.TOKEN)
                    + "; document.getElementById('connect').click(); true");
            browser.waitFor("document.getElementById('connection').textContent === 'connected'", Duration.ofSeconds(30));
            browser.evaluate("document.getElementById('question').value = " + JSON.writeValueAsString(question)
                    + "; document.getElementById('context').value = " + JSON.writeValueAsString(SeedData.essay())
                    + "; document.getElementById('method-attention').checked = true"
                    + "; document.getElementById('send').click(); true");
            String attentionCard = card(browser, awaitSent(browser, ""));
            JsonNode attention = view(browser, attentionCard);
            assertThat(attention.get("meta").asText()).contains(" · span · attention · ");
            assertHeatMap(attention);

            // the card's first switch asks again with grad-attention (the other methods follow); a new card answers
            browser.evaluate("document.querySelector('" + attentionCard + " .switch').click(); true");
            String gradCard = card(browser, awaitSent(browser, attentionCard));
            JsonNode grad = view(browser, gradCard);
            Path png = Path.of("target", "page.png");
            Files.write(png, browser.screenshot());
            assertThat(grad.get("meta").asText()).contains(" · span · grad-attention · ");
            assertHeatMap(grad);
            assertThat(grad.get("marked").asText()).isEqualTo(attention.get("marked").asText());
            assertThat(grad.get("weights").asText()).as("grad-attention and attention weigh the context differently")
                    .isNotEqualTo(attention.get("weights").asText());
            assertThat(Files.size(png)).isGreaterThan(1000);
        }
    }

    /** The id of the request the page sent last, once it differs from the one {@code previousCard} shows. */
    private static String awaitSent(Chromium browser, String previousCard) throws Exception {
        String previous = previousCard.isEmpty() ? "" : previousCard.substring(".answer[data-id=\"".length(),
                previousCard.length() - 2);
        String status = browser.waitFor("document.getElementById('status').textContent.startsWith('sent ')"
                + " && document.getElementById('status').textContent !== 'sent " + previous + "'"
                + " && document.getElementById('status').textContent", Duration.ofSeconds(30)).asText();
        return status.substring("sent ".length());
    }

    private static String card(Chromium browser, String id) throws Exception {
        String card = ".answer[data-id=\"" + id + "\"]";
        browser.waitFor("!!document.querySelector('" + card + "')", Duration.ofSeconds(120));
        return card;
    }

    private static JsonNode view(Chromium browser, String card) throws Exception {
        return browser.evaluate("({question: document.querySelectorAll('" + card + " .question .w').length,"
                + " chips: document.querySelectorAll('" + card + " .chips .w').length,"
                + " shaded: document.querySelectorAll('" + card + " .context .w').length,"
                + " context: document.querySelector('" + card + " .context').textContent,"
                + " marked: document.querySelector('" + card + " .context mark').textContent,"
                + " answer: document.querySelector('" + card + " .text').textContent,"
                + " weights: Array.from(document.querySelectorAll('" + card + " .context .w')).map(w => w.dataset.weight).join(),"
                + " meta: document.querySelector('" + card + " .meta').textContent})");
    }

    private static void assertHeatMap(JsonNode view) {
        assertThat(view.get("question").asInt()).as("shaded question words").isGreaterThan(3);
        assertThat(view.get("chips").asInt()).as("top context words").isEqualTo(10);
        // the whole essay is shown, many of its words shaded, the answer span marked inside it
        assertThat(view.get("context").asText()).isEqualTo(SeedData.essay());
        assertThat(view.get("shaded").asInt()).as("shaded context words").isGreaterThan(50);
        assertThat(view.get("marked").asText()).isNotBlank();
        assertThat(view.get("answer").asText()).contains("A: " + view.get("marked").asText());
    }
}
