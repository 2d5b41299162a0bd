package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The timeline through the API (docs/contracts.md §2, docs/timeline.md): entries people add with their
 * three times, corrections, privileged entries, filters and orders, the lifecycle. Run on H2 and
 * PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + TimelineContract.TOKEN, "logging.level.dev.tandem=WARN"})
abstract class TimelineContract {
    @Autowired
    Accounts accounts;

    static final String TOKEN = "timeline-test-admin-token-0123456789";

    @LocalServerPort
    int port;

    /** The administrator, who opens the incidents and so commands them. */
    Api ic;

    Api responder;
    Api legal;
    Api auditor;
    String incident;
    String path;

    @BeforeEach
    void setUp() {
        ic = new Api("http://127.0.0.1:" + port, TOKEN);
        incident = open();
        path = "/api/v1/incidents/" + incident;
        responder = member("RESPONDER");
        legal = member("LEGAL");
        auditor = member("AUDITOR");
    }

    String open() {
        Api.Response r = ic.postJson(
                "/api/v1/incidents",
                "{\"title\":\"Export leaked\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00Z\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    Api member(String role) {
        return member(role, role + " person");
    }

    /** A new user in {@code role}, named {@code displayName} (JSON-escaped as given). */
    Api member(String role, String displayName) {
        String name = role.toLowerCase() + "-" + Long.toString(System.nanoTime(), 36);
        assertThat(ic.postJson(
                                "/api/v1/users",
                                "{\"username\":\"" + name + "\",\"displayName\":\"" + displayName + "\"}")
                        .status())
                .isEqualTo(201);
        String token = TestUsers.token(accounts, name, "t");
        assertThat(ic.putJson(path + "/members/" + name, "{\"role\":\"" + role + "\"}")
                        .status())
                .isEqualTo(200);
        return ic.as(token);
    }

    long add(Api as, String json) {
        Api.Response r = as.postJson(path + "/timeline", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("ledgerIndex").asLong();
    }

    JsonNode timeline(Api as, String query) {
        Api.Response r = as.get(path + "/timeline" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode at(JsonNode timeline, long index) {
        for (JsonNode e : timeline) {
            if (e.path("index").asLong() == index) {
                return e;
            }
        }
        throw new AssertionError("no entry " + index + " in " + timeline);
    }

    static List<Long> indices(JsonNode timeline, Predicate<JsonNode> which) {
        List<Long> out = new ArrayList<>();
        timeline.forEach(e -> {
            if (which.test(e)) {
                out.add(e.path("index").asLong());
            }
        });
        return out;
    }

    void refused(Api as, String json, int status, String field) {
        Api.Response r = as.postJson(path + "/timeline", json);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("detail").asString()).as(r.body()).startsWith(field + ":");
    }

    @Test
    void aCorrectionIsANewEntryAndTheCorrectedEntryShowsIt() {
        long note = add(
                responder,
                "{\"kind\":\"NOTE\",\"text\":\"sync user disabled\",\"eventAt\":\"2026-11-26T10:15:00+01:00\","
                        + "\"eventPrecision\":\"MINUTE\",\"discoveredAt\":\"2026-11-26T09:30:00Z\"}");
        long correction = add(
                ic, "{\"kind\":\"CORRECTION\",\"text\":\"it was disabled at 10:45 CET\",\"corrects\":" + note + "}");
        JsonNode t = timeline(auditor, "");
        JsonNode original = at(t, note);
        assertThat(original.path("type").asString()).isEqualTo("timeline.entry");
        assertThat(original.path("kind").asString()).isEqualTo("NOTE");
        assertThat(original.path("eventAt").asString()).isEqualTo("2026-11-26T09:15:00Z");
        assertThat(original.path("eventPrecision").asString()).isEqualTo("MINUTE");
        assertThat(original.path("discoveredAt").asString()).isEqualTo("2026-11-26T09:30:00Z");
        assertThat(original.path("body").path("text").asString()).isEqualTo("sync user disabled");
        assertThat(original.path("text").asString()).startsWith("RESPONDER person noted: sync user disabled");
        assertThat(original.path("correctedBy").get(0).asLong()).isEqualTo(correction);
        assertThat(at(t, correction).path("corrects").asLong()).isEqualTo(note);
        assertThat(at(t, correction).has("correctedBy")).isFalse();
        // every entry is in words, system entries too
        t.forEach(e -> assertThat(e.path("text").asString()).as(e.toString()).isNotBlank());
        assertThat(t.get(0).path("text").asString()).contains("opened the incident \"Export leaked\"");
    }

    @Test
    void aCorrectionOfAnEntryTheDeadlinesRestOnIsRefusedNamingTheWayToCorrectIt() {
        Api.Response scope =
                ic.putJson(path + "/scope", "{\"subjects\":{\"DE\":5},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(scope.status()).as(scope.body()).isEqualTo(200);
        long scopeEntry = -1;
        for (JsonNode e : timeline(ic, "")) {
            if (e.path("type").asString().equals("scope.updated"))
                scopeEntry = e.path("index").asLong();
        }
        assertThat(scopeEntry).isPositive();
        Api.Response r = ic.postJson(
                path + "/timeline",
                "{\"kind\":\"CORRECTION\",\"text\":\"it was 50 people\",\"corrects\":" + scopeEntry + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:corrects-recorded-state");
        assertThat(r.json().path("detail").asString())
                .startsWith("corrects: entry " + scopeEntry + " is a scope.updated")
                .contains("PUT …/scope");
        // a note about it is still welcome
        add(ic, "{\"kind\":\"NOTE\",\"text\":\"the scope at entry " + scopeEntry + " was too low\"}");
    }

    /** The earliest time taken is stored and read back as claimed, and sorts first. */
    @Test
    void theEarliestTimeTakenIsStoredAsClaimed() {
        long early = add(ic, "{\"kind\":\"NOTE\",\"text\":\"early\",\"eventAt\":\"0001-01-01T00:00:00Z\"}");
        JsonNode t = timeline(ic, "?order=eventAt");
        assertThat(at(t, early).path("eventAt").asString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(indices(t, e -> e.has("eventAt")).getFirst()).isEqualTo(early);
    }

    @Test
    void refusesBadEntriesNamingTheField() {
        refused(ic, "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"2026-11-26T10:00:00\"}", 422, "eventAt");
        refused(
                ic,
                "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"2026-11-26T10:00:00Z\","
                        + "\"discoveredAt\":\"2026-11-26T09:00:00Z\"}",
                422,
                "eventAt");
        refused(ic, "{\"kind\":\"NOTE\",\"text\":\"" + "x".repeat(10_001) + "\"}", 422, "text");
        refused(ic, "{\"kind\":\"GOSSIP\",\"text\":\"x\"}", 422, "kind");
        refused(
                ic,
                "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"2026-11-26T10:00:00Z\",\"eventPrecision\":\"WEEK\"}",
                422,
                "eventPrecision");
        refused(ic, "{\"kind\":\"CORRECTION\",\"text\":\"x\"}", 422, "corrects");
        refused(ic, "{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":99999999}", 422, "corrects");
        // JSON writes what no store keeps: refused before anything is recorded, the range named
        refused(ic, "{\"kind\":\"NOTE\",\"text\":\"x\",\"corrects\":99999999999999999999999999}", 422, "corrects");
        refused(ic, "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"-999999999-01-01T00:00:00Z\"}", 422, "eventAt");
        refused(
                ic,
                "{\"kind\":\"NOTE\",\"text\":\"x\",\"discoveredAt\":\"-999999999-01-01T00:00:00Z\"}",
                422,
                "discoveredAt");
        assertThat(ic.postJson(
                                path + "/timeline",
                                "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"-999999999-01-01T00:00:00Z\"}")
                        .json()
                        .path("detail")
                        .asString())
                .contains("0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        // the lifecycle's times are read the same way
        Api.Response occurred = ic.putJson(path + "/occurred-at", "{\"occurredAt\":\"-999999999-01-01T00:00:00Z\"}");
        assertThat(occurred.status()).as(occurred.body()).isEqualTo(422);
        assertThat(occurred.json().path("detail").asString()).startsWith("occurredAt:");
        // what happened, not what is planned: a claimed time ahead of the server's clock is refused
        String ahead =
                java.time.Instant.now().plus(java.time.Duration.ofDays(400)).toString();
        refused(ic, "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"" + ahead + "\"}", 422, "eventAt");
        refused(ic, "{\"kind\":\"NOTE\",\"text\":\"x\",\"discoveredAt\":\"" + ahead + "\"}", 422, "discoveredAt");
        // an entry of another incident is not correctable here, and not revealed either
        String other = open();
        long foreign =
                ic.get("/api/v1/incidents/" + other).json().path("ledgerIndex").asLong();
        refused(ic, "{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":" + foreign + "}", 422, "corrects");
        // nothing half-written: only the incident's opening entries are there
        assertThat(indices(timeline(ic, ""), e -> e.path("type").asString().equals("timeline.entry")))
                .isEmpty();
        Api.Response badOrder = ic.get(path + "/timeline?order=when");
        assertThat(badOrder.status()).isEqualTo(400);
        assertThat(badOrder.json().path("detail").asString()).startsWith("order:");
        assertThat(ic.get(path + "/timeline?since=2026-11-26T09:00:00").status())
                .isEqualTo(400);
        assertThat(ic.get(path + "/timeline?kind=rumour").status()).isEqualTo(400);
        assertThat(ic.get(path + "/timeline?repository=PUBLIC").status()).isEqualTo(400);
    }

    @Test
    void privilegedEntriesAreCounselsAndTheCommandersAndCommitmentsForEveryoneElse() {
        refused(responder, "{\"kind\":\"NOTE\",\"text\":\"x\",\"privileged\":true}", 403, "privileged");
        assertThat(auditor.postJson(path + "/timeline", "{\"kind\":\"NOTE\",\"text\":\"x\"}")
                        .status())
                .isEqualTo(403);
        long memo =
                add(legal, "{\"kind\":\"DECISION\",\"text\":\"notify the DPA within 72 hours\",\"privileged\":true}");
        JsonNode asResponder = at(timeline(responder, ""), memo);
        assertThat(asResponder.path("privileged").asBoolean()).isTrue();
        assertThat(asResponder.path("text").asString()).startsWith("Privileged entry recorded (commitment ");
        assertThat(asResponder.has("kind")).isFalse();
        assertThat(asResponder.toString()).doesNotContain("72 hours");
        assertThat(indices(timeline(responder, "?kind=DECISION"), e -> true)).isEmpty();
        assertThat(indices(timeline(responder, "?repository=FORENSIC"), e -> true))
                .containsExactly(memo);
        // a privileged entry the caller cannot open is not correctable: answered as a missing one
        Api.Response r = responder.postJson(
                path + "/timeline", "{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":" + memo + "}");
        Api.Response missing = responder.postJson(
                path + "/timeline", "{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":99999999}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").asString().replace(Long.toString(memo), "N"))
                .isEqualTo(missing.json().path("detail").asString().replace("99999999", "N"));
        JsonNode asIc = at(timeline(ic, "?kind=DECISION"), memo);
        assertThat(asIc.path("kind").asString()).isEqualTo("DECISION");
        assertThat(asIc.path("opened").path("text").asString()).isEqualTo("notify the DPA within 72 hours");
        assertThat(asIc.path("text").asString()).contains("decided: notify the DPA within 72 hours");
        // a privileged correction of an open entry: its link is shown only to those who open it
        long note = add(responder, "{\"kind\":\"NOTE\",\"text\":\"call with the DPA at 10:00\"}");
        long fix = add(
                ic, "{\"kind\":\"CORRECTION\",\"text\":\"at 11:00\",\"corrects\":" + note + ",\"privileged\":true}");
        assertThat(at(timeline(responder, ""), note).has("correctedBy")).isFalse();
        assertThat(at(timeline(legal, ""), note).path("correctedBy").get(0).asLong())
                .isEqualTo(fix);
        // a correction of a privileged entry is privileged too: in the clear it would tell the
        // public record what the memo keeps privileged; nothing is recorded
        long size = timeline(ic, "").size();
        Api.Response open = legal.postJson(
                path + "/timeline", "{\"kind\":\"CORRECTION\",\"text\":\"DPA call moved\",\"corrects\":" + memo + "}");
        assertThat(open.status()).as(open.body()).isEqualTo(422);
        assertThat(open.json().path("detail").asString())
                .startsWith("privileged: entry " + memo + " is privileged, so a correction of it is too");
        assertThat(timeline(ic, "").size()).isEqualTo(size);
        long sealed = add(
                legal,
                "{\"kind\":\"CORRECTION\",\"text\":\"DPA call moved\",\"corrects\":" + memo + ",\"privileged\":true}");
        assertThat(at(timeline(responder, ""), sealed).path("privileged").asBoolean())
                .isTrue();
        assertThat(timeline(responder, "").toString()).doesNotContain("DPA call moved");
    }

    /** The rows of a CSV answer, the header first. */
    static List<List<String>> rows(Api.Response csv) {
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv.body())) {
            return r.stream().map(CsvRecord::getFields).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The cell of {@code column} in the row of entry {@code index}. */
    static String cell(List<List<String>> rows, long index, String column) {
        int c = rows.getFirst().indexOf(column);
        return rows.stream()
                .filter(r -> r.getFirst().equals(Long.toString(index)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + index))
                .get(c);
    }

    /**
     * The timeline as CSV (docs/contracts.md "Additions", ADR 124): the JSON answer's entries for the
     * same caller, in its order; a privileged entry the caller cannot open is its commitment there as
     * in the JSON, so a responder's CSV never holds counsel's words while counsel's does.
     */
    @Test
    void theCsvIsTheJsonsEntriesAndKeepsAPrivilegedEntrysTextFromThoseWhoCannotOpenIt() {
        long memo = add(
                legal,
                "{\"kind\":\"DECISION\",\"text\":\"Notify the DPA today, \\\"before\\\" noon\\nthen the subjects\","
                        + "\"eventAt\":\"2026-11-26T06:00:00Z\",\"eventPrecision\":\"HOUR\",\"privileged\":true}");
        // the entry in words starts with its author's name, which people type too
        Api formulaist = member("RESPONDER", "=HYPERLINK(\\\"http://evil.example\\\",\\\"Open\\\")");
        long formula = add(formulaist, "{\"kind\":\"NOTE\",\"text\":\"-1+1, said \\\"them\\\"\"}");

        Api.Response asLegal = legal.get(path + "/timeline?format=csv");
        assertThat(asLegal.status()).as(asLegal.body()).isEqualTo(200);
        assertThat(asLegal.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(asLegal.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"incident-" + incident + "-timeline.csv\"");
        List<List<String>> counsel = rows(asLegal);
        assertThat(counsel.getFirst()).isEqualTo(TimelineCsv.COLUMNS);
        assertThat(cell(counsel, memo, "kind")).isEqualTo("DECISION");
        assertThat(cell(counsel, memo, "opened")).isEqualTo("true");
        assertThat(cell(counsel, memo, "eventAt")).isEqualTo("2026-11-26T06:00:00Z");
        assertThat(cell(counsel, memo, "text")).contains("Notify the DPA today, \"before\" noon");
        assertThat(cell(counsel, memo, "text"))
                .isEqualTo(at(timeline(legal, ""), memo).path("text").asString());

        // the header, not the parameter: the same answer
        Api.Response asResponder = responder.get(path + "/timeline", "text/csv");
        assertThat(asResponder.status()).as(asResponder.body()).isEqualTo(200);
        assertThat(asResponder.contentType()).startsWith("text/csv");
        assertThat(asResponder.body())
                .isEqualTo(responder.get(path + "/timeline?format=csv").body());
        List<List<String>> theirs = rows(asResponder);
        JsonNode memoAsResponder = at(timeline(responder, ""), memo);
        assertThat(cell(theirs, memo, "privileged")).isEqualTo("true");
        assertThat(cell(theirs, memo, "opened")).isEqualTo("false");
        assertThat(cell(theirs, memo, "kind")).isEmpty();
        assertThat(cell(theirs, memo, "eventAt")).isEmpty();
        assertThat(cell(theirs, memo, "eventPrecision")).isEmpty();
        assertThat(cell(theirs, memo, "commitment"))
                .isEqualTo(memoAsResponder.path("body").path("commitment").asString())
                .isNotEmpty();
        assertThat(cell(theirs, memo, "text"))
                .startsWith("Privileged entry recorded (commitment ")
                .isEqualTo(memoAsResponder.path("text").asString());
        assertThat(asResponder.body()).doesNotContain("Notify the DPA").doesNotContain("DECISION");
        // a person's text never reaches a spreadsheet as a formula
        assertThat(at(timeline(responder, ""), formula).path("text").asString())
                .startsWith("=HYPERLINK(\"http://evil.example\",\"Open\")");
        assertThat(cell(theirs, formula, "text"))
                .startsWith("'=HYPERLINK(\"http://evil.example\",\"Open\")")
                .endsWith("-1+1, said \"them\"");
        assertThat(cell(counsel, formula, "text")).startsWith("'=");

        // the same entries as the JSON, in its order, for every role and filter
        for (Api as : List.of(ic, responder, legal, auditor)) {
            for (String query : List.of("", "?repository=FORENSIC", "?order=eventAt", "?kind=DECISION")) {
                List<String> json = indices(timeline(as, query), e -> true).stream()
                        .map(String::valueOf)
                        .toList();
                Api.Response csv = as.get(path + "/timeline" + query + (query.isEmpty() ? "?" : "&") + "format=csv");
                assertThat(csv.status()).as(csv.body()).isEqualTo(200);
                assertThat(rows(csv).stream().skip(1).map(List::getFirst).toList())
                        .as(query)
                        .isEqualTo(json);
            }
        }
        assertThat(rows(responder.get(path + "/timeline?format=csv&kind=DECISION")))
                .hasSize(1);
        assertThat(rows(legal.get(path + "/timeline?format=csv&kind=DECISION")).stream()
                        .skip(1)
                        .map(List::getFirst))
                .containsExactly(Long.toString(memo));

        // the web page's download is the API's CSV for the same caller
        Api.Response page = responder.get("/incidents/" + incident + "/timeline/download");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("Content-Disposition")).isEqualTo(asResponder.header("Content-Disposition"));
        assertThat(page.body()).isEqualTo(asResponder.body());

        // refusals are problems, whatever was asked for
        Api.Response format = responder.get(path + "/timeline?format=xlsx");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().path("detail").asString()).startsWith("format:");
        Api.Response order = responder.get(path + "/timeline?order=when", "text/csv");
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.contentType()).startsWith("application/problem+json");
        assertThat(order.json().path("detail").asString()).startsWith("order:");
        String stranger = "stranger-" + Long.toString(System.nanoTime(), 36);
        assertThat(ic.postJson("/api/v1/users", "{\"username\":\"" + stranger + "\"}")
                        .status())
                .isEqualTo(201);
        Api.Response hidden = ic.as(TestUsers.token(accounts, stranger, "t")).get(path + "/timeline", "text/csv");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).contains("urn:tandem:problem:not-found").doesNotContain("Notify");
    }

    @Test
    void ordersByAnyOfTheThreeTimesAndFilters() {
        long late = add(
                responder,
                "{\"kind\":\"EXTERNAL_EVENT\",\"text\":\"customer complaint\","
                        + "\"eventAt\":\"2026-11-20T08:00:00Z\",\"discoveredAt\":\"2026-11-26T07:00:00Z\"}");
        long early = add(
                ic,
                "{\"kind\":\"NOTE\",\"text\":\"first odd login\","
                        + "\"eventAt\":\"2026-11-19T08:00:00Z\",\"discoveredAt\":\"2026-11-26T07:30:00Z\"}");
        List<Long> byEvent = indices(timeline(auditor, "?order=eventAt"), e -> e.has("eventAt"));
        assertThat(byEvent).containsExactly(early, late);
        List<Long> byDiscovery = indices(timeline(auditor, "?order=discoveredAt"), e -> e.has("discoveredAt"));
        assertThat(byDiscovery).containsExactly(late, early);
        // system entries have no claimed time: ordered by their at, after both claimed times here
        JsonNode all = timeline(auditor, "?order=eventAt");
        assertThat(all.get(0).path("index").asLong()).isEqualTo(early);
        assertThat(indices(timeline(auditor, "?kind=EXTERNAL_EVENT"), e -> true))
                .containsExactly(late);
        assertThat(indices(timeline(auditor, "?kind=incident.opened,NOTE"), e -> true))
                .hasSize(2)
                .contains(early);
        assertThat(indices(timeline(auditor, "?order=eventAt&until=2026-11-20T00:00:00Z"), e -> true))
                .containsExactly(early);
        assertThat(indices(
                        timeline(auditor, "?since=2026-11-20T00:00:00Z&order=eventAt&kind=timeline.entry"), e -> true))
                .containsExactly(late);
        String responderName = timeline(auditor, "")
                .get(indexOf(timeline(auditor, ""), late))
                .path("actor")
                .asString();
        assertThat(indices(timeline(auditor, "?actor=" + responderName), e -> true))
                .containsExactly(late);
        assertThat(indices(timeline(auditor, "?repository=AUDIT"), e -> true)).contains(early, late);
    }

    private static int indexOf(JsonNode timeline, long index) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).path("index").asLong() == index) {
                return i;
            }
        }
        throw new AssertionError("no entry " + index);
    }

