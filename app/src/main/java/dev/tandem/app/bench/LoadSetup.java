package dev.tandem.app.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares the incidents {@code tandem bench load} reads and writes, through the API as a user would:
 * the administrator creates an incident commander with a password; the commander signs in with the
 * web form and issues their own token there (an administrator issues no token for another user,
 * docs/access.md); the commander opens the
 * incident under investigation, adds the team and fills its timeline with a few hundred entries
 * (uploads of logs, some of them FORENSIC), and opens the incidents that take the uploads during the
 * load.
 */
final class LoadSetup {
    static final String COMMANDER = "bench-commander";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    /** The token {@code /account/tokens} shows once, after issuing it. */
    private static final Pattern ISSUED = Pattern.compile("id=\"new-token\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    LoadSetup(String base) {
        this.base = base;
    }

    /**
     * @param timelineEntries entries to give the timeline incident besides its opening: four members
     *     of the team added, then uploads of 1 to 16 KiB, every eighth of them FORENSIC
     */
    LoadScenario prepare(String adminToken, int timelineEntries, int uploadIncidents, List<byte[]> seededLeaves)
            throws IOException, InterruptedException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        expect(post(adminToken, "/api/v1/users", "application/json", json("""
                        {"username":"%s","displayName":"Bench incident commander","password":"%s"}""".formatted(COMMANDER, password))), 201);
        String token = ownToken(COMMANDER, password, "bench load");
        String incident = open(token, "Customer export leaked through an integration user");
        SplittableRandom random = new SplittableRandom(65);
        List<String> evidence = new ArrayList<>();
        // the response team (POST .../timeline notes are not built yet: people and uploads fill the timeline)
        List<String> team = List.of("RESPONDER", "LEGAL", "AUDIT_LIAISON", "AUDITOR");
        for (int i = 0; i < team.size(); i++) {
            String username = "bench-" + team.get(i).toLowerCase(Locale.ROOT).replace('_', '-');
            expect(
                    post(
                            adminToken,
                            "/api/v1/users",
                            "application/json",
                            json("{\"username\":\"" + username + "\",\"displayName\":\"" + team.get(i) + "\"}")),
                    201);
            expect(
                    put(
                            token,
                            "/api/v1/incidents/" + incident + "/members/" + username,
                            json("{\"role\":\"" + team.get(i) + "\"}")),
                    200);
        }
        for (int i = team.size(); i < timelineEntries; i++) {
            String repository = i % 8 == 3 ? "FORENSIC" : "AUDIT";
            byte[] body = new byte[random.nextInt(1 << 10, (16 << 10) + 1)];
            random.nextBytes(body);
            JsonNode item = expect(
                    post(
                            token,
                            "/api/v1/incidents/" + incident + "/evidence?repository=" + repository
                                    + "&kind=LOG&name=eventlog-" + i + ".csv&source=bench-load",
                            "application/octet-stream",
                            body),
                    201);
            evidence.add(item.path("id").asString());
        }
        List<String> uploads = new ArrayList<>();
        for (int i = 0; i < uploadIncidents; i++) {
            uploads.add(open(token, "Intake " + (i + 1) + ": evidence collection"));
        }
        int timelineSize = JSON.readTree(get(token, "/api/v1/incidents/" + incident + "/timeline"))
                .size();
        String checkpoint = get(token, "/api/v1/ledger/checkpoint");
        String[] lines = checkpoint.split("\n", 4);
        return new LoadScenario(
                token,
                incident,
                timelineSize,
                List.copyOf(evidence),
                List.copyOf(uploads),
                Long.parseLong(lines[1]),
                Base64.getDecoder().decode(lines[2]),
                seededLeaves);
    }

    /**
     * Signs {@code username} in with the web form and issues them a token at {@code /account/tokens},
     * each form with its CSRF token, as a browser does (docs/web.md); answers the token the page
     * shows once.
     */
    private String ownToken(String username, String password, String label) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .build();
        HttpResponse<String> signedIn = form(
                browser,
                "/login",
                "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + csrf(browser, "/login"));
        if (signedIn.headers().firstValue("Location").orElse("").contains("/login")) {
            throw new IllegalStateException("preparing the load: " + username + " could not sign in");
        }
        form(browser, "/account/tokens", "label=" + encode(label) + "&_csrf=" + csrf(browser, "/account/tokens"));
        String page = expect(
                        browser.send(
                                HttpRequest.newBuilder(URI.create(base + "/account/tokens"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)),
                        200,
                        "/account/tokens")
                .body();
        Matcher issued = ISSUED.matcher(page);
        if (!issued.find()) {
            throw new IllegalStateException("preparing the load: /account/tokens showed no new token");
        }
        return issued.group(1);
    }

    private String csrf(HttpClient browser, String page) throws IOException, InterruptedException {
        String body = expect(
                        browser.send(
                                HttpRequest.newBuilder(URI.create(base + page)).build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)),
                        200,
                        page)
                .body();
        Matcher m = CSRF.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("preparing the load: no CSRF token in " + page);
        }
        return encode(m.group(1));
    }

    /** Posts a form; the answer is a redirect (302). */
    private HttpResponse<String> form(HttpClient browser, String path, String form)
            throws IOException, InterruptedException {
        return expect(
                browser.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)),
                302,
                path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String open(String token, String title) throws IOException, InterruptedException {
        return expect(
                        post(
                                token,
                                "/api/v1/incidents",
                                "application/json",
                                json("{\"title\":\"" + title + "\",\"severity\":\"HIGH\"}")),
                        201)
                .path("id")
                .asString();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String token, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> put(String token, String path, byte[] body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String get(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return expect(r, 200, path).body();
    }

    private static JsonNode expect(HttpResponse<String> r, int status) {
        return JSON.readTree(expect(r, status, r.request().uri().getPath()).body());
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(String.format(
                    Locale.ROOT, "preparing the load: %s answered %d: %s", what, r.statusCode(), r.body()));
        }
        return r;
    }
}
