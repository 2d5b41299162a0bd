package dev.tandem.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares the incidents {@code tandem bench load} reads and writes, through the API as a user would:
 * the administrator creates an incident commander and a token for them; the commander opens the
 * incident under investigation, adds the team and fills its timeline with a few hundred entries
 * (uploads of logs, some of them FORENSIC), and opens the incidents that take the uploads during the
 * load.
 */
final class LoadSetup {
    static final String COMMANDER = "bench-commander";
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        expect(post(adminToken, "/api/v1/users", "application/json", json("""
                        {"username":"%s","displayName":"Bench incident commander"}""".formatted(COMMANDER))), 201);
        String token = expect(
                        post(
                                adminToken,
                                "/api/v1/users/" + COMMANDER + "/tokens",
                                "application/json",
                                json("{\"label\":\"bench load\"}")),
                        201)
                .path("token")
                .asString();
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
