package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An address that matches nothing (docs/web.md, "Errors"): a browser gets the error page, in the
 * layout with the signed-in navigation; the API, and a client asking for JSON, get the RFC 9457
 * problem; the static resources the pages load are still served.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + UnknownPagesH2IT.ADMIN_TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnknownPagesH2IT {
    static final String ADMIN_TOKEN = "unknown-pages-admin-token-0123456789";
    /** What Chromium sends when it navigates to a page. */
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "unknown-pages");
    }

    @LocalServerPort
    int port;

    HttpClient session;
    final HttpClient anonymous = HttpClient.newHttpClient();
    String username;

    @BeforeAll
    void signIn() throws Exception {
        username = "ada-" + Long.toString(System.nanoTime(), 36);
        Api admin = new Api(base(), ADMIN_TOKEN);
        Api.Response created = admin.postJson(
                "/api/v1/users",
                "{\"username\":\"" + username + "\",\"displayName\":\"Ada\",\"password\":\"correct horse battery\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FormSession signedIn = new FormSession(base());
        HttpResponse<String> done = signedIn.signIn(username, "correct horse battery");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/incidents");
        session = signedIn.client();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(HttpClient client, String path, @Nullable String accept, @Nullable String token)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void aBrowserGetsTheErrorPageWithTheSignedInNavigation() throws Exception {
        HttpResponse<String> r = get(session, "/no-such-page", BROWSER, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(contentType(r)).startsWith("text/html");
        assertThat(r.body())
                .contains("data-problem=\"urn:tandem:problem:not-found\"")
                .contains("data-status=\"404\"")
                .contains("<title>Page not found · Tandem</title>")
                .contains("<h1>Page not found</h1>")
                .contains("no page at /no-such-page")
                // the same layout as every page: its stylesheet, and the navigation of a signed-in caller
                .contains("href=\"/css/tandem.css\"")
                .contains("Signed in as <strong>" + username + "</strong>")
                .contains("href=\"/ledger\"")
                .doesNotContain("Exception")
                .doesNotContain("at dev.tandem");
        // a deeper unknown address, and one under a page that exists, alike
        HttpResponse<String> deeper = get(session, "/incidents/x/no-such-tab/more", BROWSER, null);
        assertThat(deeper.statusCode()).isEqualTo(404);
        assertThat(deeper.body()).contains("data-problem=\"urn:tandem:problem:not-found\"");
        // signed out, a page address still sends the browser to sign in first, as before
        HttpResponse<String> signedOut = get(anonymous, "/no-such-page", BROWSER, null);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aQueryParameterOfTheWrongKindIsA400PageNamingIt() throws Exception {
        HttpResponse<String> r = get(session, "/ledger/verify?index=abc", BROWSER, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(contentType(r)).startsWith("text/html");
        assertThat(r.body())
                .contains("data-status=\"400\"")
                .contains("index: &#39;abc&#39; is not a whole number")
                .doesNotContain("Something went wrong")
                .doesNotContain("NumberFormatException");
    }

    @Test
    void theApiAndClientsAskingForJsonGetTheProblem() throws Exception {
        HttpResponse<String> api = get(anonymous, "/api/v1/no-such", BROWSER, ADMIN_TOKEN);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(contentType(api)).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(api.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        // an address that is not there is not-found, and says which, in the API's words, not Spring's
        assertThat(problem.path("type").asString()).isEqualTo("urn:tandem:problem:not-found");
        assertThat(problem.path("detail").asString())
                .isEqualTo("no such address: /api/v1/no-such")
                .doesNotContain("static resource");
        for (HttpResponse<String> r : List.of(
                get(anonymous, "/api/v1/no-such", "application/json", ADMIN_TOKEN),
                get(anonymous, "/no-such-page", "application/json", ADMIN_TOKEN),
                get(session, "/no-such-page", "application/json", null),
                get(session, "/no-such-page", "*/*", null),
                get(session, "/no-such-page", null, null))) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(404);
            assertThat(contentType(r)).as(r.uri().toString()).isEqualTo("application/problem+json");
            JsonNode p = JSON.readTree(r.body());
            assertThat(p.path("status").asInt()).isEqualTo(404);
            assertThat(p.path("type").asString()).isEqualTo(problem.path("type").asString());
        }
        // a bearer token on a page address with a browser's Accept: the page, as for a session
        HttpResponse<String> page = get(anonymous, "/no-such-page", BROWSER, ADMIN_TOKEN);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(contentType(page)).startsWith("text/html");
    }

    /**
     * A browser that asks for an address only a form posts to (reloading it, or a bookmark) gets the
     * error page, 405 with the methods it takes and a link back to the page the form is on; the API
     * keeps its problem, and so does a client asking for JSON.
     */
    @Test
    void aFormsAddressVisitedIsA405PageWithAWayBack() throws Exception {
        HttpResponse<String> r = get(session, "/incidents/0194-no-such/timeline", BROWSER, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(contentType(r)).startsWith("text/html");
        assertThat(r.headers().firstValue("Allow").orElse("")).contains("POST");
        assertThat(r.body())
                .contains("data-status=\"405\"")
                .contains("data-problem=\"urn:tandem:problem:bad-request\"")
                .contains("This address takes a form submission")
                .contains("href=\"/incidents/0194-no-such\"")
                .contains("Signed in as <strong>" + username + "</strong>")
                .doesNotContain("\"status\":405")
                .doesNotContain("Exception");
        // with no page above it but the incident list: back to the incidents
        HttpResponse<String> owner = get(session, "/obligations/0194-no-such/owner", BROWSER, null);
        assertThat(owner.statusCode()).isEqualTo(405);
        assertThat(owner.body())
                .contains("This address takes a form submission")
                .contains("go back to /incidents");
        // signed out, the browser is sent to sign in first, as for any page
        HttpResponse<String> signedOut = get(anonymous, "/incidents/0194-no-such/timeline", BROWSER, null);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        // the API, and a client asking for JSON, keep the problem
        for (HttpResponse<String> p : List.of(
                get(anonymous, "/api/v1/users/" + username + "/disable", BROWSER, ADMIN_TOKEN),
                get(anonymous, "/api/v1/users/" + username + "/disable", null, ADMIN_TOKEN),
                get(session, "/incidents/0194-no-such/timeline", "application/json", null))) {
            assertThat(p.statusCode()).as(p.uri().toString()).isEqualTo(405);
            assertThat(contentType(p)).as(p.uri().toString()).isEqualTo("application/problem+json");
            JsonNode problem = JSON.readTree(p.body());
            assertThat(problem.path("status").asInt()).isEqualTo(405);
            assertThat(problem.path("type").asString()).isEqualTo("urn:tandem:problem:bad-request");
            assertThat(p.headers().firstValue("Allow").orElse("")).contains("POST");
        }
    }

    /** An address Spring Security's firewall refuses is the standard problem too, not Spring's error JSON. */
    @Test
    void anAddressTheFirewallRefusesIsAProblem() throws Exception {
        for (HttpResponse<String> r : List.of(
                get(anonymous, "/api/v1/evidence/%2e%2e", "application/json", ADMIN_TOKEN),
                get(anonymous, "/api/v1/evidence/%2e%2e", null, ADMIN_TOKEN),
                get(session, "/evidence/%2e%2e", "*/*", null))) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
            assertThat(contentType(r)).as(r.uri().toString()).startsWith("application/problem+json");
            JsonNode p = JSON.readTree(r.body());
            assertThat(p.path("type").asString()).isEqualTo("urn:tandem:problem:bad-request");
            assertThat(p.path("status").asInt()).isEqualTo(400);
            assertThat(p.path("detail").asString()).contains("%2e%2e").contains("was refused");
            assertThat(r.body()).doesNotContain("timestamp").doesNotContain("Exception");
        }
        // a browser still gets the error page
        HttpResponse<String> page = get(session, "/evidence/%2e%2e", BROWSER, null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(contentType(page)).startsWith("text/html");
    }

    @Test
    void staticResourcesAreStillServed() throws Exception {
        for (String path : new String[] {"/webjars/htmx.org/dist/htmx.min.js", "/css/tandem.css", "/js/tandem.js"}) {
            HttpResponse<String> r = get(anonymous, path, "*/*", null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isNotEmpty();
        }
        HttpResponse<String> css = get(session, "/css/tandem.css", "text/css,*/*;q=0.1", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(contentType(css)).startsWith("text/css");
        // a missing stylesheet is a 404, not a page: the browser asked for CSS
        HttpResponse<String> missing = get(session, "/css/no-such.css", "text/css,*/*;q=0.1", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(contentType(missing)).doesNotStartWith("text/html");
    }
}
