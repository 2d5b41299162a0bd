package dev.tandem.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint, called as every role of one incident, as a responder LEGAL granted a FORENSIC
 * item, as a user who is no member, as the administrator (no member either), and unauthenticated:
 * each answer is compared with the expected access decision. Run on H2 and PostgreSQL by the
 * subclasses. The table below is written from ARCHITECTURE.md's security model, independently of
 * {@link AccessPolicy}; an endpoint the server maps but the table lacks fails the test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + AccessMatrixContract.ADMIN_TOKEN,
            "logging.level.dev.tandem=WARN",
            // the disabled member's refused token is presented once per endpoint: more than the
            // throttle of refused tokens allows (FailedTokenThrottleIT tests that 429)
            "tandem.security.failed-token-limit=1000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessMatrixContract {
    static final String ADMIN_TOKEN = "access-matrix-admin-token-0123456789";

    /** The callers, in the order of the expectation strings. */
    enum Who {
        IC,
        RESPONDER,
        GRANTED,
        LEGAL,
        LIAISON,
        AUDITOR,
        OUTSIDER,
        ADMIN
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Accounts accounts;

    /** Built once per test class (per database), by the first test. */
    private Fixture fixture;

    /** What the calls need: an incident with a member in every role, evidence in both repositories, a scope, jobs. */
    record Fixture(
            Map<Who, Api> as,
            Api admin,
            String incident,
            String audit,
            String forensic,
            String job,
            String analysis,
            String obligation) {}

    private static final AtomicInteger SERIAL = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        if (fixture == null) {
            fixture = build(new Api("http://127.0.0.1:" + port, ADMIN_TOKEN), accounts);
        }
    }

    private static Fixture build(Api admin, Accounts accounts) throws Exception {
        Map<Who, Api> as = new LinkedHashMap<>();
        String tag = Long.toString(System.nanoTime(), 36);
        for (Who w : Who.values()) {
            if (w == Who.ADMIN) {
                as.put(w, admin);
                continue;
            }
            as.put(w, admin.as(userWithToken(admin, accounts, w.name().toLowerCase() + "-" + tag)));
        }
        Api ic = as.get(Who.IC);
        Api.Response opened = ic.postJson(
                "/api/v1/incidents",
                "{\"title\":\"Matrix\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00Z\","
                        + "\"timeZone\":\"Europe/Berlin\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String incident = opened.json().path("id").asString();
        Map<Who, String> roles = Map.of(
                Who.RESPONDER, "RESPONDER",
                Who.GRANTED, "RESPONDER",
                Who.LEGAL, "LEGAL",
                Who.LIAISON, "AUDIT_LIAISON",
                Who.AUDITOR, "AUDITOR");
        for (var e : roles.entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + incident + "/members/" + username(as.get(e.getKey()), admin),
                    "{\"role\":\"" + e.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        String audit = upload(ic, incident, "AUDIT", "audit-export.csv");
        String forensic = upload(ic, incident, "FORENSIC", "forensic-export.csv");
        Api.Response grant = as.get(Who.LEGAL)
                .postJson(
                        "/api/v1/incidents/" + incident + "/grants",
                        "{\"username\":\"" + username(as.get(Who.GRANTED), admin) + "\",\"evidence\":\"" + forensic
                                + "\"}");
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        Api.Response scope = ic.putJson(
                "/api/v1/incidents/" + incident + "/scope",
                "{\"subjects\":{\"DE\":1200,\"US-CA\":800},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(scope.status()).as(scope.body()).isEqualTo(200);
        String obligation = scope.json().path("obligations").get(0).path("id").asString();
        Api.Response notice = ic.send(
                "PUT",
                "/api/v1/incidents/" + incident + "/notices/gdpr-art33",
                "text/markdown",
                "# Notice, version 1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notice.status()).as(notice.body()).isEqualTo(200);
        String scan = ic.postJson("/api/v1/evidence/" + forensic + "/scans", "{}")
                .json()
                .path("id")
                .asString();
        awaitJob(ic, scan);
        awaitJob(
                ic,
                ic.postJson("/api/v1/evidence/" + audit + "/scans", "{}")
                        .json()
                        .path("id")
                        .asString());
        Api.Response analysis = ic.postJson("/api/v1/incidents/" + incident + "/analyses", "{\"all\":true}");
        assertThat(analysis.status()).as(analysis.body()).isEqualTo(202);
        String analysisId = analysis.json().path("job").path("id").asString();
        awaitJob(ic, analysisId);
        return new Fixture(as, admin, incident, audit, forensic, scan, analysisId, obligation);
    }

    /** A call: its method and path pattern (as mapped), and how to make it concretely. */
    record Call(String method, String pattern, String expected, Supplier<Request> request) {}

    /** {@code accept}: the representation asked for with {@code Accept}, none when null. */
    record Request(String path, String contentType, byte[] body, String accept) {
        Request(String path, String contentType, byte[] body) {
            this(path, contentType, body, null);
        }

        /** Asks for CSV: by the {@code Accept} header, by {@code format=csv}, or a page's CSV download. */
        boolean asksForCsv() {
            return "text/csv".equals(accept) || path.contains("format=csv") || path.contains("/download");
        }

        static Request get(String path) {
            return new Request(path, null, null);
        }

        static Request json(String path, String json) {
            return new Request(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    // Expectations, one letter per caller in Who order (IC, RESPONDER, GRANTED, LEGAL, LIAISON,
    // AUDITOR, OUTSIDER, ADMIN): P permitted, F forbidden (403), H hidden (404 as if it did not exist).
    static final String EVERYONE = "PPPPPPPP";
    static final String MEMBERS = "PPPPPPHH";
    static final String INSIDERS = "PPPPPFHH";
    static final String DECIDERS = "PFFPFFHH";
    static final String FORENSIC_READERS = "PFPPFFHH";
    static final String COMMANDER = "PFFFFFHH";
    static final String FILERS = "FFFFPPHH";
    static final String ANSWERERS = "PFFFPFHH";
    static final String AUDITOR_ONLY = "FFFFFPHH";
    static final String COUNSEL = "FFFPFFHH";

    List<Call> calls() {
        Fixture f = fixture;
        USERS.put(ADMIN_TOKEN, "admin");
        String i = "/api/v1/incidents/" + f.incident();
        List<Call> c = new ArrayList<>();
        c.add(get("/api/v1/ledger/checkpoint", EVERYONE, "/api/v1/ledger/checkpoint"));
        c.add(get("/api/v1/ledger/key", EVERYONE, "/api/v1/ledger/key"));
        c.add(get("/api/v1/ledger/entries", EVERYONE, "/api/v1/ledger/entries?from=0&to=50"));
        c.add(get("/api/v1/ledger/proof/inclusion", EVERYONE, "/api/v1/ledger/proof/inclusion?index=0&size=2"));
        c.add(get("/api/v1/ledger/proof/consistency", EVERYONE, "/api/v1/ledger/proof/consistency?from=1&to=2"));
        // an external auditor (AUDITOR wherever they are a member) opens no incident (docs/access.md)
        c.add(json(
                "POST",
                "/api/v1/incidents",
                "PPPPPFPP",
                () -> "/api/v1/incidents",
                "{\"title\":\"Another\",\"severity\":\"LOW\"}"));
        c.add(get("/api/v1/incidents", EVERYONE, "/api/v1/incidents"));
        c.add(json(
                "POST",
                "/api/v1/users",
                "FFFFFFFP",
                () -> "/api/v1/users",
                "{\"username\":\"made-" + SERIAL.incrementAndGet() + "-" + System.nanoTime() + "\"}"));
        // a backup holds every incident's content: an administrator's, who is no member of any
        c.add(new Call(
                "POST", "/api/v1/admin/backup", "FFFFFFFP", () -> new Request("/api/v1/admin/backup", null, null)));
        // the vault check reads every blob: an administrator's
        c.add(new Call(
                "POST",
                "/api/v1/admin/vault/check",
                "FFFFFFFP",
                () -> new Request("/api/v1/admin/vault/check", null, null)));
        c.add(new Call("GET", "/api/v1/admin/vault/check/{id}", "FFFFFFFP", () -> {
            Api.Response started = f.admin().postJson("/api/v1/admin/vault/check", "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            return Request.get(
                    "/api/v1/admin/vault/check/" + started.json().path("id").asString());
        }));
        c.add(new Call("POST", "/api/v1/admin/vault/check/{id}/cancel", "FFFFFFFP", () -> {
            Api.Response started = f.admin().postJson("/api/v1/admin/vault/check", "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            return new Request(
                    "/api/v1/admin/vault/check/" + started.json().path("id").asString() + "/cancel", null, null);
        }));
        // tokens of the incident commander: theirs alone to issue (an administrator's token for them would
        // read what custody attributes to them); an administrator lists and revokes them
        c.add(json(
                "POST",
                "/api/v1/users/{username}/tokens",
                "PFFFFFFF",
                () -> "/api/v1/users/" + username(f.as().get(Who.IC), f.admin()) + "/tokens",
                "{\"label\":\"matrix\"}"));
        c.add(get("/api/v1/users", "FFFFFFFP", "/api/v1/users"));
        String ic = "/api/v1/users/" + username(f.as().get(Who.IC), f.admin());
        c.add(get("/api/v1/users/{username}/tokens", "PFFFFFFP", ic + "/tokens"));
        c.add(new Call("DELETE", "/api/v1/users/{username}/tokens/{tokenId}", "PFFFFFFP", () -> {
            Api.Response t = f.as().get(Who.IC).postJson(ic + "/tokens", "{\"label\":\"to revoke\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(201);
            return Request.get(ic + "/tokens/" + t.json().path("id").asString());
        }));
        c.add(new Call(
                "POST",
                "/api/v1/users/{username}/disable",
                "FFFFFFFP",
                () -> new Request("/api/v1/users/" + freshUser(f.admin()) + "/disable", null, null)));
        // not even the account's own user: a binding one could release could be handed on
        c.add(new Call("DELETE", "/api/v1/users/{username}/sign-on", "FFFFFFFP", () -> Request.get(ic + "/sign-on")));
        c.add(get("/api/v1/incidents/{id}", MEMBERS, i));
        c.add(get("/api/v1/incidents/{id}/timeline", MEMBERS, i + "/timeline"));
        // the same timeline as CSV (docs/contracts.md "Additions"), asked for either way: the same decisions
        c.add(get("/api/v1/incidents/{id}/timeline", MEMBERS, i + "/timeline?format=csv"));
        c.add(new Call(
                "GET",
                "/api/v1/incidents/{id}/timeline",
                MEMBERS,
                () -> new Request(i + "/timeline", null, null, "text/csv")));
        // comparing writes nothing: every member, the auditor included; recording the result is the
        // commander's, counsel's and the audit liaison's
        String theirs = "time,source,description\r\n2026-11-26T08:00:00+01:00,audit lead,Incident opened\r\n";
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{id}/timeline/comparisons",
                MEMBERS,
                () -> new Request(i + "/timeline/comparisons", "text/csv", theirs.getBytes(StandardCharsets.UTF_8))));
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{id}/timeline/comparisons",
                "PFFPPFHH",
                () -> new Request(
                        i + "/timeline/comparisons?save=true&source=matrix",
                        "text/csv",
                        theirs.getBytes(StandardCharsets.UTF_8))));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/timeline",
                INSIDERS,
                () -> i + "/timeline",
                "{\"kind\":\"NOTE\",\"text\":\"a note for the matrix\"}"));
        // a privileged entry is counsel's and the commander's to add
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/timeline",
                DECIDERS,
                () -> i + "/timeline",
                "{\"kind\":\"NOTE\",\"text\":\"privileged note\",\"privileged\":true}"));
        // DETECT to DETECT is refused as a transition (409): permitted, and changes nothing
        c.add(json("PUT", "/api/v1/incidents/{id}/phase", COMMANDER, () -> i + "/phase", "{\"phase\":\"DETECT\"}"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/containment",
                COMMANDER,
                () -> i + "/containment",
                "{\"at\":\"2026-11-26T09:00:00Z\",\"text\":\"matrix containment\"}"));
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/occurred-at",
                COMMANDER,
                () -> i + "/occurred-at",
                "{\"occurredAt\":\"2026-11-25T08:00:00Z\",\"precision\":\"HOUR\"}"));
        // closing from DETECT is refused (409): permitted, and the incident stays open
        c.add(json("POST", "/api/v1/incidents/{id}/closure", COMMANDER, () -> i + "/closure", "{\"text\":\"done\"}"));
        c.add(get("/api/v1/incidents/{id}/members", "PPPPPPHP", i + "/members"));
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/members/{username}",
                "PFFFFFHP",
                () -> i + "/members/" + freshUser(f.admin()),
                "{\"role\":\"AUDITOR\"}"));
        // a script that says which role it expects the member to have (409 member-changed otherwise)
        c.add(new Call("PUT", "/api/v1/incidents/{id}/members/{username}", "PFFFFFHP", () -> {
            String u = freshUser(f.admin());
            Api.Response added = f.as().get(Who.IC).putJson(i + "/members/" + u, "{\"role\":\"AUDITOR\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            return Request.json(i + "/members/" + u, "{\"role\":\"AUDIT_LIAISON\",\"expectedRole\":\"AUDITOR\"}");
        }));
        c.add(new Call("DELETE", "/api/v1/incidents/{id}/members/{username}", "PFFFFFHP", () -> {
            String u = freshUser(f.admin());
            Api.Response added = f.as().get(Who.IC).putJson(i + "/members/" + u, "{\"role\":\"AUDITOR\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            return Request.get(i + "/members/" + u);
        }));
        c.add(get("/api/v1/incidents/{id}/grants", "PFFPFFHH", i + "/grants"));
        // counsel's privilege log (ADR 157): LEGAL and the commander, never a responder, even one granted items
        c.add(get("/api/v1/incidents/{incidentId}/privilege-log", DECIDERS, i + "/privilege-log"));
        c.add(get("/api/v1/incidents/{incidentId}/privilege-log", DECIDERS, i + "/privilege-log?format=csv"));
        c.add(new Call(
                "GET",
                "/api/v1/incidents/{incidentId}/privilege-log",
                DECIDERS,
                () -> new Request(i + "/privilege-log", null, null, "text/csv")));
        String grantee = username(f.as().get(Who.GRANTED), f.admin());
        // each call grants another item: a second grant of the fixture's item is refused (409)
        Supplier<String> grantBody =
                () -> "{\"username\":\"" + grantee + "\",\"evidence\":\"" + freshForensic(f) + "\"}";
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{id}/grants",
                "FFFPFFHH",
                () -> Request.json(i + "/grants", grantBody.get())));
        c.add(new Call("DELETE", "/api/v1/incidents/{id}/grants/{grantId}", "FFFPFFHH", () -> {
            Api.Response g = f.as().get(Who.LEGAL).postJson(i + "/grants", grantBody.get());
            assertThat(g.status()).as(g.body()).isEqualTo(201);
            return Request.get(i + "/grants/" + g.json().path("id").asString());
        }));
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{incidentId}/evidence",
                "PPPPPFHH",
                () -> new Request(
                        i + "/evidence?repository=AUDIT&kind=DOCUMENT&name=note.txt",
                        "application/octet-stream",
                        "a note".getBytes(StandardCharsets.UTF_8))));
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{incidentId}/evidence",
                "PPPPFFHH",
                () -> new Request(
                        i + "/evidence?repository=FORENSIC&kind=DOCUMENT&name=memo.txt",
                        "application/octet-stream",
                        "a memo".getBytes(StandardCharsets.UTF_8))));
        // the repository is read once, as stored: white space around it changes nothing of the decision
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{incidentId}/evidence",
                "PPPPFFHH",
                () -> new Request(
                        i + "/evidence?repository=%20FORENSIC&kind=DOCUMENT&name=memo.txt",
                        "application/octet-stream",
                        "a memo".getBytes(StandardCharsets.UTF_8))));
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{incidentId}/evidence",
                "PPPPPFHH",
                () -> new Request(
                        i + "/evidence?repository=AUDIT%20&kind=DOCUMENT&name=note.txt",
                        "application/octet-stream",
                        "a note".getBytes(StandardCharsets.UTF_8))));
        c.add(get("/api/v1/incidents/{incidentId}/evidence", MEMBERS, i + "/evidence"));
        // an AUDIT item filed by mistake is pulled back to FORENSIC by counsel alone; each call a fresh item
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{incidentId}/evidence/{evidenceId}/pull-back",
                COUNSEL,
                () -> Request.json(
                        i + "/evidence/" + freshAudit(f) + "/pull-back",
                        "{\"reason\":\"filed to AUDIT by mistake\"}")));
        c.add(get("/api/v1/incidents/{id}/jobs", MEMBERS, i + "/jobs"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/analyses",
                INSIDERS,
                () -> i + "/analyses",
                "{\"evidence\":[\"" + f.audit() + "\"]}"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/analyses",
                "PPPPFFHH",
                () -> i + "/analyses",
                "{\"evidence\":[\"" + f.forensic() + "\"]}"));
        c.add(get("/api/v1/incidents/{id}/findings", MEMBERS, i + "/findings"));
        c.add(get("/api/v1/incidents/{id}/scope", INSIDERS, i + "/scope"));
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/scope",
                DECIDERS,
                () -> i + "/scope",
                "{\"subjects\":{\"DE\":1200,\"US-CA\":800},\"data\":[\"CONTACT\"],\"encrypted\":false}"));
        // the incident's facts that move legal clocks: read as the scope, set by those who set it
        c.add(get("/api/v1/incidents/{id}/facts", INSIDERS, i + "/facts"));
        c.add(json(
                "PUT", "/api/v1/incidents/{id}/facts", DECIDERS, () -> i + "/facts", "{\"unauthorizedAccess\":false}"));
        // when the company became aware: set or corrected by those who set the scope
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/awareness",
                DECIDERS,
                () -> i + "/awareness",
                "{\"awareAt\":\"2026-11-26T08:00:00Z\",\"reason\":\"matrix\"}"));
        // moved later it moves every deadline that runs from it: counsel's alone (the rows above and
        // below set it back, earlier, as the commander may)
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/awareness",
                COUNSEL,
                () -> i + "/awareness",
                "{\"awareAt\":\"2026-11-26T10:00:00Z\",\"reason\":\"matrix, later\"}"));
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/awareness",
                DECIDERS,
                () -> i + "/awareness",
                "{\"awareAt\":\"2026-11-26T08:00:00Z\",\"reason\":\"matrix, back\"}"));
        c.add(get("/api/v1/incidents/{id}/judgements", INSIDERS, i + "/judgements"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/judgements",
                DECIDERS,
                () -> i + "/judgements",
                "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"names with card numbers\"}"));
        // a judgement that sets a notice aside is counsel's alone; the next row owes it again
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/judgements",
                COUNSEL,
                () -> i + "/judgements",
                "{\"question\":\"RISK\",\"answer\":\"NO\",\"reason\":\"only a sandbox\"}"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/judgements",
                DECIDERS,
                () -> i + "/judgements",
                "{\"question\":\"RISK\",\"answer\":\"YES\",\"reason\":\"real customers\"}"));
        c.add(get("/api/v1/incidents/{id}/obligations", MEMBERS, i + "/obligations"));
        String notice = i + "/notices/gdpr-art33";
        // a notice draft and its versions are counsel's work product: LEGAL's and the commander's
        c.add(get("/api/v1/incidents/{id}/notices/gdpr-art33", DECIDERS, notice));
        c.add(get("/api/v1/incidents/{id}/notices/gdpr-art33/versions", DECIDERS, notice + "/versions"));
        c.add(get("/api/v1/incidents/{id}/notices/gdpr-art33/gaps", DECIDERS, notice + "/gaps"));
        c.add(get("/api/v1/incidents/{id}/notices/gdpr-art33/versions/{version}", DECIDERS, notice + "/versions/1"));
        c.add(new Call(
                "PUT",
                "/api/v1/incidents/{id}/notices/gdpr-art33",
                DECIDERS,
                () -> new Request(notice, "text/markdown", "# Notice\n".getBytes(StandardCharsets.UTF_8))));
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{id}/notices/gdpr-art33/sent",
                DECIDERS,
                () -> new Request(notice + "/sent", null, null)));
        // the Art. 33(4) follow-up: the deciders', refused before the body is read (the fixture owes no
        // follow-up, so a permitted call is a 422 or 409)
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/notices/gdpr-art33/follow-up",
                DECIDERS,
                () -> notice + "/follow-up",
                "{\"evidence\":\"none\"}"));
        // the UK GDPR notice to the ICO: the same rules under its own path; stored first, so that its
        // version 1 exists for the reads (the fixture's scope owes the ICO nothing: its sending is a
        // permitted 409)
        String ukNotice = i + "/notices/uk-gdpr-art33";
        c.add(new Call(
                "PUT",
                "/api/v1/incidents/{id}/notices/uk-gdpr-art33",
                DECIDERS,
                () -> new Request(ukNotice, "text/markdown", "# UK notice\n".getBytes(StandardCharsets.UTF_8))));
        c.add(get("/api/v1/incidents/{id}/notices/uk-gdpr-art33", DECIDERS, ukNotice));
        c.add(get("/api/v1/incidents/{id}/notices/uk-gdpr-art33/versions", DECIDERS, ukNotice + "/versions"));
        c.add(get("/api/v1/incidents/{id}/notices/uk-gdpr-art33/gaps", DECIDERS, ukNotice + "/gaps"));
        c.add(get(
                "/api/v1/incidents/{id}/notices/uk-gdpr-art33/versions/{version}", DECIDERS, ukNotice + "/versions/1"));
        c.add(new Call(
                "POST",
                "/api/v1/incidents/{id}/notices/uk-gdpr-art33/sent",
                DECIDERS,
                () -> new Request(ukNotice + "/sent", null, null)));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/notices/uk-gdpr-art33/follow-up",
                DECIDERS,
                () -> ukNotice + "/follow-up",
                "{\"evidence\":\"none\"}"));
        // the incident report is the response team's and counsel's; the audit-continuity report every member's
        c.add(get("/api/v1/incidents/{id}/reports/incident", "PPPPFFHH", i + "/reports/incident"));
        c.add(get("/api/v1/incidents/{id}/reports/audit-continuity", MEMBERS, i + "/reports/audit-continuity"));
        // the export bag holds AUDIT evidence and the audit-continuity report: every member's
        c.add(get("/api/v1/incidents/{id}/export", MEMBERS, i + "/export"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/reports/incident/issue",
                DECIDERS,
                () -> i + "/reports/incident/issue",
                "{\"repository\":\"FORENSIC\"}"));
        // never as AUDIT evidence: it names privileged items
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/reports/incident/issue",
                "FFFFFFHH",
                () -> i + "/reports/incident/issue",
                "{\"repository\":\"AUDIT\"}"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/reports/audit-continuity/issue",
                "PFFPPFHH",
                () -> i + "/reports/audit-continuity/issue",
                "{\"repository\":\"AUDIT\"}"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/reports/audit-continuity/issue",
                DECIDERS,
                () -> i + "/reports/audit-continuity/issue",
                "{\"repository\":\"FORENSIC\"}"));
        String audit = "/api/v1/evidence/" + f.audit();
        String forensic = "/api/v1/evidence/" + f.forensic();
        c.add(get("/api/v1/evidence/{id}", MEMBERS, audit));
        c.add(get("/api/v1/evidence/{id}", MEMBERS, forensic));
        c.add(get("/api/v1/evidence/{id}/content", MEMBERS, audit + "/content"));
        c.add(get("/api/v1/evidence/{id}/content", FORENSIC_READERS, forensic + "/content"));
        c.add(get("/api/v1/evidence/{id}/pii", MEMBERS, audit + "/pii"));
        c.add(get("/api/v1/evidence/{id}/pii", FORENSIC_READERS, forensic + "/pii"));
        c.add(get("/api/v1/evidence/{id}/pii/findings", MEMBERS, audit + "/pii/findings"));
        c.add(get("/api/v1/evidence/{id}/pii/findings", FORENSIC_READERS, forensic + "/pii/findings"));
        c.add(json("POST", "/api/v1/evidence/{id}/scans", INSIDERS, () -> audit + "/scans", "{}"));
        c.add(json("POST", "/api/v1/evidence/{id}/scans", "PPPPFFHH", () -> forensic + "/scans", "{}"));
        // folding a scan into the scope changes the scope: LEGAL's and the commander's decision
        c.add(json("POST", "/api/v1/evidence/{id}/scans", DECIDERS, () -> audit + "/scans", "{\"updateScope\":true}"));
        c.add(get("/api/v1/jobs/{id}", MEMBERS, "/api/v1/jobs/" + f.job()));
        c.add(get("/api/v1/analyses/{id}", MEMBERS, "/api/v1/analyses/" + f.analysis()));
        // the commander's job: the commander and LEGAL cancel it, nobody else (a finished job is a
        // permitted 409)
        c.add(new Call("POST", "/api/v1/jobs/{id}/cancel", DECIDERS, () -> {
            Api.Response queued = f.as().get(Who.IC).postJson(audit + "/scans", "{}");
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            return Request.get("/api/v1/jobs/" + queued.json().path("id").asString() + "/cancel");
        }));
        String obligation = "/api/v1/obligations/" + f.obligation();
        c.add(get("/api/v1/obligations/{id}", MEMBERS, obligation));
        c.add(json("PUT", "/api/v1/obligations/{id}/owner", DECIDERS, () -> obligation + "/owner", "{\"owner\":null}"));
        // NOT_REQUIRED sets the notice aside: counsel's alone; the row below reopens it (PENDING)
        c.add(json(
                "POST",
                "/api/v1/obligations/{id}/status",
                COUNSEL,
                () -> obligation + "/status",
                "{\"status\":\"NOT_REQUIRED\",\"justification\":\"matrix\"}"));
        // PENDING to PENDING is refused as a transition (409): permitted, and changes nothing
        c.add(json(
                "POST",
                "/api/v1/obligations/{id}/status",
                DECIDERS,
                () -> obligation + "/status",
                "{\"status\":\"PENDING\"}"));
        // change control (docs/contracts.md §3): the register is the audit liaison's or an administrator's;
        // the team requests changes, the commander and the liaison approve, the auditor acknowledges,
        // the commander and responders execute
        String register = "control,configItem,testedOn,tester,sample\nCC6.3,PermissionSet:Matrix,2026-09-14,Blake,25\n";
        c.add(new Call(
                "POST",
                "/api/v1/control-tests",
                "FFFFPFHP",
                () -> new Request(
                        "/api/v1/control-tests?incident=" + f.incident(),
                        "text/csv",
                        register.getBytes(StandardCharsets.UTF_8))));
        c.add(get("/api/v1/incidents/{id}/control-tests", MEMBERS, i + "/control-tests"));
        // the observation period: set by who imports the register (a second setting of the same period is
        // 409 period-unchanged: permitted, and changes nothing), read by every member
        c.add(json(
                "PUT",
                "/api/v1/incidents/{id}/observation-period",
                "FFFFPFHP",
                () -> i + "/observation-period",
                "{\"start\":\"2026-01-01\",\"end\":\"2027-06-30\"}"));
        c.add(get("/api/v1/incidents/{id}/observation-period", MEMBERS, i + "/observation-period"));
        c.add(json("POST", "/api/v1/incidents/{id}/changes", INSIDERS, () -> i + "/changes", changeBody(f)));
        c.add(get("/api/v1/incidents/{id}/changes", MEMBERS, i + "/changes"));
        // the same changes as CSV, the auditor's population to sample (ADR 140), asked for either way
        c.add(get("/api/v1/incidents/{id}/changes", MEMBERS, i + "/changes?format=csv"));
        c.add(new Call(
                "GET",
                "/api/v1/incidents/{id}/changes",
                MEMBERS,
                () -> new Request(i + "/changes", null, null, "text/csv")));
        c.add(get("/api/v1/incidents/{id}/retests", MEMBERS, i + "/retests"));
        c.add(new Call("GET", "/api/v1/changes/{id}", MEMBERS, () -> Request.get("/api/v1/changes/" + change(f))));
        c.add(new Call(
                "POST",
                "/api/v1/changes/{id}/approvals",
                "PFFFPFHH",
                () -> Request.json(
                        "/api/v1/changes/" + change(f) + "/approvals",
                        "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}")));
        c.add(new Call(
                "POST",
                "/api/v1/changes/{id}/acknowledgements",
                "FFFFFPHH",
                () -> Request.json("/api/v1/changes/" + change(f) + "/acknowledgements", "{\"comment\":\"seen\"}")));
        c.add(new Call("POST", "/api/v1/changes/{id}/execution", "PPPFFFHH", () -> {
            String[] approved = approvedChangeAndPostSnapshot(f);
            return Request.json(
                    "/api/v1/changes/" + approved[0] + "/execution",
                    "{\"postSnapshots\":[\"" + approved[1] + "\"],\"notes\":\"done\"}");
        }));
        // a configuration change has no business processes to verify (422): permitted, and records nothing
        c.add(new Call(
                "POST",
                "/api/v1/changes/{id}/process-verifications",
                INSIDERS,
                () -> Request.json("/api/v1/changes/" + change(f) + "/process-verifications", "{\"processes\":[]}")));
        // withdrawing: the team by the policy, narrowed by the change rules to the requester (the
        // responder who requested it) or an incident commander; a fresh request each time
        c.add(new Call(
                "POST",
                "/api/v1/changes/{id}/withdrawal",
                "PPFFFFHH",
                () -> Request.json("/api/v1/changes/" + change(f) + "/withdrawal", "{\"reason\":\"not needed\"}")));
        // the auditor's portal (docs/contracts.md §5.1): the auditor and the liaison file requests, the
        // liaison and the commander answer them, the auditor reviews and records a verified checkpoint
        c.add(get("/api/v1/incidents/{id}/evidence-requests", MEMBERS, i + "/evidence-requests"));
        c.add(json(
                "POST",
                "/api/v1/incidents/{id}/evidence-requests",
                FILERS,
                () -> i + "/evidence-requests",
                "{\"text\":\"the access review\",\"controls\":[\"CC6.3\"]}"));
        c.add(new Call(
                "GET",
                "/api/v1/evidence-requests/{id}",
                MEMBERS,
                () -> Request.get("/api/v1/evidence-requests/" + evidenceRequest(f, false))));
        String answer = "{\"evidence\":[\"" + f.audit() + "\"],\"note\":\"the review\"}";
        c.add(new Call(
                "POST",
                "/api/v1/evidence-requests/{id}/answer",
                ANSWERERS,
                () -> Request.json("/api/v1/evidence-requests/" + evidenceRequest(f, false) + "/answer", answer)));
        c.add(new Call(
                "POST",
                "/api/v1/evidence-requests/{id}/decline",
                ANSWERERS,
                () -> Request.json(
                        "/api/v1/evidence-requests/" + evidenceRequest(f, false) + "/decline",
                        "{\"reason\":\"not kept\"}")));
        c.add(new Call(
                "POST",
                "/api/v1/evidence-requests/{id}/accept",
                AUDITOR_ONLY,
                () -> Request.json("/api/v1/evidence-requests/" + evidenceRequest(f, true) + "/accept", "{}")));
        c.add(new Call(
                "POST",
                "/api/v1/evidence-requests/{id}/reopen",
                AUDITOR_ONLY,
                () -> Request.json(
                        "/api/v1/evidence-requests/" + evidenceRequest(f, true) + "/reopen",
                        "{\"reason\":\"the after review\"}")));
        // none recorded: a 404 of its own (no-verified-checkpoint), not a hidden incident
        c.add(get("/api/v1/incidents/{id}/verified-checkpoint", MEMBERS, i + "/verified-checkpoint"));
        c.add(new Call(
                "PUT",
                "/api/v1/incidents/{id}/verified-checkpoint",
                AUDITOR_ONLY,
                () -> new Request(
                        i + "/verified-checkpoint", "text/plain", checkpoint(f).getBytes(StandardCharsets.UTF_8))));
        c.addAll(pages(f));
        return c;
    }

    /**
     * The web interface (docs/web.md): each page and form answers as the API call it stands for.
     * Called here with bearer tokens (the web chain accepts them, without CSRF tokens, as no other
     * site can forge that header); the browser tests sign in with sessions. A form that is
     * permitted but refused for its content answers 422 with the form again: still permitted.
     */
    List<Call> pages(Fixture f) {
        String i = "/incidents/" + f.incident();
        List<Call> c = new ArrayList<>();
        c.add(get("/login", EVERYONE, "/login"));
        c.add(get("/", EVERYONE, "/"));
        c.add(get("/incidents", EVERYONE, "/incidents"));
        c.add(form("POST", "/incidents", "PPPPPFPP", () -> "/incidents", "title=Another&severity=LOW&timeZone=UTC"));
        c.add(get("/account/password", EVERYONE, "/account/password"));
        // a password is changed in a signed-in session only: with a bearer token (as every call here
        // is made) it is refused to everyone, 403 (the browser tests change it in a session)
        c.add(form(
                "POST",
                "/account/password",
                "FFFFFFFF",
                () -> "/account/password",
                "currentPassword=wrong&newPassword=long-enough-password&confirmPassword=long-enough-password"));
        c.add(get("/incidents/{id}", MEMBERS, i));
        // the page's CSV download: the API's timeline CSV
        c.add(get("/incidents/{id}/timeline/download", MEMBERS, i + "/timeline/download"));
        c.add(get(
                "/incidents/{id}/timeline/download",
                MEMBERS,
                i + "/timeline/download?order=eventAt&kind=NOTE&since=2026-11-01T00%3A00"));
        c.add(form(
                "POST", "/incidents/{id}/timeline", INSIDERS, () -> i + "/timeline", "kind=NOTE&text=from+the+page"));
        // DETECT to DETECT is refused as a transition (409 with the page): permitted, nothing changes
        c.add(form(
                "POST", "/incidents/{id}/lifecycle", COMMANDER, () -> i + "/lifecycle", "change=phase&phase=DETECT"));
        c.add(get("/incidents/{id}/members", "PPPPPPHP", i + "/members"));
        c.add(form(
                "POST",
                "/incidents/{id}/members",
                "PFFFFFHP",
                () -> i + "/members",
                "username=" + freshUser(f.admin()) + "&role=AUDITOR"));
        String grantee = username(f.as().get(Who.GRANTED), f.admin());
        // the confirmation page of a removal, then its form (confirm=yes) removes
        c.add(get("/incidents/{id}/members/{username}/removal", "PFFFFFHP", i + "/members/" + grantee + "/removal"));
        c.add(new Call("POST", "/incidents/{id}/members/{username}/removal", "PFFFFFHP", () -> {
            String u = freshUser(f.admin());
            Api.Response added = f.as().get(Who.IC).putJson("/api/v1" + i + "/members/" + u, "{\"role\":\"AUDITOR\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            return confirmed(i + "/members/" + u + "/removal");
        }));
        c.add(form(
                "POST",
                "/incidents/{id}/grants",
                "FFFPFFHH",
                () -> i + "/grants",
                () -> "username=" + grantee + "&evidence=" + freshForensic(f)));
        // the question before a revocation (docs/web.md, "Actions that ask first"), then its form revokes;
        // each call revokes a fresh grant of another item
        java.util.function.Supplier<String> freshRevocation = () -> {
            Api.Response g = f.as().get(Who.LEGAL)
                    .postJson(
                            "/api/v1" + i + "/grants",
                            "{\"username\":\"" + grantee + "\",\"evidence\":\"" + freshForensic(f) + "\"}");
            assertThat(g.status()).as(g.body()).isEqualTo(201);
            return i + "/grants/" + g.json().path("id").asString() + "/revocation";
        };
        c.add(new Call(
                "GET",
                "/incidents/{id}/grants/{grantId}/revocation",
                "FFFPFFHH",
                () -> Request.get(freshRevocation.get())));
        c.add(new Call(
                "POST",
                "/incidents/{id}/grants/{grantId}/revocation",
                "FFFPFFHH",
                () -> confirmed(freshRevocation.get())));
        // evidence, findings and jobs pages (docs/web.md): as the API calls they stand for
        c.add(get("/incidents/{id}/evidence", MEMBERS, i + "/evidence"));
        c.add(get("/incidents/{id}/privilege-log", DECIDERS, i + "/privilege-log"));
        c.add(get("/incidents/{id}/privilege-log/download", DECIDERS, i + "/privilege-log/download"));
        c.add(upload(i, "AUDIT", "PPPPPFHH"));
        // the audit liaison adds AUDIT evidence only: refused once the form's repository is read
        c.add(upload(i, "FORENSIC", "PPPPFFHH"));
        String audit = "/evidence/" + f.audit();
        String forensic = "/evidence/" + f.forensic();
        c.add(get("/evidence/{id}", MEMBERS, audit));
        c.add(get("/evidence/{id}", MEMBERS, forensic));
        c.add(get("/evidence/{id}/content", MEMBERS, audit + "/content"));
        c.add(get("/evidence/{id}/content", FORENSIC_READERS, forensic + "/content"));
        // counsel pulls an AUDIT item back: without confirm=yes the question (nothing recorded), with it the
        // move; each call a fresh item
        c.add(form(
                "POST",
                "/incidents/{id}/evidence/{evidenceId}/pull-back",
                COUNSEL,
                () -> i + "/evidence/" + freshAudit(f) + "/pull-back",
                "reason=filed+to+AUDIT+by+mistake"));
        c.add(form(
                "POST",
                "/incidents/{id}/evidence/{evidenceId}/pull-back",
                COUNSEL,
                () -> i + "/evidence/" + freshAudit(f) + "/pull-back",
                "reason=filed+to+AUDIT+by+mistake&confirm=yes"));
        c.add(form("POST", "/evidence/{id}/scans", INSIDERS, () -> audit + "/scans", ""));
        c.add(form("POST", "/evidence/{id}/scans", "PPPPFFHH", () -> forensic + "/scans", ""));
        c.add(form("POST", "/evidence/{id}/scans", DECIDERS, () -> audit + "/scans", "updateScope=true"));
        c.add(get("/incidents/{id}/findings", MEMBERS, i + "/findings"));
        c.add(form("POST", "/incidents/{id}/analyses", INSIDERS, () -> i + "/analyses", ""));
        c.add(get("/incidents/{id}/jobs", MEMBERS, i + "/jobs"));
        c.add(new Call("GET", "/jobs/{id}/cancel", DECIDERS, () -> {
            Api.Response queued = f.as().get(Who.IC).postJson("/api/v1" + audit + "/scans", "{}");
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            return Request.get("/jobs/" + queued.json().path("id").asString() + "/cancel");
        }));
        c.add(new Call("POST", "/jobs/{id}/cancel", DECIDERS, () -> {
            Api.Response queued = f.as().get(Who.IC).postJson("/api/v1" + audit + "/scans", "{}");
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            return confirmed("/jobs/" + queued.json().path("id").asString() + "/cancel");
        }));
        // obligations: every member reads, LEGAL and the commander decide (as the API)
        c.add(get("/incidents/{id}/obligations", MEMBERS, i + "/obligations"));
        String ob = "/obligations/" + f.obligation();
        c.add(form("POST", "/obligations/{id}/owner", DECIDERS, () -> ob + "/owner", "owner="));
        c.add(form(
                "POST",
                "/obligations/{id}/status",
                COUNSEL,
                () -> ob + "/status",
                "status=NOT_REQUIRED&justification=from+the+page"));
        // PENDING to PENDING is refused as a transition (409, the page again): permitted, nothing changed
        c.add(form("POST", "/obligations/{id}/status", DECIDERS, () -> ob + "/status", "status=PENDING"));
        c.add(form("POST", "/incidents/{id}/facts", DECIDERS, () -> i + "/facts", "determinedAt="));
        // the scope, as PUT …/scope: the people in the CLI's syntax, the categories ticked
        c.add(form(
                "POST",
                "/incidents/{id}/scope",
                DECIDERS,
                () -> i + "/scope",
                "subjects=DE%3D1200%2CUS-CA%3D800&data=CONTACT"));
        c.add(form(
                "POST",
                "/incidents/{id}/awareness",
                DECIDERS,
                () -> i + "/awareness",
                "awareAt=2026-11-26T09%3A00&reason=matrix"));
        c.add(form(
                "POST",
                "/incidents/{id}/awareness",
                COUNSEL,
                () -> i + "/awareness",
                "awareAt=2026-11-26T11%3A00&reason=matrix+later"));
        c.add(form(
                "POST",
                "/incidents/{id}/awareness",
                DECIDERS,
                () -> i + "/awareness",
                "awareAt=2026-11-26T09%3A00&reason=matrix+back"));
        c.add(form(
                "POST",
                "/incidents/{id}/judgements",
                DECIDERS,
                () -> i + "/judgements",
                "question=HIGH_RISK&answer=YES&reason=from+the+page"));
        c.add(form(
                "POST",
                "/incidents/{id}/judgements",
                COUNSEL,
                () -> i + "/judgements",
                "question=RISK&answer=NO&reason=from+the+page"));
        c.add(form(
                "POST",
                "/incidents/{id}/judgements",
                DECIDERS,
                () -> i + "/judgements",
                "question=RISK&answer=YES&reason=from+the+page"));
        // the notice was sent by the API's row: editing or sending again is a permitted 409
        c.add(form(
                "POST",
                "/incidents/{id}/notices/gdpr-art33",
                DECIDERS,
                () -> i + "/notices/gdpr-art33",
                "text=%23+Notice+from+the+page"));
        c.add(form(
                "POST", "/incidents/{id}/notices/gdpr-art33/sent", DECIDERS, () -> i + "/notices/gdpr-art33/sent", ""));
        // the Art. 33(4) follow-up's form (ADR 154): as its API row; the fixture owes no follow-up, so a
        // permitted post is the page again with a 422 or 409
        c.add(form(
                "POST",
                "/incidents/{id}/notices/gdpr-art33/follow-up",
                DECIDERS,
                () -> i + "/notices/gdpr-art33/follow-up",
                "evidence=none"));
        // the UK GDPR notice's forms (ADR 145): as its API rows; the fixture owes the ICO nothing, so
        // sending is a permitted 409
        c.add(form(
                "POST",
                "/incidents/{id}/notices/uk-gdpr-art33",
                DECIDERS,
                () -> i + "/notices/uk-gdpr-art33",
                "text=%23+UK+notice+from+the+page"));
        c.add(form(
                "POST",
                "/incidents/{id}/notices/uk-gdpr-art33/sent",
                DECIDERS,
                () -> i + "/notices/uk-gdpr-art33/sent",
                ""));
        c.add(form(
                "POST",
                "/incidents/{id}/notices/uk-gdpr-art33/follow-up",
                DECIDERS,
                () -> i + "/notices/uk-gdpr-art33/follow-up",
                "evidence=none"));
        // reports: as the API's REPORT_* rows
        c.add(get("/incidents/{id}/reports", MEMBERS, i + "/reports"));
        c.add(get("/incidents/{id}/reports/incident", "PPPPFFHH", i + "/reports/incident"));
        c.add(get("/incidents/{id}/reports/audit-continuity", MEMBERS, i + "/reports/audit-continuity"));
        c.add(get("/incidents/{id}/reports/incident.pdf", "PPPPFFHH", i + "/reports/incident.pdf"));
        c.add(get("/incidents/{id}/reports/audit-continuity.pdf", MEMBERS, i + "/reports/audit-continuity.pdf"));
        c.add(form(
                "POST",
                "/incidents/{id}/reports/incident/issue",
                DECIDERS,
                () -> i + "/reports/incident/issue",
                "repository=FORENSIC"));
        c.add(form(
                "POST",
                "/incidents/{id}/reports/incident/issue",
                "FFFFFFHH",
                () -> i + "/reports/incident/issue",
                "repository=AUDIT"));
        c.add(form(
                "POST",
                "/incidents/{id}/reports/audit-continuity/issue",
                "PFFPPFHH",
                () -> i + "/reports/audit-continuity/issue",
                "repository=AUDIT"));
        c.add(form(
                "POST",
                "/incidents/{id}/reports/audit-continuity/issue",
                DECIDERS,
                () -> i + "/reports/audit-continuity/issue",
                "repository=FORENSIC"));
        // the auditor's portal and the bag: as the API calls they stand for
        c.add(get("/incidents/{id}/audit", MEMBERS, i + "/audit"));
        c.add(get("/incidents/{id}/export", MEMBERS, i + "/export"));
        c.add(form(
                "POST",
                "/incidents/{id}/evidence-requests",
                FILERS,
                () -> i + "/evidence-requests",
                "text=from+the+page"));
        c.add(form(
                "POST",
                "/evidence-requests/{id}/answer",
                ANSWERERS,
                () -> "/evidence-requests/" + evidenceRequest(f, false) + "/answer",
                "evidence=" + f.audit() + "&note=the+review"));
        c.add(form(
                "POST",
                "/evidence-requests/{id}/decline",
                ANSWERERS,
                () -> "/evidence-requests/" + evidenceRequest(f, false) + "/decline",
                "reason=not+kept"));
        c.add(form(
                "POST",
                "/evidence-requests/{id}/accept",
                AUDITOR_ONLY,
                () -> "/evidence-requests/" + evidenceRequest(f, true) + "/accept",
                "comment="));
        c.add(form(
                "POST",
                "/evidence-requests/{id}/reopen",
                AUDITOR_ONLY,
                () -> "/evidence-requests/" + evidenceRequest(f, true) + "/reopen",
                "reason=the+after+review"));
        c.add(form(
                "POST",
                "/incidents/{id}/verified-checkpoint",
                AUDITOR_ONLY,
                () -> i + "/verified-checkpoint",
                "note=" + java.net.URLEncoder.encode(checkpoint(f), StandardCharsets.UTF_8)));
        // change control (docs/web.md): as the API's rows of docs/contracts.md §3
        c.add(get("/incidents/{id}/changes", MEMBERS, i + "/changes"));
        c.add(get("/incidents/{id}/changes/download", MEMBERS, i + "/changes/download"));
        c.add(get("/incidents/{id}/changes/new", INSIDERS, i + "/changes/new"));
        c.add(form("POST", "/incidents/{id}/changes", INSIDERS, () -> i + "/changes", changeForm(f)));
        c.add(new Call("GET", "/changes/{id}", MEMBERS, () -> Request.get("/changes/" + change(f))));
        c.add(form(
                "POST",
                "/changes/{id}/approvals",
                "PFFFPFHH",
                () -> "/changes/" + change(f) + "/approvals",
                "decision=APPROVE&comment=ok"));
        c.add(form(
                "POST",
                "/changes/{id}/acknowledgements",
                "FFFFFPHH",
                () -> "/changes/" + change(f) + "/acknowledgements",
                "comment=seen"));
        c.add(new Call("POST", "/changes/{id}/execution", "PPPFFFHH", () -> {
            String[] approved = approvedChangeAndPostSnapshot(f);
            return new Request(
                    "/changes/" + approved[0] + "/execution",
                    "application/x-www-form-urlencoded",
                    ("postSnapshots=" + approved[1] + "&notes=done").getBytes(StandardCharsets.UTF_8));
        }));
        c.add(form(
                "POST",
                "/changes/{id}/withdrawal",
                "PPFFFFHH",
                () -> "/changes/" + change(f) + "/withdrawal",
                "reason=not+needed"));
        // a configuration change has no business processes to verify (422, the page again): permitted
        c.add(form(
                "POST",
                "/changes/{id}/process-verifications",
                INSIDERS,
                () -> "/changes/" + change(f) + "/process-verifications",
                "comment=checked"));
        c.add(get("/incidents/{id}/retests", MEMBERS, i + "/retests"));
        c.add(get("/incidents/{id}/retests/download", MEMBERS, i + "/retests/download"));
        c.add(get("/incidents/{id}/control-tests", MEMBERS, i + "/control-tests"));
        c.add(get("/incidents/{id}/control-tests/import", "FFFFPFHP", i + "/control-tests/import"));
        c.add(registerUpload(i, "FFFFPFHP"));
        c.add(form(
                "POST",
                "/incidents/{id}/observation-period",
                "FFFFPFHP",
                () -> i + "/observation-period",
                "start=2026-01-01&end=2027-06-30"));
        // the ledger: every signed-in user; entries and proofs answer as /api/v1/ledger/... does
        c.add(get("/ledger", EVERYONE, "/ledger"));
        c.add(get("/ledger/verify", EVERYONE, "/ledger/verify?index=0"));
        c.add(get("/ledger/entries", EVERYONE, "/ledger/entries?from=0&to=50"));
        c.add(get("/ledger/proof/inclusion", EVERYONE, "/ledger/proof/inclusion?index=0&size=2"));
        // administration: as /api/v1/users...
        c.add(get("/admin/users", "FFFFFFFP", "/admin/users"));
        c.add(form(
                "POST",
                "/admin/users",
                "FFFFFFFP",
                () -> "/admin/users",
                "username=page-made-" + SERIAL.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36)
                        + "&displayName=Made+on+the+page"));
        c.add(get("/admin/users/{username}/disable", "FFFFFFFP", "/admin/users/" + freshUser(f.admin()) + "/disable"));
        c.add(new Call(
                "POST",
                "/admin/users/{username}/disable",
                "FFFFFFFP",
                () -> confirmed("/admin/users/" + freshUser(f.admin()) + "/disable")));
        String icName = username(f.as().get(Who.IC), f.admin());
        c.add(new Call(
                "POST",
                "/admin/users/{username}/sign-on-release",
                "FFFFFFFP",
                () -> new Request("/admin/users/" + icName + "/sign-on-release", null, null)));
        String icTokens = "/admin/users/" + icName + "/tokens";
        c.add(get("/admin/users/{username}/tokens", "PFFFFFFP", icTokens));
        // issuing: the user themself only, not an administrator (as the API)
        c.add(form("POST", "/admin/users/{username}/tokens", "PFFFFFFF", () -> icTokens, "label=page"));
        c.add(new Call("GET", "/admin/users/{username}/tokens/{tokenId}/revocation", "PFFFFFFP", () -> {
            Api.Response t =
                    f.as().get(Who.IC).postJson("/api/v1/users/" + icName + "/tokens", "{\"label\":\"to revoke\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(201);
            return Request.get(icTokens + "/" + t.json().path("id").asString() + "/revocation");
        }));
        c.add(new Call("POST", "/admin/users/{username}/tokens/{tokenId}/revocation", "PFFFFFFP", () -> {
            Api.Response t =
                    f.as().get(Who.IC).postJson("/api/v1/users/" + icName + "/tokens", "{\"label\":\"to revoke\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(201);
            return confirmed(icTokens + "/" + t.json().path("id").asString() + "/revocation");
        }));
        // one's own tokens: every signed-in user (TOKEN_MANAGE and TOKEN_ISSUE permit the user themself)
        c.add(get("/account/tokens", EVERYONE, "/account/tokens"));
        c.add(form("POST", "/account/tokens", EVERYONE, () -> "/account/tokens", "label=page"));
        // the commander's token: the commander revokes it; to anyone else it is not theirs (404, as the API)
        c.add(new Call("GET", "/account/tokens/{tokenId}/revocation", "PHHHHHHH", () -> {
            Api.Response t =
                    f.as().get(Who.IC).postJson("/api/v1/users/" + icName + "/tokens", "{\"label\":\"to revoke\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(201);
            return Request.get("/account/tokens/" + t.json().path("id").asString() + "/revocation");
        }));
        c.add(new Call("POST", "/account/tokens/{tokenId}/revocation", "PHHHHHHH", () -> {
            Api.Response t =
                    f.as().get(Who.IC).postJson("/api/v1/users/" + icName + "/tokens", "{\"label\":\"to revoke\"}");
            assertThat(t.status()).as(t.body()).isEqualTo(201);
            return confirmed("/account/tokens/" + t.json().path("id").asString() + "/revocation");
        }));
        return c;
    }

    /** A confirmed destructive form's post (docs/web.md, "Actions that ask first"): {@code confirm=yes}. */
    private static Request confirmed(String path) {
        return new Request(path, "application/x-www-form-urlencoded", "confirm=yes".getBytes(StandardCharsets.UTF_8));
    }

    /** The upload form as a browser posts it: multipart/form-data, the file last. */
    private static Call upload(String incidentPage, String repository, String expected) {
        String boundary = "matrix-boundary-7d1f";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"repository\"\r\n\r\n" + repository
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nDOCUMENT\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"page-note.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\na note from the page\r\n--" + boundary + "--\r\n";
        return new Call(
                "POST",
                "/incidents/{id}/evidence",
                expected,
                () -> new Request(
                        incidentPage + "/evidence",
                        "multipart/form-data; boundary=" + boundary,
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The control-test register's import form: multipart/form-data with the CSV as its file. */
    private static Call registerUpload(String incidentPage, String expected) {
        String boundary = "matrix-register-2c4e";
        String body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"register.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncontrol,configItem,testedOn,tester,sample\n"
                + "CC6.3,PermissionSet:Matrix,2026-09-14,Blake,25\n\r\n--" + boundary + "--\r\n";
        return new Call(
                "POST",
                "/incidents/{id}/control-tests",
                expected,
                () -> new Request(
                        incidentPage + "/control-tests",
                        "multipart/form-data; boundary=" + boundary,
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Call form(String method, String pattern, String expected, Supplier<String> path, String body) {
        return form(method, pattern, expected, path, () -> body);
    }

    /** A form whose body is made anew for each call. */
    private static Call form(
            String method, String pattern, String expected, Supplier<String> path, Supplier<String> body) {
        return new Call(
                method,
                pattern,
                expected,
                () -> new Request(
                        path.get(),
                        "application/x-www-form-urlencoded",
                        body.get().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheSecurityModelSays() {
        SoftAssertions soft = new SoftAssertions();
        for (Call call : calls()) {
            for (Who who : Who.values()) {
                char expected = call.expected().charAt(who.ordinal());
                Request r = call.request().get();
                Api.Response response =
                        fixture.as().get(who).send(call.method(), r.path(), r.contentType(), r.body(), r.accept());
                String where = who + " " + call.method() + " " + r.path() + " -> " + response.status() + " "
                        + response.body()
                                .substring(0, Math.min(300, response.body().length()));
                switch (expected) {
                    case 'P' -> {
                        soft.assertThat(permitted(response)).as(where).isTrue();
                        // permitted means answered: a call the policy lets through may be refused by the
                        // service for its input (4xx), never fail on the server
                        soft.assertThat(response.status()).as(where).isLessThan(500);
                        if (r.asksForCsv()) {
                            // a representation permitted is that representation, whoever asks
                            soft.assertThat(response.status()).as(where).isEqualTo(200);
                            soft.assertThat(response.contentType()).as(where).startsWith("text/csv");
                        }
                        if (call.pattern().contains("/reports/")) {
                            // a report permitted is a report rendered (or issued), not merely not refused;
                            // a page's form issues it and redirects to the reports page
                            soft.assertThat(response.status())
                                    .as(where)
                                    .isEqualTo(
                                            call.method().equals("GET")
                                                    ? 200
                                                    : call.pattern().startsWith("/api/") ? 201 : 302);
                            if (response.status() == 302) {
                                soft.assertThat(response.header("Location"))
                                        .as(where)
                                        .endsWith("/reports");
                            }
                        }
                    }
                    case 'F' -> soft.assertThat(response.status()).as(where).isEqualTo(403);
                    case 'H' -> soft.assertThat(hidden(response)).as(where).isTrue();
                    default -> throw new IllegalArgumentException("expectation " + expected);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void unauthenticatedCallersReachOnlyTheCheckpointAndTheKey() {
        Api anonymous = fixture.admin().as(null);
        for (Call call : calls()) {
            Request r = call.request().get();
            Api.Response response = anonymous.send(call.method(), r.path(), r.contentType(), r.body(), r.accept());
            boolean isPublic = call.pattern().equals("/api/v1/ledger/checkpoint")
                    || call.pattern().equals("/api/v1/ledger/key")
                    || call.pattern().equals("/login");
            if (isPublic) {
                assertThat(response.status()).as(call.method() + " " + r.path()).isEqualTo(200);
            } else if (call.pattern().startsWith("/api/")) {
                assertThat(response.status()).as(call.method() + " " + r.path()).isEqualTo(401);
            } else if (call.method().equals("GET")) {
                // a page sends the browser to the sign-in page
                assertThat(response.status()).as(call.method() + " " + r.path()).isEqualTo(302);
                assertThat(response.header("Location")).as(r.path()).endsWith("/login");
            } else {
                // a form posted without a session has no CSRF token either: refused before anything
                assertThat(response.status()).as(call.method() + " " + r.path()).isIn(302, 403);
            }
        }
    }

    /**
     * A script adds members as before, and changes a member's role only from the role it says it
     * expects ({@code expectedRole}): otherwise 409 {@code member-changed} naming both roles, and
     * nothing changes; the answer says the role it replaced.
     */
    @Test
    void aScriptChangesAMembersRoleOnlyFromTheRoleItExpects() {
        Api ic = fixture.as().get(Who.IC);
        String i = "/api/v1/incidents/" + fixture.incident();
        String u = freshUser(fixture.admin());
        Api.Response added = ic.putJson(i + "/members/" + u, "{\"role\":\"RESPONDER\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("role").asString()).isEqualTo("RESPONDER");
        assertThat(added.json().has("previousRole")).isTrue();
        assertThat(added.json().path("previousRole").isNull()).isTrue();
        List<String> before = memberRoles(ic, i);
        int entries = ic.get(i + "/timeline").json().size();

        Api.Response stale = ic.putJson(i + "/members/" + u, "{\"role\":\"LEGAL\",\"expectedRole\":\"AUDITOR\"}");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().path("type").asString()).isEqualTo("urn:tandem:problem:member-changed");
        assertThat(stale.json().path("detail").asString())
                .contains(u + " is RESPONDER")
                .contains("not AUDITOR")
                .contains("nothing was changed");
        assertThat(memberRoles(ic, i)).isEqualTo(before);
        // nor for someone who is no member: an expected role says they are one
        String stranger = freshUser(fixture.admin());
        Api.Response none =
                ic.putJson(i + "/members/" + stranger, "{\"role\":\"LEGAL\",\"expectedRole\":\"RESPONDER\"}");
        assertThat(none.status()).as(none.body()).isEqualTo(409);
        assertThat(none.json().path("detail").asString()).contains("no member").contains("not RESPONDER");
        assertThat(memberRoles(ic, i)).isEqualTo(before);
        Api.Response bad = ic.putJson(i + "/members/" + u, "{\"role\":\"LEGAL\",\"expectedRole\":\"CHIEF\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().path("detail").asString())
                .startsWith("expectedRole must be one of")
                .contains("CHIEF");
        assertThat(memberRoles(ic, i)).isEqualTo(before);
        // refused before anything was recorded
        assertThat(ic.get(i + "/timeline").json().size()).isEqualTo(entries);

        Api.Response changed = ic.putJson(i + "/members/" + u, "{\"role\":\"LEGAL\",\"expectedRole\":\"RESPONDER\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("role").asString()).isEqualTo("LEGAL");
        assertThat(changed.json().path("previousRole").asString()).isEqualTo("RESPONDER");
        assertThat(memberRoles(ic, i)).contains(u + "=LEGAL");
        // unchanged, said so; and without expectedRole a script puts the role as before
        Api.Response same = ic.putJson(i + "/members/" + u, "{\"role\":\"LEGAL\"}");
        assertThat(same.json().path("previousRole").asString()).isEqualTo("LEGAL");
        Api.Response plain = ic.putJson(i + "/members/" + u, "{\"role\":\"AUDIT_LIAISON\"}");
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().path("previousRole").asString()).isEqualTo("LEGAL");
        assertThat(memberRoles(ic, i)).contains(u + "=AUDIT_LIAISON");
    }

    private static List<String> memberRoles(Api as, String incidentPath) {
        List<String> roles = new ArrayList<>();
        as.get(incidentPath + "/members")
                .json()
                .forEach(m -> roles.add(
                        m.path("username").asString() + "=" + m.path("role").asString()));
        return roles;
    }

    @Test
    void aDisabledMembersTokenIsRefusedEverywhere() {
        String name = "disabled-" + Long.toString(System.nanoTime(), 36);
        Api disabled = fixture.admin().as(userWithToken(fixture.admin(), accounts, name));
        Api.Response member = fixture.as()
                .get(Who.IC)
                .putJson("/api/v1/incidents/" + fixture.incident() + "/members/" + name, "{\"role\":\"LEGAL\"}");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(disabled.get("/api/v1/incidents/" + fixture.incident()).status())
                .isEqualTo(200);
        Api.Response off = fixture.admin().postJson("/api/v1/users/" + name + "/disable", "{}");
        assertThat(off.status()).as(off.body()).isEqualTo(204);
        for (Call call : calls()) {
            Request r = call.request().get();
            Api.Response response = disabled.send(call.method(), r.path(), r.contentType(), r.body(), r.accept());
            // a refused token is refused wherever it is presented, public endpoints too (RFC 6750 §3.1)
            assertThat(response.status()).as(call.method() + " " + r.path()).isEqualTo(401);
        }
    }

    @Test
    void everyMappedEndpointIsGuardedAndInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (BasicErrorController.class.isAssignableFrom(e.getValue().getBeanType())) {
                continue;
            }
            assertThat(e.getValue().getMethodAnnotation(Guard.class))
                    .as(e.getValue() + " has no @Guard")
                    .isNotNull();
            for (var method : e.getKey().getMethodsCondition().getMethods()) {
                for (String pattern : e.getKey().getPathPatternsCondition().getPatternValues()) {
                    mapped.add(method.name() + " " + pattern);
                }
            }
        }
        Set<String> inMatrix = new TreeSet<>();
        calls().forEach(c -> inMatrix.add(c.method() + " " + c.pattern()));
        assertThat(inMatrix).as("endpoints in the matrix").isEqualTo(mapped);
    }

    /**
     * A GET of an address only a form or a script posts to (docs/web.md, "Errors"): decided before any
     * handler or access check, alike for every caller and for known and unknown incidents. A page's
     * address answers a browser the error page, 405; the API's the problem, 405, as before; signed out,
     * a page's address still sends the browser to sign in.
     */
    @Test
    void aGetOfAnAddressThatTakesOnlyAPostIsA405ForEveryCaller() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        Map<String, Set<String>> methods = new TreeMap<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                info.getMethodsCondition()
                        .getMethods()
                        .forEach(m -> methods.computeIfAbsent(pattern, k -> new TreeSet<>())
                                .add(m.name()));
            }
        }
        List<String> postOnly = methods.entrySet().stream()
                .filter(e -> e.getValue().equals(Set.of("POST")))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(postOnly).anyMatch(p -> p.startsWith("/api/")).anyMatch(p -> !p.startsWith("/api/"));
        SoftAssertions soft = new SoftAssertions();
        for (String pattern : postOnly) {
            boolean api = pattern.startsWith("/api/");
            for (String incident : List.of(fixture.incident(), "0194-no-such-incident")) {
                String path = pattern.replaceAll("\\{[^}]+}", incident);
                for (Who who : Who.values()) {
                    Api.Response r = fixture.as().get(who).send("GET", path, null, null, browser);
                    String where = who + " GET " + path + " -> " + r.status() + " " + r.contentType();
                    soft.assertThat(r.status()).as(where).isEqualTo(405);
                    soft.assertThat(r.header("Allow")).as(where).contains("POST");
                    if (api) {
                        soft.assertThat(r.contentType()).as(where).isEqualTo("application/problem+json");
                    } else {
                        soft.assertThat(r.contentType()).as(where).startsWith("text/html");
                        soft.assertThat(r.body())
                                .as(where)
                                .contains("data-status=\"405\"")
                                .contains("This address takes a form submission");
                    }
                }
                Api.Response anonymous = fixture.admin().as(null).send("GET", path, null, null, browser);
                soft.assertThat(anonymous.status()).as("anonymous GET " + path).isEqualTo(api ? 401 : 302);
            }
        }
        soft.assertAll();
    }

    @Test
    void anAuditorSeesAPrivilegedItemOnlyAsItsStub() {
        Api auditor = fixture.as().get(Who.AUDITOR);
        JsonNode stub = auditor.get("/api/v1/evidence/" + fixture.forensic()).json();
        List<String> fields = new ArrayList<>();
        stub.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("id", "repository", "receivedAt", "ledgerIndex", "commitment");
        assertThat(stub.path("commitment").asString()).matches("[0-9a-f]{64}");
        JsonNode full = fixture.as()
                .get(Who.LEGAL)
                .get("/api/v1/evidence/" + fixture.forensic())
                .json();
        assertThat(full.path("name").asString()).isEqualTo("forensic-export.csv");
        assertThat(auditor.get("/api/v1/incidents/" + fixture.incident() + "/evidence")
                        .body())
                .contains(fixture.forensic())
                .doesNotContain("forensic-export.csv");
        // a responder without a grant sees the stub too; the granted one the item
        assertThat(fixture.as()
                        .get(Who.RESPONDER)
                        .get("/api/v1/evidence/" + fixture.forensic())
                        .body())
                .doesNotContain("forensic-export.csv");
        assertThat(fixture.as()
                        .get(Who.GRANTED)
                        .get("/api/v1/evidence/" + fixture.forensic())
                        .body())
                .contains("forensic-export.csv");
    }

    @Test
    void jobsOverPrivilegedEvidenceWithholdTheirResults() {
        JsonNode asAuditor = fixture.as()
                .get(Who.AUDITOR)
                .get("/api/v1/jobs/" + fixture.job())
                .json();
        assertThat(asAuditor.path("withheld").asBoolean()).isTrue();
        assertThat(asAuditor.path("result").isNull()).isTrue();
        JsonNode asLegal =
                fixture.as().get(Who.LEGAL).get("/api/v1/jobs/" + fixture.job()).json();
        assertThat(asLegal.path("withheld").asBoolean()).isFalse();
        assertThat(asLegal.path("result").path("findings").asLong()).isPositive();
    }

    @Test
    void theAuditorReadsObligationsStatusButNotTheScope() {
        JsonNode list = fixture.as()
                .get(Who.AUDITOR)
                .get("/api/v1/incidents/" + fixture.incident() + "/obligations")
                .json();
        assertThat(list.has("scope")).isFalse();
        assertThat(list.has("command")).isFalse();
        JsonNode first = list.path("obligations").get(0);
        assertThat(first.path("status").asString()).isNotEmpty();
        assertThat(first.has("justification")).isFalse();
        assertThat(first.has("basis")).isFalse();
    }

    @Test
    void ledgerEntriesOfOtherIncidentsAreLeafHashesOnly() {
        Api outsider = fixture.as().get(Who.OUTSIDER);
        long size = Long.parseLong(outsider.get("/api/v1/ledger/checkpoint")
                .body()
                .lines()
                .toList()
                .get(1));
        int hashesOnly = 0;
        for (long from = 0; from < size; from += 1000) {
            for (JsonNode e : outsider.get("/api/v1/ledger/entries?from=" + from + "&to=" + (from + 1000))
                    .json()) {
                if (e.has("leafHash")) {
                    hashesOnly++;
                    assertThat(e.has("leaf")).isFalse();
                    assertThat(e.has("entry")).isFalse();
                } else {
                    assertThat(e.path("entry").path("incident").asString(null))
                            .as("an entry shown in full to a non-member")
                            .isNotEqualTo(fixture.incident());
                }
            }
        }
        assertThat(hashesOnly).isPositive();
        String asMember = fixture.as()
                .get(Who.AUDITOR)
                .get("/api/v1/ledger/entries?from=0&to=1000")
                .body();
        assertThat(asMember).contains(fixture.incident());
    }

    /**
     * A change executed on FORENSIC snapshots: the items its diffs touched are named from privileged
     * differences, so the retests of whoever may not read every snapshot (the auditor, the liaison,
     * a responder without a grant) come from its approved items alone, in the API, its CSV and the
     * page alike; the commander and counsel see the item changed beyond the approval retested.
     */
    @Test
    void aSealedExecutionsTouchedItemsReachOnlyTheRetestsOfThoseWhoReadItsSnapshots() {
        Api ic = fixture.as().get(Who.IC);
        String incident = reviewIncident("Sealed change");
        String i = "/api/v1/incidents/" + incident;
        importRegister(
                incident,
                "CC6.3,PermissionSet:Sealed,2026-09-14,Audrey Blake,25\n"
                        + "CC6.1,PermissionSet:Sealed#AuthorApex,2026-09-15,Audrey Blake,5\n");
        String pre = sealedSnapshot(ic, incident, "<enabled>true</enabled><name>ViewAllData</name>");
        String id = requestRevoke(fixture.as().get(Who.LEGAL), incident, pre);
        String post = sealedSnapshot(
                ic,
                incident,
                "<enabled>false</enabled><name>ViewAllData</name></userPermissions>"
                        + "<userPermissions><enabled>true</enabled><name>AuthorApex</name>");
        Api.Response executed = approveAndExecute(id, post);
        assertThat(executed.json().path("unapprovedItems").toString()).contains("PermissionSet:Sealed#AuthorApex");
        for (Who w : List.of(Who.IC, Who.LEGAL)) {
            assertThat(fixture.as().get(w).get(i + "/retests").body())
                    .as(w.name())
                    .contains("PermissionSet:Sealed#AuthorApex beyond its approval");
            // the changes' CSV names the item beyond the approval to those who read every snapshot
            assertThat(changesCsvCell(fixture.as().get(w), incident, id, "unapprovedItems"))
                    .as(w.name())
                    .isEqualTo("PermissionSet:Sealed#AuthorApex");
            int theirs = fixture.as()
                    .get(w)
                    .get(i + "/retests")
                    .json()
                    .path("retests")
                    .size();
            assertThat(theirs).as(w.name()).isGreaterThan(1);
            assertThat(changesCsvCell(fixture.as().get(w), incident, id, "retests"))
                    .as(w.name())
                    .isEqualTo(String.valueOf(theirs));
        }
        for (Who w : List.of(Who.AUDITOR, Who.LIAISON, Who.RESPONDER)) {
            Api as = fixture.as().get(w);
            Api.Response api = as.get(i + "/retests");
            assertThat(api.status()).as(w.name()).isEqualTo(200);
            List<String> controls = new ArrayList<>();
            api.json()
                    .path("retests")
                    .forEach(r -> controls.add(r.path("control").asString()));
            assertThat(controls).as(w.name()).containsExactly("CC6.3");
            // the changes' CSV as the JSON list: the items withheld, the retests from the approved items
            assertThat(changesCsvCell(as, incident, id, "unapprovedItems"))
                    .as(w.name())
                    .isEqualTo("withheld");
            assertThat(changesCsvCell(as, incident, id, "retests")).as(w.name()).isEqualTo("1");
            for (String body : List.of(
                    api.body(),
                    as.get(i + "/retests?format=csv").body(),
                    as.get("/incidents/" + incident + "/retests").body(),
                    as.get("/incidents/" + incident + "/retests/download").body(),
                    as.get(i + "/changes?format=csv").body(),
                    as.get(i + "/changes", "text/csv").body(),
                    as.get("/incidents/" + incident + "/changes/download").body())) {
                assertThat(body).as(w.name()).doesNotContain("AuthorApex").doesNotContain("beyond its approval");
            }
        }
    }

    /**
     * An AUDIT control test register counsel pulls back to FORENSIC is read as its item is (docs/access.md,
     * "Penetration review (2026-12-07)"): its rows and the retests drawn from them reach counsel and the
     * commander, and the auditor, the liaison and a responder without a grant get a stub with the count,
     * in the API, the CLI's CSV and the pages alike.
     */
    @Test
    void aRegisterPulledBackIsReadAsItsItemWithItsRetests() {
        Api ic = fixture.as().get(Who.IC);
        String incident = reviewIncident("Register pulled back");
        String i = "/api/v1/incidents/" + incident;
        String register = importRegister(incident, "CC6.3,PermissionSet:Sealed,2026-09-14,Quinn Tester,25\n");
        String pre = snapshot(ic, incident, "AUDIT", "<enabled>true</enabled><name>ViewAllData</name>");
        String id = requestRevoke(fixture.as().get(Who.LEGAL), incident, pre);
        approveAndExecute(id, snapshot(ic, incident, "AUDIT", "<enabled>false</enabled><name>ViewAllData</name>"));
        // before the move, an AUDIT register: every member reads its rows and the retest drawn from them
        assertThat(fixture.as().get(Who.AUDITOR).get(i + "/retests").body()).contains("Quinn Tester");
        assertThat(fixture.as().get(Who.AUDITOR).get(i + "/control-tests").body())
                .contains("Quinn Tester");

        Api.Response moved = fixture.as()
                .get(Who.LEGAL)
                .postJson(i + "/evidence/" + register + "/pull-back", "{\"reason\":\"Filed as AUDIT by mistake\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        long move = moved.json().path("ledgerIndex").asLong();

        for (Who w : List.of(Who.IC, Who.LEGAL)) {
            Api as = fixture.as().get(w);
            assertThat(as.get(i + "/control-tests").body()).as(w.name()).contains("Quinn Tester");
            Api.Response retests = as.get(i + "/retests");
            assertThat(retests.body()).as(w.name()).contains("Quinn Tester");
            assertThat(retests.json().path("withheld").asInt()).as(w.name()).isZero();
        }
        for (Who w : List.of(Who.AUDITOR, Who.LIAISON, Who.RESPONDER)) {
            Api as = fixture.as().get(w);
            Api.Response rows = as.get(i + "/control-tests");
            assertThat(rows.status()).as(w.name()).isEqualTo(200);
            assertThat(rows.json()).as(w.name()).hasSize(1);
            JsonNode stub = rows.json().get(0);
            assertThat(stub.path("evidence").asString()).isEqualTo(register);
            assertThat(stub.path("repository").asString()).isEqualTo("FORENSIC");
            assertThat(stub.path("pulledBack").asLong()).isEqualTo(move);
            assertThat(stub.path("withheld").asInt()).isEqualTo(1);
            assertThat(stub.has("control")).isFalse();
            Api.Response retests = as.get(i + "/retests");
            assertThat(retests.json().path("retests")).as(w.name()).isEmpty();
            assertThat(retests.json().path("withheld").asInt()).as(w.name()).isEqualTo(1);
            String page = as.get("/incidents/" + incident + "/control-tests").body();
            assertThat(page).as(w.name()).contains("id=\"register-withheld\"");
            assertThat(as.get("/incidents/" + incident + "/retests").body())
                    .as(w.name())
                    .contains("id=\"retests-withheld\"");
            for (String body : List.of(
                    rows.body(),
                    retests.body(),
                    page,
                    as.get(i + "/retests?format=csv").body(),
                    as.get("/incidents/" + incident + "/retests").body(),
                    as.get("/incidents/" + incident + "/retests/download").body(),
                    as.get("/api/v1/changes/" + id).body(),
                    as.get("/changes/" + id).body())) {
                assertThat(body).as(w.name()).doesNotContain("Quinn Tester");
            }
        }
    }

    /** The cell {@code column} of change {@code change}'s row in the incident's changes CSV, as {@code as} gets it. */
    private static String changesCsvCell(Api as, String incident, String change, String column) {
        Api.Response csv = as.get("/api/v1/incidents/" + incident + "/changes?format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        List<List<String>> rows = new ArrayList<>();
        try (var r = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(csv.body())) {
            r.forEach(x -> rows.add(x.getFields()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int at = rows.getFirst().indexOf(column);
        assertThat(at).as(column).isNotNegative();
        return rows.stream()
                .filter(x -> x.getFirst().equals(change))
                .findFirst()
                .orElseThrow()
                .get(at);
    }

    /**
     * A register counsel pulled back is named by no refusal and matched by no import of whoever may
     * not read it (docs/access.md, ADR 144): the observation period the audit liaison or an
     * administrator sets around its rows is refused without naming the row (counsel and the
     * commander read it), and the same row imported again by the liaison is imported, not skipped as
     * one the register holds, which would confirm counsel's register row by row, its sample included.
     */
    @Test
    void aRegisterPulledBackIsNamedByNoPeriodRefusalAndMatchedByNoImport() {
        String incident = reviewIncident("Register pulled back, probed");
        String i = "/api/v1/incidents/" + incident;
        String row = "CC6.3,PermissionSet:Probed,2026-09-14,Quinn Prober,25 of 180 sealed assignments\n";
        String register = importRegister(incident, row);
        Api.Response moved = fixture.as()
                .get(Who.LEGAL)
                .postJson(i + "/evidence/" + register + "/pull-back", "{\"reason\":\"Counsel's test notes\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        String around = "{\"start\":\"2026-10-01\",\"end\":\"2027-03-31\"}";
        for (Who w : List.of(Who.LIAISON, Who.ADMIN)) {
            Api.Response refused = fixture.as().get(w).putJson(i + "/observation-period", around);
            assertThat(refused.status()).as(w + " " + refused.body()).isEqualTo(409);
            assertThat(refused.json().path("type").asString()).endsWith("register-outside-period");
            assertThat(refused.body())
                    .as(w.name())
                    .contains(register)
                    .doesNotContain("PermissionSet:Probed")
                    .doesNotContain("2026-09-14")
                    .doesNotContain("line 2");
        }
        // nothing was set
        assertThat(fixture.as().get(Who.LIAISON).get(i + "/observation-period").body())
                .doesNotContain("2026-10-01");

        // the same row again, as the audit firm's file: imported, as the liaison reads no such row
        Api.Response again = postRegister(incident, row);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("imported").asInt()).isEqualTo(1);
        assertThat(again.json().path("skipped").asInt()).isZero();
    }

    /** The audit liaison imports a register of {@code rows} (CSV lines under the header): its item's id. */
    private String importRegister(String incident, String rows) {
        Api.Response imported = postRegister(incident, rows);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        return imported.json().path("evidence").asString();
    }

    /** The audit liaison posts a register of {@code rows} (CSV lines under the header): the answer. */
    private Api.Response postRegister(String incident, String rows) {
        return fixture.as()
                .get(Who.LIAISON)
                .send(
                        "POST",
                        "/api/v1/control-tests?incident=" + incident,
                        "text/csv",
                        ("control,configItem,testedOn,tester,sample\n" + rows).getBytes(StandardCharsets.UTF_8));
    }

    /** A change revoking ViewAllData from PermissionSet:Sealed, CC6.3, from snapshot {@code pre}: its id. */
    private static String requestRevoke(Api as, String incident, String pre) {
        Api.Response requested = as.postJson(
                "/api/v1/incidents/" + incident + "/changes",
                "{\"title\":\"Revoke ViewAllData\",\"system\":\"Salesforce\","
                        + "\"configItems\":[\"PermissionSet:Sealed#ViewAllData\"],\"controls\":[\"CC6.3\"],"
                        + "\"preSnapshots\":[\"" + pre + "\"],\"rollbackPlan\":\"redeploy\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        return requested.json().path("id").asString();
    }

    /** The commander and the liaison approve change {@code id}; the commander executes it with {@code post}. */
    private Api.Response approveAndExecute(String id, String post) {
        for (Who w : List.of(Who.IC, Who.LIAISON)) {
            Api.Response ok =
                    fixture.as().get(w).postJson("/api/v1/changes/" + id + "/approvals", "{\"decision\":\"APPROVE\"}");
            assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        }
        Api.Response executed = fixture.as()
                .get(Who.IC)
                .postJson(
                        "/api/v1/changes/" + id + "/execution",
                        "{\"postSnapshots\":[\"" + post + "\"],\"notes\":\"done\"}");
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        return executed;
    }

    private static String sealedSnapshot(Api api, String incident, String permissions) {
        return snapshot(api, incident, "FORENSIC", permissions);
    }

    private static String snapshot(Api api, String incident, String repository, String permissions) {
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + incident
                        + "/evidence?repository=" + repository
                        + "&kind=CONFIG_SNAPSHOT&name=Sealed.permissionset-meta.xml",
                ("<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\"><userPermissions>" + permissions
                                + "</userPermissions></PermissionSet>")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    /**
     * The laws checked where nothing is owed ({@code notTriggered}, as {@code tandem deadlines} lists
     * them) are read as the scope is: by every member but the auditor, and withheld with a scope that
     * rests on FORENSIC evidence from all but LEGAL and the commander; the page shows them likewise.
     */
    @Test
    void theLawsCheckedAndNotTriggeredAreReadAsTheScopeIs() throws Exception {
        Api ic = fixture.as().get(Who.IC);
        String incident = reviewIncident("Checked");
        String i = "/api/v1/incidents/" + incident;
        String page = "/incidents/" + incident + "/obligations";
        assertThat(ic.putJson(
                                i + "/scope",
                                "{\"subjects\":{\"AR\":100,\"US-MA\":10,\"US-NY\":10},\"data\":[\"CONTACT\"],"
                                        + "\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        for (Who w : List.of(Who.IC, Who.LEGAL, Who.LIAISON, Who.RESPONDER)) {
            Api as = fixture.as().get(w);
            JsonNode checked = as.get(i + "/obligations").json().path("notTriggered");
            JsonNode ma = null;
            for (JsonNode n : checked) {
                if (n.path("jurisdiction").asString().equals("US-MA")) ma = n;
            }
            assertThat(ma).as(w.name() + ": " + checked).isNotNull();
            assertThat(ma.path("regime").asString()).isEqualTo("Massachusetts breach law");
            assertThat(ma.path("citation").asString()).startsWith("Mass. Gen. Laws ch. 93H");
            assertThat(ma.path("reason").asString()).startsWith("CONTACT is not among the data it is owed for");
            String body = as.get(page).body();
            assertThat(body).as(w.name()).contains("id=\"not-triggered\"", "Checked, not triggered");
            assertThat(body).as(w.name()).contains("CONTACT is not among the data it is owed for");
        }
        Api auditor = fixture.as().get(Who.AUDITOR);
        Api.Response seen = auditor.get(i + "/obligations");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().has("notTriggered")).as(seen.body()).isFalse();
        assertThat(seen.body()).doesNotContain("US-MA");
        assertThat(auditor.get(page).body()).doesNotContain("id=\"not-triggered\"", "US-MA");

        // a scope from a FORENSIC scan: its jurisdictions and counts are counsel's and the commander's
        scopeFromForensicScan(incident, "checked-export.csv");
        JsonNode counsel = ic.get(i + "/obligations").json();
        assertThat(counsel.path("scopeWithheld").asBoolean()).isFalse();
        assertThat(counsel.path("notTriggered").isArray()).isTrue();
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER)) {
            JsonNode view = fixture.as().get(w).get(i + "/obligations").json();
            assertThat(view.path("scopeWithheld").asBoolean()).as(w.name()).isTrue();
            assertThat(view.path("notTriggered")).as(w.name()).isEmpty();
            assertThat(fixture.as().get(w).get(page).body()).as(w.name()).doesNotContain("id=\"not-triggered\"");
        }
    }

    /**
     * A grant's timeline entry names its FORENSIC item by name to a reader who may read the item
     * (LEGAL, the commander, the responder it is granted to) and by id to everyone else, on the API's
     * timeline, the incident page's and in the reports.
     */
    @Test
    void aGrantNamesItsItemToThoseWhoMayReadItAndByIdToOthers() throws Exception {
        Api ic = fixture.as().get(Who.IC);
        Api legal = fixture.as().get(Who.LEGAL);
        String incident = reviewIncident("Grants");
        String i = "/api/v1/incidents/" + incident;
        String granted = username(fixture.as().get(Who.GRANTED), fixture.admin());
        String responder = username(fixture.as().get(Who.RESPONDER), fixture.admin());
        assertThat(ic.putJson(i + "/members/" + granted, "{\"role\":\"RESPONDER\"}")
                        .status())
                .isEqualTo(200);
        String memoName = "counsel-memo-" + SERIAL.incrementAndGet() + ".csv";
        String dumpName = "revoked-dump-" + SERIAL.incrementAndGet() + ".csv";
        String memo = upload(ic, incident, "FORENSIC", memoName);
        String dump = upload(ic, incident, "FORENSIC", dumpName);
        Api.Response kept =
                legal.postJson(i + "/grants", "{\"username\":\"" + granted + "\",\"evidence\":\"" + memo + "\"}");
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        Api.Response gone =
                legal.postJson(i + "/grants", "{\"username\":\"" + responder + "\",\"evidence\":\"" + dump + "\"}");
        assertThat(gone.status()).as(gone.body()).isEqualTo(201);
        assertThat(legal.send("DELETE", i + "/grants/" + gone.json().path("id").asString(), null, null)
                        .status())
                .isEqualTo(204);

        // who reads which item's name: LEGAL and the commander both, the granted responder the memo,
        // and the responder whose grant was revoked neither any more
        Map<Who, List<String>> named = Map.of(
                Who.IC, List.of(memoName, dumpName),
                Who.LEGAL, List.of(memoName, dumpName),
                Who.GRANTED, List.of(memoName),
                Who.RESPONDER, List.of(),
                Who.LIAISON, List.of(),
                Who.AUDITOR, List.of());
        for (var e : named.entrySet()) {
            Api as = fixture.as().get(e.getKey());
            List<String> grants = new ArrayList<>();
            for (JsonNode entry : as.get(i + "/timeline").json()) {
                if (entry.path("type").asString().startsWith("grant."))
                    grants.add(entry.path("text").asString());
            }
            String who = e.getKey().name();
            assertThat(grants).as(who).hasSize(3);
            String page = as.get("/incidents/" + incident).body();
            for (var item : Map.of(memoName, memo, dumpName, dump).entrySet()) {
                boolean reads = e.getValue().contains(item.getKey());
                String shown = "FORENSIC item " + (reads ? item.getKey() : item.getValue());
                String hidden = "FORENSIC item " + (reads ? item.getValue() : item.getKey());
                // the memo's one grant, the dump's grant and its revocation
                assertThat(grants.stream().filter(t -> t.endsWith(shown)))
                        .as(who + ": " + grants)
                        .hasSize(item.getKey().equals(memoName) ? 1 : 2);
                assertThat(String.join("\n", grants)).as(who).doesNotContain(hidden);
                assertThat(page).as(who).contains(shown).doesNotContain(hidden);
            }
        }
        // the incident report as its reader may read it; the audit-continuity report opens nothing
        String report = "/reports/incident";
        String grantedReport = fixture.as().get(Who.GRANTED).get(i + report).body();
        assertThat(grantedReport)
                .contains("read " + memoName)
                .contains("item " + dump)
                .doesNotContain(dumpName);
        String legalReport = legal.get(i + report).body();
        assertThat(legalReport).contains("read " + memoName).contains(dumpName).doesNotContain("item " + dump);
        String responderReport = fixture.as().get(Who.RESPONDER).get(i + report).body();
        assertThat(responderReport).contains("item " + memo, "item " + dump).doesNotContain(memoName, dumpName);
        String audit = fixture.as()
                .get(Who.AUDITOR)
                .get(i + "/reports/audit-continuity")
                .body();
        assertThat(audit).contains("item " + memo, "item " + dump).doesNotContain(memoName, dumpName);
    }

    /**
     * A judgement reason LEGAL records as not privileged is in the ledger in clear, which every member
     * reads (the auditor too): the judgement list shows it to the responder and the audit liaison as
     * well. A privileged reason stays a commitment in the ledger and absent from their list.
     */
    @Test
    void aReasonRecordedNotPrivilegedIsInTheListAsInTheLedger() {
        Api legal = fixture.as().get(Who.LEGAL);
        String incident = reviewIncidentWithScope("Public reason", 1200);
        String i = "/api/v1/incidents/" + incident;
        assertThat(legal.postJson(
                                i + "/judgements",
                                "{\"question\":\"RISK\",\"answer\":\"YES\",\"reason\":\"OPEN-REASON"
                                        + " names and emails were read\",\"privileged\":false}")
                        .status())
                .isEqualTo(201);
        assertThat(legal.postJson(
                                i + "/judgements",
                                "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"SECRET-REASON"
                                        + " the memo shows intent\"}")
                        .status())
                .isEqualTo(201);
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER, Who.AUDITOR)) {
            // the ledger every member reads carries the open reason in clear, the privileged one not
            String timeline = fixture.as().get(w).get(i + "/timeline").body();
            assertThat(timeline).as(w.name()).contains("OPEN-REASON").doesNotContain("SECRET-REASON");
        }
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER, Who.LEGAL, Who.IC)) {
            Api.Response list = fixture.as().get(w).get(i + "/judgements");
            assertThat(list.status()).as(w.name()).isEqualTo(200);
            Map<String, String> reasons = new TreeMap<>();
            list.json()
                    .path("judgements")
                    .forEach(j -> reasons.put(
                            j.path("question").asString(),
                            j.path("reason").isNull() ? null : j.path("reason").asString()));
            assertThat(reasons.get("RISK")).as(w.name()).isEqualTo("OPEN-REASON names and emails were read");
            if (w == Who.LEGAL || w == Who.IC) {
                assertThat(reasons.get("HIGH_RISK")).as(w.name()).isEqualTo("SECRET-REASON the memo shows intent");
            } else {
                assertThat(reasons).as(w.name()).containsKey("HIGH_RISK");
                assertThat(reasons.get("HIGH_RISK")).as(w.name()).isNull();
                assertThat(list.body()).as(w.name()).doesNotContain("SECRET-REASON");
            }
        }
        // the obligations page shows the list as the API answers it
        String page = fixture.as()
                .get(Who.LIAISON)
                .get("/incidents/" + incident + "/obligations")
                .body();
        assertThat(page).contains("OPEN-REASON").doesNotContain("SECRET-REASON");
        // and the obligations quote the open reason of the judgement deciding their question, not the other
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER)) {
            Api.Response obligations = fixture.as().get(w).get(i + "/obligations");
            assertThat(obligations.status()).as(w.name()).isEqualTo(200);
            assertThat(obligations.body()).as(w.name()).contains("OPEN-REASON").doesNotContain("SECRET-REASON");
        }
        assertThat(fixture.as().get(Who.AUDITOR).get(i + "/judgements").status())
                .isEqualTo(403);
    }

    /** Found by a review playing the audit liaison: these reached non-privileged members in clear. */
    @Test
    void counselsReasonsAForensicScopeAndPrivilegedSizesStayWithCounsel() throws Exception {
        Api ic = fixture.as().get(Who.IC);
        Api legal = fixture.as().get(Who.LEGAL);
        String incident = reviewIncident("Review");
        String i = "/api/v1/incidents/" + incident;
        assertThat(ic.putJson(i + "/scope", "{\"subjects\":{\"DE\":1200},\"data\":[\"CONTACT\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(legal.postJson(
                                i + "/judgements",
                                "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"SECRET-REASON the memo shows intent\"}")
                        .status())
                .isEqualTo(201);
        // decided the other way, the judgement sets the individuals' notice aside: the obligation's
        // basis then quotes the reason
        assertThat(legal.postJson(
                                i + "/judgements",
                                "{\"question\":\"HIGH_RISK\",\"answer\":\"NO\",\"reason\":\"SECRET-REASON-NO cards were tokenised\"}")
                        .status())
                .isEqualTo(201);
        String scan = scopeFromForensicScan(incident, "review-export.csv");
        assertThat(legal.get(i + "/scope").status()).isEqualTo(200);
        // the obligations page says who set the scope and that it rests on FORENSIC evidence to
        // counsel and the commander; to no one else, and the auditor reads no scope there at all
        String page = "/incidents/" + incident + "/obligations";
        for (Api as : List.of(ic, legal)) {
            String body = as.get(page).body();
            assertThat(body).contains("id=\"scope-set\"", "it rests on FORENSIC evidence");
            // the form is not filled with the privileged counts (sent again unchanged they would become
            // a person's scope, which the responder and the liaison read): they are shown for reference
            assertThat(body).contains("id=\"scope-forensic-reference\"");
            String input = body.substring(body.indexOf("id=\"s-subjects\""));
            input = input.substring(0, input.indexOf('>'));
            assertThat(input).contains("value=\"\"");
        }
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER, Who.AUDITOR)) {
            Api.Response shown = fixture.as().get(w).get(page);
            assertThat(shown.status()).as(w.name()).isEqualTo(200);
            assertThat(shown.body())
                    .as(w.name())
                    .doesNotContain("id=\"scope-set\"", "it rests on FORENSIC evidence", "id=\"s-subjects\"");
        }
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER)) {
            Api as = fixture.as().get(w);
            Api.Response obligations = as.get(i + "/obligations");
            assertThat(obligations.status()).isEqualTo(200);
            assertThat(obligations.body()).as(w.name()).doesNotContain("SECRET-REASON");
            assertThat(obligations.json().path("scope").isNull()).as(w.name()).isTrue();
            assertThat(obligations.json().path("scopeWithheld").asBoolean())
                    .as(w.name())
                    .isTrue();
            assertThat(obligations.json().path("command").isNull()).as(w.name()).isTrue();
            // nor the scope's counts through the engine's words
            assertThat(obligations.json().path("warnings")).as(w.name()).isEmpty();
            for (JsonNode o : obligations.json().path("obligations")) {
                assertThat(o.path("basis").asString()).as(w.name()).doesNotContainPattern("\\d affected");
            }
            String one =
                    obligations.json().path("obligations").get(0).path("id").asString();
            assertThat(as.get("/api/v1/obligations/" + one).body()).as(w.name()).doesNotContain("SECRET-REASON");
            assertThat(as.get(i + "/scope").status()).as(w.name()).isEqualTo(403);
            // the notice states the scope: withheld with it
            Api.Response notice = as.get(i + "/notices/gdpr-art33");
            assertThat(notice.status()).as(w.name() + ": " + notice.body()).isEqualTo(403);
            assertThat(notice.body()).doesNotContain("1,200");
            assertThat(as.get(i + "/notices/gdpr-art33/versions").status())
                    .as(w.name())
                    .isEqualTo(403);
        }
        assertThat(legal.get(i + "/notices/gdpr-art33").status()).isNotEqualTo(403);
        assertThat(legal.get(i + "/obligations").body()).contains("SECRET-REASON-NO cards were tokenised)");
        // the auditor reads no scope: not on /scope, and not through its ledger entries either
        Api auditorApi = fixture.as().get(Who.AUDITOR);
        assertThat(auditorApi.get(i + "/scope").status()).isEqualTo(403);
        int scopes = 0;
        for (JsonNode e : auditorApi.get(i + "/timeline").json()) {
            if (e.path("type").asString().equals("scope.updated")) {
                scopes++;
                assertThat(e.path("privileged").asBoolean()).as(e.toString()).isTrue();
                assertThat(e.path("text").asString()).startsWith("Privileged entry recorded (commitment ");
            }
        }
        assertThat(scopes).as("the manual scope and the scan's").isEqualTo(2);
        // the obligations computed from the manual scope are public: they carry no counts
        for (JsonNode e : auditorApi.get(i + "/timeline").json()) {
            if (e.path("type").asString().equals("obligations.computed")
                    && !e.path("privileged").asBoolean()) {
                assertThat(e.path("body").path("warnings").isNumber())
                        .as(e.toString())
                        .isTrue();
                assertThat(e.path("body").toString()).doesNotContain("1200");
            }
        }
        // a job over a FORENSIC item the caller may not read shows no progress: it counts the item's bytes
        JsonNode job = fixture.as().get(Who.AUDITOR).get("/api/v1/jobs/" + scan).json();
        assertThat(job.path("withheld").asBoolean()).isTrue();
        assertThat(job.path("done").isNull()).isTrue();
        assertThat(job.path("total").isNull()).isTrue();
        // a notice version written while the scope rests on FORENSIC evidence states it: it stays
        // counsel's and the commander's after a person sets the scope anew
        Api.Response edited = legal.send(
                "PUT",
                i + "/notices/gdpr-art33",
                "text/markdown",
                "About 1,200 people LEAK-NOTICE-VERSION".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(ic.putJson(i + "/scope", "{\"subjects\":{\"DE\":5},\"data\":[\"CONTACT\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER)) {
            Api as = fixture.as().get(w);
            assertThat(as.get(i + "/scope").status()).as(w.name()).isEqualTo(200);
            Api.Response current = as.get(i + "/notices/gdpr-art33");
            assertThat(current.status()).as(w.name()).isEqualTo(403);
            assertThat(current.body()).doesNotContain("LEAK-NOTICE-VERSION");
            assertThat(as.get(i + "/notices/gdpr-art33/versions/1").status())
                    .as(w.name())
                    .isEqualTo(403);
        }
        assertThat(legal.get(i + "/notices/gdpr-art33/versions/1").body()).contains("LEAK-NOTICE-VERSION");
        // set by a person, the scope no longer rests on the scan: the page says who set it, and no more
        assertThat(legal.get(page).body()).contains("id=\"scope-set\"").doesNotContain("it rests on FORENSIC evidence");
        assertThat(fixture.as().get(Who.RESPONDER).get(page).body()).contains("id=\"scope-set\"");
    }

    /**
     * An upload whose repository names neither repository is refused as input (422 naming the
     * parameter) to whoever may add evidence at all, never decided as an upload without a
     * repository; a non-member still learns nothing (404), and nothing is stored.
     */
    @Test
    void anUnreadableRepositoryIsRefusedNeverTakenForNone() {
        String i = "/api/v1/incidents/" + fixture.incident();
        int before = fixture.as().get(Who.IC).get(i + "/evidence").json().size();
        for (String asked : List.of("FORENSICS", "%20forensic", "", "FORENSIC%20AUDIT")) {
            for (Who w : List.of(Who.LIAISON, Who.IC)) {
                Api.Response r = fixture.as()
                        .get(w)
                        .postBytes(
                                i + "/evidence?repository=" + asked + "&kind=DOCUMENT&name=memo.txt",
                                "a memo".getBytes(StandardCharsets.UTF_8));
                assertThat(r.status()).as(w + " " + asked + ": " + r.body()).isEqualTo(422);
                assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-repository");
                assertThat(r.json().path("detail").asString()).startsWith("repository: must be FORENSIC or AUDIT");
            }
            Api.Response auditor = fixture.as()
                    .get(Who.AUDITOR)
                    .postBytes(i + "/evidence?repository=" + asked + "&kind=DOCUMENT&name=memo.txt", new byte[] {1});
            assertThat(auditor.status()).as(auditor.body()).isEqualTo(403);
            Api.Response outsider = fixture.as()
                    .get(Who.OUTSIDER)
                    .postBytes(i + "/evidence?repository=" + asked + "&kind=DOCUMENT&name=memo.txt", new byte[] {1});
            assertThat(hidden(outsider)).as(outsider.body()).isTrue();
        }
        assertThat(fixture.as().get(Who.IC).get(i + "/evidence").json().size())
                .as("nothing stored")
                .isEqualTo(before);
    }

    /** A new incident of the matrix's commander, with its LEGAL, liaison, responder and auditor as members. */
    /** A review incident whose commander set a scope of {@code people} in DE with CONTACT data. */
    private String reviewIncidentWithScope(String title, int people) {
        String incident = reviewIncident(title);
        assertThat(fixture.as()
                        .get(Who.IC)
                        .putJson(
                                "/api/v1/incidents/" + incident + "/scope",
                                "{\"subjects\":{\"DE\":" + people + "},\"data\":[\"CONTACT\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        return incident;
    }

    private String reviewIncident(String title) {
        Api ic = fixture.as().get(Who.IC);
        Api.Response opened = ic.postJson(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00Z\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String incident = opened.json().path("id").asString();
        for (Who w : List.of(Who.LEGAL, Who.LIAISON, Who.RESPONDER, Who.AUDITOR)) {
            String role = switch (w) {
                case LEGAL -> "LEGAL";
                case LIAISON -> "AUDIT_LIAISON";
                case AUDITOR -> "AUDITOR";
                default -> "RESPONDER";
            };
            assertThat(ic.putJson(
                                    "/api/v1/incidents/" + incident + "/members/"
                                            + username(fixture.as().get(w), fixture.admin()),
                                    "{\"role\":\"" + role + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        return incident;
    }

    /** A FORENSIC item uploaded by the commander, scanned by LEGAL with {@code updateScope}: the scan job's id. */
    private String scopeFromForensicScan(String incident, String name) throws InterruptedException {
        Api legal = fixture.as().get(Who.LEGAL);
        String forensic = upload(fixture.as().get(Who.IC), incident, "FORENSIC", name);
        String scan = legal.postJson("/api/v1/evidence/" + forensic + "/scans", "{\"updateScope\":true}")
                .json()
                .path("id")
                .asString();
        awaitJob(legal, scan);
        return scan;
    }

    /**
     * A notice draft is counsel's work product: its text and versions are LEGAL's and the
     * commander's until it is sent, on the API and on the obligations page, and its {@code
     * notice.edited} entries are commitments for everyone else.
     */
    @Test
    void counselsNoticeDraftIsReadByCounselAndTheCommanderOnly() {
        Api legal = fixture.as().get(Who.LEGAL);
        String incident = reviewIncidentWithScope("Draft", 40);
        String i = "/api/v1/incidents/" + incident;
        String text = "COUNSEL WORK PRODUCT: litigation risk assessed as high";
        Api.Response put =
                legal.send("PUT", i + "/notices/gdpr-art33", "text/markdown", text.getBytes(StandardCharsets.UTF_8));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        String sha256 = NoticeSha.of(text);
        for (Who w : List.of(Who.IC, Who.LEGAL)) {
            Api as = fixture.as().get(w);
            assertThat(as.get(i + "/notices/gdpr-art33").body()).as(w.name()).isEqualTo(text);
            assertThat(as.get(i + "/notices/gdpr-art33/versions/1").body())
                    .as(w.name())
                    .isEqualTo(text);
            // German people only, the company not in the UK: the ICO is owed nothing, so no UK section (ADR 145)
            assertThat(as.get("/incidents/" + incident + "/obligations").body())
                    .as(w.name())
                    .contains(text)
                    .doesNotContain("id=\"uk-notice\"");
        }
        for (Who w : List.of(Who.LIAISON, Who.RESPONDER, Who.AUDITOR)) {
            Api as = fixture.as().get(w);
            for (String path : List.of("", "/versions", "/versions/1")) {
                Api.Response r = as.get(i + "/notices/gdpr-art33" + path);
                assertThat(r.status()).as(w + " " + path).isEqualTo(403);
                assertThat(r.body()).as(w + " " + path).doesNotContain("litigation");
            }
            Api.Response page = as.get("/incidents/" + incident + "/obligations");
            assertThat(page.status()).as(w.name()).isEqualTo(200);
            assertThat(page.body()).as(w.name()).doesNotContain("litigation").doesNotContain("id=\"notice\"");
            int edits = 0;
            for (JsonNode e : as.get(i + "/timeline").json()) {
                if (e.path("type").asString().equals("notice.edited")) {
                    edits++;
                    assertThat(e.path("privileged").asBoolean())
                            .as(e.toString())
                            .isTrue();
                    assertThat(e.has("opened")).as(e.toString()).isFalse();
                }
            }
            assertThat(edits).as(w.name()).isEqualTo(1);
            assertThat(as.get(i + "/timeline").body()).as(w.name()).doesNotContain(sha256);
        }
    }

    /**
     * The upload form pre-selects FORENSIC, as the API and the CLI default: a browser that submits
     * the form untouched files nothing to AUDIT, which the auditor reads.
     */
    @Test
    void theUploadFormPreselectsForensicAsTheApiAndCliDefault() {
        String page = "/incidents/" + fixture.incident() + "/evidence";
        for (Who w : List.of(Who.IC, Who.RESPONDER, Who.LEGAL)) {
            String html = fixture.as().get(w).get(page).body();
            String select = html.substring(html.indexOf("<select id=\"u-repository\""));
            select = select.substring(0, select.indexOf("</select>"));
            java.util.regex.Matcher options =
                    java.util.regex.Pattern.compile("<option[^>]*>").matcher(select);
            List<String> found = new ArrayList<>();
            while (options.find()) found.add(options.group());
            assertThat(found).as(w.name()).hasSize(2);
            assertThat(found.get(0)).as(w.name()).contains("value=\"FORENSIC\"").contains("selected");
            assertThat(found.get(1)).as(w.name()).contains("value=\"AUDIT\"").doesNotContain("selected");
        }
        // the audit liaison adds AUDIT evidence only: the one choice
        String liaison = fixture.as().get(Who.LIAISON).get(page).body();
        String select = liaison.substring(liaison.indexOf("<select id=\"u-repository\""));
        select = select.substring(0, select.indexOf("</select>"));
        assertThat(select).contains("value=\"AUDIT\"").doesNotContain("value=\"FORENSIC\"");
    }

    /** The SHA-256 of a notice text, as its {@code notice.edited} entry names it. */
    private static final class NoticeSha {
        static String of(String text) {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * The sent GDPR Art. 33 notice states the scope: while the scope rests on FORENSIC evidence (a
     * scan's), the notice is kept as FORENSIC evidence, so the auditor meets it, its filing and its
     * {@code notice.sent} as commitments only, and the export bag leaves it out.
     */
    @Test
    void aNoticeSentWhileTheScopeRestsOnForensicEvidenceIsForensicEvidence() throws Exception {
        Api legal = fixture.as().get(Who.LEGAL);
        Api auditor = fixture.as().get(Who.AUDITOR);
        String incident = reviewIncident("Notice");
        String i = "/api/v1/incidents/" + incident;
        scopeFromForensicScan(incident, "notice-export.csv");
        // it states a privileged scope: filing it as AUDIT is refused, nothing stored
        Api.Response asAudit =
                legal.postJson(i + "/notices/gdpr-art33/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(asAudit.status()).as(asAudit.body()).isEqualTo(422);
        assertThat(asAudit.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-privileged");
        Api.Response sent = legal.postJson(i + "/notices/gdpr-art33/sent", "{\"incomplete\":true}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        JsonNode item = sent.json().path("evidence");
        assertThat(item.path("repository").asString()).isEqualTo("FORENSIC");
        String id = item.path("id").asString();
        String sha256 = item.path("sha256").asString();
        for (Who w : List.of(Who.AUDITOR, Who.LIAISON)) {
            Api as = fixture.as().get(w);
            assertThat(as.get("/api/v1/evidence/" + id + "/content").status())
                    .as(w.name())
                    .isEqualTo(403);
            JsonNode stub = as.get("/api/v1/evidence/" + id).json();
            assertThat(stub.has("name")).as(w + ": " + stub).isFalse();
            assertThat(stub.has("sha256")).as(w + ": " + stub).isFalse();
        }
        String timeline = auditor.get(i + "/timeline").body();
        assertThat(timeline).doesNotContain(sha256).doesNotContain("gdpr-art33-notice");
        for (JsonNode e : auditor.get(i + "/timeline").json()) {
            String type = e.path("type").asString();
            if (type.equals("notice.sent") || type.equals("obligation.status-changed")) {
                assertThat(e.path("privileged").asBoolean()).as(e.toString()).isTrue();
            }
        }
        var bag = auditor.getBytes(i + "/export");
        assertThat(bag.statusCode()).isEqualTo(200);
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bag.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getName()).doesNotEndWith("data/evidence/" + sha256);
                if (entry.getName().endsWith("data/evidence/index.json")) {
                    assertThat(new String(zip.readAllBytes(), StandardCharsets.UTF_8))
                            .doesNotContain(id)
                            .doesNotContain("gdpr-art33-notice");
                }
            }
        }
        // counsel reads what was sent
        assertThat(legal.get("/api/v1/evidence/" + id + "/content").status()).isEqualTo(200);
    }

    @Test
    void theLedgerVerifiesForEveryCallerMembersOrNot() {
        String key = fixture.admin().get("/api/v1/ledger/key").body().strip();
        for (Who who : Who.values()) {
            var cl = dev.tandem.cli.TandemCommand.commandLine();
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            cl.setOut(new java.io.PrintWriter(out, true));
            cl.setErr(new java.io.PrintWriter(err, true));
            int exit = cl.execute(
                    "ledger",
                    "verify",
                    "--server",
                    "http://127.0.0.1:" + port,
                    "--token",
                    fixture.as().get(who).token(),
                    "--key",
                    key);
            assertThat(exit).as(who + ": " + out + err).isZero();
            if (who == Who.OUTSIDER || who == Who.ADMIN) {
                // the incident's entries reach them as leaf hashes only, and still verify
                assertThat(out.toString()).as(who.name()).containsPattern("[1-9][0-9]* as leaf hashes only");
            }
        }
    }

    @Test
    void theCommanderAndCounselOpenPrivilegedTimelineEntries() {
        String path = "/api/v1/incidents/" + fixture.incident() + "/timeline";
        JsonNode asLegal = fixture.as().get(Who.LEGAL).get(path).json();
        JsonNode asAuditor = fixture.as().get(Who.AUDITOR).get(path).json();
        boolean opened = false;
        for (JsonNode e : asLegal) {
            if (e.path("privileged").asBoolean()
                    && e.path("opened").path("name").asString("").equals("forensic-export.csv")) {
                opened = true;
            }
        }
        assertThat(opened).isTrue();
        for (JsonNode e : asAuditor) {
            assertThat(e.has("opened")).isFalse();
        }
        assertThat(asAuditor.toString()).doesNotContain("forensic-export.csv");
    }

    private static boolean permitted(Api.Response r) {
        return r.status() != 401 && r.status() != 403 && !hidden(r);
    }

    private static boolean hidden(Api.Response r) {
        return r.status() == 404 && r.body().contains("urn:tandem:problem:not-found");
    }

    private static Call get(String pattern, String expected, String path) {
        return new Call("GET", pattern, expected, () -> Request.get(path));
    }

    private static Call json(String method, String pattern, String expected, Supplier<String> path, String body) {
        return new Call(method, pattern, expected, () -> Request.json(path.get(), body));
    }

    private static String userWithToken(Api admin, Accounts accounts, String username) {
        String token = TestUsers.withToken(admin, accounts, username, "matrix");
        USERS.put(token, username);
        return token;
    }

    private static final Map<String, String> USERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String username(Api api, Api admin) {
        return USERS.get(api.token());
    }

    private static String freshUser(Api admin) {
        String name = "extra-" + SERIAL.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
        Api.Response u = admin.postJson("/api/v1/users", "{\"username\":\"" + name + "\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        return name;
    }

    /** A fresh evidence request filed by the auditor; {@code answered}: answered by the liaison too. */
    private static String evidenceRequest(Fixture f, boolean answered) {
        Api.Response r = f.as().get(Who.AUDITOR)
                .postJson(
                        "/api/v1/incidents/" + f.incident() + "/evidence-requests",
                        "{\"text\":\"access review of the integration user\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        if (answered) {
            Api.Response a = f.as().get(Who.LIAISON)
                    .postJson("/api/v1/evidence-requests/" + id + "/answer", "{\"evidence\":[\"" + f.audit() + "\"]}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
        return id;
    }

    /** The signed checkpoint as served now: what a bag carries in data/ledger/checkpoint. */
    private static String checkpoint(Fixture f) {
        return f.admin().get("/api/v1/ledger/checkpoint").body();
    }

    /** The incident's pre-change snapshot, uploaded once (well before any request names it). */
    private static final Map<String, String> SNAPSHOTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String changeBody(Fixture f) {
        String pre = SNAPSHOTS.computeIfAbsent(f.incident(), k -> snapshot(f.as().get(Who.IC), k));
        return "{\"title\":\"Revoke ViewAllData\",\"system\":\"Salesforce\",\"configItems\":[\"PermissionSet:Matrix\"],"
                + "\"controls\":[\"CC6.3\"],\"preSnapshots\":[\"" + pre + "\"],\"rollbackPlan\":\"redeploy\"}";
    }

    /** The new-change form's body for the same change as {@link #changeBody}. */
    private static String changeForm(Fixture f) {
        String pre = SNAPSHOTS.computeIfAbsent(f.incident(), k -> snapshot(f.as().get(Who.IC), k));
        return "title=Revoke+ViewAllData&system=Salesforce&kind=CONFIGURATION&configItems=PermissionSet%3AMatrix"
                + "&controls=CC6.3&preSnapshots=" + pre + "&rollbackPlan=redeploy";
    }

    /** A fresh change requested by the responder: everyone else may decide on it. */
    private static String change(Fixture f) {
        Api.Response r =
                f.as().get(Who.RESPONDER).postJson("/api/v1/incidents/" + f.incident() + "/changes", changeBody(f));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    /**
     * A fresh change approved by the commander and the liaison, and a post-change snapshot filed after
     * it. Changes that run are on a permission set of their own, each from a snapshot taken just
     * before it (the one before an executed change is no longer current): the other changes' snapshot
     * of {@code PermissionSet:Matrix} stays the configuration as they find it.
     */
    private static String[] approvedChangeAndPostSnapshot(Fixture f) {
        Api ic = f.as().get(Who.IC);
        String pre = snapshot(ic, f.incident(), "Matrix_Run");
        try {
            Thread.sleep(5); // the request comes after the snapshot, by the server's clock
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Api.Response r = f.as().get(Who.RESPONDER)
                .postJson(
                        "/api/v1/incidents/" + f.incident() + "/changes",
                        "{\"title\":\"Revoke ViewAllData\",\"system\":\"Salesforce\","
                                + "\"configItems\":[\"PermissionSet:Matrix_Run\"],\"controls\":[\"CC6.3\"],"
                                + "\"preSnapshots\":[\"" + pre + "\"],\"rollbackPlan\":\"redeploy\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        for (Who w : List.of(Who.IC, Who.LIAISON)) {
            Api.Response ok =
                    f.as().get(w).postJson("/api/v1/changes/" + id + "/approvals", "{\"decision\":\"APPROVE\"}");
            assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        }
        return new String[] {id, snapshot(ic, f.incident(), "Matrix_Run")};
    }

    private static String snapshot(Api api, String incident) {
        return snapshot(api, incident, "Matrix");
    }

    private static String snapshot(Api api, String incident, String permissionSet) {
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + incident
                        + "/evidence?repository=AUDIT&kind=CONFIG_SNAPSHOT&name=" + permissionSet
                        + ".permissionset-meta.xml",
                ("<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>Matrix " + System.nanoTime()
                                + "</label></PermissionSet>")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private static String upload(Api api, String incident, String repository, String name) {
        String csv = "FirstName,LastName,Email,MailingCountry\nAda,Lovelace,ada@" + repository.toLowerCase()
                + ".shop-example.de,DE\nGrace,Hopper,grace@shop-example.com,US\n";
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=DATA_EXPORT&name="
                        + name,
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    /** Another AUDIT item of the fixture's incident, uploaded by its commander. */
    private static String freshAudit(Fixture f) {
        return upload(f.as().get(Who.IC), f.incident(), "AUDIT", "audit-" + SERIAL.incrementAndGet() + ".csv");
    }

    /** Another FORENSIC item of the fixture's incident, uploaded by its commander. */
    private static String freshForensic(Fixture f) {
        return upload(f.as().get(Who.IC), f.incident(), "FORENSIC", "forensic-" + SERIAL.incrementAndGet() + ".csv");
    }

    @Test
    void aSecondGrantOfWhatAGrantCoversIsRefused() {
        Api legal = fixture.as().get(Who.LEGAL);
        String grants = "/api/v1/incidents/" + fixture.incident() + "/grants";
        String grantee = username(fixture.as().get(Who.GRANTED), fixture.admin());
        // the fixture's grant of its FORENSIC item, given again
        Api.Response again = legal.postJson(
                grants, "{\"username\":\"" + grantee + "\",\"evidence\":\"" + fixture.forensic() + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("already-granted").contains("already holds grant");
        // every item, then one item: covered already
        String other = username(fixture.as().get(Who.RESPONDER), fixture.admin());
        String item = freshForensic(fixture);
        Api.Response all = legal.postJson(grants, "{\"username\":\"" + other + "\",\"evidence\":null}");
        assertThat(all.status()).as(all.body()).isEqualTo(201);
        try {
            Api.Response one = legal.postJson(grants, "{\"username\":\"" + other + "\",\"evidence\":\"" + item + "\"}");
            assertThat(one.status()).as(one.body()).isEqualTo(409);
            assertThat(one.body()).contains("every FORENSIC item");
        } finally {
            // the matrix's RESPONDER holds no grant
            Api.Response revoked =
                    legal.send("DELETE", grants + "/" + all.json().path("id").asString(), null, null);
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        }
        // revoked, an item can be granted anew
        Api.Response anew = legal.postJson(grants, "{\"username\":\"" + other + "\",\"evidence\":\"" + item + "\"}");
        assertThat(anew.status()).as(anew.body()).isEqualTo(201);
        Api.Response revoked =
                legal.send("DELETE", grants + "/" + anew.json().path("id").asString(), null, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
    }

    /**
     * An evidence request's answer links only what the incident's AUDITOR reads (ADR 111): a change,
     * which every member reads, and entries in the clear; a privileged entry is refused (422
     * {@code privileged-entry}). The auditor reads the answer's change and entry, and the change
     * itself; no member learns more of them from the answer than the auditor does.
     */
    @Test
    void anEvidenceRequestIsAnsweredOnlyWithChangesAndEntriesTheAuditorReads() {
        Fixture f = fixture;
        String changeId = change(f);
        long requested = f.as().get(Who.AUDITOR)
                .get("/api/v1/changes/" + changeId)
                .json()
                .path("ledgerIndex")
                .asLong();
        Api.Response sealed = f.as().get(Who.LEGAL)
                .postJson(
                        "/api/v1/incidents/" + f.incident() + "/timeline",
                        "{\"kind\":\"NOTE\",\"text\":\"counsel's view of the change\",\"privileged\":true}");
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(201);
        String id = evidenceRequest(f, false);
        Api liaison = f.as().get(Who.LIAISON);
        Api.Response refused = liaison.postJson(
                "/api/v1/evidence-requests/" + id + "/answer",
                "{\"entries\":[" + sealed.json().path("ledgerIndex").asLong() + "]}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).endsWith("privileged-entry");
        Api.Response answered = liaison.postJson(
                "/api/v1/evidence-requests/" + id + "/answer",
                "{\"changes\":[\"" + changeId + "\"],\"entries\":[" + requested + "]}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        JsonNode asAuditor =
                f.as().get(Who.AUDITOR).get("/api/v1/evidence-requests/" + id).json();
        assertThat(asAuditor.path("changes").get(0).path("id").asString()).isEqualTo(changeId);
        assertThat(asAuditor.path("entries").get(0).path("type").asString()).isEqualTo("change.requested");
        for (Who who : List.of(Who.IC, Who.LEGAL, Who.RESPONDER, Who.LIAISON)) {
            JsonNode seen =
                    f.as().get(who).get("/api/v1/evidence-requests/" + id).json();
            assertThat(seen.path("changes")).as(who.name()).isEqualTo(asAuditor.path("changes"));
            assertThat(seen.path("entries")).as(who.name()).isEqualTo(asAuditor.path("entries"));
        }
        assertThat(f.as().get(Who.OUTSIDER)
                        .get("/api/v1/evidence-requests/" + id)
                        .status())
                .isEqualTo(404);
    }

    /**
     * A grant of every FORENSIC item is asked for explicitly: {@code "evidence": null} in the API, the
     * form's empty choice on the page. A request that leaves the field out grants nothing (422).
     */
    @Test
    void aGrantOfEveryItemIsAskedForExplicitly() {
        Api legal = fixture.as().get(Who.LEGAL);
        String grants = "/api/v1/incidents/" + fixture.incident() + "/grants";
        String other = username(fixture.as().get(Who.RESPONDER), fixture.admin());
        String before = legal.get(grants).body();
        Api.Response missing = legal.postJson(grants, "{\"username\":\"" + other + "\"}");
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().path("type").asString()).endsWith("missing-evidence");
        assertThat(missing.json().path("detail").asString())
                .startsWith("evidence: required")
                .contains("\"evidence\": null");
        Api.Response wrong = legal.postJson(grants, "{\"username\":\"" + other + "\",\"evidence\":7}");
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
        assertThat(wrong.json().path("type").asString()).endsWith("bad-evidence");
        String page = "/incidents/" + fixture.incident() + "/grants";
        Api.Response form = legal.send(
                "POST",
                page,
                "application/x-www-form-urlencoded",
                ("username=" + other).getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).as(form.body()).isEqualTo(422);
        assertThat(legal.get(grants).body()).as("nothing granted").isEqualTo(before);
        // the form's "every FORENSIC item" sends the field, empty
        Api.Response all = legal.send(
                "POST",
                page,
                "application/x-www-form-urlencoded",
                ("username=" + other + "&evidence=").getBytes(StandardCharsets.UTF_8));
        assertThat(all.status()).as(all.body()).isEqualTo(302);
        JsonNode granted = null;
        for (JsonNode g : legal.get(grants).json()) {
            if (g.path("username").asString().equals(other)) {
                granted = g;
            }
        }
        assertThat(granted).as("the page's grant of every item").isNotNull();
        assertThat(granted.path("evidence").isNull()).isTrue();
        // the matrix's RESPONDER holds no grant
        Api.Response revoked =
                legal.send("DELETE", grants + "/" + granted.path("id").asString(), null, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
    }

    private static void awaitJob(Api api, String jobId) throws InterruptedException {
        JsonNode job = api.awaitJob(jobId);
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    }
}
