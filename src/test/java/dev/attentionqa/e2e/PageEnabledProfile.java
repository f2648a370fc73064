package dev.attentionqa.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The page and its API switched on, with a token (as a deployment would set QA_PAGE_ENABLED and QA_PAGE_TOKEN). */
public class PageEnabledProfile implements QuarkusTestProfile {

    /** A test credential; real ones come from a Secret. */
    static final String TOKEN = "test-page-token-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("qa.page.enabled", "true", "qa.page.token", TOKEN);
    }
}
