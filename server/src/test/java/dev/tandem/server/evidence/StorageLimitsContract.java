package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bounded storage and bodies: an upload that would pass the incident's quota is refused with 507
 * before anything is written (declared or streamed), reads go on; request bodies over the limit
 * are refused with 413 before (or while) they are read. Run on H2 and PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + StorageLimitsContract.TOKEN,
            // byte sizes with units (docs/operations.md, "Start-up"): 1KB is 1000 bytes, 4KiB 4096
            "tandem.evidence.incident-quota-bytes=1KB",
            "tandem.api.max-body-bytes=4KiB",
            "logging.level.dev.tandem=WARN"
        })
abstract class StorageLimitsContract {
    static final String TOKEN = "storage-limits-admin-token-0123456789";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port, TOKEN);
    }

    String incident() {
        Api.Response r = api.postJson(
                "/api/v1/incidents", "{\"title\":\"Quota\",\"severity\":\"LOW\",\"awareAt\":\"2026-11-26T08:00:00Z\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    String uploadPath(String incident, String name) {
        return "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=OTHER&name=" + name;
    }

    @Test
    void anUploadPastTheIncidentsQuotaIsRefusedWith507AndNothingIsWritten() throws Exception {
        String incident = incident();
        Api.Response first =
                api.postBytes(uploadPath(incident, "a.bin"), "a".repeat(600).getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long entries = entries();

        Api.Response declared =
                api.postBytes(uploadPath(incident, "b.bin"), "b".repeat(500).getBytes(StandardCharsets.UTF_8));
        assertThat(declared.status()).as(declared.body()).isEqualTo(507);
        assertThat(declared.body())
                .contains("urn:tandem:problem:insufficient-storage")
                .contains("quota");
        // which quota, its size and the upload's; not what the incident holds (privileged items
        // included) nor what is left, from which the size of each new item follows
        assertThat(declared.json().path("detail").asString())
                .isEqualTo("an upload of 500 bytes does not fit in the incident's quota of 1,000 bytes"
                        + " (tandem.evidence.incident-quota-bytes); nothing was written");

        // streamed without a declared length: cut off at the room left, same answer
        HttpResponse<String> streamed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + uploadPath(incident, "c.bin")))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(new byte[600])))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(507);
        // the detail, not the whole body: the body's instance holds a random incident id, whose digits
        // may spell anything
        String detail = new Api.Response(streamed.statusCode(), streamed.body(), null)
                .json()
                .path("detail")
                .asString();
        assertThat(detail)
                .isEqualTo("the upload outgrew the room left in the incident's quota of 1,000 bytes"
                        + " (tandem.evidence.incident-quota-bytes); nothing was written")
                .doesNotContain("400")
                .doesNotContain("600");

        assertThat(entries()).isEqualTo(entries);
        Integer items =
                jdbc.queryForObject("SELECT COUNT(*) FROM evidence WHERE incident_id = ?", Integer.class, incident);
        assertThat(items).isOne();
        // reads go on
        assertThat(api.get("/api/v1/incidents/" + incident + "/evidence").status())
                .isEqualTo(200);
        // another incident has a quota of its own
        assertThat(api.postBytes(uploadPath(incident(), "d.bin"), new byte[600]).status())
                .isEqualTo(201);
    }

    @Test
    void requestBodiesOverTheLimitAreRefusedWith413() throws Exception {
        String incident = incident();
        String big = "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"" + "x".repeat(5000) + "\"}";
        Api.Response declared = api.postJson("/api/v1/incidents/" + incident + "/judgements", big);
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(declared.body()).contains("urn:tandem:problem:body-too-large");

        HttpResponse<String> streamed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/incidents/" + incident + "/judgements"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(streamed.body()).contains("urn:tandem:problem:body-too-large");
        // evidence uploads have their own, larger limit
        assertThat(api.postBytes(uploadPath(incident, "e.bin"), new byte[900]).status())
                .isEqualTo(201);
    }

    private long entries() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);
        return n == null ? 0 : n;
    }
}
