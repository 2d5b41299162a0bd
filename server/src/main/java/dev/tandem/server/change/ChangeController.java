package dev.tandem.server.change;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.tandem.controls.Retest;
import dev.tandem.server.CsvAnswer;
import dev.tandem.server.DomainException;
import dev.tandem.server.SpreadsheetCell;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Change control, docs/contracts.md §3 (docs/change-control.md). */
@RestController
class ChangeController {
    static final int MAX_REGISTER_BYTES = 5 * 1024 * 1024;

    private final ControlTests register;
    private final Changes changes;
    private final ChangeViews views;

    ChangeController(ControlTests register, Changes changes, ChangeViews views) {
        this.register = register;
        this.changes = changes;
        this.views = views;
    }

    record Imported(int imported, int skipped, String id, String evidence, String sha256, long ledgerIndex) {}

    @PostMapping(
            path = "/api/v1/control-tests",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Guard(Action.CONTROL_TESTS_IMPORT)
    @ResponseStatus(HttpStatus.CREATED)
    Imported importRegister(
            Access access, @RequestParam(required = false) @Nullable String name, HttpServletRequest request)
            throws IOException {
        byte[] csv;
        try (InputStream in = request.getInputStream()) {
            csv = in.readNBytes(MAX_REGISTER_BYTES + 1);
        }
        String file = name == null || name.isBlank() ? "control-test-register.csv" : name.strip();
        // the incident the access check resolved: the query parameter, or the caller's only one
        String incident = java.util.Objects.requireNonNull(access.resource().incident());
        ControlTests.Imported r = register.importRegister(incident, csv, file, access.caller());
        return new Imported(r.imported(), r.skipped(), r.id(), r.evidence(), r.sha256(), r.ledgerIndex());
    }

    /** An element of the register's list: a test, or the stub of a register withheld from the caller. */
    sealed interface RegisterView permits TestView, WithheldView {}

    record TestView(String control, String configItem, String testedOn, String tester, String sample, long line)
            implements RegisterView {}

    /**
     * The rows of a register counsel pulled back to FORENSIC, for whoever may not read its item
     * (docs/contracts.md, "Pulling an item back"): the item, the move's entry and how many rows.
     */
    record WithheldView(
            String evidence, String repository, @Nullable Long pulledBack, int withheld) implements RegisterView {}

    @GetMapping("/api/v1/incidents/{id}/control-tests")
    @Guard(Action.CONTROL_TESTS_READ)
    List<RegisterView> register(Access access, @PathVariable String id) {
        ControlTests.Readable readable = register.register(id, access.caller());
        List<RegisterView> out = new java.util.ArrayList<>();
        readable.tests()
                .forEach(t -> out.add(new TestView(
                        t.control(), t.configItem(), t.testedOn().toString(), t.tester(), t.sample(), t.line())));
        readable.withheld().forEach(w -> out.add(new WithheldView(w.evidence(), "FORENSIC", w.pulledBack(), w.rows())));
        return out;
    }

    record PeriodView(
            @Nullable String start,
            @Nullable String end,
            @Nullable String setAt,
            @Nullable String setBy,
            @Nullable Long ledgerIndex) {
        static PeriodView of(java.util.Optional<ControlTests.Period> p) {
            return p.map(x -> new PeriodView(
                            x.period().start().toString(),
                            x.period().end().toString(),
                            x.setAt().toString(),
                            x.setBy(),
                            x.ledgerIndex()))
                    .orElse(new PeriodView(null, null, null, null, null));
        }
    }

    /** The SOC 2 Type II observation period of the incident's audit: nulls until it is set. */
    @GetMapping("/api/v1/incidents/{id}/observation-period")
    @Guard(Action.CONTROL_TESTS_READ)
    PeriodView period(@PathVariable String id) {
        return PeriodView.of(register.period(id));
    }

    /** {@code {"start":"2026-01-01","end":"2026-12-31"}}: the audit liaison or an administrator. */
    @PutMapping("/api/v1/incidents/{id}/observation-period")
    @Guard(Action.OBSERVATION_PERIOD_SET)
    PeriodView setPeriod(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        ChangeJson.object(body);
        return PeriodView.of(java.util.Optional.of(
                register.setPeriod(id, ChangeJson.text(body, "start"), ChangeJson.text(body, "end"), access.caller())));
    }

    // ------------------------------------------------------------------ changes

    @PostMapping("/api/v1/incidents/{id}/changes")
    @Guard(Action.CHANGE_REQUEST)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeViews.ChangeView request(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        return views.view(changes.request(id, ChangeJson.request(body), access.caller()), access);
    }

    /**
     * The incident's changes, oldest first; with {@code format=csv} or {@code Accept: text/csv} the
     * same views as CSV ({@link ChangesCsv}, docs/contracts.md "Additions", ADR 140), the population
     * an auditor samples: one handler, so one access decision and one view of each change, for both.
     */
    @GetMapping("/api/v1/incidents/{id}/changes")
    @Guard(Action.CHANGES_READ)
    ResponseEntity<?> list(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        if (CsvAnswer.asked(format, accept)) {
            return changesCsv(id, views.csv(id, access));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(views.list(id, access));
    }

    /** The changes' CSV as a download named after the incident (the change-control page's download too). */
    static ResponseEntity<String> changesCsv(String incident, String csv) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ChangesCsv.attachment(incident))
                .body(csv);
    }