    @Test
    void anIncidentContainedBeforeTheCompanyBecameAwareCannotHaveOccurredAfterItsContainment() {
        assertThat(ic.putJson(path + "/phase", "{\"phase\":\"RESPOND\"}").status())
                .isEqualTo(200);
        // contained on the 25th (a control stopped it), noticed on the 26th
        assertThat(ic.postJson(path + "/containment", "{\"at\":\"2026-11-25T00:00:00Z\",\"text\":\"blocked\"}")
                        .status())
                .isEqualTo(201);
        Api.Response after =
                ic.putJson(path + "/occurred-at", "{\"occurredAt\":\"2026-11-25T12:00:00Z\",\"precision\":\"EXACT\"}");
        assertThat(after.status()).isEqualTo(422);
        assertThat(after.body()).contains("occurredAt: 2026-11-25T12:00:00Z is after the incident was contained");
        assertThat(ic.putJson(
                                path + "/occurred-at",
                                "{\"occurredAt\":\"2026-11-24T12:00:00Z\",\"precision\":\"EXACT\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theCommanderRunsTheLifecycleAndAClosedIncidentRefusesChanges() {
        JsonNode opened = ic.get(path).json();
        assertThat(opened.path("phase").asString()).isEqualTo("DETECT");
        assertThat(opened.path("closedAt").isNull()).isTrue();
        assertThat(legal.putJson(path + "/phase", "{\"phase\":\"RESPOND\"}").status())
                .isEqualTo(403);
        assertThat(ic.putJson(path + "/phase", "{\"phase\":\"CONTAIN\"}").status())
                .isEqualTo(422);
        assertThat(ic.putJson(path + "/phase", "{\"phase\":\"RECOVER\"}").status())
                .isEqualTo(409);
        Api.Response respond = ic.putJson(path + "/phase", "{\"phase\":\"RESPOND\"}");
        assertThat(respond.status()).as(respond.body()).isEqualTo(200);
        assertThat(respond.json().path("phase").asString()).isEqualTo("RESPOND");
        assertThat(ic.postJson(path + "/closure", "{\"text\":\"done\"}").status())
                .isEqualTo(409);
        Api.Response contained = ic.postJson(
                path + "/containment", "{\"at\":\"2026-11-26T12:00:00+01:00\",\"text\":\"sync user disabled\"}");
        assertThat(contained.status()).as(contained.body()).isEqualTo(201);
        assertThat(ic.postJson(path + "/containment", "{\"at\":\"2026-11-26T12:00:00\",\"text\":\"x\"}")
                        .status())
                .isEqualTo(422);
        Api.Response occurred =
                ic.putJson(path + "/occurred-at", "{\"occurredAt\":\"2026-11-19T00:00:00Z\",\"precision\":\"DAY\"}");
        assertThat(occurred.status()).as(occurred.body()).isEqualTo(200);
        assertThat(occurred.json().path("occurredAt").asString()).isEqualTo("2026-11-19T00:00:00Z");
        // it cannot have occurred after the company became aware of it
        assertThat(ic.putJson(path + "/occurred-at", "{\"occurredAt\":\"2026-11-27T00:00:00Z\"}")
                        .status())
                .isEqualTo(422);
        // nor been contained before it occurred, nor have occurred after it was contained
        Api.Response early = ic.postJson(path + "/containment", "{\"at\":\"2026-11-18T12:00:00Z\",\"text\":\"x\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body()).contains("at: 2026-11-18T12:00:00Z is before the incident occurred");

        assertThat(ic.putJson(path + "/phase", "{\"phase\":\"RECOVER\"}").status())
                .isEqualTo(200);
        Api.Response closed = ic.postJson(path + "/closure", "{\"text\":\"recovered; lessons to follow\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        JsonNode after = auditor.get(path).json();
        assertThat(after.path("containedAt").asString()).isEqualTo("2026-11-26T11:00:00Z");
        assertThat(after.path("occurredPrecision").asString()).isEqualTo("DAY");
        assertThat(after.path("closedAt").isString()).isTrue();
        assertThat(ic.putJson(path + "/phase", "{\"phase\":\"IMPROVE\"}").status())
                .isEqualTo(409);
        assertThat(ic.postJson(path + "/containment", "{\"text\":\"again\"}").status())
                .isEqualTo(409);
        // people may still add to a closed incident's timeline
        add(responder, "{\"kind\":\"NOTE\",\"text\":\"post-incident review scheduled\"}");
        List<String> texts = new ArrayList<>();
        timeline(auditor, "?kind=incident.phase-changed,incident.contained,incident.occurred-at-set,incident.closed")
                .forEach(e -> texts.add(e.path("text").asString()));
        assertThat(texts)
                .hasSize(5)
                .anyMatch(s -> s.contains("from phase DETECT to RESPOND"))
                .anyMatch(s -> s.contains("declared the incident contained as of 2026-11-26 11:00 UTC"))
                .anyMatch(s -> s.contains("occurred: 2026-11-19 00:00 UTC (to the day)"))
                .anyMatch(s -> s.contains("closed the incident: recovered; lessons to follow"));
    }
}
