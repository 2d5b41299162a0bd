package dev.tandem.server.demo;

import static dev.tandem.server.TestBags.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.export.ExportBag;
import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import dev.tandem.server.change.Change;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo walks a change from the finding to the retest: the over-permissioned integration user's
 * proposed containment becomes a change, approved by the commander and the liaison, acknowledged by
 * the auditor, executed with a diff that names the removed View All Data, verified closed by the
 * analyzers, and the permission set's tested CC6.3 becomes a retest with its fee.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.demo=true",
            "tandem.audit.fee=80000",
            "tandem.audit.currency=EUR",
            "logging.level.dev.tandem=WARN"
        })
class DemoChangeIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "demo-change");
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Autowired
    DemoChange walk;

    @Test
    void theDemoWalksAChangeFromFindingToRetest() throws Exception {
        DemoData.Loaded loaded = demo.load();
        Change change = walk.walk(loaded, Duration.ofMinutes(3)).orElseThrow();
        String incident = loaded.incident().id();
        Api auditor = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.AUDITOR));
        Api ic = auditor.as(loaded.tokenOf(Role.INCIDENT_COMMANDER));

        JsonNode c = ic.get("/api/v1/changes/" + change.id()).json();
        assertThat(c.path("status").asString()).isEqualTo("EXECUTED");
        assertThat(c.path("finding").asString()).isNotEmpty();
        assertThat(c.path("kind").asString()).isEqualTo("ACCESS_RESTRICTION");
        assertThat(c.path("configItems").get(0).asString()).startsWith("PermissionSet:Integration_Full_Access");
        assertThat(c.path("approvals")).hasSize(2);
        assertThat(c.path("acknowledgements")).hasSize(1);
        assertThat(c.path("openRisk").asBoolean()).isFalse();
        List<String> differences = new ArrayList<>();
        c.path("diffs")
                .forEach(d -> d.path("differences")
                        .forEach(x -> differences.add(x.path("path").asString() + ": "
                                + x.path("description").asString())));
        assertThat(differences)
                .contains(DemoChange.PERMSET_FILE + "!/PermissionSet/"
                        + "userPermissions[name=ViewAllData]: removed userPermissions ViewAllData");
        // the demo's change does what it was approved for, nothing beyond
        assertThat(c.path("touchedItems").toString())
                .contains("PermissionSet:Integration_Full_Access#ViewAllData")
                .contains("PermissionSet:Integration_Full_Access#ViewAllRecords/Contact");
        assertThat(c.path("unapprovedItems"))
                .as(c.path("touchedItems").toString())
                .isEmpty();
        assertThat(c.path("snapshotsBeforeApproval")).isEmpty();
        // the analyzers ran on the post-change metadata: the finding is closed
        assertThat(c.path("verification").path("closed").asBoolean())
                .as(c.path("verification").toString())
                .isTrue();

        JsonNode retests =
                auditor.get("/api/v1/incidents/" + incident + "/retests").json();
        List<String> controls = new ArrayList<>();
        retests.path("retests").forEach(r -> controls.add(r.path("control").asString()));
        // from a finding, the change takes the register's control for the item it changes, not every
        // control the finding violates (CC6.1 on the admin profile, CC7.2 on monitoring are untouched)
        assertThat(controls).containsExactly("CC6.3");
        assertThat(c.path("controls").toString()).isEqualTo("[\"CC6.3\"]");
        assertThat(retests.path("fee").path("high").decimalValue()).isEqualByComparingTo("24000");
        // within the observation period the liaison recorded before the register: a year holding both
        JsonNode period = auditor.get("/api/v1/incidents/" + incident + "/observation-period")
                .json();
        assertThat(period.path("setBy").asString()).isEqualTo("liaison");
        java.time.LocalDate start =
                java.time.LocalDate.parse(period.path("start").asString());
        java.time.LocalDate end = java.time.LocalDate.parse(period.path("end").asString());
        java.time.LocalDate executed = java.time.LocalDate.parse(
                retests.path("retests").path(0).path("executedAt").asString().substring(0, 10));
        assertThat(executed).isBetween(start, end);
        assertThat(java.time.LocalDate.parse(
                        retests.path("retests").path(0).path("testedOn").asString()))
                .isBetween(start, end);

        List<String> types = new ArrayList<>();
        auditor.get("/api/v1/incidents/" + incident + "/timeline")
                .json()
                .forEach(e -> types.add(e.path("type").asString()));
        assertThat(types)
                .contains(
                        "audit.period-set",
                        "control-tests.imported",
                        "change.requested",
                        "change.decided",
                        "change.acknowledged",
                        "change.executed",
                        "change.verified",
                        "change.processes-verified");
        // the finding rests on FORENSIC evidence: a request from it brings its own words, or the
        // finding's would go into the public ledger; nothing is recorded
        String finding = c.path("finding").asString();
        Api.Response filled = ic.postJson(
                "/api/v1/incidents/" + incident + "/changes",
                "{\"finding\":\"" + finding + "\",\"containment\":0,\"businessProcesses\":[\"order sync\"]}");
        assertThat(filled.status()).as(filled.body()).isEqualTo(422);
        assertThat(filled.json().path("type").asString()).endsWith(":privileged-finding-words");
        assertThat(filled.json().path("detail").asString()).startsWith("title: finding " + finding);
        Api.Response described = ic.postJson(
                "/api/v1/incidents/" + incident + "/changes",
                "{\"finding\":\"" + finding + "\",\"containment\":0,\"title\":\"Revoke a permission\","
                        + "\"businessProcesses\":[\"order sync\"]}");
        assertThat(described.status()).as(described.body()).isEqualTo(422);
        assertThat(described.json().path("detail").asString()).startsWith("description: ");
        // the accepted request carries the requester's words, not the finding's: nothing of the
        // FORENSIC items it rests on (their names) reaches the public record
        JsonNode asAuditor = auditor.get("/api/v1/changes/" + change.id()).json();
        assertThat(asAuditor.path("rollbackPlan").asString())
                .isEqualTo("Redeploy the permission set from the pre-change metadata snapshot");
        // walking again changes nothing
        assertThat(walk.walk(loaded, Duration.ofSeconds(1)).orElseThrow().id()).isEqualTo(change.id());

        // a second change from a finding found on the metadata of before the first change: its
        // pre-change snapshot is the configuration as it is now, the newest snapshot of that name
        JsonNode evidence =
                ic.get("/api/v1/incidents/" + incident + "/evidence").json();
        JsonNode sharing = null;
        for (JsonNode f :
                ic.get("/api/v1/incidents/" + incident + "/findings").json().path("findings")) {
            if (f.path("pattern").asString().equals("SHARING_RULE_EXPOSURE")) sharing = f;
        }
        assertThat(sharing).isNotNull();
        String rested = null;
        for (JsonNode id : sharing.path("evidenceIds")) {
            JsonNode item = item(evidence, id.asString());
            if (item != null && item.path("kind").asString().equals("CONFIG_SNAPSHOT")) rested = id.asString();
        }
        assertThat(rested).as(sharing.toString()).isNotNull();
        JsonNode restedItem = item(evidence, rested);
        String newest = rested;
        for (JsonNode e : evidence) {
            if (e.path("kind").asString().equals("CONFIG_SNAPSHOT")
                    && e.path("name").asString().equals(restedItem.path("name").asString())
                    && e.path("repository")
                            .asString()
                            .equals(restedItem.path("repository").asString())
                    && (e.path("source")
                                    .asString("")
                                    .equals(restedItem.path("source").asString(""))
                            || c.path("postSnapshots")
                                    .toString()
                                    .contains(e.path("id").asString()))
                    && java.time.Instant.parse(e.path("receivedAt").asString())
                            .isAfter(java.time.Instant.parse(
                                    item(evidence, newest).path("receivedAt").asString()))) {
                newest = e.path("id").asString();
            }
        }
        // the demo's first change left a newer snapshot of the same metadata
        assertThat(newest).isNotEqualTo(rested);
        // a change named on the metadata of before the first change is refused, naming the newer one:
        // its diff would blame it for the first change's edits
        Api.Response stale = ic.postJson(
                "/api/v1/incidents/" + incident + "/changes",
                "{\"title\":\"Tighten admin profile login hours\",\"system\":\"Salesforce production org\","
                        + "\"configItems\":[\"Profile:Admin#loginHours\"],\"controls\":[\"CC6.1\"],"
                        + "\"preSnapshots\":[\"" + rested + "\"],\"rollbackPlan\":\"Redeploy the profile\"}");
        assertThat(stale.status()).as(stale.body()).isEqualTo(422);
        assertThat(stale.json().path("type").asString()).endsWith(":snapshot-superseded");
        assertThat(stale.json().path("detail").asString())
                .startsWith("preSnapshots: evidence " + rested + " (metadata.zip, received ")
                .contains("older than evidence " + newest + " of the same configuration")
                .contains("the post-change snapshot of change " + change.id());
        Api.Response second = ic.postJson(
                "/api/v1/incidents/" + incident + "/changes",
                "{\"finding\":\"" + sharing.path("id").asString() + "\",\"containment\":0,"
                        // it rests on FORENSIC evidence too: the words are the requester's; the
                        // snapshots are left to the finding
                        + "\"title\":\"Remove a sharing rule\",\"description\":\"Close the guest access\","
                        + "\"system\":\"Salesforce production org\",\"configItems\":[\"SharingRules:Account\"],"
                        + "\"rollbackPlan\":\"Redeploy the rule\",\"kind\":\"ACCESS_RESTRICTION\","
                        + "\"controls\":[\"CC6.1\"],\"businessProcesses\":[\"partner portal\"]}");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode requested =
                ic.get("/api/v1/changes/" + second.json().path("id").asString()).json();
        assertThat(requested.path("preSnapshots").toString()).contains(newest).doesNotContain(rested);
    }

    /**
     * The auditor's request for the remediation's change ticket and its approval is answered with the
     * change and the commander's {@code change.decided} entry (ADR 111): in the API, on the Audit page
     * and in the export bag's ledger entries and report.
     */
    @Test
    void theLiaisonAnswersTheAuditorsRequestWithTheChangeAndItsApprovalEntry(@TempDir Path dir) throws Exception {
        DemoData.Loaded loaded = demo.load();
        Change change = walk.walk(loaded, Duration.ofMinutes(3)).orElseThrow();
        String incident = loaded.incident().id();
        String base = "http://127.0.0.1:" + port;
        Api auditor = new Api(base, loaded.tokenOf(Role.AUDITOR));
        long approval = change.decisions().stream()
                .filter(d -> d.role().equals("INCIDENT_COMMANDER"))
                .findFirst()
                .orElseThrow()
                .ledgerIndex();

        List<JsonNode> asked = new ArrayList<>();
        auditor.get("/api/v1/incidents/" + incident + "/evidence-requests")
                .json()
                .forEach(r -> {
                    if (r.path("text").asString().equals(DemoChange.CHANGE_REQUEST)) asked.add(r);
                });
        assertThat(asked).hasSize(1);
        JsonNode r = asked.getFirst();
        assertThat(r.path("status").asString()).isEqualTo("ANSWERED");
        assertThat(r.path("requestedBy").asString()).isEqualTo("auditor");
        assertThat(r.path("lastBy").asString()).isEqualTo("liaison");
        assertThat(r.path("evidence")).isEmpty();
        assertThat(r.path("changes")).hasSize(1);
        assertThat(r.path("changes").get(0).path("id").asString()).isEqualTo(change.id());
        assertThat(r.path("entries")).hasSize(1);
        assertThat(r.path("entries").get(0).path("index").asLong()).isEqualTo(approval);
        assertThat(r.path("entries").get(0).path("type").asString()).isEqualTo("change.decided");
        assertThat(r.path("entries").get(0).path("actor").asString()).isEqualTo(DemoData.COMMANDER);

        // the Audit page shows the change by its title and the entry by its index
        FormSession browser = new FormSession(base);
        assertThat(browser.signIn("auditor", loaded.passwords().get("auditor")).statusCode())
                .isEqualTo(302);
        HttpResponse<String> page = browser.get("/incidents/" + incident + "/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/changes/" + change.id() + "\"")
                .contains("data-entry=\"" + approval + "\"");
        assertThat(HtmlUtils.htmlUnescape(page.body())).contains(change.title(), DemoChange.CHANGE_REQUEST);

        // the export bag's ledger holds the answer with the change and the entry, and its report names them
        Map<String, byte[]> files = unzip(Files.write(
                dir.resolve("bag.zip"),
                auditor.getBytes("/api/v1/incidents/" + incident + "/export").body()));
        List<JsonNode> answered = new ArrayList<>();
        new String(files.get("data/" + ExportBag.ENTRIES), StandardCharsets.UTF_8)
                .lines()
                .map(l -> JSON.readTree(
                        Base64.getDecoder().decode(JSON.readTree(l).path("leaf").asString())))
                .filter(leaf -> leaf.path("type").asString().equals("evidence-request.answered")
                        && leaf.path("body")
                                .path("request")
                                .asString()
                                .equals(r.path("id").asString()))
                .forEach(answered::add);
        assertThat(answered).hasSize(1);
        assertThat(answered.getFirst().path("body").path("changes").toString()).isEqualTo("[\"" + change.id() + "\"]");
        assertThat(answered.getFirst().path("body").path("entries").toString()).isEqualTo("[" + approval + "]");
        String report = files.keySet().stream()
                .filter(f -> f.endsWith("audit-continuity.html"))
                .map(f -> new String(files.get(f), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow();
        assertThat(report).contains("change " + change.id(), "entry #" + approval);
    }

    private static JsonNode item(JsonNode evidence, String id) {
        for (JsonNode e : evidence) {
            if (e.path("id").asString().equals(id)) return e;
        }
        return null;
    }
}