    @GetMapping("/api/v1/changes/{id}")
    @Guard(Action.CHANGE_READ)
    ChangeViews.ChangeView get(Access access, @PathVariable String id) {
        return views.view(existing(id), access);
    }

    @PostMapping("/api/v1/changes/{id}/approvals")
    @Guard(Action.CHANGE_APPROVE)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeViews.ChangeView decide(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        boolean approve = ChangeJson.decision(body);
        return views.view(changes.decide(id, approve, ChangeJson.comment(body, "comment"), access.caller()), access);
    }

    @PostMapping("/api/v1/changes/{id}/acknowledgements")
    @Guard(Action.CHANGE_ACKNOWLEDGE)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeViews.ChangeView acknowledge(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        return withText(access, body, "comment", (comment, caller) -> changes.acknowledge(id, comment, caller));
    }

    @PostMapping("/api/v1/changes/{id}/execution")
    @Guard(Action.CHANGE_EXECUTE)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeViews.ChangeView execute(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        ChangeJson.object(body);
        List<String> posts = ChangeJson.strings(body, "postSnapshots");
        return views.view(
                changes.execute(
                        id, posts == null ? List.of() : posts, ChangeJson.comment(body, "notes"), access.caller()),
                access);
    }

    @PostMapping("/api/v1/changes/{id}/withdrawal")
    @Guard(Action.CHANGE_WITHDRAW)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeViews.ChangeView withdraw(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        return withText(access, body, "reason", (reason, caller) -> changes.withdraw(id, reason, caller));
    }

    /** A step whose body is one text field ({@code field}, stripped; empty when left out). */
    private ChangeViews.ChangeView withText(
            Access access,
            JsonNode body,
            String field,
            java.util.function.BiFunction<String, dev.tandem.server.access.Caller, Change> step) {
        ChangeJson.object(body);
        return views.view(step.apply(ChangeJson.comment(body, field), access.caller()), access);
    }

    @PostMapping("/api/v1/changes/{id}/process-verifications")
    @Guard(Action.CHANGE_PROCESSES_VERIFY)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeViews.ChangeView verifyProcesses(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        ChangeJson.object(body);
        List<String> processes = ChangeJson.strings(body, "processes");
        return views.view(
                changes.verifyProcesses(
                        id,
                        processes == null ? List.of() : processes,
                        ChangeJson.comment(body, "comment"),
                        access.caller()),
                access);
    }

    private Change existing(String id) {
        return changes.find(id).orElseThrow(() -> DomainException.notFound("change", id));
    }

    // ------------------------------------------------------------------ retests

    record RetestView(
            String control,
            String configItem,
            String testedOn,
            String tester,
            String change,
            String changeTitle,
            String executedAt,
            String reason,
            @Nullable String closedOn,
            @Nullable String closedBy) {}

    record FeeView(
            @Nullable BigDecimal low,
            @Nullable BigDecimal high,
            String currency,
            BigDecimal lowShare,
            BigDecimal highShare) {}

    /** {@code withheld}: the retests drawn from register rows withheld from the caller (a register pulled back). */
    record RetestsView(List<RetestView> retests, FeeView fee, int withheld) {}

    /** JSON as docs/contracts.md §3; CSV for the audit firm with {@code Accept: text/csv} or {@code ?format=csv}. */
    @GetMapping("/api/v1/incidents/{id}/retests")
    @Guard(Action.RETESTS_READ)
    ResponseEntity<?> retests(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
            throws IOException {
        Changes.RetestBill bill = changes.retests(id, c -> views.executionOpen(c, access), access.caller());
        boolean csv = "csv".equalsIgnoreCase(format)
                || (format == null
                        && accept != null
                        && accept.toLowerCase(Locale.ROOT).contains("text/csv"));
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"retests-" + id + ".csv\"")
                    .body(csv(bill));
        }
        var f = bill.fee();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new RetestsView(
                        bill.retests().stream().map(ChangeController::view).toList(),
                        new FeeView(f.low(), f.high(), f.currency(), f.lowShare(), f.highShare()),
                        bill.withheld()));
    }

    private static RetestView view(Retest r) {
        return new RetestView(
                r.control(),
                r.configItem(),
                r.testedOn().toString(),
                r.tester(),
                r.change(),
                r.changeTitle(),
                r.executedAt().toString(),
                r.reason(),
                r.closedOn() == null ? null : r.closedOn().toString(),
                r.closedBy());
    }

    /** RFC 4180 CSV: one retest a row, then the estimate as a last row the audit firm can read. */
    static String csv(Changes.RetestBill bill) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter w = CsvWriter.builder().build(out)) {
            w.writeRecord(
                    "control",
                    "configItem",
                    "testedOn",
                    "tester",
                    "change",
                    "changeTitle",
                    "executedAt",
                    "reason",
                    "closedOn",
                    "closedBy");
            for (Retest r : bill.retests()) {
                w.writeRecord(
                        cell(r.control()),
                        cell(r.configItem()),
                        r.testedOn().toString(),
                        cell(r.tester()),
                        r.change(),
                        cell(r.changeTitle()),
                        r.executedAt().toString(),
                        cell(r.reason()),
                        r.closedOn() == null ? "" : r.closedOn().toString(),
                        r.closedBy() == null ? "" : cell(r.closedBy()));
            }
        }
        return out.toString();
    }

    /** A text cell a spreadsheet will not run ({@link SpreadsheetCell}): titles, testers and items are typed by people. */
    static String cell(String text) {
        return SpreadsheetCell.of(text);
    }
}
