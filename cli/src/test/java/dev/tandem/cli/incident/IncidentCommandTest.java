package dev.tandem.cli.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.StubServer;
import dev.tandem.cli.StubServer.Received;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem incident}, {@code tandem timeline} and {@code tandem obligations} against a stand-in
 * server: what each sends, prints and exits with.
 */
class IncidentCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    StubServer server;

    final List<Received> received = new ArrayList<>();

    String serve(int status, String body) throws IOException {
        server = StubServer.recording(status, body, received);
        return server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static CliRun run(String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", url, "--token", "tok"));
        return CliRun.run(all.toArray(String[]::new));
    }

    static String problem(int status, String code, String detail) {
        return "{\"type\":\"urn:tandem:problem:" + code + "\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
    }

    static final String INCIDENT = """
            {"id":"INC-1","title":"Sandbox sync leak","severity":"HIGH","awareAt":"2026-11-26T07:00:00Z",
             "timeZone":"Europe/Berlin","createdAt":"2026-11-26T07:05:00Z","createdBy":"ic","ledgerIndex":4,
             "phase":"RESPOND","occurredAt":null,"occurredPrecision":null,"containedAt":"2026-11-27T10:00:00Z",
             "closedAt":null,"role":"INCIDENT_COMMANDER"}""";

    @Test
    void listShowsEachIncidentWithTheCallersRoleAndJsonIsTheServersAnswer() throws IOException {
        String url = serve(200, "[" + INCIDENT + "]");
        CliRun r = run(url, "incident", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("GET");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents");
        assertThat(received.getFirst().authorization()).isEqualTo("Bearer tok");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "ID     SEVERITY  PHASE    YOUR ROLE           AWARE AT              TITLE",
                        "INC-1  HIGH      RESPOND  INCIDENT_COMMANDER  2026-11-26T07:00:00Z  Sandbox sync leak",
                        "1 incident");
        CliRun json = run(url, "incident", "list", "--format", "json");
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree("[" + INCIDENT + "]"));
    }

    @Test
    void showPrintsTheIncidentsTimes() throws IOException {
        String url = serve(200, INCIDENT);
        CliRun r = run(url, "incident", "show", "INC 1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201");
        assertThat(r.out())
                .startsWith("incident INC-1  HIGH  RESPOND  Sandbox sync leak")
                .contains("  your role              INCIDENT_COMMANDER")
                .contains("  opened                 2026-11-26T07:05:00Z by ic (ledger entry #4)")
                .contains("  contained at           2026-11-27T10:00:00Z")
                .doesNotContain("closed at");
    }

    @Test
    void openSendsTheOptionsAsFieldsAndARefusalNamesTheOption() throws IOException {
        String url = serve(201, INCIDENT);
        CliRun r = run(
                url,
                "incident",
                "open",
                "--title",
                "Sandbox sync leak",
                "--severity",
                "HIGH",
                "--aware-at",
                "2026-11-26T07:00:00Z",
                "--time-zone",
                "Europe/Berlin");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("POST");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                {"title":"Sandbox sync leak","severity":"HIGH","awareAt":"2026-11-26T07:00:00Z",
                 "timeZone":"Europe/Berlin"}"""));
        assertThat(r.out()).startsWith("opened incident INC-1; you are its incident commander");
        stop();
        received.clear();

        url = serve(422, problem(422, "bad-time-zone", "timeZone must be an IANA zone such as Europe/Berlin, got X"));
        CliRun bad = run(url, "incident", "open", "--title", "T", "--severity", "LOW", "--time-zone", "X");
        assertThat(bad.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(bad.err())
                .isEqualTo("tandem incident open: the server answered 422: timeZone must be an IANA zone such as"
                        + " Europe/Berlin, got X (bad-time-zone; option --time-zone)" + System.lineSeparator());
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void membersAreListedAddedChangedAndRemovedOneCallEach() throws IOException {
        String url = serve(200, """
                [{"username":"ic","role":"INCIDENT_COMMANDER","addedAt":"2026-11-26T07:05:00Z","addedBy":"ic","ledgerIndex":4},
                 {"username":"ada","role":"RESPONDER","addedAt":"2026-11-26T08:00:00Z","addedBy":"ic","ledgerIndex":9}]""");
        CliRun list = run(url, "incident", "members", "list", "--incident", "INC-1");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(received.getLast().path()).isEqualTo("/api/v1/incidents/INC-1/members");
        assertThat(list.out().lines().toList())
                .containsExactly(
                        "USERNAME  ROLE                ADDED AT              ADDED BY  LEDGER ENTRY",
                        "ic        INCIDENT_COMMANDER  2026-11-26T07:05:00Z  ic        #4",
                        "ada       RESPONDER           2026-11-26T08:00:00Z  ic        #9",
                        "2 members");
        stop();

        url = serve(200, """
                {"username":"ada","role":"LEGAL","addedAt":"2026-11-27T08:00:00Z","addedBy":"ic","ledgerIndex":12,
                 "previousRole":"RESPONDER"}""");
        CliRun changed = run(
                url,
                "incident",
                "members",
                "set-role",
                "ada",
                "--incident",
                "INC-1",
                "--role",
                "LEGAL",
                "--expected-role",
                "RESPONDER");
        assertThat(changed.exit()).as(changed.err()).isZero();
        assertThat(received.getLast().method()).isEqualTo("PUT");
        assertThat(received.getLast().path()).isEqualTo("/api/v1/incidents/INC-1/members/ada");
        assertThat(received.getLast().json())
                .isEqualTo(JSON.readTree("{\"role\":\"LEGAL\",\"expectedRole\":\"RESPONDER\"}"));
        assertThat(changed.out())
                .isEqualTo("ada is now LEGAL in incident INC-1 (was RESPONDER) (ledger entry #12)"
                        + System.lineSeparator());
        CliRun added = run(url, "incident", "members", "add", "ada", "--incident", "INC-1", "--role", "LEGAL");
        assertThat(received.getLast().json()).isEqualTo(JSON.readTree("{\"role\":\"LEGAL\"}"));
        assertThat(added.exit()).isZero();
        stop();

        url = serve(204, "");
        CliRun removed = run(url, "incident", "members", "remove", "ada", "--incident", "INC-1");
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(received.getLast().method()).isEqualTo("DELETE");
        assertThat(received.getLast().path()).isEqualTo("/api/v1/incidents/INC-1/members/ada");
        assertThat(removed.out()).isEqualTo("removed ada from incident INC-1" + System.lineSeparator());
        stop();

        url = serve(409, problem(409, "last-commander", "an incident keeps an incident commander"));
        CliRun last = run(url, "incident", "members", "remove", "ic", "--incident", "INC-1");
        assertThat(last.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(last.err())
                .isEqualTo("tandem incident members remove: the server answered 409: an incident keeps an incident"
                        + " commander (last-commander)" + System.lineSeparator());
    }

    @Test
    void theTimelineSendsItsFiltersAndPrintsEachEntryAsTheServerGaveIt() throws IOException {
        String url = serve(200, """
                [{"index":3,"type":"incident.opened","at":"2026-11-26T07:05:00.000Z","actor":"ic","body":{},
                  "privileged":false,"text":"Incident opened"},
                 {"index":7,"type":"timeline.entry","at":"2026-11-26T09:00:00.000Z","actor":"counsel",
                  "body":{"repository":"FORENSIC","commitment":"ab"},"privileged":true,"opened":null,
                  "text":"Privileged entry recorded (commitment ab…)"},
                 {"index":8,"type":"timeline.entry","at":"2026-11-26T10:00:00.000Z","actor":"ada","body":{},
                  "privileged":false,"kind":"NOTE","eventAt":"2026-11-26T06:00:00Z","eventPrecision":"HOUR",
                  "discoveredAt":"2026-11-26T09:30:00Z","correctedBy":[11],"text":"Sync job\\nran"}]""");
        CliRun r = run(
                url,
                "timeline",
                "--incident",
                "INC-1",
                "--order",
                "eventAt",
                "--kind",
                "NOTE",
                "--kind",
                "evidence.added",
                "--since",
                "2026-11-26T00:00:00+01:00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path())
                .isEqualTo("/api/v1/incidents/INC-1/timeline?order=eventAt&kind=NOTE&kind=evidence.added"
                        + "&since=2026-11-26T00%3A00%3A00%2B01%3A00");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "#3  2026-11-26T07:05:00.000Z  ic  incident.opened  Incident opened",
                        "#7  2026-11-26T09:00:00.000Z  counsel  timeline.entry  [privileged]  Privileged entry"
                                + " recorded (commitment ab…)",
                        "#8  2026-11-26T10:00:00.000Z  ada  NOTE  Sync job ran  (corrected by #11)",
                        "3 entries");
        stop();

        url = serve(400, problem(400, "bad-order", "order: must be at, eventAt or discoveredAt, got when"));
        CliRun bad = run(url, "timeline", "--incident", "INC-1", "--order", "when");
        assertThat(bad.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(bad.err()).endsWith("(bad-order; option --order)" + System.lineSeparator());
    }

    @Test
    void timelineAddSendsTheOptionsAsTheEntrysFieldsAndPrintsItsLedgerIndex() throws IOException {
        String url = serve(201, "{\"ledgerIndex\":12}");
        CliRun r = run(
                url,
                "timeline",
                "add",
                "--incident",
                "INC 1",
                "--kind",
                "note",
                "--text",
                "Integration user disabled",
                "--event-at",
                "2026-11-26T06:00:00+01:00",
                "--event-precision",
                "HOUR",
                "--discovered-at",
                "2026-11-26T09:30:00Z",
                "--privileged");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("POST");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/timeline");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                {"kind":"NOTE","text":"Integration user disabled","eventAt":"2026-11-26T06:00:00+01:00",
                 "eventPrecision":"HOUR","discoveredAt":"2026-11-26T09:30:00Z","privileged":true}"""));
        assertThat(r.out())
                .isEqualTo("added NOTE (privileged) to the timeline of incident INC 1 (ledger entry #12)"
                        + System.lineSeparator());
        CliRun correction = run(
                url,
                "timeline",
                "add",
                "--incident",
                "INC-1",
                "--kind",
                "CORRECTION",
                "--text",
                "6:00, not 5:00",
                "--corrects",
                "8",
                "--format",
                "json");
        assertThat(correction.exit()).as(correction.err()).isZero();
        assertThat(received.get(1).json())
                .isEqualTo(JSON.readTree("{\"kind\":\"CORRECTION\",\"text\":\"6:00, not 5:00\",\"corrects\":8}"));
        assertThat(JSON.readTree(correction.out())).isEqualTo(JSON.readTree("{\"ledgerIndex\":12}"));
        stop();

        url = serve(
                403,
                problem(403, "forbidden", "privileged: only LEGAL and the incident commander add privileged entries"));
        CliRun refused =
                run(url, "timeline", "add", "--incident", "INC-1", "--kind", "NOTE", "--text", "x", "--privileged");
        assertThat(refused.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(refused.err())
                .isEqualTo("tandem timeline add: not allowed for this token's user (403): privileged: only LEGAL and"
                        + " the incident commander add privileged entries (forbidden; option --privileged)"
                        + System.lineSeparator());
        assertThat(refused.out()).isEmpty();
    }

    /** The server's CSV (docs/contracts.md "Additions"): asked for with format=csv besides the filters, printed as it came. */
    @Test
    void theTimelineAsCsvIsTheServersCsvPrintedAsItCame() throws IOException {
        String csv = "index,at,actor,type,kind,privileged,opened,commitment,eventAt,eventPrecision,discoveredAt,"
                + "corrects,correctedBy,text\r\n"
                + "7,2026-11-26T09:00:00.000Z,counsel,timeline.entry,,true,false,ab,,,,,,"
                + "Privileged entry recorded (commitment ab…)\r\n"
                + "8,2026-11-26T10:00:00.000Z,ada,timeline.entry,NOTE,false,,,2026-11-26T06:00:00Z,HOUR,,,11,"
                + "\"'=Zoë Ünal noted: sync, \"\"job\"\"\r\nran\"\r\n";
        String url = serve(200, csv);
        CliRun r = run(
                url,
                "timeline",
                "--incident",
                "INC 1",
                "--kind",
                "NOTE",
                "--repository",
                "FORENSIC",
                "--since",
                "2026-11-26T00:00:00+01:00",
                "--format",
                "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("GET");
        assertThat(received.getFirst().path())
                .isEqualTo("/api/v1/incidents/INC%201/timeline?kind=NOTE&since=2026-11-26T00%3A00%3A00%2B01%3A00"
                        + "&repository=FORENSIC&format=csv");
        assertThat(received.getFirst().authorization()).isEqualTo("Bearer tok");
        assertThat(r.out()).isEqualTo(csv);
        assertThat(r.err()).isEmpty();

        CliRun all = run(url, "timeline", "--incident", "INC-1", "--format", "csv");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(received.get(1).path()).isEqualTo("/api/v1/incidents/INC-1/timeline?format=csv");
        assertThat(all.out()).isEqualTo(csv);
        stop();

        // a refusal is the one line of every command, whatever the format
        url = serve(404, problem(404, "not-found", "incident INC-1 not found"));
        CliRun hidden = run(url, "timeline", "--incident", "INC-1", "--format", "csv");
        assertThat(hidden.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(hidden.out()).isEmpty();
        assertThat(hidden.err())
                .isEqualTo("tandem timeline: the server answered 404: incident INC-1 not found (not-found)"
                        + System.lineSeparator());
        received.clear();
        // adding an entry answers its ledger index only: no CSV of that
        CliRun add = run(url, "timeline", "add", "--incident", "I", "--kind", "NOTE", "--text", "x", "--format", "csv");
        assertThat(add.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(add.err()).contains("unknown --format 'csv' (text, json)");
        CliRun xlsx = run(url, "timeline", "--incident", "I", "--format", "xlsx");
        assertThat(xlsx.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(xlsx.err())
                .isEqualTo("tandem timeline: unknown --format 'xlsx' (text, json, csv)" + System.lineSeparator());
        assertThat(received).isEmpty();
        assertThat(CliRun.run("timeline", "--help").out()).contains("json or csv");
    }

    @Test
    void timelineAddRefusesAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(201, "{\"ledgerIndex\":12}");
        String[][] cases = {
            {"--kind", "NOTE", "--text", "x"},
            {"--incident", "I", "--text", "x"},
            {"--incident", "I", "--kind", "NOTE"},
            {"--incident", "I", "--kind", "MEMO", "--text", "x"},
            {"--incident", "I", "--kind", "NOTE", "--text", " "},
            {"--incident", "I", "--kind", "NOTE", "--text", "x", "--event-at", "2026-11-26T06:00:00"},
            {"--incident", "I", "--kind", "NOTE", "--text", "x", "--discovered-at", "yesterday"},
            {"--incident", "I", "--kind", "NOTE", "--text", "x", "--event-precision", "HOUR"},
            {
                "--incident",
                "I",
                "--kind",
                "NOTE",
                "--text",
                "x",
                "--event-at",
                "2026-11-26T06:00:00Z",
                "--event-precision",
                "WEEK"
            },
            {"--incident", "I", "--kind", "NOTE", "--text", "x", "--corrects", "3"},
            {"--incident", "I", "--kind", "CORRECTION", "--text", "x"},
            {"--incident", "I", "--kind", "CORRECTION", "--text", "x", "--corrects", "three"},
            {"--incident", "I", "--kind", "CORRECTION", "--text", "x", "--corrects", "-1"}
        };
        String[] named = {
            "--incident",
            "--kind",
            "--text",
            "--kind",
            "--text",
            "--event-at",
            "--discovered-at",
            "--event-precision",
            "--event-precision",
            "--corrects",
            "--corrects",
            "--corrects",
            "--corrects"
        };
        usageErrors(url, List.of("timeline", "add"), cases, named);
        CliRun noIncident = run(url, "timeline");
        assertThat(noIncident.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(noIncident.err())
                .isEqualTo("tandem timeline: Missing required option: '--incident=ID'" + System.lineSeparator());
        CliRun noServer = CliRun.run("timeline", "--incident", "I");
        assertThat(noServer.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(noServer.err())
                .isEqualTo("tandem timeline: Missing required option: '--server=URL'" + System.lineSeparator());
        assertThat(CliRun.run("timeline", "add", "--incident", "I", "--kind", "NOTE", "--text", "x")
                        .err())
                .contains("Missing required option: '--server=URL'");
        assertThat(received).isEmpty();
    }

    @Test
    void theLifecycleCommandsSendWhatTheirEndpointTakes() throws IOException {
        String url = serve(200, INCIDENT);
        CliRun phase = run(url, "incident", "phase", "INC-1", "--phase", "respond");
        assertThat(phase.exit()).as(phase.err()).isZero();
        assertThat(phase.out()).startsWith("incident INC-1 is now in phase RESPOND" + System.lineSeparator());
        CliRun occurred = run(
                url,
                "incident",
                "occurred-at",
                "INC-1",
                "--occurred-at",
                "2026-11-26T05:00:00Z",
                "--precision",
                "HOUR");
        assertThat(occurred.exit()).as(occurred.err()).isZero();
        assertThat(received).extracting(Received::method).containsExactly("PUT", "PUT");
        assertThat(received)
                .extracting(Received::path)
                .containsExactly("/api/v1/incidents/INC-1/phase", "/api/v1/incidents/INC-1/occurred-at");
        assertThat(received.get(0).json()).isEqualTo(JSON.readTree("{\"phase\":\"RESPOND\"}"));
        assertThat(received.get(1).json())
                .isEqualTo(JSON.readTree("{\"occurredAt\":\"2026-11-26T05:00:00Z\",\"precision\":\"HOUR\"}"));
        stop();
        received.clear();

        url = serve(201, "{\"ledgerIndex\":21}");
        CliRun contain = run(
                url,
                "incident",
                "contain",
                "INC-1",
                "--text",
                "Integration user disabled",
                "--at",
                "2026-11-27T10:00:00Z");
        assertThat(contain.out())
                .isEqualTo("incident INC-1 contained as of 2026-11-27T10:00:00Z (ledger entry #21)"
                        + System.lineSeparator());
        CliRun close = run(url, "incident", "close", "INC-1", "--text", "Lessons recorded", "--format", "json");
        assertThat(JSON.readTree(close.out())).isEqualTo(JSON.readTree("{\"ledgerIndex\":21}"));
        assertThat(received)
                .extracting(Received::path)
                .containsExactly("/api/v1/incidents/INC-1/containment", "/api/v1/incidents/INC-1/closure");
        assertThat(received.get(0).json())
                .isEqualTo(JSON.readTree("{\"text\":\"Integration user disabled\",\"at\":\"2026-11-27T10:00:00Z\"}"));
        assertThat(received.get(1).json()).isEqualTo(JSON.readTree("{\"text\":\"Lessons recorded\"}"));
        stop();

        url = serve(
                409,
                problem(
                        409,
                        "invalid-lifecycle-change",
                        "an incident is closed from RECOVER or IMPROVE; it is in RESPOND"));
        CliRun early = run(url, "incident", "close", "INC-1", "--text", "Done");
        assertThat(early.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(early.err())
                .isEqualTo("tandem incident close: the server answered 409: an incident is closed from RECOVER or"
                        + " IMPROVE; it is in RESPOND (invalid-lifecycle-change)" + System.lineSeparator());
    }

    @Test
    void aLifecycleCommandRefusesAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(200, INCIDENT);
        String[][] cases = {
            {"phase", "INC-1"},
            {"phase", "INC-1", "--phase", "CONTAIN"},
            {"contain", "INC-1"},
            {"contain", "INC-1", "--text", "x", "--at", "2026-11-27 10:00"},
            {"occurred-at", "INC-1"},
            {"occurred-at", "INC-1", "--occurred-at", "2026-11-26"},
            {"occurred-at", "INC-1", "--occurred-at", "2026-11-26T05:00:00Z", "--precision", "WEEK"},
            {"close", "INC-1"},
            {"close", "INC-1", "--text", ""},
            {"close", "--text", "x"}
        };
        String[] named = {
            "--phase",
            "--phase",
            "--text",
            "--at",
            "--occurred-at",
            "--occurred-at",
            "--precision",
            "--text",
            "--text",
            "INCIDENT"
        };
        usageErrors(url, List.of("incident"), cases, named);
    }

    /** Each of {@code cases} after {@code command} is a usage error naming its {@code named}, nothing sent. */
    void usageErrors(String url, List<String> command, String[][] cases, String[] named) {
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of(cases[i]));
            CliRun r = run(url, args.toArray(String[]::new));
            assertThat(r.exit()).as(args.toString()).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.err()).as(args.toString()).contains(named[i]);
            assertThat(r.out()).isEmpty();
        }
        assertThat(received).isEmpty();
    }

    /**
     * A stand-in server for the notice: the text at {@code …/notices/gdpr-art33} with its headers (the
     * version the {@code n}-th read of it gives by {@code versionOf}), its versions, the obligations, and
     * each PUT stored.
     */
    /** The If-Match header of each PUT the notice stand-in received ("null" when none). */
    final List<String> ifMatches = new java.util.ArrayList<>();

    String serveNotice(String text, java.util.function.IntFunction<String> versionOf, String stale) throws IOException {
        int[] reads = {0};
        server = new StubServer("/", x -> {
            String path = x.getRequestURI().getPath();
            String body = new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            received.add(new Received(
                    x.getRequestMethod(),
                    x.getRequestURI().toString(),
                    "",
                    String.valueOf(x.getRequestHeaders().getFirst("Content-Type")),
                    body));
            if (path.endsWith("/notices/gdpr-art33")) {
                var h = x.getResponseHeaders();
                boolean put = x.getRequestMethod().equals("PUT");
                // a PUT sees the version the next read will give
                String current = versionOf.apply(put ? reads[0] : reads[0]++);
                if (put) {
                    // as the server: a PUT with If-Match stores only over the text that tag names
                    String ifMatch = x.getRequestHeaders().getFirst("If-Match");
                    ifMatches.add(String.valueOf(ifMatch));
                    if (ifMatch != null && !ifMatch.equals("\"v" + current + "\"")) {
                        StubServer.reply(
                                x,
                                412,
                                problem(412, "notice-changed", "If-Match: the notice is now version " + current));
                        return;
                    }
                }
                h.add("Content-Type", "text/markdown;charset=UTF-8");
                h.add("Tandem-Notice-State", "EDITED");
                h.add("Tandem-Notice-Version", put ? "3" : current);
                h.add("ETag", "\"v" + (put ? "3" : current) + "\"");
                if (!stale.isEmpty()) h.add("Tandem-Notice-Stale", stale);
                StubServer.reply(x, 200, x.getRequestMethod().equals("PUT") ? body : text);
            } else if (path.endsWith("/notices/gdpr-art33/gaps")) {
                // what the server would refuse a sending for: the text's own gaps and, after a change of
                // the facts, each stale one, in the sending's own words
                StubServer.reply(x, 200, """
                        {"state":"EDITED","version":2,"late":true,"gaps":["start of the breach",
                         "reasons for notifying later than 72 hours (GDPR Art. 33(1))",
                         "awareness: when the company became aware was changed after version 2 was written (ledger\
                         entry #21); the time it states may be the old one: check the text and store it again"]}""");
            } else if (path.contains("/notices/gdpr-art33/versions/")) {
                StubServer.reply(x, 200, text);
            } else if (path.endsWith("/notices/gdpr-art33/versions")) {
                StubServer.reply(x, 200, """
                        [{"version":1,"sha256":"aa11","characters":10,"editedAt":"2026-11-26T09:00:00Z",
                          "editedBy":"counsel","ledgerIndex":12},
                         {"version":2,"sha256":"bb22","characters":20,"editedAt":"2026-11-27T09:00:00Z",
                          "editedBy":"ic","ledgerIndex":19}]""");
            } else if (path.endsWith("/obligations")) {
                StubServer.reply(
                        x,
                        200,
                        OBLIGATIONS
                                .formatted("2026-11-27T05:00:00Z", "true")
                                .replace("\"id\":\"OB1\"", "\"id\":\"OB1\",\"rule\":\"eu-gdpr-33-sa@2026-11-27\""));
            } else {
                StubServer.reply(x, 404, problem(404, "not-found", "no such thing"));
            }
        });
        return server.url();
    }

    static final String NOTICE = "# Notification\n\nStart: [to be completed: start of the breach]\n";

    @Test
    void noticeShowPutsTheTextItsEditorItsGapsAndWhatIsStaleTogether() throws IOException {
        String url = serveNotice(NOTICE, n -> "2", "awareness,scope");
        CliRun r = run(url, "notice", "show", "--incident", "INC 1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.stream().map(Received::path).toList())
                .containsExactly(
                        "/api/v1/incidents/INC%201/notices/gdpr-art33",
                        "/api/v1/incidents/INC%201/notices/gdpr-art33/versions",
                        "/api/v1/incidents/INC%201/obligations",
                        "/api/v1/incidents/INC%201/notices/gdpr-art33/gaps");
        // the gaps are the server's, as sending would be refused for them: the reasons for the delay
        // (the deadline passed) and the awareness changed after the text was written
        assertThat(r.out())
                .isEqualTo(String.join(
                        "\n",
                        "GDPR Art. 33 notice of incident INC 1: EDITED, version 2 of 2",
                        "  edited                 2026-11-27T09:00:00Z by ic",
                        "  sha256                 bb22",
                        "  sent                   no",
                        "  stale                  awareness: it was set anew after this text was written; the time it"
                                + " states may be the old one",
                        "  stale                  scope: it was set anew after this text was written; the people and"
                                + " data it states may be out of date",
                        "  gaps                   3 gaps (sending refuses them without --incomplete)",
                        "    - start of the breach",
                        "    - reasons for notifying later than 72 hours (GDPR Art. 33(1))",
                        "    - awareness: when the company became aware was changed after version 2 was written"
                                + " (ledger entry #21); the time it states may be the old one: check the text and"
                                + " store it again",
                        "",
                        NOTICE));
        received.clear();
        CliRun json = run(url, "notice", "show", "--incident", "INC 1", "--version", "1", "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(received.get(1).path()).isEqualTo("/api/v1/incidents/INC%201/notices/gdpr-art33/versions/1");
        var shown = JSON.readTree(json.out());
        assertThat(shown.path("version").asInt()).isEqualTo(1);
        assertThat(shown.path("editedBy").asString()).isEqualTo("counsel");
        assertThat(shown.path("stale")).isEmpty();
        assertThat(shown.path("late").asBoolean()).isTrue();
        // an earlier version is not what sending sends: its gaps are its own text's, no stale facts
        assertThat(shown.path("gaps").toString())
                .isEqualTo("[\"start of the breach\",\"reasons for notifying later than 72 hours (GDPR Art. 33(1))\"]");
    }

    @Test
    void noticeEditInTheEditorStoresNothingWhenAnotherVersionWasStoredMeanwhile() throws IOException {
        // the first read gives version 1; when the edit is stored the notice is version 2 (someone
        // stored one meanwhile): the PUT names the text read (If-Match "v1") and is refused with 412
        String url = serveNotice(NOTICE, n -> Integer.toString(n + 1), "");
        CliRun r = run(url, "notice", "edit", "--incident", "INC-1", "--editor", "sed -i s/Start/Began/");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("tandem notice edit: --editor: the notice of incident INC-1 changed while you edited it"
                        + " (now version 2; you started from version 1); nothing stored, your text is in ")
                .hasLineCount(1);
        assertThat(received.stream().map(Received::method).toList()).containsExactly("GET", "PUT", "GET");
        assertThat(ifMatches).containsExactly("\"v1\"");
        String kept = r.err()
                .substring(r.err().indexOf("your text is in ") + 16, r.err().indexOf(" (tandem"));
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(kept)))
                .isEqualTo(NOTICE.replace("Start", "Began"));
        java.nio.file.Files.delete(java.nio.file.Path.of(kept));
        stop();
        received.clear();

        url = serveNotice(NOTICE, n -> "1", "");
        CliRun stored = run(url, "notice", "edit", "--incident", "INC-1", "--editor", "sed -i s/Start/Began/");
        assertThat(stored.exit()).as(stored.err()).isZero();
        assertThat(received.getLast().method()).isEqualTo("PUT");
        assertThat(ifMatches).containsExactly("\"v1\"", "\"v1\"");
        assertThat(received.getLast().contentType()).isEqualTo("text/markdown; charset=UTF-8");
        assertThat(received.getLast().body()).isEqualTo(NOTICE.replace("Start", "Began"));
        assertThat(stored.out())
                .isEqualTo("stored version 3 of the GDPR Art. 33 notice of incident INC-1 (" + NOTICE.length()
                        + " characters)\nit still has 1 gap (tandem notice show --incident INC-1 lists them)\n");
    }

    @Test
    void noticeSentSendsTheFieldsTheApiTakesAndARefusalNamesTheOption() throws IOException {
        String url = serve(201, """
                {"evidence":{"id":"E7","sha256":"cc33","size":40,"ledgerIndex":31,"repository":"FORENSIC"},
                 "obligation":{"regime":"EU GDPR","jurisdiction":"DE","recipient":"SUPERVISORY_AUTHORITY",
                   "id":"OB1","status":"FILED","filingEvidence":"E7","sentAt":"2026-11-27T08:00:00Z","late":false}}""");
        CliRun r = run(
                url,
                "notice",
                "sent",
                "--incident",
                "INC-1",
                "--at",
                "2026-11-27T08:00:00Z",
                "--jurisdiction",
                "DE",
                "--incomplete");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("POST");
        assertThat(received.getFirst().path())
                .isEqualTo("/api/v1/incidents/INC-1/notices/gdpr-art33/sent?jurisdiction=DE");
        assertThat(received.getFirst().json())
                .isEqualTo(JSON.readTree("{\"sentAt\":\"2026-11-27T08:00:00Z\",\"incomplete\":true}"));
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "sent the GDPR Art. 33 notice of incident INC-1: its text kept as FORENSIC evidence E7"
                                + " (SHA-256 cc33) (ledger entry #31)",
                        "privileged: LEGAL and the incident commander read it; the auditor sees a stub and the"
                                + " export bag leaves it out",
                        "filed obligation OB1, EU GDPR (DE) to SUPERVISORY_AUTHORITY, of incident INC-1 with evidence"
                                + " E7, sent 2026-11-27T08:00:00Z",
                        "a clock that runs from this notice runs from its sending (tandem obligations --incident"
                                + " INC-1 lists them)");
        stop();
        received.clear();

        url = serve(422, problem(422, "bad-sent-at", "sentAt: is before the awareness"));
        CliRun early = run(url, "notice", "sent", "--incident", "INC-1", "--at", "2026-11-20T08:00:00Z");
        assertThat(early.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(early.err())
                .isEqualTo("tandem notice sent: the server answered 422: sentAt: is before the awareness"
                        + " (bad-sent-at; option --at)" + System.lineSeparator());
    }

    /**
     * {@code notice follow-up}: the Art. 33(4) follow-up recorded as sent, its entry and the gaps it
     * gives printed; the server's 409 when none is owed is its one line, exit 2 (ADR 154).
     */
    @Test
    void noticeFollowUpSendsTheEvidenceAndPrintsTheEntryAndTheGapsItGives() throws IOException {
        String url = serve(201, """
                {"obligation":{"regime":"EU GDPR","jurisdiction":"DE","recipient":"SUPERVISORY_AUTHORITY",
                   "citation":"GDPR Art. 33(4)","id":"OB4","status":"FILED","filingEvidence":"E9",
                   "sentAt":"2026-11-28T08:00:00Z","late":false},
                 "followUp":{"ledgerIndex":44,"provides":["likely consequences","the records concerned"]}}""");
        CliRun r = run(
                url,
                "notice",
                "follow-up",
                "--incident",
                "INC-1",
                "--evidence",
                "E9",
                "--sent-at",
                "2026-11-28T08:00:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("POST");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/notices/gdpr-art33/follow-up");
        assertThat(received.getFirst().json())
                .isEqualTo(JSON.readTree("{\"evidence\":\"E9\",\"sentAt\":\"2026-11-28T08:00:00Z\"}"));
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "recorded the follow-up to the GDPR Art. 33 notice of incident INC-1 as sent (Art. 33(4)):"
                                + " evidence E9, sent 2026-11-28T08:00:00Z (ledger entry #44, notice.follow-up-sent)",
                        "it gives the 2 gaps the notice was sent with:",
                        "  - likely consequences",
                        "  - the records concerned",
                        "filed obligation OB4, EU GDPR (DE) to SUPERVISORY_AUTHORITY, of incident INC-1 (GDPR Art."
                                + " 33(4))");
        stop();
        received.clear();

        url = serve(
                409,
                problem(
                        409,
                        "no-follow-up-owed",
                        "no pending gb-ukgdpr-33-4-phases obligation: the UK GDPR Art. 33 notice was not recorded as"
                                + " sent incomplete, or its follow-up was recorded"));
        CliRun none =
                run(url, "notice", "follow-up", "--incident", "INC-1", "--notice", "uk-gdpr-art33", "--evidence", "E9");
        assertThat(none.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/notices/uk-gdpr-art33/follow-up");
        assertThat(none.err())
                .isEqualTo("tandem notice follow-up: the server answered 409: no pending gb-ukgdpr-33-4-phases"
                        + " obligation: the UK GDPR Art. 33 notice was not recorded as sent incomplete, or its"
                        + " follow-up was recorded (no-follow-up-owed)" + System.lineSeparator());
        stop();
        received.clear();

        CliRun badAt = run(url, "notice", "follow-up", "--incident", "INC-1", "--evidence", "E9", "--sent-at", "now");
        assertThat(badAt.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(badAt.err()).startsWith("tandem notice follow-up: --sent-at: must be an RFC 3339 time");
        assertThat(received).isEmpty();
    }

    /** {@code --notice uk-gdpr-art33}: the UK GDPR notice to the ICO, by its own path and name (ADR 145). */
    @Test
    void noticeUkGdprArt33IsTheUkNoticeByItsPathAndName() throws IOException {
        String url = serve(201, """
                {"evidence":{"id":"E8","sha256":"dd44","size":40,"ledgerIndex":32,"repository":"AUDIT"},
                 "obligation":{"regime":"UK GDPR","jurisdiction":"GB","recipient":"SUPERVISORY_AUTHORITY",
                   "id":"OB9","status":"FILED","filingEvidence":"E8","sentAt":"2026-11-27T08:00:00Z","late":false}}""");
        CliRun r =
                run(url, "notice", "sent", "--incident", "INC-1", "--notice", "uk-gdpr-art33", "--repository", "AUDIT");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/notices/uk-gdpr-art33/sent");
        assertThat(r.out().lines().toList().getFirst())
                .isEqualTo("sent the UK GDPR Art. 33 notice of incident INC-1: its text kept as AUDIT evidence E8"
                        + " (SHA-256 dd44) (ledger entry #32)");
        stop();
        received.clear();

        url = serve(200, "[]");
        CliRun versions = run(url, "notice", "versions", "--incident", "INC-1", "--notice", "uk-gdpr-art33");
        assertThat(versions.exit()).as(versions.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/notices/uk-gdpr-art33/versions");
        assertThat(versions.out())
                .startsWith("no stored versions of the UK GDPR Art. 33 notice of incident INC-1: it is the draft");
        stop();
        received.clear();

        // without --notice, the GDPR one, as before
        url = serve(200, "[]");
        CliRun gdpr = run(url, "notice", "versions", "--incident", "INC-1");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/notices/gdpr-art33/versions");
        assertThat(gdpr.out()).startsWith("no stored versions of the GDPR Art. 33 notice of incident INC-1");
        stop();
        received.clear();

        url = serve(200, "{}");
        String[][] cases = {
            {"show", "--incident", "INC-1", "--notice", "ico"},
            {"versions", "--incident", "INC-1", "--notice", "uk-gdpr-33"},
            {"sent", "--incident", "INC-1", "--notice", "gdpr"},
            {"edit", "--incident", "INC-1", "--file", "-", "--notice", "UK"}
        };
        usageErrors(url, List.of("notice"), cases, new String[] {"--notice", "--notice", "--notice", "--notice"});
    }

    @Test
    void noticeCommandsRefuseAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(200, "{}");
        String[][] cases = {
            {"show"},
            {"show", "--incident", "INC-1", "--version", "0"},
            {"show", "--incident", "INC-1", "--version", "two"},
            {"edit", "--incident", "INC-1"},
            {"edit", "--incident", "INC-1", "--file", "a.md", "--editor"},
            {"edit", "--incident", "INC-1", "--file", "/nonexistent/notice.md"},
            {"sent", "--incident", "INC-1", "--at", "2026-11-27 08:00"},
            {"sent", "--incident", "INC-1", "--repository", "VAULT"},
            {"sent", "--incident", "INC-1", "--jurisdiction", " "}
        };
        String[] named = {
            "--incident",
            "--version",
            "--version",
            "--file",
            "--file",
            "no such file",
            "--at",
            "--repository",
            "--jurisdiction"
        };
        usageErrors(url, List.of("notice"), cases, named);
        CliRun none = run(url, "notice");
        assertThat(none.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
    }

    static final String OBLIGATIONS = """
            {"obligations":[
              {"regime":"EU GDPR","jurisdiction":"EU","recipient":"SUPERVISORY_AUTHORITY","due":"%s",
               "dueText":"not later than 72 hours after having become aware","citation":"GDPR Art. 33(1)",
               "confidence":"PRIMARY","id":"OB1","status":"PENDING","requirement":"REQUIRED",
               "ruleZone":"Europe/Berlin","dueRuleLocal":"2026-11-29T08:00+01:00","missed":%s},
              {"regime":"California","jurisdiction":"US-CA","recipient":"INDIVIDUALS","due":null,
               "dueText":"in the most expedient time possible","citation":"Cal. Civ. Code 1798.82(a)",
               "confidence":"PRIMARY","id":"OB2","status":"PENDING","requirement":"CONDITIONAL","missed":false,
               "question":{"key":"HARM","text":"Is harm reasonably likely?","citation":"Cal. Civ. Code 1798.82",
                 "answer":null}}],
             "notRequired":[],"superseded":[],"warnings":[],
             "notTriggered":[{"jurisdiction":"US-MA","regime":"Massachusetts breach law",
               "citation":"Mass. Gen. Laws ch. 93H","reason":"CONTACT is not among the data it is owed for"}],
             "asOf":"2026-11-27T05:30:00Z","computedAt":"2026-11-26T08:00:00Z","rulesVersion":"2026-11-27",
             "timeZone":"Europe/Berlin","disclaimer":"Not legal advice: a starting list for counsel to review."}""";

    @Test
    void obligationsShowTheDeadlineTheTimeLeftTheCitationAndWhatWasNotTriggered() throws IOException {
        String url = serve(200, OBLIGATIONS.formatted("2026-11-29T07:00:00Z", false));
        CliRun r = run(url, "obligations", "--incident", "INC-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/obligations");
        assertThat(r.out())
                .contains("PENDING  EU GDPR (EU) to SUPERVISORY_AUTHORITY")
                .contains("  due                    2026-11-29T07:00:00Z (2026-11-29T08:00+01:00 Europe/Berlin)")
                .contains("  time left              2 days 1 hour" + System.lineSeparator())
                .contains("  citation               GDPR Art. 33(1)")
                .contains("PENDING (CONDITIONAL)  California (US-CA) to INDIVIDUALS")
                .contains("  due                    in the most expedient time possible")
                .contains(
                        "  waits on               Is harm reasonably likely? (Cal. Civ. Code 1798.82; judgement HARM)")
                .contains("notTriggered (laws checked where nothing is owed):")
                .contains(
                        "  US-MA  Massachusetts breach law (Mass. Gen. Laws ch. 93H): CONTACT is not among the data it is owed"
                                + " for")
                .endsWith("Not legal advice: a starting list for counsel to review." + System.lineSeparator());
        CliRun json = run(url, "obligations", "--incident", "INC-1", "--format", "json");
        assertThat(JSON.readTree(json.out()))
                .isEqualTo(JSON.readTree(OBLIGATIONS.formatted("2026-11-29T07:00:00Z", false)));
    }

    /**
     * A deadline whose days end in a zone at UTC+0 (Dublin and Lisbon in winter, Reykjavik all year)
     * is shown in that zone with its offset written out: the API's {@code …T09:00Z} would read as UTC's
     * time beside the zone's name.
     */
    @Test
    void aLocalDueTimeAtUtcPlusZeroCarriesItsOffsetNotAZ() throws IOException {
        String answer = OBLIGATIONS
                .formatted("2026-12-10T09:00:00Z", false)
                .replace(
                        "\"ruleZone\":\"Europe/Berlin\",\"dueRuleLocal\":\"2026-11-29T08:00+01:00\"",
                        "\"ruleZone\":\"Europe/Dublin\",\"dueRuleLocal\":\"2026-12-10T09:00Z\"");
        String url = serve(200, answer);
        CliRun r = run(url, "obligations", "--incident", "INC-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("  due                    2026-12-10T09:00:00Z (2026-12-10T09:00+00:00 Europe/Dublin)"
                        + System.lineSeparator())
                .doesNotContain("09:00Z Europe/Dublin");
        // the JSON is the server's answer as it came (docs/contracts.md §4)
        CliRun json = run(url, "obligations", "--incident", "INC-1", "--format", "json");
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree(answer));
        // seconds and other offsets are kept as the server wrote them
        assertThat(IncidentText.localTime("2027-01-04T23:59:59-06:00")).isEqualTo("2027-01-04T23:59:59-06:00");
        assertThat(IncidentText.localTime("2026-12-10T23:59:59Z")).isEqualTo("2026-12-10T23:59:59+00:00");
        assertThat(IncidentText.localTime("not a time")).isEqualTo("not a time");
    }

    /**
     * Counsel's view carries the scope checks and each set-aside notice's justification, and a
     * deadline whose days end in UTC has no second, equal time beside it.
     */
    @Test
    void obligationsShowTheScopeChecksAndWhyANoticeWasSetAside() throws IOException {
        String answer = OBLIGATIONS
                .formatted("2026-11-29T07:00:00Z", false)
                .replace(
                        "\"ruleZone\":\"Europe/Berlin\",\"dueRuleLocal\":\"2026-11-29T08:00+01:00\"",
                        "\"ruleZone\":\"UTC\",\"dueRuleLocal\":\"2026-11-29T07:00:00Z\"")
                .replace(
                        "\"notRequired\":[]",
                        "\"notRequired\":[{\"regime\":\"Australia Privacy Act\",\"jurisdiction\":\"AU\","
                                + "\"recipient\":\"REGULATOR\",\"citation\":\"Privacy Act 1988 s. 26WK\","
                                + "\"justification\":\"No serious harm:\\nthe cards were tokenised\"}]")
                .replace(
                        "\"warnings\":[]",
                        "\"warnings\":[],\"scopeChecks\":[{\"check\":\"records\",\"message\":\"The findings"
                                + " count 324,000 records, the scope 2,300 people\",\"findings\":[\"F1\"]}]");
        String url = serve(200, answer);
        CliRun r = run(url, "obligations", "--incident", "INC-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("  due                    2026-11-29T07:00:00Z" + System.lineSeparator())
                .contains("  Australia Privacy Act (AU) to REGULATOR: Privacy Act 1988 s. 26WK" + System.lineSeparator()
                        + "    why: No serious harm: the cards were tokenised")
                .contains("scope check: The findings count 324,000 records, the scope 2,300 people");
    }

    @Test
    void aMissedDeadlineExitsOneInEitherFormat() throws IOException {
        String url = serve(200, OBLIGATIONS.formatted("2026-11-27T02:00:00Z", true));
        CliRun r = run(url, "obligations", "--incident", "INC-1");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(r.out())
                .contains("MISSED  EU GDPR (EU) to SUPERVISORY_AUTHORITY")
                .contains("  time left              none: passed 3 hours 30 minutes ago");
        assertThat(run(url, "obligations", "--incident", "INC-1", "--format", "json")
                        .exit())
                .isEqualTo(TandemCommand.EXIT_FOUND);
    }

    @Test
    void timeLeftIsInDaysHoursAndMinutes() {
        assertThat(IncidentText.timeLeft(Duration.ofHours(49).plusMinutes(30))).isEqualTo("2 days 1 hour");
        assertThat(IncidentText.timeLeft(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
        assertThat(IncidentText.timeLeft(Duration.ZERO)).isEqualTo("0 minutes");
        assertThat(IncidentText.timeLeft(Duration.ofMinutes(-61))).isEqualTo("none: passed 1 hour 1 minute ago");
    }

    @Test
    void incidentAndMembersWithoutACommandAreUsageErrors() {
        for (String[] args : new String[][] {{"incident"}, {"incident", "members"}}) {
            CliRun r = CliRun.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Missing command: give one of the commands listed below.");
        }
        // picocli wraps each summary to the terminal's width: the words, whatever the line breaks
        assertThat(CliRun.run("incident", "--help").out().replaceAll("\\s+", " "))
                .contains("list", "show", "open", "members", "phase", "contain", "occurred-at", "close")
                .contains("Opens an incident; this token's user becomes its incident commander.")
                .contains("Closes the incident, from RECOVER or IMPROVE (the incident commander).");
    }

    @Test
    void anUnknownFormatIsAUsageErrorAndNothingIsSent() throws IOException {
        String url = serve(200, "{}");
        CliRun r = run(url, "obligations", "--incident", "INC-1", "--format", "csv");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .isEqualTo("tandem obligations: unknown --format 'csv' (text, json)" + System.lineSeparator());
        assertThat(received).isEmpty();
    }

    static final String SCOPE = """
            {"subjects":{"DE":1200,"US-CA":800,"ZZ":3},"data":["CONTACT","PAYMENT_CARD"],"encrypted":false,
             "updatedAt":"2026-11-26T08:00:00Z","updatedBy":"counsel","ledgerIndex":9}""";

    @Test
    void scopeShowPrintsEachPlaceTheDataAndWhoSetItAndJsonIsTheServersAnswer() throws IOException {
        String url = serve(200, SCOPE);
        CliRun r = run(url, "scope", "show", "--incident", "INC 1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("GET");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/scope");
        assertThat(received.getFirst().authorization()).isEqualTo("Bearer tok");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "scope of incident INC 1, set 2026-11-26T08:00:00Z by counsel (ledger entry #9)",
                        "  DE                     1200 people",
                        "  US-CA                  800 people",
                        "  ZZ (no known country)  3 people",
                        "  in all                 2003 people",
                        "  data                   CONTACT, PAYMENT_CARD",
                        "  encrypted              no",
                        "  as options             --subjects DE=1200,US-CA=800,ZZ=3 --data CONTACT,PAYMENT_CARD");
        CliRun json = run(url, "scope", "show", "--incident", "INC 1", "--format", "json");
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree(SCOPE));
        String noScope = "incident INC-1 has no scope yet: PUT /api/v1/incidents/INC-1/scope";
        assertThat(refusal(404, "no-scope", noScope, "scope", "show", "--incident", "INC-1"))
                .isEqualTo("tandem scope show: the server answered 404: " + noScope + " (no-scope)");
        assertThat(refusal(403, "forbidden", AUDITOR_ONLY, "scope", "show", "--incident", "INC-1"))
                .isEqualTo(
                        "tandem scope show: not allowed for this token's user (403): " + AUDITOR_ONLY + " (forbidden)");
    }

    /** {@code args} with {@code more} after them. */
    static String[] and(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static final String AUDITOR_ONLY = "an auditor reads obligations' status only";

    /**
     * The one line {@code args} print on stderr against a server refusing with a problem answer of
     * {@code status}, {@code code} and {@code detail}; they exit 2 and print nothing on stdout.
     */
    String refusal(int status, String code, String detail, String... args) throws IOException {
        List<Received> none = new ArrayList<>();
        try (StubServer refusing = StubServer.recording(status, problem(status, code, detail), none)) {
            CliRun r = run(refusing.url(), args);
            assertThat(r.exit()).as(r.err()).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).hasLineCount(1);
            assertThat(none).hasSize(1);
            return r.err().strip();
        }
    }

    static final String RECOMPUTED = """
            {"obligations":[{"regime":"EU GDPR","id":"OB1"},{"regime":"California","id":"OB2"}],
             "notRequired":[{"regime":"Texas","id":"OB3"}],"superseded":[],
             "scope":{"subjects":{"DE":1200,"US-CA":800,"US-PR":5},"data":["CONTACT","PAYMENT_CARD","HEALTH"],
                      "encrypted":true},
             "asOf":"2026-11-27T05:30:00Z"%s}""";

    @Test
    void scopeSetSendsTheScopeAsTheApiTakesItAndSaysWhatWasRecomputed() throws IOException {
        String url = serve(200, RECOMPUTED.formatted(""));
        CliRun r = run(
                url,
                "scope",
                "set",
                "--incident",
                "INC 1",
                "--subjects",
                "de=1200, US-CA=800,PR=5",
                "--data",
                "health,CONTACT",
                "--data",
                "PAYMENT_CARD",
                "--encrypted");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("PUT");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/scope");
        assertThat(received.getFirst().contentType()).isEqualTo("application/json");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                {"subjects":{"DE":1200,"US-CA":800,"US-PR":5},"data":["CONTACT","PAYMENT_CARD","HEALTH"],
                 "encrypted":true}"""));
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "set the scope of incident INC 1",
                        "  DE                     1200 people",
                        "  US-CA                  800 people",
                        "  US-PR                  5 people",
                        "  in all                 2005 people",
                        "  data                   CONTACT, PAYMENT_CARD, HEALTH",
                        "  encrypted              yes, the key was not compromised",
                        "  as options             --subjects DE=1200,US-CA=800,US-PR=5 --data"
                                + " CONTACT,PAYMENT_CARD,HEALTH --encrypted",
                        "obligations recomputed: 2 owed, 1 set aside (tandem obligations --incident INC 1 lists them)");
        CliRun json = run(url, "scope", "set", "--incident", "INC-1", "--subjects", "DE=10", "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        // what is left out is no longer in the scope: said so to the server, not left to its defaults
        assertThat(received.get(1).json())
                .isEqualTo(JSON.readTree("{\"subjects\":{\"DE\":10},\"data\":[],\"encrypted\":false}"));
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree(RECOMPUTED.formatted("")));
        String counsels = "declaring the data encrypted (which sets notices to individuals aside) is counsel's";
        String[] encrypted = {"scope", "set", "--incident", "I", "--subjects", "DE=1", "--encrypted"};
        assertThat(refusal(403, "forbidden", counsels, encrypted))
                .isEqualTo("tandem scope set: not allowed for this token's user (403): " + counsels + " (forbidden)");
        String whole = "subjects.DE: count 1.5 is not a whole number";
        assertThat(refusal(422, "bad-scope", whole, "scope", "set", "--incident", "I", "--subjects", "DE=1"))
                .isEqualTo("tandem scope set: the server answered 422: " + whole + " (bad-scope; option --subjects)");
    }

    /** A scope without data categories leaves the laws limited to particular data untriggered: the server's warning is said. */
    @Test
    void scopeSetPrintsTheWarningsOfTheComputation() throws IOException {
        String warning = "no data categories given: laws limited to particular data (most US states) did not trigger";
        String url = serve(200, RECOMPUTED.formatted(",\"warnings\":[\"" + warning + "\"]"));
        CliRun r = run(url, "scope", "set", "--incident", "INC-1", "--subjects", "IE=40,US-CA=601");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList())
                .endsWith(
                        "obligations recomputed: 2 owed, 1 set aside (tandem obligations --incident INC-1 lists them)",
                        "warning: " + warning);
    }

    @Test
    void scopeSetRefusesAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(200, RECOMPUTED.formatted(""));
        String[][] cases = {
            {"--subjects", "DE=10"},
            {"--incident", "I"},
            {"--incident", "I", "--subjects", ""},
            {"--incident", "I", "--subjects", "DE"},
            {"--incident", "I", "--subjects", "DE=ten"},
            {"--incident", "I", "--subjects", "DE=-1"},
            {"--incident", "I", "--subjects", "XQ=5"},
            {"--incident", "I", "--subjects", "DE=1,de=2"},
            {"--incident", "I", "--subjects", "DE=10000000001"},
            {"--incident", "I", "--subjects", "DE=10", "--data", "SHOE_SIZE"},
            {"--incident", "I", "--subjects", "DE=10", "--data", "CONTACT, "},
            {"--incident", "I", "--subjects", "DE=10", "--encrypted=maybe"}
        };
        String[] named = {
            "--incident",
            "--subjects",
            "--subjects",
            "--subjects",
            "--subjects",
            "--subjects",
            "--subjects",
            "--subjects",
            "--subjects",
            "--data",
            "--data",
            "--encrypted"
        };
        usageErrors(url, List.of("scope", "set"), cases, named);
        CliRun unknown = run(url, "scope", "set", "--incident", "I", "--subjects", "DE=10", "--data", "SHOE_SIZE");
        assertThat(unknown.err())
                .isEqualTo("tandem scope set: --data: unknown data category 'SHOE_SIZE' (known: CONTACT, PAYMENT_CARD,"
                        + " GOVERNMENT_ID, CREDENTIALS, HEALTH, FINANCIAL_ACCOUNT, DATE_OF_BIRTH, BIOMETRIC)"
                        + System.lineSeparator());
        assertThat(run(url, "scope", "set", "--incident", "I", "--subjects", "DE=ten")
                        .err())
                .isEqualTo("tandem scope set: --subjects: count 'ten' for DE is not a whole number"
                        + System.lineSeparator());
        assertThat(received).isEmpty();
    }

    static final String JUDGEMENTS = """
            {"judgements":[
              {"question":"RISK","answer":"YES","setsAside":false,"reason":"Contact data of 2,000 customers",
               "decidedBy":"ic","decidedAt":"2026-11-26T09:00:00Z"},
              {"question":"HIGH_RISK","answer":"NO","setsAside":true,"reason":"No sensitive data;\\nnames only",
               "decidedBy":"counsel","decidedAt":"2026-11-26T10:00:00Z"}]}""";

    @Test
    void judgementsListPrintsOneLineEachWithTheReasonWhereTheRoleReadsIt() throws IOException {
        String url = serve(200, JUDGEMENTS);
        CliRun r = run(url, "judgements", "list", "--incident", "INC 1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("GET");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/judgements");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "RISK YES  decided 2026-11-26T09:00:00Z by ic  Contact data of 2,000 customers",
                        "HIGH_RISK NO  decided 2026-11-26T10:00:00Z by counsel  [sets a notice aside]  No sensitive"
                                + " data; names only",
                        "2 judgements");
        CliRun json = run(url, "judgements", "list", "--incident", "INC 1", "--format", "json");
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree(JUDGEMENTS));
        stop();

        url = serve(200, JUDGEMENTS.replaceAll("\"reason\":\"[^\"]*\"", "\"reason\":null"));
        assertThat(run(url, "judgements", "list", "--incident", "INC-1")
                        .out()
                        .lines()
                        .toList())
                .containsExactly(
                        "RISK YES  decided 2026-11-26T09:00:00Z by ic  (the reason is not for your role)",
                        "HIGH_RISK NO  decided 2026-11-26T10:00:00Z by counsel  [sets a notice aside]  (the reason is"
                                + " not for your role)",
                        "2 judgements");
        stop();

        url = serve(200, "{\"judgements\":[]}");
        assertThat(run(url, "judgements", "list", "--incident", "INC-1").out())
                .isEqualTo("no judgements recorded in incident INC-1" + System.lineSeparator());
    }

    @Test
    void judgementsRecordSendsTheJudgementsFieldsAndSaysWhetherTheObligationsWereRecomputed() throws IOException {
        String url = serve(201, RECOMPUTED.formatted(",\"recomputed\":true"));
        CliRun r = run(
                url,
                "judgements",
                "record",
                "--incident",
                "INC 1",
                "--question",
                "high_risk",
                "--answer",
                "no",
                "--reason",
                "Names and e-mail addresses only",
                "--decided-at",
                "2026-11-26T10:00:00+01:00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("POST");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/judgements");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                {"question":"HIGH_RISK","answer":"NO","reason":"Names and e-mail addresses only",
                 "decidedAt":"2026-11-26T10:00:00+01:00","privileged":true}"""));
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "recorded HIGH_RISK NO in incident INC 1 (decided at 2026-11-26T10:00:00+01:00; reason"
                                + " privileged)",
                        "obligations recomputed: 2 owed, 1 set aside (tandem obligations --incident INC 1 lists them)");
        stop();
        received.clear();

        url = serve(201, "{\"obligations\":[],\"notRequired\":[],\"recomputed\":false}");
        String[] risk = {
            "judgements",
            "record",
            "--incident",
            "INC-1",
            "--question",
            "RISK",
            "--answer",
            "YES",
            "--reason",
            "Contact data"
        };
        CliRun clear = run(url, and(risk, "--no-privileged"));
        assertThat(clear.exit()).as(clear.err()).isZero();
        assertThat(received.getFirst().json())
                .isEqualTo(JSON.readTree(
                        "{\"question\":\"RISK\",\"answer\":\"YES\",\"reason\":\"Contact data\",\"privileged\":false}"));
        assertThat(clear.out().lines().toList())
                .containsExactly(
                        "recorded RISK YES in incident INC-1 (decided as recorded; reason not privileged)",
                        "obligations not recomputed: incident INC-1 has no scope yet (tandem scope set)");
        CliRun said = run(url, and(risk, "--privileged", "--format", "json"));
        assertThat(received.get(1).json().path("privileged").asBoolean()).isTrue();
        assertThat(JSON.readTree(said.out()))
                .isEqualTo(JSON.readTree("{\"obligations\":[],\"notRequired\":[],\"recomputed\":false}"));
        String[] record = {
            "judgements", "record", "--incident", "I", "--question", "HARM", "--answer", "YES", "--reason", "r"
        };
        String unknown = "question: unknown question 'HARM' (known: RISK, HIGH_RISK, MATERIAL)";
        assertThat(refusal(422, "bad-question", unknown, record))
                .isEqualTo("tandem judgements record: the server answered 422: " + unknown
                        + " (bad-question; option --question)");
        assertThat(refusal(403, "forbidden", AUDITOR_ONLY, record))
                .isEqualTo("tandem judgements record: not allowed for this token's user (403): " + AUDITOR_ONLY
                        + " (forbidden)");
    }

    @Test
    void judgementsRecordRefusesAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(201, RECOMPUTED.formatted(""));
        String[][] cases = {
            {"--question", "RISK", "--answer", "YES", "--reason", "r"},
            {"--incident", "I", "--answer", "YES", "--reason", "r"},
            {"--incident", "I", "--question", "RISK", "--reason", "r"},
            {"--incident", "I", "--question", "RISK", "--answer", "YES"},
            {"--incident", "I", "--question", "HIGH RISK", "--answer", "YES", "--reason", "r"},
            {"--incident", "I", "--question", "", "--answer", "YES", "--reason", "r"},
            {"--incident", "I", "--question", "RISK", "--answer", "MAYBE", "--reason", "r"},
            {"--incident", "I", "--question", "RISK", "--answer", "YES", "--reason", "  "},
            {"--incident", "I", "--question", "RISK", "--answer", "YES", "--reason", "r", "--decided-at", "2026-11-26"},
            {"--incident", "I", "--question", "RISK", "--answer", "YES", "--reason", "r", "--privileged=no"}
        };
        String[] named = {
            "--incident",
            "--question",
            "--answer",
            "--reason",
            "--question",
            "--question",
            "--answer",
            "--reason",
            "--decided-at",
            "--privileged"
        };
        usageErrors(url, List.of("judgements", "record"), cases, named);
        assertThat(run(
                                url,
                                "judgements",
                                "record",
                                "--incident",
                                "I",
                                "--question",
                                "RISK",
                                "--answer",
                                "maybe",
                                "--reason",
                                "r")
                        .err())
                .isEqualTo("tandem judgements record: --answer: must be one of YES, NO, got maybe"
                        + System.lineSeparator());
        assertThat(received).isEmpty();
    }

    @Test
    void scopeAndJudgementsWithoutACommandAreUsageErrors() {
        for (String[] args : new String[][] {{"scope"}, {"judgements"}}) {
            CliRun r = CliRun.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Missing command: give one of the commands listed below.");
        }
        assertThat(CliRun.run("scope", "--help").out().replaceAll("\\s+", " "))
                .contains("show", "set")
                .contains("Sets the incident's scope, replacing the one in force;");
        assertThat(CliRun.run("judgements", "--help").out().replaceAll("\\s+", " "))
                .contains("list", "record")
                .contains("Records a judgement;");
        assertThat(CliRun.run("judgements", "record", "--help").out()).contains("--[no-]privileged");
    }

    static final String OBLIGATION = """
            {"regime":"EU GDPR","jurisdiction":"EU","recipient":"SUPERVISORY_AUTHORITY","due":"2026-11-29T07:00:00Z",
             "dueText":"not later than 72 hours after having become aware","citation":"GDPR Art. 33(1)",
             "confidence":"PRIMARY","id":"OB1","owner":"dpo","status":"FILED","requirement":"REQUIRED",
             "ruleZone":"Europe/Berlin","dueRuleLocal":"2026-11-29T08:00+01:00","missed":false,"rule":"eu-gdpr-33-sa",
             "filingEvidence":"EV-7","justification":null,"statusChangedAt":"2026-11-28T09:00:00Z",
             "statusChangedBy":"counsel","sentAt":"2026-11-28T08:30:00Z","late":false,"incident":"INC-1"}""";

    @Test
    void obligationsShowPrintsOneObligationWithItsOwnerAndFilingAndJsonIsTheServersAnswer() throws IOException {
        String url = serve(200, OBLIGATION);
        CliRun r = run(url, "obligations", "show", "OB 1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("GET");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/obligations/OB%201");
        assertThat(received.getFirst().authorization()).isEqualTo("Bearer tok");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "FILED  EU GDPR (EU) to SUPERVISORY_AUTHORITY",
                        "  due                    2026-11-29T07:00:00Z (2026-11-29T08:00+01:00 Europe/Berlin)",
                        "                         not later than 72 hours after having become aware",
                        "  citation               GDPR Art. 33(1)",
                        "  id                     OB1",
                        "  incident               INC-1",
                        "  rule                   eu-gdpr-33-sa",
                        "  owner                  dpo",
                        "  status changed         2026-11-28T09:00:00Z by counsel",
                        "  sent at                2026-11-28T08:30:00Z",
                        "  filing evidence        EV-7");
        CliRun json = run(url, "obligations", "show", "OB1", "--format", "json");
        assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree(OBLIGATION));
        String unknown = "no obligation 'OB9'";
        assertThat(refusal(404, "not-found", unknown, "obligations", "show", "OB9"))
                .isEqualTo("tandem obligations show: the server answered 404: " + unknown + " (not-found)");
        stop();

        // the auditor's answer: no owner, incident or filing evidence, and none printed
        url = serve(200, """
                {"regime":"EU GDPR","jurisdiction":"EU","recipient":"SUPERVISORY_AUTHORITY","due":null,
                 "dueText":"the date is withheld","citation":"GDPR Art. 33(1)","id":"OB1","status":"PENDING",
                 "requirement":"REQUIRED","missed":null,"sentAt":null,"late":null}""");
        assertThat(run(url, "obligations", "show", "OB1").out().lines().toList())
                .containsExactly(
                        "PENDING  EU GDPR (EU) to SUPERVISORY_AUTHORITY",
                        "  due                    the date is withheld",
                        "  citation               GDPR Art. 33(1)",
                        "  id                     OB1");
    }

    @Test
    void obligationsOwnerSendsTheOwnerOrNullAndARefusalNamesTheOption() throws IOException {
        String url = serve(200, OBLIGATION);
        CliRun r = run(url, "obligations", "owner", "OB1", "--owner", " dpo ");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("PUT");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/obligations/OB1/owner");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("{\"owner\":\"dpo\"}"));
        assertThat(r.out())
                .isEqualTo("dpo owns obligation OB1, EU GDPR (EU) to SUPERVISORY_AUTHORITY, of incident INC-1"
                        + System.lineSeparator());
        stop();
        received.clear();

        url = serve(200, OBLIGATION.replace("\"owner\":\"dpo\"", "\"owner\":null"));
        CliRun unassigned = run(url, "obligations", "owner", "OB1", "--unassign");
        assertThat(unassigned.exit()).as(unassigned.err()).isZero();
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("{\"owner\":null}"));
        assertThat(unassigned.out())
                .isEqualTo("nobody owns obligation OB1, EU GDPR (EU) to SUPERVISORY_AUTHORITY, of incident INC-1"
                        + System.lineSeparator());
        String auditor = "owner: the incident's auditor cannot own an obligation (auditor independence)";
        assertThat(refusal(422, "bad-owner", auditor, "obligations", "owner", "OB1", "--owner", "aud"))
                .isEqualTo("tandem obligations owner: the server answered 422: " + auditor
                        + " (bad-owner; option --owner)");
    }

    @Test
    void obligationsStatusSendsTheBodysFieldsAndSaysHowTheObligationWasLeft() throws IOException {
        String url = serve(200, OBLIGATION);
        CliRun filed = run(
                url,
                "obligations",
                "status",
                "OB1",
                "--status",
                "filed",
                "--evidence",
                "EV-7",
                "--sent-at",
                "2026-11-28T09:30:00+01:00");
        assertThat(filed.exit()).as(filed.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("POST");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/obligations/OB1/status");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                        {"status":"FILED","evidence":"EV-7","sentAt":"2026-11-28T09:30:00+01:00","privileged":true}"""));
        assertThat(filed.out().lines().toList())
                .containsExactly(
                        "filed obligation OB1, EU GDPR (EU) to SUPERVISORY_AUTHORITY, of incident INC-1 with evidence"
                                + " EV-7, sent 2026-11-28T08:30:00Z",
                        "a clock that runs from this notice runs from its sending (tandem obligations --incident INC-1"
                                + " lists them)");
        stop();
        received.clear();

        url = serve(
                200,
                OBLIGATION
                        .replace("\"status\":\"FILED\"", "\"status\":\"NOT_REQUIRED\"")
                        .replace("\"justification\":null", "\"justification\":\"Encrypted, key safe\""));
        CliRun aside = run(
                url,
                "obligations",
                "status",
                "OB1",
                "--status",
                "NOT_REQUIRED",
                "--justification",
                "Encrypted, key safe",
                "--no-privileged");
        assertThat(aside.exit()).as(aside.err()).isZero();
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                        {"status":"NOT_REQUIRED","justification":"Encrypted, key safe","privileged":false}"""));
        assertThat(aside.out())
                .isEqualTo("set aside obligation OB1, EU GDPR (EU) to SUPERVISORY_AUTHORITY, of incident INC-1 as"
                        + " NOT_REQUIRED (justification not privileged)" + System.lineSeparator());
        stop();
        received.clear();

        url = serve(200, OBLIGATION.replace("\"status\":\"FILED\"", "\"status\":\"PENDING\""));
        CliRun reopened = run(url, "obligations", "status", "OB1", "--status", "pending");
        assertThat(reopened.exit()).as(reopened.err()).isZero();
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("{\"status\":\"PENDING\",\"privileged\":true}"));
        assertThat(reopened.out())
                .isEqualTo("obligation OB1, EU GDPR (EU) to SUPERVISORY_AUTHORITY, of incident INC-1 is PENDING again"
                        + System.lineSeparator());
        CliRun json = run(url, "obligations", "status", "OB1", "--status", "PENDING", "--format", "json");
        assertThat(JSON.readTree(json.out()))
                .isEqualTo(JSON.readTree(OBLIGATION.replace("\"status\":\"FILED\"", "\"status\":\"PENDING\"")));

        String counsels = "incident INC-1: only LEGAL may set a notice duty aside";
        String[] notRequired = {"obligations", "status", "OB1", "--status", "NOT_REQUIRED", "--justification", "j"};
        assertThat(refusal(403, "forbidden", counsels, notRequired))
                .isEqualTo("tandem obligations status: not allowed for this token's user (403): " + counsels
                        + " (forbidden)");
        String foreign = "evidence: no evidence item 'EV-9'";
        String[] filing = {"obligations", "status", "OB1", "--status", "FILED", "--evidence", "EV-9"};
        assertThat(refusal(422, "bad-evidence", foreign, filing))
                .isEqualTo("tandem obligations status: the server answered 422: " + foreign
                        + " (bad-evidence; option --evidence)");
        String fin = "FILED is final";
        assertThat(refusal(409, "invalid-transition", fin, "obligations", "status", "OB1", "--status", "PENDING"))
                .isEqualTo("tandem obligations status: the server answered 409: " + fin + " (invalid-transition)");
    }

    @Test
    void obligationsOwnerAndStatusRefuseAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(200, OBLIGATION);
        String[][] cases = {
            {"owner", "OB1"},
            {"owner", "OB1", "--owner", "dpo", "--unassign"},
            {"owner", "OB1", "--owner", " "},
            {"owner", "--owner", "dpo"},
            {"status", "OB1"},
            {"status", "OB1", "--status", "SUPERSEDED"},
            {"status", "OB1", "--status", "FILED"},
            {"status", "OB1", "--status", "FILED", "--evidence", ""},
            {"status", "OB1", "--status", "FILED", "--evidence", "EV-7", "--sent-at", "2026-11-28T09:30:00"},
            {"status", "OB1", "--status", "PENDING", "--sent-at", "2026-11-28T09:30:00Z"},
            {"status", "OB1", "--status", "PENDING", "--evidence", "EV-7"},
            {"status", "OB1", "--status", "NOT_REQUIRED"},
            {"status", "OB1", "--status", "NOT_REQUIRED", "--justification", "  "},
            {"status", "OB1", "--status", "NOT_REQUIRED", "--justification", "j", "--privileged=no"},
            {"status", "--status", "PENDING"}
        };
        String[] named = {
            "--owner",
            "--owner",
            "--owner",
            "OBLIGATION",
            "--status",
            "--status",
            "--evidence",
            "--evidence",
            "--sent-at",
            "--sent-at",
            "--evidence",
            "--justification",
            "--justification",
            "--privileged",
            "OBLIGATION"
        };
        usageErrors(url, List.of("obligations"), cases, named);
        assertThat(run(url, "obligations", "status", "OB1", "--status", "superseded")
                        .err())
                .isEqualTo("tandem obligations status: --status: must be one of FILED, NOT_REQUIRED, PENDING, got"
                        + " superseded" + System.lineSeparator());
        assertThat(run(url, "obligations", "status", "OB1", "--status", "NOT_REQUIRED")
                        .err())
                .isEqualTo("tandem obligations status: --justification: NOT_REQUIRED needs a justification"
                        + System.lineSeparator());
        assertThat(received).isEmpty();
    }

    @Test
    void obligationsKeepsItsOwnFormAndChecksItsRequiredOptionsItself() throws IOException {
        String url = serve(200, OBLIGATIONS.formatted("2026-11-29T07:00:00Z", false));
        CliRun noIncident = run(url, "obligations");
        assertThat(noIncident.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(noIncident.out()).isEmpty();
        assertThat(noIncident.err())
                .isEqualTo("tandem obligations: Missing required option: '--incident=ID'" + System.lineSeparator());
        CliRun noServer = CliRun.run("obligations", "--incident", "I");
        assertThat(noServer.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(noServer.err())
                .isEqualTo("tandem obligations: Missing required option: '--server=URL'" + System.lineSeparator());
        assertThat(received).isEmpty();
        CliRun showNoServer = CliRun.run("obligations", "show", "OB1");
        assertThat(showNoServer.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(showNoServer.err()).contains("Missing required option: '--server=URL'");
        // the reading form as before, whatever the incident's id (even a subcommand's name)
        CliRun listed = run(url, "obligations", "--incident", "show");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/show/obligations");
        assertThat(CliRun.run("obligations", "--help").out().replaceAll("\\s+", " "))
                .contains("show", "owner", "status")
                .contains("Prints an incident's notification obligations")
                .contains("--incident=ID");
        assertThat(CliRun.run("obligations", "status", "--help").out()).contains("--[no-]privileged");
    }

    @Test
    void incidentFactsSendsBothFactsAndSaysWhetherTheObligationsWereRecomputed() throws IOException {
        String url = serve(200, RECOMPUTED.formatted(",\"recomputed\":true"));
        CliRun r = run(
                url,
                "incident",
                "facts",
                "INC 1",
                "--determined-at",
                "2026-11-27T11:00:00-07:00",
                "--unauthorized-access",
                "TRUE");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("PUT");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/facts");
        assertThat(received.getFirst().json())
                .isEqualTo(
                        JSON.readTree("{\"determinedAt\":\"2026-11-27T11:00:00-07:00\",\"unauthorizedAccess\":true}"));
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "set the facts of incident INC 1: determined at 2026-11-27T11:00:00-07:00; unauthorized access",
                        "obligations recomputed: 2 owed, 1 set aside (tandem obligations --incident INC 1 lists them)");
        stop();
        received.clear();

        url = serve(200, "{\"obligations\":[],\"notRequired\":[],\"recomputed\":false}");
        CliRun none =
                run(url, "incident", "facts", "INC-1", "--determined-at", "none", "--unauthorized-access", "false");
        assertThat(none.exit()).as(none.err()).isZero();
        // both always sent, the determination as null: nothing left to the server's defaults
        assertThat(received.getFirst().json())
                .isEqualTo(JSON.readTree("{\"determinedAt\":null,\"unauthorizedAccess\":false}"));
        assertThat(none.out().lines().toList())
                .containsExactly(
                        "set the facts of incident INC-1: not determined (the clocks that run from a determination"
                                + " run from awareness); no unauthorized access",
                        "obligations not recomputed: incident INC-1 has no scope yet (tandem scope set)");
        String later = "incident INC-1: only LEGAL may move the determination later";
        String[] facts = {
            "incident", "facts", "INC-1", "--determined-at", "2026-11-28T00:00:00Z", "--unauthorized-access", "true"
        };
        assertThat(refusal(403, "forbidden", later, facts))
                .isEqualTo("tandem incident facts: not allowed for this token's user (403): " + later + " (forbidden)");
        String future = "determinedAt: 2030-01-01T00:00:00Z is after the server's clock";
        assertThat(refusal(422, "bad-determined-at", future, facts))
                .isEqualTo("tandem incident facts: the server answered 422: " + future
                        + " (bad-determined-at; option --determined-at)");
    }

    @Test
    void incidentAwarenessSendsTheTimeAndReasonAndPrintsTheServersWarningWhenItMovedLater() throws IOException {
        String warning = "awareness moved LATER by 2 h: the 72-hour deadline (GDPR Art. 33(1)) moved from"
                + " 2026-11-29T07:00:00Z to 2026-11-29T09:00:00Z, and every other deadline that runs from awareness"
                + " with it";
        String url = serve(
                200,
                RECOMPUTED.formatted(
                        ",\"recomputed\":true,\"awarenessMovedLater\":{\"awareAt\":\"2026-11-26T09:00:00Z\","
                                + "\"previous\":\"2026-11-26T07:00:00Z\",\"warning\":\"" + warning + "\"}"));
        CliRun r = run(
                url,
                "incident",
                "awareness",
                "INC 1",
                "--aware-at",
                "2026-11-26T10:00:00+01:00",
                "--reason",
                "the first alert was at 10:00 Berlin time");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("PUT");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC%201/awareness");
        assertThat(received.getFirst().json()).isEqualTo(JSON.readTree("""
                        {"awareAt":"2026-11-26T10:00:00+01:00","reason":"the first alert was at 10:00 Berlin time"}"""));
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "incident INC 1 is now aware at 2026-11-26T10:00:00+01:00",
                        "warning: " + warning,
                        "obligations recomputed: 2 owed, 1 set aside (tandem obligations --incident INC 1 lists them)");
        stop();

        url = serve(200, "{\"obligations\":[],\"notRequired\":[],\"recomputed\":false}");
        assertThat(run(url, "incident", "awareness", "INC-1", "--aware-at", "2026-11-26T07:00:00Z", "--reason", "r")
                        .out()
                        .lines()
                        .toList())
                .containsExactly(
                        "incident INC-1 is now aware at 2026-11-26T07:00:00Z",
                        "obligations not recomputed: incident INC-1 has no scope yet (tandem scope set)");
        String counsels = "awareAt: moving the awareness later moves every deadline later: LEGAL records that";
        String[] awareness = {"incident", "awareness", "INC-1", "--aware-at", "2026-11-26T09:00:00Z", "--reason", "r"};
        assertThat(refusal(403, "forbidden", counsels, awareness))
                .isEqualTo("tandem incident awareness: not allowed for this token's user (403): " + counsels
                        + " (forbidden; option --aware-at)");
    }

    @Test
    void incidentAwarenessWithoutAReasonSaysWhyOneIsNeededTheFirstTimeTooAndSendsNothing() throws IOException {
        String url = serve(200, "{\"obligations\":[],\"notRequired\":[],\"recomputed\":false}");
        for (String[] reason : List.of(new String[0], new String[] {"--reason", "  "})) {
            List<String> args =
                    new ArrayList<>(List.of("incident", "awareness", "INC-1", "--aware-at", "2026-11-26T07:00:00Z"));
            args.addAll(List.of(reason));
            CliRun r = run(url, args.toArray(String[]::new));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("tandem incident awareness: --reason: required, the first time too: every deadline runs"
                            + " from the awareness time, so the ledger keeps why it was set (what showed the company it"
                            + " knew then) beside the value it replaced; e.g. --reason 'the first alert came at 07:00'"
                            + System.lineSeparator());
        }
        assertThat(received).isEmpty();
        // the time is checked first, as before
        assertThat(run(url, "incident", "awareness", "INC-1", "--aware-at", "07:00")
                        .err())
                .startsWith("tandem incident awareness: --aware-at: must be an RFC 3339 time with an offset");
    }

    /**
     * A stand-in server that sets the awareness and serves the GDPR notice with {@code state}, version 3
     * and {@code stale}, and the UK GDPR notice as its generated draft.
     */
    String serveAwarenessAndNotice(int noticeStatus, String state, String stale) throws IOException {
        return serveAwarenessAndNotices(noticeStatus, state, stale, noticeStatus, "DRAFT", "");
    }

    /**
     * The same with the UK GDPR notice ({@code notices/uk-gdpr-art33}, ADR 145) answered {@code ukStatus},
     * with {@code ukState}, version 2 and {@code ukStale}.
     */
    String serveAwarenessAndNotices(
            int noticeStatus, String state, String stale, int ukStatus, String ukState, String ukStale)
            throws IOException {
        server = new StubServer("/", x -> {
            received.add(new Received(x.getRequestMethod(), x.getRequestURI().toString(), "", "", ""));
            String path = x.getRequestURI().getPath();
            boolean uk = path.endsWith("/notices/uk-gdpr-art33");
            int status = uk ? ukStatus : noticeStatus;
            if (path.endsWith("/awareness")) {
                StubServer.reply(x, 200, RECOMPUTED.formatted(",\"recomputed\":true"));
            } else if ((uk || path.endsWith("/notices/gdpr-art33")) && status == 200) {
                String noticeState = uk ? ukState : state;
                String noticeStale = uk ? ukStale : stale;
                x.getResponseHeaders().add("Content-Type", "text/markdown;charset=UTF-8");
                x.getResponseHeaders().add("Tandem-Notice-State", noticeState);
                if (!noticeState.equals("DRAFT")) x.getResponseHeaders().add("Tandem-Notice-Version", uk ? "2" : "3");
                if (!noticeStale.isEmpty()) x.getResponseHeaders().add("Tandem-Notice-Stale", noticeStale);
                StubServer.reply(x, 200, "# Notification\n\nAware at 2026-11-26 09:00 +01:00.\n");
            } else {
                StubServer.reply(x, status, problem(status, "forbidden", "the notice is LEGAL's and the commander's"));
            }
        });
        return server.url();
    }

    @Test
    void incidentAwarenessSaysOnStderrThatTheEditedNoticeWasWrittenBeforeTheChange() throws IOException {
        String[] awareness = {"incident", "awareness", "INC-1", "--aware-at", "2026-11-26T06:30:00Z", "--reason", "r"};
        String url = serveAwarenessAndNotice(200, "EDITED", "awareness");
        CliRun r = run(url, awareness);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.stream().map(Received::path).toList())
                .containsExactly(
                        "/api/v1/incidents/INC-1/awareness",
                        "/api/v1/incidents/INC-1/notices/gdpr-art33",
                        "/api/v1/incidents/INC-1/notices/uk-gdpr-art33");
        assertThat(r.out())
                .isEqualTo(
                        "incident INC-1 is now aware at 2026-11-26T06:30:00Z\n"
                                + "obligations recomputed: 2 owed, 1 set aside (tandem obligations --incident INC-1 lists them)\n");
        assertThat(r.err())
                .isEqualTo("tandem incident awareness: the GDPR Art. 33 notice's text (version 3) was written before"
                        + " this change, so the time it states may be the old one: review it with `tandem notice show"
                        + " --incident INC-1` and store it again\n");
        // the same with --format json: the server's answer on stdout, the line on stderr, exit 0
        stop();
        received.clear();
        url = serveAwarenessAndNotice(200, "EDITED", "scope,awareness");
        CliRun json = run(
                url,
                "incident",
                "awareness",
                "INC-1",
                "--aware-at",
                "2026-11-26T06:30:00Z",
                "--reason",
                "r",
                "--format",
                "json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out()).path("recomputed").asBoolean()).isTrue();
        assertThat(json.err()).contains("(version 3) was written before this change");
    }

    @Test
    void incidentAwarenessSaysWhichNoticeIsStaleTheUkOneWithItsNoticeOption() throws IOException {
        String[] awareness = {"incident", "awareness", "INC-1", "--aware-at", "2026-11-26T06:30:00Z", "--reason", "r"};
        String uk = "tandem incident awareness: the UK GDPR Art. 33 notice's text (version 2) was written before"
                + " this change, so the time it states may be the old one: review it with `tandem notice show"
                + " --incident INC-1 --notice uk-gdpr-art33` and store it again\n";
        String eu = "tandem incident awareness: the GDPR Art. 33 notice's text (version 3) was written before"
                + " this change, so the time it states may be the old one: review it with `tandem notice show"
                + " --incident INC-1` and store it again\n";

        // only the UK text predates the change: one line, naming it and how to review it
        String url = serveAwarenessAndNotices(200, "DRAFT", "", 200, "EDITED", "awareness,scope");
        CliRun r = run(url, awareness);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("incident INC-1 is now aware at 2026-11-26T06:30:00Z\n");
        assertThat(r.err()).isEqualTo(uk);
        stop();

        // both: one line each, the GDPR notice's first
        url = serveAwarenessAndNotices(200, "EDITED", "awareness", 200, "EDITED", "awareness");
        assertThat(run(url, awareness).err()).isEqualTo(eu + uk);
        stop();

        // the UK text edited, but only the scope changed since, or sent: nothing of it
        for (String[] ukNotice : List.of(new String[] {"EDITED", "scope"}, new String[] {"SENT", ""})) {
            url = serveAwarenessAndNotices(200, "EDITED", "awareness", 200, ukNotice[0], ukNotice[1]);
            assertThat(run(url, awareness).err()).as(ukNotice[0]).isEqualTo(eu);
            stop();
        }

        // a server without the UK notice (404) still has the GDPR one's line said, and the exit code is the setting's
        url = serveAwarenessAndNotices(200, "EDITED", "awareness", 404, "", "");
        CliRun older = run(url, awareness);
        assertThat(older.exit()).as(older.err()).isZero();
        assertThat(older.err()).isEqualTo(eu);
    }

    @Test
    void incidentAwarenessSaysNothingOfADraftAnUnchangedTimeOrANoticeTheCallerMayNotRead() throws IOException {
        String[] awareness = {"incident", "awareness", "INC-1", "--aware-at", "2026-11-26T06:30:00Z", "--reason", "r"};
        for (String[] notice : List.of(
                new String[] {"200", "DRAFT", ""}, // generated from the record: it states the new time
                new String[] {"200", "EDITED", "scope"}, // only the scope changed after it was written
                new String[] {"200", "EDITED", ""}, // written after this change
                new String[] {"200", "SENT", ""}, // sent: a new notice, not this text, follows (Art. 33(4))
                new String[] {"403", "", ""})) { // the responder: the notice is not theirs to read
            String url = serveAwarenessAndNotice(Integer.parseInt(notice[0]), notice[1], notice[2]);
            CliRun r = run(url, awareness);
            assertThat(r.exit()).as(String.join(" ", notice)).isZero();
            assertThat(r.err()).as(String.join(" ", notice)).isEmpty();
            assertThat(r.out()).startsWith("incident INC-1 is now aware at 2026-11-26T06:30:00Z\n");
            stop();
        }
        // the server's refusal of the setting itself is printed as before, and no notice read
        received.clear();
        String url = serve(403, problem(403, "forbidden", "awareAt: LEGAL records that"));
        CliRun refused = run(url, awareness);
        assertThat(refused.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(received).hasSize(1);
        assertThat(refused.err()).doesNotContain("notice");
    }

    @Test
    void incidentFactsAndAwarenessRefuseAMissingOrMalformedOptionBeforeSendingAnything() throws IOException {
        String url = serve(200, RECOMPUTED.formatted(""));
        String[][] cases = {
            {"facts", "INC-1", "--unauthorized-access", "true"},
            {"facts", "INC-1", "--determined-at", "none"},
            {"facts", "INC-1", "--determined-at", "2026-11-27T11:00:00", "--unauthorized-access", "true"},
            {"facts", "INC-1", "--determined-at", "", "--unauthorized-access", "true"},
            {"facts", "INC-1", "--determined-at", "none", "--unauthorized-access", "yes"},
            {"facts", "--determined-at", "none", "--unauthorized-access", "true"},
            {"awareness", "INC-1", "--reason", "r"},
            {"awareness", "INC-1", "--aware-at", "2026-11-26T07:00:00Z"},
            {"awareness", "INC-1", "--aware-at", "2026-11-26 07:00", "--reason", "r"},
            {"awareness", "INC-1", "--aware-at", "2026-11-26T07:00:00Z", "--reason", " "},
            {"awareness", "--aware-at", "2026-11-26T07:00:00Z", "--reason", "r"}
        };
        String[] named = {
            "--determined-at",
            "--unauthorized-access",
            "--determined-at",
            "--determined-at",
            "--unauthorized-access",
            "INCIDENT",
            "--aware-at",
            "--reason",
            "--aware-at",
            "--reason",
            "INCIDENT"
        };
        usageErrors(url, List.of("incident"), cases, named);
        assertThat(run(url, "incident", "facts", "I", "--determined-at", "none", "--unauthorized-access", "yes")
                        .err())
                .isEqualTo("tandem incident facts: --unauthorized-access: must be true or false, got yes"
                        + System.lineSeparator());
        assertThat(run(url, "incident", "awareness", "I", "--aware-at", "07:00", "--reason", "r")
                        .err())
                .isEqualTo("tandem incident awareness: --aware-at: must be an RFC 3339 time with an offset (e.g."
                        + " 2026-11-26T07:00:00Z), got 07:00" + System.lineSeparator());
        assertThat(received).isEmpty();
        assertThat(CliRun.run("incident", "--help").out().replaceAll("\\s+", " "))
                .contains("facts", "awareness")
                .contains("Sets the incident's facts that move legal clocks;");
    }
}
