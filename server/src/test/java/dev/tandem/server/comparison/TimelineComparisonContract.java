package dev.tandem.server.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The contradiction check against a real incident's timeline: differences planted in a CSV are
 * found, exactly those, as each role may see them. Run on H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + TimelineComparisonContract.ADMIN_TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TimelineComparisonContract {
    @Autowired
    Accounts accounts;

    static final String ADMIN_TOKEN = "timeline-comparison-admin-token-0123456789";

    /**
     * Their timeline, as a spreadsheet exports it: a byte-order mark, CRLF, a quoted field with a
     * comma, an extra column. Planted: line 3 is 40 minutes after our firewall log was collected;
     * line 5 is an event we never recorded; our "incident opened" and, for those who open it, the
     * privileged memo, are events they lack.
     */
    static final String CSV = "\uFEFFtime,source,description,owner\r\n"
            + "2020-03-02T09:05:00+01:00,Audit lead,Became aware of the checkout leak,ann\r\n"
            + "2020-03-02T10:40:00+01:00,Audit lead,Firewall logs collected from the edge proxy,ann\r\n"
            + "2020-03-02T10:00:00Z,Audit lead,\"CRM export, downloaded by the attacker\",ann\r\n"
            + "2020-03-02T12:00:00Z,Audit lead,Regulator called about the breach,ann\r\n";

    @LocalServerPort
    int port;

    private Api ic;
    private Api liaison;
    private Api auditor;
    private String incident;
    private long opened;
    private long firewall;
    private long crm;
    private long memo;

    @BeforeAll
    void plant() {
        Api admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        String tag = Long.toString(System.nanoTime(), 36);
        ic = admin.as(user(admin, "ic-" + tag));
        liaison = admin.as(user(admin, "liaison-" + tag));
        auditor = admin.as(user(admin, "auditor-" + tag));
        Api.Response created = ic.postJson(
                "/api/v1/incidents",
                "{\"title\":\"Checkout leak\",\"severity\":\"HIGH\",\"awareAt\":\"2020-03-02T08:00:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        incident = created.json().path("id").asString();
        opened = created.json().path("ledgerIndex").asLong();
        for (var m : Map.of("liaison-" + tag, "AUDIT_LIAISON", "auditor-" + tag, "AUDITOR")
                .entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + incident + "/members/" + m.getKey(), "{\"role\":\"" + m.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        firewall = upload("AUDIT", "LOG", "firewall.log", "Firewall logs of the edge proxy", "2020-03-02T09:00:00Z");
        crm = upload(
                "AUDIT", "DATA_EXPORT", "crm-export.csv", "CRM export the attacker downloaded", "2020-03-02T10:00:00Z");
        memo = upload(
                "FORENSIC",
                "DOCUMENT",
                "memo-privileged.pdf",
                "Counsel memo on the breach scope",
                "2020-03-02T11:00:00Z");
    }

    @Test
    void findsExactlyThePlantedDifferencesInTheAuditorsView() {
        Api.Response r = compare(auditor, "", CSV);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(lines(c.path("missingHere"), "there")).containsExactly(5L);
        assertThat(indexes(c.path("missingThere"))).containsExactly(opened);
        assertThat(c.path("timeDiffers")).hasSize(1);
        JsonNode shifted = c.path("timeDiffers").get(0);
        assertThat(shifted.path("ledgerIndex").asLong()).isEqualTo(firewall);
        assertThat(shifted.path("there").path("line").asLong()).isEqualTo(3);
        assertThat(shifted.path("differenceSeconds").asLong()).isEqualTo(-2400);
        assertThat(shifted.path("difference").asString()).isEqualTo("PT-40M");
        assertThat(shifted.path("here").path("time").asString()).isEqualTo("2020-03-02T09:00:00Z");
        assertThat(shifted.path("there").path("time").asString()).isEqualTo("2020-03-02T09:40:00Z");
        assertThat(shifted.path("score").asDouble()).isBetween(0.5, 1.0);
        assertThat(c.path("matched").asInt()).isEqualTo(3);
        assertThat(c.path("rows").asInt()).isEqualTo(4);
        // the auditor cannot open the memo: left out, counted, never matched by its content
        assertThat(c.path("privilegedNotCompared").asInt()).isEqualTo(1);
        assertThat(r.body()).doesNotContain("memo-privileged").doesNotContain("Counsel memo");
        assertThat(c.path("method").asString()).contains("cosine").contains("greedily");
        assertThat(c.path("tolerance").asString()).isEqualTo("PT15M");
        assertThat(c.path("checkpoint").asLong()).isGreaterThan(memo);
        assertThat(c.path("ledgerIndex").isNull()).isTrue();
        assertThat(crm).isPositive();
    }

    @Test
    void theCommanderComparesThePrivilegedEntriesTheyOpen() {
        JsonNode c = compare(ic, "", CSV).json();
        // oldest first: the memo was collected in 2020, the incident opened today
        assertThat(indexes(c.path("missingThere"))).containsExactly(memo, opened);
        assertThat(c.path("privilegedNotCompared").asInt()).isZero();
        assertThat(lines(c.path("missingHere"), "there")).containsExactly(5L);
    }

    @Test
    void aWiderToleranceAcceptsTheShift() {
        JsonNode c = compare(auditor, "?tolerance=PT1H", CSV).json();
        assertThat(c.path("timeDiffers")).isEmpty();
        assertThat(c.path("tolerance").asString()).isEqualTo("PT1H");
        assertThat(c.path("matched").asInt()).isEqualTo(3);
    }

    @Test
    void savingRecordsTheCountsAndTheCsvsHashOnTheTimeline() throws Exception {
        Api.Response refused = compare(auditor, "?save=true", CSV);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        Api.Response saved = compare(
                liaison, "?save=true&source=" + URLEncoder.encode("Audit lead's sheet", StandardCharsets.UTF_8), CSV);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        long index = saved.json().path("ledgerIndex").asLong();
        JsonNode entry = null;
        for (JsonNode e :
                auditor.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("index").asLong() == index) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("type").asString()).isEqualTo("timeline.compared");
        JsonNode body = entry.path("body");
        assertThat(body.path("source").asString()).isEqualTo("Audit lead's sheet");
        assertThat(body.path("rows").asInt()).isEqualTo(4);
        assertThat(body.path("missingHere").asInt()).isEqualTo(1);
        assertThat(body.path("missingThere").asInt()).isEqualTo(1);
        assertThat(body.path("timeDiffers").asInt()).isEqualTo(1);
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(CSV.getBytes(StandardCharsets.UTF_8)));
        assertThat(body.path("sha256").asString()).isEqualTo(sha);
        // the commander's view rests on the privileged memo: the record is a commitment
        long privileged =
                compare(ic, "?save=true", CSV).json().path("ledgerIndex").asLong();
        for (JsonNode e :
                auditor.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("index").asLong() == privileged) {
                assertThat(e.path("privileged").asBoolean()).isTrue();
            }
        }
        // a recorded comparison is not itself an event to compare
        assertThat(indexes(compare(auditor, "", CSV).json().path("missingThere")))
                .containsExactly(opened);
    }

    @Test
    void aBadRowIsRefusedNamingItsLineAndColumn() {
        Api.Response r = compare(
                auditor,
                "",
                "time,source,description\r\n2020-03-02T09:05:00Z,a,ok\r\n2020-03-02T09:06:00,a,no offset\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:csv-no-offset");
        assertThat(r.json().path("detail").asString()).startsWith("line 3, column time");
        Api.Response noColumn = compare(auditor, "", "time,description\r\n2020-03-02T09:05:00Z,x\r\n");
        assertThat(noColumn.status()).isEqualTo(422);
        assertThat(noColumn.json().path("detail").asString()).contains("line 1").contains("\"source\"");
        Api.Response empty = compare(auditor, "", "time,source,description\r\n2020-03-02T09:05:00Z,a,\r\n");
        assertThat(empty.json().path("type").asString()).isEqualTo("urn:tandem:problem:csv-empty-description");
        Api.Response tolerance = compare(auditor, "?tolerance=fifteen", CSV);
        assertThat(tolerance.status()).isEqualTo(422);
    }

    @Test
    void aBodyOverFiveMebibytesIsRefusedAsTooLarge() {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        Api.Response r =
                auditor.send("POST", "/api/v1/incidents/" + incident + "/timeline/comparisons", "text/csv", big);
        assertThat(r.status()).as(r.body()).isEqualTo(413);
    }

    private Api.Response compare(Api as, String query, String csv) {
        return as.send(
                "POST",
                "/api/v1/incidents/" + incident + "/timeline/comparisons" + query,
                "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private long upload(String repository, String kind, String name, String description, String collectedAt) {
        Api.Response r = ic.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=" + kind + "&name="
                        + name + "&description=" + URLEncoder.encode(description, StandardCharsets.UTF_8)
                        + "&collectedAt=" + collectedAt,
                (name + " " + description).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("ledgerIndex").asLong();
    }

    private static List<Long> lines(JsonNode items, String side) {
        List<Long> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path(side).path("line").asLong()));
        return out;
    }

    private static List<Long> indexes(JsonNode items) {
        List<Long> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("ledgerIndex").asLong()));
        return out;
    }

    private String user(Api admin, String username) {
        return TestUsers.withToken(admin, accounts, username, "compare");
    }
}
