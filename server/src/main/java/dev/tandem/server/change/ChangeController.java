package dev.tandem.server.change;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.tandem.change.Difference;
import dev.tandem.controls.Retest;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.evidence.Vault;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Change control, CONTRACTS.md §3 (docs/change-control.md). */
@RestController
class ChangeController {
    static final int MAX_REGISTER_BYTES = 5 * 1024 * 1024;

    private final ControlTests register;
    private final Changes changes;
    private final Vault vault;

    ChangeController(ControlTests register, Changes changes, Vault vault) {
        this.register = register;
        this.changes = changes;
        this.vault = vault;
    }

    record Imported(int imported, String id, String evidence, String sha256, long ledgerIndex) {}

    @PostMapping(
            path = "/api/v1/control-tests",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Guard(Action.CONTROL_TESTS_IMPORT)
    @ResponseStatus(HttpStatus.CREATED)
    Imported importRegister(
            Access access,
            @RequestParam String incident,
            @RequestParam(required = false) @Nullable String name,
            HttpServletRequest request)
            throws IOException {
        byte[] csv;
        try (InputStream in = request.getInputStream()) {
            csv = in.readNBytes(MAX_REGISTER_BYTES + 1);
        }
        String file = name == null || name.isBlank() ? "control-test-register.csv" : name.strip();
        if (file.length() > 255 || file.contains("!/")) {
            throw DomainException.unprocessable("bad-name", "name: at most 255 characters, without \"!/\"");
        }
        ControlTests.Imported r = register.importRegister(incident, csv, file, access.username());
        return new Imported(r.imported(), r.id(), r.evidence(), r.sha256(), r.ledgerIndex());
    }

    record TestView(String control, String configItem, String testedOn, String tester, String sample, long line) {}

    @GetMapping("/api/v1/incidents/{id}/control-tests")
    @Guard(Action.CONTROL_TESTS_READ)
    List<TestView> register(@PathVariable String id) {
        return register.register(id).stream()
                .map(t -> new TestView(
                        t.control(), t.configItem(), t.testedOn().toString(), t.tester(), t.sample(), t.line()))
                .toList();
    }

    // ------------------------------------------------------------------ changes

    record DecisionView(String role, String person, String decision, String comment, String at, long ledgerIndex) {}

    record AcknowledgementView(String auditor, String comment, String at, long ledgerIndex) {}

    record DiffView(
            @Nullable String pre,
            String post,
            String format,
            int count,
            boolean truncated,
            @Nullable List<Difference> differences,
            boolean withheld) {}

    record VerificationView(
            String finding,
            @Nullable Boolean closed,
            @Nullable List<String> remaining,
            boolean privileged,
            long ledgerIndex) {}

    record ChangeView(
            String id,
            String incident,
            String status,
            String title,
            String system,
            String description,
            String kind,
            String risk,
            List<String> configItems,
            List<String> controls,
            List<String> preSnapshots,
            String rollbackPlan,
            boolean emergency,
            @Nullable String auditorAccess,
            List<String> businessProcesses,
            @Nullable String finding,
            String requestedAt,
            String requestedBy,
            long ledgerIndex,
            boolean approved,
            @Nullable String approvedAt,
            List<DecisionView> approvals,
            List<AcknowledgementView> acknowledgements,
            @Nullable String executedAt,
            @Nullable String executedBy,
            List<String> postSnapshots,
            @Nullable String executionNotes,
            @Nullable Long executionIndex,
            List<DiffView> diffs,
            @Nullable VerificationView verification,
            boolean openRisk,
            @Nullable String processesVerifiedAt,
            @Nullable String processesVerifiedBy) {}

    private ChangeView view(Change c, Access access) {
        return new ChangeView(
                c.id(),
                c.incident(),
                c.status().name(),
                c.title(),
                c.system(),
                c.description(),
                c.kind().name(),
                c.risk().name(),
                c.configItems(),
                c.controls(),
                c.preSnapshots(),
                c.rollbackPlan(),
                c.emergency(),
                c.auditorAccess(),
                c.businessProcesses(),
                c.finding(),
                c.requestedAt().toString(),
                c.requestedBy(),
                c.ledgerIndex(),
                c.state().approved(),
                str(c.approvedAt()),
                c.decisions().stream()
                        .map(d -> new DecisionView(
                                d.role(),
                                d.person(),
                                d.approve() ? "APPROVE" : "REJECT",
                                d.comment(),
                                d.at().toString(),
                                d.ledgerIndex()))
                        .toList(),
                c.acknowledgements().stream()
                        .map(a -> new AcknowledgementView(a.auditor(), a.comment(), a.at().toString(), a.ledgerIndex()))
                        .toList(),
                str(c.executedAt()),
                c.executedBy(),
                c.postSnapshots(),
                c.executionNotes(),
                c.executionIndex(),
                c.diffs().stream()
                        .map(d -> {
                            boolean readable = readable(d.pre(), access) && readable(d.post(), access);
                            return new DiffView(
                                    d.pre(),
                                    d.post(),
                                    d.format(),
                                    d.differences().size(),
                                    d.truncated(),
                                    readable ? d.differences() : null,
                                    !readable);
                        })
                        .toList(),
                c.verification() == null ? null : verification(c.verification(), access),
                c.openRisk(),
                str(c.processesVerifiedAt()),
                c.processesVerifiedBy());
    }

    private static VerificationView verification(Change.Verification v, Access access) {
        boolean open = !v.privileged() || access.caller().privileged();
        return new VerificationView(
                v.finding(), open ? v.closed() : null, open ? v.remaining() : null, v.privileged(), v.ledgerIndex());
    }

    private boolean readable(@Nullable String evidence, Access access) {
        if (evidence == null) {
            return true;
        }
        return vault.find(evidence)
                .map(i -> access.mayRead(i.id(), i.repository()))
                .orElse(false);
    }

    private static @Nullable String str(java.time.@Nullable Instant i) {
        return i == null ? null : i.toString();
    }

    @PostMapping("/api/v1/incidents/{id}/changes")
    @Guard(Action.CHANGE_REQUEST)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView request(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        return view(changes.request(id, ChangeJson.request(body), access.caller()), access);
    }

    @GetMapping("/api/v1/incidents/{id}/changes")
    @Guard(Action.CHANGES_READ)
    List<ChangeView> list(Access access, @PathVariable String id) {
        return changes.ofIncident(id).stream().map(c -> view(c, access)).toList();
    }

    @GetMapping("/api/v1/changes/{id}")
    @Guard(Action.CHANGE_READ)
    ChangeView get(Access access, @PathVariable String id) {
        return view(existing(id), access);
    }

    @PostMapping("/api/v1/changes/{id}/approvals")
    @Guard(Action.CHANGE_APPROVE)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView decide(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        boolean approve = ChangeJson.decision(body);
        return view(changes.decide(id, approve, ChangeJson.comment(body, "comment"), access.caller()), access);
    }

    @PostMapping("/api/v1/changes/{id}/acknowledgements")
    @Guard(Action.CHANGE_ACKNOWLEDGE)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView acknowledge(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        ChangeJson.object(body);
        return view(changes.acknowledge(id, ChangeJson.comment(body, "comment"), access.caller()), access);
    }

    @PostMapping("/api/v1/changes/{id}/execution")
    @Guard(Action.CHANGE_EXECUTE)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView execute(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        ChangeJson.object(body);
        List<String> posts = ChangeJson.strings(body, "postSnapshots");
        return view(
                changes.execute(
                        id, posts == null ? List.of() : posts, ChangeJson.comment(body, "notes"), access.caller()),
                access);
    }

    @PostMapping("/api/v1/changes/{id}/process-verifications")
    @Guard(Action.CHANGE_PROCESSES_VERIFY)
    @ResponseStatus(HttpStatus.CREATED)
    ChangeView verifyProcesses(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        ChangeJson.object(body);
        List<String> processes = ChangeJson.strings(body, "processes");
        return view(
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
            String reason) {}

    record FeeView(
            @Nullable BigDecimal low,
            @Nullable BigDecimal high,
            String currency,
            BigDecimal lowShare,
            BigDecimal highShare) {}

    record RetestsView(List<RetestView> retests, FeeView fee) {}

    /** JSON as CONTRACTS.md §3; CSV for the audit firm with {@code Accept: text/csv} or {@code ?format=csv}. */
    @GetMapping("/api/v1/incidents/{id}/retests")
    @Guard(Action.RETESTS_READ)
    ResponseEntity<?> retests(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
            throws IOException {
        Changes.RetestBill bill = changes.retests(id);
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
                        new FeeView(f.low(), f.high(), f.currency(), f.lowShare(), f.highShare())));
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
                r.reason());
    }

    /** RFC 4180 CSV: one retest a row, then the estimate as a last row the audit firm can read. */
    static String csv(Changes.RetestBill bill) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter w = CsvWriter.builder().build(out)) {
            w.writeRecord(
                    "control", "configItem", "testedOn", "tester", "change", "changeTitle", "executedAt", "reason");
            for (Retest r : bill.retests()) {
                w.writeRecord(
                        r.control(),
                        r.configItem(),
                        r.testedOn().toString(),
                        r.tester(),
                        r.change(),
                        r.changeTitle(),
                        r.executedAt().toString(),
                        r.reason());
            }
        }
        return out.toString();
    }
}
