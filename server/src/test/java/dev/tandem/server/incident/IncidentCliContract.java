package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.notice.NoticeGaps;
import dev.tandem.server.Api;
import dev.tandem.server.ServerCli;
import dev.tandem.server.ServerCli.Cli;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem incident}, {@code tandem timeline}, {@code tandem obligations} (and its {@code
 * show|owner|status}), {@code tandem scope} and {@code tandem judgements} driving a real server (docs/contracts.md §4): the incident commander
 * opens an incident and adds its members from the terminal; counsel and the auditor read the one timeline, counsel with the privileged entry
 * opened and the auditor with its commitment only; the obligations with their deadlines and the laws
 * not triggered, which the auditor does not get; the scope and the judgements set and recorded by
 * those who decide them (LEGAL and the incident commander, what sets a notice aside LEGAL alone), read
 * by the response team and refused to the auditor; the awareness, the incident's facts and one
 * obligation's owner and status changed by the commander and counsel, what gives notices more time or
 * sets one aside counsel's alone, all of it refused to the auditor; each refusal one line with its
 * problem type. Run on H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + IncidentCliContract.TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncidentCliContract {
    static final String TOKEN = "incident-cli-admin-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NL = System.lineSeparator();

    @Autowired
    Accounts accounts;

    @LocalServerPort
    int port;

    Api admin;
    String tag;

    @BeforeAll
    void setUp() {
        admin = new Api("http://127.0.0.1:" + port, TOKEN);
        tag = Long.toString(System.nanoTime(), 36);
    }

    /** A new user and a token of theirs. */
    Api user(String name) {
        return admin.as(TestUsers.withToken(admin, accounts, name + "-" + tag, "cli"));
    }

    String name(String name) {
        return name + "-" + tag;
    }

    /** One run of the {@code tandem} command line against this server as {@code as}. */
    Cli cli(Api as, String... args) {
        return ServerCli.run(port, String.valueOf(as.token()), args);
    }

    Cli ok(Api as, String... args) {
        Cli r = cli(as, args);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r;
    }

    /** An awareness time 150 minutes ago, to the second: every deadline runs from it. */
    static String awareAgo() {
        return Instant.now()
                .minus(150, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    /** {@code tandem incident open} as {@code ic}, aware at {@code aware}: the incident as the server answered. */
    JsonNode open(Api ic, String title, String aware) {
        return JSON.readTree(ok(
                        ic,
                        "incident",
                        "open",
                        "--title",
                        title,
                        "--severity",
                        "HIGH",
                        "--aware-at",
                        aware,
                        "--time-zone",
                        "Europe/Berlin",
                        "--format",
                        "json")
                .out());
    }

    /** {@code tandem incident members set-role} of the responder to RESPONDER, expecting {@code expected}. */
    Cli toResponder(Api as, String id, String expected) {
        return cli(
                as,
                "incident",
                "members",
                "set-role",
                name("responder"),
                "--incident",
                id,
                "--role",
                "RESPONDER",
                "--expected-role",
                expected);
    }

    @Test
    void theCommanderRunsTheIncidentFromTheTerminalAndEachRoleReadsWhatItMay() {
        Api ic = user("ic");
        Api counsel = user("counsel");
        Api responder = user("responder");
        Api auditor = user("auditor");
        Api outsider = user("outsider");
        String aware = awareAgo();
        JsonNode incident = open(ic, "CRM sync leak " + tag, aware);
        String id = incident.path("id").asString();
        assertThat(incident.path("role").asString()).isEqualTo("INCIDENT_COMMANDER");
        assertThat(ic.get("/api/v1/incidents/" + id).json().path("awareAt").asString())
                .isEqualTo(aware);

        Cli added = ok(ic, "incident", "members", "add", name("counsel"), "--incident", id, "--role", "LEGAL");
        assertThat(added.out())
                .startsWith("added " + name("counsel") + " to incident " + id + " as LEGAL (ledger entry #");
        ok(ic, "incident", "members", "add", name("responder"), "--incident", id, "--role", "AUDITOR");
        Cli stale = toResponder(ic, id, "LEGAL");
        assertThat(stale.exit()).isEqualTo(2);
        assertThat(stale.err())
                .startsWith("tandem incident members set-role: the server answered 409: ")
                .endsWith("(member-changed)" + NL)
                .hasLineCount(1);
        Cli changed = toResponder(ic, id, "AUDITOR");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(changed.out())
                .startsWith(name("responder") + " is now RESPONDER in incident " + id + " (was AUDITOR)");
        ok(ic, "incident", "members", "add", name("auditor"), "--incident", id, "--role", "AUDITOR");
        ok(ic, "incident", "members", "add", name("outsider"), "--incident", id, "--role", "AUDITOR");
        ok(ic, "incident", "members", "remove", name("outsider"), "--incident", id);

        Cli notTheirs =
                cli(responder, "incident", "members", "add", name("outsider"), "--incident", id, "--role", "LEGAL");
        assertThat(notTheirs.exit()).isEqualTo(2);
        assertThat(notTheirs.err())
                .startsWith("tandem incident members add: not allowed for this token's user (403): ")
                .endsWith("(forbidden)" + NL)
                .hasLineCount(1);
        Cli members = ok(auditor, "incident", "members", "list", "--incident", id);
        assertThat(members.out())
                .contains(name("ic") + "  ")
                .contains(name("counsel") + "  ")
                .contains(name("responder") + "  ")
                .doesNotContain(name("outsider"))
                .contains("4 members");

        assertThat(ok(auditor, "incident", "list").out())
                .contains(id)
                .contains("AUDITOR")
                .contains("CRM sync leak " + tag);
        assertThat(ok(responder, "incident", "show", id).out())
                .startsWith("incident " + id + "  HIGH  ")
                .contains("  your role              RESPONDER")
                .contains("  aware at               " + aware)
                .contains("  time zone              Europe/Berlin");
        Cli outside = cli(outsider, "incident", "show", id);
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.err())
                .startsWith("tandem incident show: the server answered 404: ")
                .hasLineCount(1);

        String path = "/api/v1/incidents/" + id + "/timeline";
        Api.Response memo = counsel.postJson(
                path, "{\"kind\":\"DECISION\",\"text\":\"Counsel: notify the DPA by Friday\",\"privileged\":true}");
        assertThat(memo.status()).as(memo.body()).isEqualTo(201);
        long privileged = memo.json().path("ledgerIndex").asLong();
        Api.Response note = responder.postJson(
                path, "{\"kind\":\"NOTE\",\"text\":\"Integration user disabled\",\"eventAt\":\"" + aware + "\"}");
        assertThat(note.status()).as(note.body()).isEqualTo(201);

        Cli call = ok(
                responder,
                "timeline",
                "add",
                "--incident",
                id,
                "--kind",
                "EXTERNAL_EVENT",
                "--text",
                "Audit firm told of the leak",
                "--event-at",
                aware,
                "--event-precision",
                "HOUR");
        assertThat(call.out())
                .startsWith("added EXTERNAL_EVENT to the timeline of incident " + id + " (ledger entry #")
                .hasLineCount(1);
        Cli auditorAdds = cli(auditor, "timeline", "add", "--incident", id, "--kind", "NOTE", "--text", "Seen");
        assertThat(auditorAdds.exit()).isEqualTo(2);
        assertThat(auditorAdds.out()).isEmpty();
        assertThat(auditorAdds.err())
                .startsWith("tandem timeline add: not allowed for this token's user (403): ")
                .endsWith("(forbidden)" + NL)
                .hasLineCount(1);
        Cli responderPrivileged =
                cli(responder, "timeline", "add", "--incident", id, "--kind", "NOTE", "--text", "Memo", "--privileged");
        assertThat(responderPrivileged.exit()).isEqualTo(2);
        assertThat(responderPrivileged.err())
                .startsWith("tandem timeline add: not allowed for this token's user (403): privileged: ")
                .endsWith("(forbidden; option --privileged)" + NL)
                .hasLineCount(1);
        Cli badTime = cli(
                responder, "timeline", "add", "--incident", id, "--kind", "NOTE", "--text", "x", "--event-at", "09:00");
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err())
                .isEqualTo("tandem timeline add: --event-at: must be an RFC 3339 time with an offset (e.g."
                        + " 2026-11-26T07:00:00Z), got 09:00" + NL);

        Cli counselReads = ok(counsel, "timeline", "--incident", id);
        assertThat(counselReads.out())
                .contains("#" + privileged + "  ")
                .contains("DECISION  [privileged, opened for you]  ")
                .contains("Counsel: notify the DPA by Friday")
                .contains("NOTE  " + name("responder") + " noted: Integration user disabled [happened ");
        Cli auditorReads = ok(auditor, "timeline", "--incident", id);
        assertThat(auditorReads.out())
                .contains("#" + privileged + "  ")
                .contains("[privileged]  Privileged entry recorded (commitment ")
                .contains("Integration user disabled")
                .contains("EXTERNAL_EVENT  ")
                .contains("Audit firm told of the leak")
                .doesNotContain("notify the DPA")
                .doesNotContain("opened for you");
        JsonNode auditorsJson = JSON.readTree(
                ok(auditor, "timeline", "--incident", id, "--format", "json").out());
        assertThat(auditorsJson).isEqualTo(auditor.get(path).json());
        assertThat(auditorsJson.toString()).doesNotContain("notify the DPA");
        // the CSV (docs/contracts.md "Additions"): the server's for the same caller, as it came
        Cli auditorsCsv = ok(auditor, "timeline", "--incident", id, "--format", "csv");
        assertThat(auditorsCsv.out())
                .isEqualTo(auditor.get(path + "?format=csv").body())
                .startsWith("index,at,actor,type,kind,privileged,opened,commitment,")
                .contains("Privileged entry recorded (commitment ")
                .contains("Integration user disabled")
                .doesNotContain("notify the DPA");
        assertThat(ok(counsel, "timeline", "--incident", id, "--kind", "DECISION", "--format", "csv")
                        .out())
                .contains("Counsel: notify the DPA by Friday")
                .hasLineCount(2);
        Cli outsiderCsv = cli(outsider, "timeline", "--incident", id, "--format", "csv");
        assertThat(outsiderCsv.exit()).isEqualTo(2);
        assertThat(outsiderCsv.out()).isEmpty();
        assertThat(outsiderCsv.err()).startsWith("tandem timeline: the server answered 404: ");
        Cli notes = ok(auditor, "timeline", "--incident", id, "--kind", "NOTE", "--order", "eventAt");
        assertThat(notes.out()).contains("Integration user disabled").contains("1 entry" + NL);
        Cli badOrder = cli(auditor, "timeline", "--incident", id, "--order", "when");
        assertThat(badOrder.exit()).isEqualTo(2);
        assertThat(badOrder.err()).endsWith("(bad-order; option --order)" + NL).hasLineCount(1);
        Cli outsiderReads = cli(outsider, "timeline", "--incident", id);
        assertThat(outsiderReads.exit()).isEqualTo(2);
        assertThat(outsiderReads.out()).isEmpty();

        Cli none = ok(ic, "obligations", "--incident", id);
        assertThat(none.out())
                .contains("none computed yet: the incident has no scope (tandem scope set --incident " + id + ")");
        Api.Response scope = ic.putJson(
                "/api/v1/incidents/" + id + "/scope",
                "{\"subjects\":{\"DE\":1200,\"US-MA\":300},\"data\":[\"CONTACT\"]}");
        assertThat(scope.status()).as(scope.body()).isEqualTo(200);
        Cli icObligations = ok(ic, "obligations", "--incident", id);
        assertThat(icObligations.out())
                .contains(") to SUPERVISORY_AUTHORITY")
                .contains("  time left              2 days 21 hours" + NL)
                .contains("  citation               GDPR Art. 33")
                .contains("notTriggered (laws checked where nothing is owed):")
                .contains("  US-MA  ")
                .endsWith("Not legal advice: a starting list for counsel to review." + NL);
        Cli auditorObligations = ok(auditor, "obligations", "--incident", id);
        assertThat(auditorObligations.out())
                .contains(") to SUPERVISORY_AUTHORITY")
                .contains("  citation               GDPR Art. 33")
                .doesNotContain("notTriggered")
                .doesNotContain("US-MA");
        JsonNode auditorsObligations = JSON.readTree(
                ok(auditor, "obligations", "--incident", id, "--format", "json").out());
        assertThat(auditorsObligations.has("notTriggered")).isFalse();
        assertThat(auditorsObligations.path("obligations")).isNotEmpty();

        Cli responderMoves = cli(responder, "incident", "phase", id, "--phase", "RESPOND");
        assertThat(responderMoves.exit()).isEqualTo(2);
        assertThat(responderMoves.out()).isEmpty();
        assertThat(responderMoves.err())
                .startsWith("tandem incident phase: not allowed for this token's user (403): ")
                .endsWith("(forbidden)" + NL)
                .hasLineCount(1);
        assertThat(ok(ic, "incident", "phase", id, "--phase", "RESPOND").out())
                .startsWith("incident " + id + " is now in phase RESPOND" + NL)
                .contains("incident " + id + "  HIGH  RESPOND  ");
        Cli tooEarly = cli(ic, "incident", "close", id, "--text", "Done");
        assertThat(tooEarly.exit()).isEqualTo(2);
        assertThat(tooEarly.err())
                .isEqualTo("tandem incident close: the server answered 409: an incident is closed from RECOVER or"
                        + " IMPROVE; it is in RESPOND (invalid-lifecycle-change)" + NL);
        Cli counselContains = cli(counsel, "incident", "contain", id, "--text", "Token revoked");
        assertThat(counselContains.exit()).isEqualTo(2);
        assertThat(counselContains.err())
                .startsWith("tandem incident contain: not allowed for this token's user (403): ")
                .endsWith("(forbidden)" + NL)
                .hasLineCount(1);
        assertThat(ok(ic, "incident", "contain", id, "--text", "Integration user disabled", "--at", aware)
                        .out())
                .startsWith("incident " + id + " contained as of " + aware + " (ledger entry #")
                .hasLineCount(1);
        assertThat(ok(ic, "incident", "occurred-at", id, "--occurred-at", aware, "--precision", "HOUR")
                        .out())
                .startsWith("incident " + id + " occurred at " + aware + " (precision HOUR)" + NL);
        Cli auditorCloses = cli(auditor, "incident", "close", id, "--text", "Done");
        assertThat(auditorCloses.exit()).isEqualTo(2);
        assertThat(auditorCloses.err()).endsWith("(forbidden)" + NL).hasLineCount(1);
        ok(ic, "incident", "phase", id, "--phase", "RECOVER");
        assertThat(ok(ic, "incident", "close", id, "--text", "Recovered; lessons recorded")
                        .out())
                .startsWith("closed incident " + id + " (ledger entry #");
        JsonNode closed = ic.get("/api/v1/incidents/" + id).json();
        assertThat(closed.path("phase").asString()).isEqualTo("RECOVER");
        assertThat(closed.path("containedAt").asString()).isEqualTo(aware);
        assertThat(closed.path("occurredPrecision").asString()).isEqualTo("HOUR");
        assertThat(closed.path("closedAt").isNull()).isFalse();
        assertThat(ok(auditor, "timeline", "--incident", id).out()).contains("Recovered; lessons recorded");
    }
    /** {@code tandem judgements record} on incident {@code id} with these fields, and {@code more} options. */
    static String[] judgement(String id, String question, String answer, String reason, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "judgements",
                "record",
                "--incident",
                id,
                "--question",
                question,
                "--answer",
                answer,
                "--reason",
                reason));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** One line on stderr naming {@code command}, exit 2 and nothing on stdout: a refusal or usage error. */
    static void refused(Cli r, String command, String type) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("tandem " + command + ": ")
                .endsWith(type + NL)
                .hasLineCount(1);
    }

    @Test
    void theScopeAndJudgementsAreSetFromTheTerminalByThoseWhoDecideThemAndRefusedToTheAuditor() {
        Api ic = user("ic2");
        Api counsel = user("counsel2");
        Api responder = user("responder2");
        Api auditor = user("auditor2");
        String aware = awareAgo();
        String id = open(ic, "Scope from the terminal " + tag, aware).path("id").asString();
        ok(ic, "incident", "members", "add", name("counsel2"), "--incident", id, "--role", "LEGAL");
        ok(ic, "incident", "members", "add", name("responder2"), "--incident", id, "--role", "RESPONDER");
        ok(ic, "incident", "members", "add", name("auditor2"), "--incident", id, "--role", "AUDITOR");
        String scopePath = "/api/v1/incidents/" + id + "/scope";

        refused(cli(ic, "scope", "show", "--incident", id), "scope show", "(no-scope)");
        Cli early = ok(counsel, judgement(id, "RISK", "YES", "Contact data of 1,500 customers in a sandbox"));
        assertThat(early.out())
                .isEqualTo("recorded RISK YES in incident " + id + " (decided as recorded; reason privileged)" + NL
                        + "obligations not recomputed: incident " + id + " has no scope yet (tandem scope set)" + NL);

        Cli typo = cli(ic, "scope", "set", "--incident", id, "--subjects", "DE=1200,US-MA=three");
        assertThat(typo.err())
                .isEqualTo("tandem scope set: --subjects: count 'three' for US-MA is not a whole number" + NL);
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(ic.get(scopePath).status()).isEqualTo(404);

        Cli set = ok(ic, "scope", "set", "--incident", id, "--subjects", "DE=1200,US-MA=300", "--data", "contact");
        assertThat(set.out())
                .startsWith("set the scope of incident " + id + NL)
                .contains("  DE                     1200 people" + NL)
                .contains("  US-MA                  300 people" + NL)
                .contains("  data                   CONTACT" + NL)
                .contains("  as options             --subjects DE=1200,US-MA=300 --data CONTACT" + NL)
                .containsPattern("obligations recomputed: [1-9][0-9]* owed, [0-9]+ set aside \\(tandem obligations"
                        + " --incident " + id + " lists them\\)" + NL + "$");
        JsonNode stored = ic.get(scopePath).json();
        assertThat(stored.path("subjects")).isEqualTo(JSON.readTree("{\"DE\":1200,\"US-MA\":300}"));
        assertThat(stored.path("updatedBy").asString()).isEqualTo(name("ic2"));

        // declaring the data encrypted sets notices aside: LEGAL's alone, nothing written for the commander
        Cli encrypted = cli(ic, "scope", "set", "--incident", id, "--subjects", "DE=1200", "--encrypted");
        refused(encrypted, "scope set", "(forbidden)");
        assertThat(encrypted.err()).contains("not allowed for this token's user (403): ");
        assertThat(ic.get(scopePath).json()).isEqualTo(stored);
        Cli auditorSets = cli(auditor, "scope", "set", "--incident", id, "--subjects", "DE=1");
        refused(auditorSets, "scope set", "(forbidden)");
        assertThat(ic.get(scopePath).json()).isEqualTo(stored);

        Cli shown = ok(counsel, "scope", "show", "--incident", id);
        assertThat(shown.out())
                .startsWith("scope of incident " + id + ", set "
                        + stored.path("updatedAt").asString() + " by " + name("ic2") + " (ledger entry #"
                        + stored.path("ledgerIndex").asLong() + ")" + NL)
                .contains("  in all                 1500 people" + NL)
                .contains("  encrypted              no" + NL);
        assertThat(ok(responder, "scope", "show", "--incident", id).out()).isEqualTo(shown.out());
        assertThat(JSON.readTree(ok(counsel, "scope", "show", "--incident", id, "--format", "json")
                        .out()))
                .isEqualTo(stored);
        Cli auditorReads = cli(auditor, "scope", "show", "--incident", id);
        refused(auditorReads, "scope show", "(forbidden)");
        assertThat(auditorReads.err()).contains("not allowed for this token's user (403): ");

        // HIGH_RISK NO sets the notice to the people aside: counsel's, refused to the commander
        String businessOnly = "Business contact data only; no sensitive data";
        String[] highRisk = judgement(id, "high_risk", "no", businessOnly);
        refused(cli(ic, highRisk), "judgements record", "(forbidden)");
        String decided = Instant.parse(aware).plus(30, ChronoUnit.MINUTES).toString();
        String[] clear = judgement(id, "high_risk", "no", businessOnly, "--decided-at", decided, "--no-privileged");
        Cli recorded = ok(counsel, clear);
        assertThat(recorded.out())
                .startsWith("recorded HIGH_RISK NO in incident " + id + " (decided at " + decided
                        + "; reason not privileged)" + NL)
                .containsPattern("obligations recomputed: [0-9]+ owed, [1-9][0-9]* set aside");
        Cli auditorRecords = cli(auditor, highRisk);
        refused(auditorRecords, "judgements record", "(forbidden)");
        Cli unknown = cli(counsel, judgement(id, "HARM_DONE", "YES", "r"));
        refused(unknown, "judgements record", "(bad-question; option --question)");
        assertThat(unknown.err()).contains("the server answered 422: question: unknown question 'HARM_DONE'");
        Cli maybe = cli(counsel, judgement(id, "RISK", "maybe", "r"));
        assertThat(maybe.err()).isEqualTo("tandem judgements record: --answer: must be one of YES, NO, got maybe" + NL);

        String judgementsPath = "/api/v1/incidents/" + id + "/judgements";
        JsonNode listed = counsel.get(judgementsPath).json().path("judgements");
        assertThat(listed).hasSize(2);
        String riskDecided = listed.get(0).path("decidedAt").asString();
        assertThat(ok(counsel, "judgements", "list", "--incident", id).out())
                .isEqualTo("RISK YES  decided " + riskDecided + " by " + name("counsel2")
                        + "  Contact data of 1,500 customers in a sandbox" + NL
                        + "HIGH_RISK NO  decided " + decided + " by " + name("counsel2") + "  [sets a notice aside]  "
                        + businessOnly + NL
                        + "2 judgements" + NL);
        // the reason recorded not privileged is in the clear in the ledger, so in the responder's list
        // too (docs/access.md); the privileged one stays hidden
        assertThat(ok(responder, "judgements", "list", "--incident", id).out())
                .isEqualTo("RISK YES  decided " + riskDecided + " by " + name("counsel2")
                        + "  (the reason is not for your role)" + NL
                        + "HIGH_RISK NO  decided " + decided + " by " + name("counsel2") + "  [sets a notice aside]  "
                        + businessOnly + NL
                        + "2 judgements" + NL);
        assertThat(JSON.readTree(ok(ic, "judgements", "list", "--incident", id, "--format", "json")
                        .out()))
                .isEqualTo(ic.get(judgementsPath).json());
        refused(cli(auditor, "judgements", "list", "--incident", id), "judgements list", "(forbidden)");

        // the reason recorded privileged is a commitment in the ledger, the other in the clear
        JsonNode entries = JSON.readTree(
                ok(auditor, "timeline", "--incident", id, "--kind", "judgement.recorded", "--format", "json")
                        .out());
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("privileged").asBoolean()).isTrue();
        assertThat(entries.get(1).path("privileged").asBoolean()).isFalse();
        assertThat(entries.toString()).doesNotContain("sandbox");
    }

    /** The incident's obligation to the supervisory authority under the GDPR, as {@code as} reads the list. */
    JsonNode gdprAuthority(Api as, String id) {
        JsonNode list = JSON.readTree(
                ok(as, "obligations", "--incident", id, "--format", "json").out());
        for (JsonNode o : list.path("obligations")) {
            if (o.path("regime").asString().equals("EU GDPR")
                    && o.path("recipient").asString().equals("SUPERVISORY_AUTHORITY")) {
                return o;
            }
        }
        throw new AssertionError("no GDPR notice to the supervisory authority in " + list);
    }

    @Test
    void anIncidentOpenedWithoutItsAwarenessNamesTheCommandThatSetsItWhereItIsMissing() {
        Api ic = user("ic6");
        String id = JSON.readTree(ok(
                                ic,
                                "incident",
                                "open",
                                "--title",
                                "No awareness yet " + tag,
                                "--severity",
                                "HIGH",
                                "--format",
                                "json")
                        .out())
                .path("id")
                .asString();
        String setIt = "tandem incident awareness " + id + " --aware-at T --reason TEXT";

        // the obligations: none computed, and what to set first
        assertThat(ok(ic, "obligations", "--incident", id).out())
                .contains("none computed yet: the incident has no awareness time, which every deadline runs from ("
                        + setIt + "), nor a scope (tandem scope set --incident " + id + ")" + NL);
        // the scope: refused, the API's detail naming the endpoint, the command's line the command
        String[] scope = {"scope", "set", "--incident", id, "--subjects", "DE=1200", "--data", "CONTACT"};
        Cli early = cli(ic, scope);
        refused(early, "scope set", "(no-aware-at; set it first: " + setIt + ")");
        assertThat(early.err())
                .contains("the server answered 422: awareAt: incident " + id + " has no awareness time")
                .contains("set it first with PUT /api/v1/incidents/" + id + "/awareness");
        Api.Response api =
                ic.putJson("/api/v1/incidents/" + id + "/scope", "{\"subjects\":{\"DE\":1200},\"data\":[\"CONTACT\"]}");
        assertThat(api.status()).isEqualTo(422);
        assertThat(api.json().path("detail").asString())
                .endsWith("set it first with PUT /api/v1/incidents/" + id + "/awareness");

        // set: a reason the first time too, and the command says why before sending anything
        String aware = awareAgo();
        Cli noReason = cli(ic, "incident", "awareness", id, "--aware-at", aware);
        refused(noReason, "incident awareness", "--reason 'the first alert came at 07:00'");
        assertThat(noReason.err()).contains("--reason: required, the first time too: every deadline runs from");
        assertThat(ic.get("/api/v1/incidents/" + id).json().path("awareAt").isNull())
                .isTrue();
        // the scope follows, and the obligations are computed
        ok(ic, "incident", "awareness", id, "--aware-at", aware, "--reason", "the first alert");
        ok(ic, scope);
        assertThat(ok(ic, "obligations", "--incident", id).out())
                .doesNotContain("none computed yet")
                .contains("GDPR Art. 33");
    }

    @Test
    void theAwarenessFactsOwnerAndStatusAreSetFromTheTerminalByThoseWhoMayAndRefusedToTheOthers() {
        Api ic = user("ic3");
        Api counsel = user("counsel3");
        Api auditor = user("auditor3");
        Instant typed = Instant.parse(awareAgo());
        String id = open(ic, "Clock from the terminal " + tag, typed.toString())
                .path("id")
                .asString();
        ok(ic, "incident", "members", "add", name("counsel3"), "--incident", id, "--role", "LEGAL");
        ok(ic, "incident", "members", "add", name("auditor3"), "--incident", id, "--role", "AUDITOR");
        String incidentPath = "/api/v1/incidents/" + id;

        // the awareness: earlier is the commander's, later counsel's (every deadline moves with it)
        String aware = typed.minus(30, ChronoUnit.MINUTES).toString();
        Cli earlier =
                ok(ic, "incident", "awareness", id, "--aware-at", aware, "--reason", "the first alert came first");
        assertThat(earlier.out())
                .isEqualTo("incident " + id + " is now aware at " + aware + NL + "obligations not recomputed: incident "
                        + id + " has no scope yet (tandem scope set)" + NL);
        assertThat(ic.get(incidentPath).json().path("awareAt").asString()).isEqualTo(aware);
        String later = typed.toString();
        Cli icLater = cli(ic, "incident", "awareness", id, "--aware-at", later, "--reason", "mistyped");
        refused(icLater, "incident awareness", "(forbidden; option --aware-at)");
        assertThat(icLater.err()).contains("not allowed for this token's user (403): awareAt: moving the awareness");
        refused(
                cli(auditor, "incident", "awareness", id, "--aware-at", aware, "--reason", "r"),
                "incident awareness",
                "(forbidden)");
        Cli noOffset = cli(ic, "incident", "awareness", id, "--aware-at", "2026-11-26T07:00:00", "--reason", "r");
        refused(noOffset, "incident awareness", "got 2026-11-26T07:00:00");
        assertThat(noOffset.err()).contains("--aware-at: must be an RFC 3339 time with an offset");
        assertThat(ic.get(incidentPath).json().path("awareAt").asString()).isEqualTo(aware);

        ok(ic, "scope", "set", "--incident", id, "--subjects", "DE=1200,US-MA=300", "--data", "CONTACT");

        // the facts: a determination at awareness is the commander's, a later one counsel's
        String factsPath = incidentPath + "/facts";
        Cli atAwareness = ok(ic, "incident", "facts", id, "--determined-at", aware, "--unauthorized-access", "true");
        assertThat(atAwareness.out())
                .startsWith(
                        "set the facts of incident " + id + ": determined at " + aware + "; unauthorized access" + NL)
                .containsPattern("obligations recomputed: [1-9][0-9]* owed, [0-9]+ set aside \\(tandem obligations"
                        + " --incident " + id + " lists them\\)" + NL + "$");
        JsonNode facts = ic.get(factsPath).json();
        assertThat(facts.path("determinedAt").asString()).isEqualTo(aware);
        assertThat(facts.path("unauthorizedAccess").asBoolean()).isTrue();
        String determined = Instant.parse(aware).plus(1, ChronoUnit.HOURS).toString();
        String[] laterFacts = {"incident", "facts", id, "--determined-at", determined, "--unauthorized-access", "true"};
        refused(cli(ic, laterFacts), "incident facts", "(forbidden)");
        refused(cli(auditor, laterFacts), "incident facts", "(forbidden)");
        Cli maybe = cli(ic, "incident", "facts", id, "--determined-at", aware, "--unauthorized-access", "maybe");
        assertThat(maybe.err())
                .isEqualTo("tandem incident facts: --unauthorized-access: must be true or false, got maybe" + NL);
        assertThat(ic.get(factsPath).json()).isEqualTo(facts);
        assertThat(ok(counsel, laterFacts).out())
                .startsWith("set the facts of incident " + id + ": determined at " + determined
                        + "; unauthorized access" + NL)
                .contains("obligations recomputed: ");
        assertThat(ic.get(factsPath).json().path("determinedAt").asString()).isEqualTo(determined);
        assertThat(ic.get(factsPath).json().path("updatedBy").asString()).isEqualTo(name("counsel3"));

        // one obligation: read by every member, its owner and status changed by those who may
        JsonNode gdpr = gdprAuthority(ic, id);
        String ob = gdpr.path("id").asString();
        String obPath = "/api/v1/obligations/" + ob;
        String named = "obligation " + ob + ", EU GDPR ("
                + gdpr.path("jurisdiction").asString() + ") to SUPERVISORY_AUTHORITY, of incident " + id;
        assertThat(ok(ic, "obligations", "show", ob).out())
                .startsWith("PENDING  EU GDPR (")
                .contains("  citation               GDPR Art. 33")
                .contains("  id                     " + ob + NL)
                .contains("  incident               " + id + NL)
                .contains("  owner                  none" + NL);
        // the auditor's answer carries the status, deadline and citation, not the owner (docs/access.md)
        assertThat(ok(auditor, "obligations", "show", ob).out())
                .startsWith("PENDING  EU GDPR (")
                .contains("  citation               GDPR Art. 33")
                .contains("  id                     " + ob + NL)
                .doesNotContain("owner");
        assertThat(JSON.readTree(ok(auditor, "obligations", "show", ob, "--format", "json")
                        .out()))
                .isEqualTo(auditor.get(obPath).json());

        assertThat(ok(ic, "obligations", "owner", ob, "--owner", name("counsel3"))
                        .out())
                .isEqualTo(name("counsel3") + " owns " + named + NL);
        Cli auditorOwns = cli(ic, "obligations", "owner", ob, "--owner", name("auditor3"));
        refused(auditorOwns, "obligations owner", "(bad-owner; option --owner)");
        assertThat(auditorOwns.err()).contains("auditor independence");
        refused(cli(auditor, "obligations", "owner", ob, "--unassign"), "obligations owner", "(forbidden)");
        assertThat(ic.get(obPath).json().path("owner").asString()).isEqualTo(name("counsel3"));

        String justification = "Business contact data of staff at a customer; counsel's assessment on file";
        String[] aside = {"obligations", "status", ob, "--status", "NOT_REQUIRED", "--justification", justification};
        refused(cli(ic, aside), "obligations status", "(forbidden)");
        refused(cli(auditor, aside), "obligations status", "(forbidden)");
        Cli unjustified = cli(counsel, "obligations", "status", ob, "--status", "NOT_REQUIRED");
        assertThat(unjustified.err())
                .isEqualTo("tandem obligations status: --justification: NOT_REQUIRED needs a justification" + NL);
        assertThat(ic.get(obPath).json().path("status").asString()).isEqualTo("PENDING");
        assertThat(ok(counsel, aside).out())
                .isEqualTo("set aside " + named + " as NOT_REQUIRED (justification privileged)" + NL);
        assertThat(ic.get(obPath).json().path("justification").asString()).isEqualTo(justification);
        assertThat(ok(ic, "obligations", "status", ob, "--status", "PENDING").out())
                .isEqualTo(named + " is PENDING again" + NL);

        String letter = ic.postBytes(
                        incidentPath + "/evidence?repository=AUDIT&kind=DOCUMENT&name=art33-notice.pdf",
                        "Notification of a personal data breach".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .json()
                .path("id")
                .asString();
        String sent = Instant.parse(aware).plus(2, ChronoUnit.HOURS).toString();
        Cli filed = ok(ic, "obligations", "status", ob, "--status", "FILED", "--evidence", letter, "--sent-at", sent);
        assertThat(filed.out())
                .isEqualTo("filed " + named + " with evidence " + letter + ", sent " + sent + NL
                        + "a clock that runs from this notice runs from its sending (tandem obligations --incident "
                        + id + " lists them)" + NL);
        JsonNode after = ic.get(obPath).json();
        assertThat(after.path("status").asString()).isEqualTo("FILED");
        assertThat(after.path("filingEvidence").asString()).isEqualTo(letter);
        assertThat(after.path("sentAt").asString()).isEqualTo(sent);
        refused(
                cli(ic, "obligations", "status", ob, "--status", "PENDING"),
                "obligations status",
                "(invalid-transition)");
        assertThat(ok(counsel, "obligations", "show", ob).out())
                .startsWith("FILED  EU GDPR (")
                .contains("  owner                  " + name("counsel3") + NL)
                .contains("  sent at                " + sent + NL)
                .contains("  filing evidence        " + letter + NL);
    }

    @Test
    void theNoticeIsReadEditedAndSentFromTheTerminalByCounselAndRefusedToTheOthers() throws IOException {
        Api ic = user("ic4");
        Api counsel = user("counsel4");
        Api responder = user("responder4");
        Api auditor = user("auditor4");
        String aware = awareAgo();
        String id =
                open(ic, "Notice from the terminal " + tag, aware).path("id").asString();
        ok(ic, "incident", "members", "add", name("counsel4"), "--incident", id, "--role", "LEGAL");
        ok(ic, "incident", "members", "add", name("responder4"), "--incident", id, "--role", "RESPONDER");
        ok(ic, "incident", "members", "add", name("auditor4"), "--incident", id, "--role", "AUDITOR");
        ok(ic, "scope", "set", "--incident", id, "--subjects", "DE=1200", "--data", "CONTACT");
        String noticePath = "/api/v1/incidents/" + id + "/notices/gdpr-art33";

        // the draft: generated from the incident, its gaps those the server refuses to send without --incomplete
        Api.Response served = counsel.get(noticePath);
        assertThat(served.header("Tandem-Notice-State")).isEqualTo("DRAFT");
        Cli draft = ok(counsel, "notice", "show", "--incident", id);
        assertThat(draft.out())
                .startsWith("GDPR Art. 33 notice of incident " + id
                        + ": DRAFT, the draft generated from the incident record (not edited yet)" + NL)
                .contains("  sent                   no" + NL)
                .contains("(sending refuses them without --incomplete)" + NL)
                .endsWith(NL + served.body());
        JsonNode draftJson = JSON.readTree(ok(counsel, "notice", "show", "--incident", id, "--format", "json")
                .out());
        assertThat(draftJson.path("text").asString()).isEqualTo(served.body());
        List<String> draftGaps = NoticeGaps.of(served.body(), false);
        assertThat(draftGaps).isNotEmpty();
        assertThat(draftJson.path("gaps").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(draftGaps);
        assertThat(ok(counsel, "notice", "versions", "--incident", id).out())
                .isEqualTo("no stored versions of the GDPR Art. 33 notice of incident " + id
                        + ": it is the draft generated from the incident record (tandem notice show)" + NL);

        // counsel's work product: the responder and the auditor read none of it, and change nothing
        for (String[] command : List.of(
                new String[] {"notice", "show", "--incident", id},
                new String[] {"notice", "versions", "--incident", id},
                new String[] {"notice", "sent", "--incident", id, "--incomplete"})) {
            String named = command[0] + " " + command[1];
            for (Api other : List.of(responder, auditor)) {
                Cli r = cli(other, command);
                refused(r, named, "(forbidden)");
                assertThat(r.err()).contains("not allowed for this token's user (403): ");
            }
        }
        Path text = Files.createTempFile("notice", ".md");
        String v1 = "# Notification of a personal data breach\n\nCRM sync leak, aware at " + aware + ".\n\n"
                + "Likely consequences: [to be completed: likely consequences]\n";
        Files.writeString(text, v1);
        refused(
                cli(auditor, "notice", "edit", "--incident", id, "--file", text.toString()),
                "notice edit",
                "(forbidden)");
        assertThat(counsel.get(noticePath + "/versions").json()).isEmpty();
        Cli unknown = cli(counsel, "notice", "show", "--incident", "no-such-" + tag);
        refused(unknown, "notice show", ")");
        assertThat(unknown.err()).startsWith("tandem notice show: the server answered 404: ");
        Cli noFile = cli(counsel, "notice", "edit", "--incident", id, "--file", text + ".missing");
        assertThat(noFile.err())
                .isEqualTo("tandem notice edit: --file: cannot read " + text + ".missing: no such file" + NL);

        // edited from a file, then in an editor: each a new version, the earlier one kept
        assertThat(ok(counsel, "notice", "edit", "--incident", id, "--file", text.toString())
                        .out())
                .isEqualTo("stored version 1 of the GDPR Art. 33 notice of incident " + id + " (" + v1.length()
                        + " characters)" + NL + "it still has 1 gap (tandem notice show --incident " + id
                        + " lists them)" + NL);
        assertThat(ok(ic, "notice", "edit", "--incident", id, "--editor", "sed -i s/CRM/Salesforce/")
                        .out())
                .startsWith("stored version 2 of the GDPR Art. 33 notice of incident " + id + " (");
        String v2 = v1.replace("CRM", "Salesforce");
        assertThat(counsel.get(noticePath).body()).isEqualTo(v2);
        assertThat(ok(ic, "notice", "edit", "--incident", id, "--editor", "true")
                        .out())
                .isEqualTo("the notice of incident " + id + " was not changed; nothing stored" + NL);

        // the scope set anew after the text was written: it may state old numbers
        ok(ic, "scope", "set", "--incident", id, "--subjects", "DE=1300", "--data", "CONTACT");
        JsonNode versions = counsel.get(noticePath + "/versions").json();
        assertThat(versions).hasSize(2);
        // what sending would be refused for, as the server answers it: the stale scope is a gap too
        List<String> refusedFor = counsel.get(noticePath + "/gaps")
                .json()
                .path("gaps")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(refusedFor).hasSize(2);
        assertThat(refusedFor.get(0)).isEqualTo("likely consequences");
        assertThat(refusedFor.get(1))
                .startsWith("scope: the scope was changed after version 2 was written (ledger entry #")
                .endsWith("the people and data it states may be out of date: check the text and store it again");
        Cli shown = ok(counsel, "notice", "show", "--incident", id);
        assertThat(shown.out())
                .startsWith("GDPR Art. 33 notice of incident " + id + ": EDITED, version 2 of 2" + NL
                        + "  edited                 "
                        + versions.get(1).path("editedAt").asString() + " by "
                        + name("ic4") + NL
                        + "  sha256                 "
                        + versions.get(1).path("sha256").asString() + NL
                        + "  sent                   no" + NL
                        + "  stale                  scope: it was set anew after this text was written; the people"
                        + " and data it states may be out of date" + NL
                        + "  gaps                   2 gaps (sending refuses them without --incomplete)" + NL
                        + "    - likely consequences" + NL
                        + "    - " + refusedFor.get(1) + NL
                        + NL
                        + v2);
        assertThat(ok(counsel, "notice", "show", "--incident", id, "--version", "1")
                        .out())
                .startsWith("GDPR Art. 33 notice of incident " + id + ": EDITED, version 1 of 2" + NL
                        + "  edited                 "
                        + versions.get(0).path("editedAt").asString() + " by "
                        + name("counsel4") + NL)
                .doesNotContain("stale")
                .endsWith(NL + v1);
        refused(cli(counsel, "notice", "show", "--incident", id, "--version", "9"), "notice show", ")");

        // the UK GDPR notice's text stored too (ADR 145): its line follows the GDPR one's, with its --notice
        String[] ukEdit = {"notice", "edit", "--incident", id, "--notice", "uk-gdpr-art33", "--file", text.toString()};
        assertThat(ok(counsel, ukEdit).out())
                .startsWith("stored version 1 of the UK GDPR Art. 33 notice of incident " + id + " (");

        // the awareness moved earlier after the texts were written: the command says, after its output,
        // that each text may state the old time; its exit code is the setting's
        String earlier = Instant.parse(aware).minus(1, ChronoUnit.HOURS).toString();
        Cli moved = cli(ic, "incident", "awareness", id, "--aware-at", earlier, "--reason", "an earlier alert");
        assertThat(moved.exit()).as(moved.err()).isZero();
        assertThat(moved.out()).startsWith("incident " + id + " is now aware at " + earlier + NL);
        assertThat(moved.err())
                .isEqualTo("tandem incident awareness: the GDPR Art. 33 notice's text (version 2) was written before"
                        + " this change, so the time it states may be the old one: review it with `tandem notice show"
                        + " --incident " + id + "` and store it again" + NL
                        + "tandem incident awareness: the UK GDPR Art. 33 notice's text (version 1) was written"
                        + " before this change, so the time it states may be the old one: review it with `tandem"
                        + " notice show --incident " + id + " --notice uk-gdpr-art33` and store it again" + NL);
        assertThat(ok(counsel, "notice", "show", "--incident", id).out())
                .contains("  stale                  awareness: it was set anew after this text was written")
                .contains("    - awareness: when the company became aware was changed after version 2 was written");
        assertThat(JSON.readTree(ok(counsel, "notice", "versions", "--incident", id, "--format", "json")
                        .out()))
                .isEqualTo(versions);
        assertThat(ok(counsel, "notice", "versions", "--incident", id).out())
                .contains(versions.get(0).path("sha256").asString())
                .endsWith("2 versions" + NL);

        // sent: a time without an offset is refused before anything is sent, a text with gaps by the server
        Cli badAt = cli(counsel, "notice", "sent", "--incident", id, "--at", "yesterday");
        assertThat(badAt.exit()).isEqualTo(2);
        assertThat(badAt.err())
                .isEqualTo("tandem notice sent: --at: must be an RFC 3339 time with an offset (e.g."
                        + " 2026-11-26T07:00:00Z), got yesterday" + NL);
        Cli incomplete = cli(counsel, "notice", "sent", "--incident", id);
        refused(incomplete, "notice sent", "(notice-incomplete)");
        assertThat(incomplete.err()).contains("likely consequences").contains(refusedFor.get(1));
        String at = Instant.parse(aware).plus(1, ChronoUnit.HOURS).toString();
        Cli sent = ok(counsel, "notice", "sent", "--incident", id, "--at", at, "--incomplete");
        String evidence = counsel.get(noticePath).header("Tandem-Notice-Evidence");
        assertThat(sent.out())
                .startsWith("sent the GDPR Art. 33 notice of incident " + id + ": its text kept as FORENSIC evidence "
                        + evidence + " (SHA-256 "
                        + versions.get(1).path("sha256").asString() + ") (ledger entry #")
                .contains(NL + "privileged: LEGAL and the incident commander read it; the auditor sees a stub and"
                        + " the export bag leaves it out" + NL)
                .contains(", of incident " + id + " with evidence " + evidence + ", sent " + at + NL);
        assertThat(ok(ic, "notice", "show", "--incident", id).out())
                .startsWith("GDPR Art. 33 notice of incident " + id + ": SENT, version 2 of 2" + NL)
                .contains("  sent                   " + at + ", kept as evidence " + evidence + NL)
                .contains("  gaps                   1 gap" + NL)
                .doesNotContain("stale");

        // a conflict: the notice sent is not edited, nor sent again
        Cli late = cli(counsel, "notice", "edit", "--incident", id, "--file", text.toString());
        refused(late, "notice edit", "(notice-sent)");
        assertThat(late.err()).contains("the server answered 409: ");
        refused(cli(ic, "notice", "sent", "--incident", id, "--incomplete"), "notice sent", "(notice-sent)");
        assertThat(counsel.get(noticePath + "/versions").json()).hasSize(2);

        // sent incomplete: its Art. 33(4) follow-up is owed (ADR 154); the responder may not record it, counsel
        // does, with the document uploaded first; the gaps of a FORENSIC notice stay with its notice.sent
        String followUp = counsel.postBytes(
                        "/api/v1/incidents/" + id + "/evidence?repository=AUDIT&kind=DOCUMENT&name=art33-follow-up.md",
                        "The likely consequences: none known.".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .json()
                .path("id")
                .asString();
        refused(
                cli(responder, "notice", "follow-up", "--incident", id, "--evidence", followUp),
                "notice follow-up",
                "(forbidden)");
        Cli missing = cli(counsel, "notice", "follow-up", "--incident", id, "--evidence", "no-such-item");
        refused(missing, "notice follow-up", "(bad-evidence; option --evidence)");
        String followedAt = Instant.parse(at).plus(1, ChronoUnit.HOURS).toString();
        Cli followed =
                ok(counsel, "notice", "follow-up", "--incident", id, "--evidence", followUp, "--sent-at", followedAt);
        assertThat(followed.out())
                .startsWith("recorded the follow-up to the GDPR Art. 33 notice of incident " + id
                        + " as sent (Art. 33(4)): evidence " + followUp + ", sent " + followedAt + " (ledger entry #")
                .contains(", notice.follow-up-sent)" + NL
                        + "it gives the gaps the notice was sent with; they are not named here: the notice was kept"
                        + " as FORENSIC evidence, its gaps stay with its privileged notice.sent entry" + NL)
                .contains(", of incident " + id + " (GDPR Art. 33(4))" + NL);
        String followedIndex = followed.out()
                .substring(
                        followed.out().indexOf("(ledger entry #") + 15,
                        followed.out().indexOf(", notice.follow-up"));
        assertThat(counsel.get("/api/v1/ledger/entries?from=" + followedIndex + "&to="
                                + (Long.parseLong(followedIndex) + 1))
                        .json()
                        .get(0)
                        .path("entry")
                        .path("type")
                        .asString())
                .isEqualTo("notice.follow-up-sent");
        Cli twice = cli(ic, "notice", "follow-up", "--incident", id, "--evidence", followUp);
        refused(twice, "notice follow-up", "(no-follow-up-owed)");
        assertThat(twice.err())
                .contains("the server answered 409: no pending eu-gdpr-33-4-phases obligation: the GDPR Art. 33 notice"
                        + " was not recorded as sent incomplete, or its follow-up was recorded");
        // filed FORENSIC: the auditor's refusal names none of it
        Cli auditorReads = cli(auditor, "notice", "show", "--incident", id);
        refused(auditorReads, "notice show", "(forbidden)");
        assertThat(auditorReads.err()).doesNotContain(evidence).doesNotContain("Salesforce");
        Files.delete(text);
    }
}
