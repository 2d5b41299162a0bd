package dev.tandem.export;

import dev.tandem.ledger.Checkpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OSCAL 1.1 assessment-results document for an export bag: one result at the checkpoint the bag is
 * drawn from (and, in the metadata, the bag's own checkpoint, {@link #sealed}),
 * one observation per AUDIT evidence item, each pointing by {@code relevant-evidence} at a
 * back-matter resource whose rlink names the file in the bag and carries its SHA-256 (OSCAL
 * {@code hashes}), and one observation per evidence request the auditors filed (docs/export.md):
 * its controls as {@code control-id} properties (and among the reviewed controls), its state, and
 * the AUDIT items its standing answer links as {@code relevant-evidence} pointing at the same
 * resources. A request is an observation, not a finding: a finding's target status (satisfied or
 * not) is the assessor's conclusion, which Tandem does not draw. The audit-continuity report's
 * retest items and CC8.1 lines are observations too; a CC8.1 change-management exception, a
 * deviation from the change-management procedure on the ledger's record, is also a finding on
 * objective {@code cc8.1} (docs/contracts.md §5). UUIDs are version 5, derived from
 * the incident, checkpoint and item or request, so the same bag always gets the same document.
 * Validated against NIST's JSON schema in the tests.
 */
public final class OscalAssessmentResults {
    public static final String OSCAL_VERSION = "1.1.2";
    /** Namespace of Tandem's own OSCAL properties. */
    public static final String NS = "https://tandem.dev/ns/oscal";

    /** Metadata properties naming the bag's checkpoint (docs/contracts.md, notes on the export bag). */
    public static final String BAG_TREE_SIZE = "bag-tree-size";

    public static final String BAG_ROOT_HASH = "bag-root-hash";

    /**
     * Their value in the document whose SHA-256 the bag's export entry records: the bag's checkpoint is
     * signed with that entry, so it cannot be in the document the entry hashes ({@link #sealed}).
     */
    public static final String PENDING = "pending";

    private static final UUID NAMESPACE = UUID.fromString("5f0d6d2c-9a43-4a5e-9a1f-0c3f4d1e7b21");

    /** SOC 2 Trust Services Criteria an incident's evidence speaks to (system operations, CC7.2 to CC7.5). */
    static final List<String> CRITERIA = List.of("cc7.2", "cc7.3", "cc7.4", "cc7.5");

    private OscalAssessmentResults() {}

    /** An evidence item as the document describes it: its index line and when it was received. */
    public record Item(ExportBag.Evidence evidence, Instant receivedAt) {}

    /**
     * An evidence request as of the checkpoint (docs/contracts.md §5.1).
     *
     * @param controls control catalog ids as filed ({@code CC6.2}, {@code A.5.24})
     * @param status OPEN, ANSWERED, DECLINED or ACCEPTED
     * @param overdue OPEN after its due date at the checkpoint's time
     * @param evidence ids of the AUDIT items the standing answer links (never a FORENSIC item)
     * @param changes ids of the changes the standing answer links (ADR 111)
     * @param entries indexes of the ledger entries the standing answer links (ADR 111)
     * @param history every step after the filing, oldest first
     */
    public record Request(
            String id,
            String text,
            List<String> controls,
            @Nullable LocalDate due,
            String requestedBy,
            Instant requestedAt,
            long ledgerIndex,
            String status,
            boolean overdue,
            List<String> evidence,
            List<String> changes,
            List<Long> entries,
            List<Step> history) {
        public Request {
            controls = List.copyOf(controls);
            evidence = List.copyOf(evidence);
            changes = List.copyOf(changes);
            entries = List.copyOf(entries);
            history = List.copyOf(history);
        }
    }

    /**
     * A step of a request: ANSWERED, DECLINED, ACCEPTED or REOPENED, with its note, reason or comment,
     * and for an answer the changes and ledger entries it linked (ADR 111).
     */
    public record Step(
            String step,
            String text,
            String by,
            Instant at,
            long ledgerIndex,
            List<String> changes,
            List<Long> entries) {
        public Step {
            changes = List.copyOf(changes);
            entries = List.copyOf(entries);
        }

        String links() {
            return OscalAssessmentResults.links(changes, entries);
        }
    }

    /** "change X, entry #N, …": what an answer links besides items, empty when nothing. */
    static String links(List<String> changes, List<Long> entries) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.add("change " + c));
        entries.forEach(e -> out.add("entry #" + e));
        return String.join(", ", out);
    }

    public static byte[] of(String incident, Checkpoint checkpoint, Instant generated, List<Item> items) {
        return of(incident, checkpoint, generated, items, List.of());
    }

    /**
     * A retest item of the audit-continuity report (docs/change-control.md "Retests and the fee"): a
     * control test of the register that a change executed since touched.
     *
     * @param ledgerIndices the entries it rests on: the register's import and the change's entries
     * @param retestedOn the day of the register's test after the change that closed it (done), or
     *     null while it is outstanding, as the report's "Retest" column says
     * @param retestedBy that test's tester, or null
     */
    public record Retest(
            String control,
            String configItem,
            LocalDate testedOn,
            String tester,
            String change,
            String changeTitle,
            Instant executedAt,
            String reason,
            List<Long> ledgerIndices,
            @Nullable LocalDate retestedOn,
            @Nullable String retestedBy) {
        public Retest {
            ledgerIndices = List.copyOf(ledgerIndices);
        }
    }

    /**
     * A CC8.1 line of the audit-continuity report, in its words: a change-management exception
     * ({@code exception}) or a segregation-of-duties observation.
     */
    public record ChangeControlLine(String text, boolean exception, List<Long> ledgerIndices) {
        public ChangeControlLine {
            ledgerIndices = List.copyOf(ledgerIndices);
        }
    }

    /** What change control adds to the document: the report's retests and CC8.1 lines. */
    public record ChangeControl(List<Retest> retests, List<ChangeControlLine> lines) {
        public static final ChangeControl NONE = new ChangeControl(List.of(), List.of());

        public ChangeControl {
            retests = List.copyOf(retests);
            lines = List.copyOf(lines);
        }
    }

    public static byte[] of(
            String incident, Checkpoint checkpoint, Instant generated, List<Item> items, List<Request> requests) {
        return of(incident, checkpoint, generated, items, requests, ChangeControl.NONE);
    }

    /** One read of an item's content, or one export bag that carried it, by its ledger entry. */
    public record Exposure(long index, String actor) {}

    /**
     * An AUDIT item counsel pulled back to FORENSIC before the checkpoint (docs/contracts.md, "Pulling
     * an item back"), as its public {@code evidence.pulled-back} entry records it: not in the bag, and
     * disclosed with what it had exposed while it was AUDIT.
     *
     * @param addedIndex its {@code evidence.added} entry, which records it as AUDIT
     * @param index the move's entry
     * @param reads each read of its content while it was AUDIT
     * @param exports each export bag that carried it
     */
    public record PulledBack(
            String evidence,
            String name,
            String sha256,
            long addedIndex,
            long index,
            String by,
            Instant at,
            String reason,
            List<Exposure> reads,
            List<Exposure> exports) {
        public PulledBack {
            reads = List.copyOf(reads);
            exports = List.copyOf(exports);
        }
    }

    /** The document with change control's part and no item pulled back. */
    public static byte[] of(
            String incident,
            Checkpoint checkpoint,
            Instant generated,
            List<Item> items,
            List<Request> requests,
            ChangeControl changeControl) {
        return of(incident, checkpoint, generated, items, requests, changeControl, List.of());
    }

    /**
     * The document with change control's part (docs/contracts.md §5): each retest item an
     * observation of the control it tested ({@code types: control-objective}); each CC8.1 line an
     * observation, and each change-management exception also a {@code finding} on objective {@code
     * cc8.1}, related to its observation ({@link #changeControl}); and each item pulled back to
     * FORENSIC an observation disclosing the move and what the item had exposed ({@link #pulledBack}).
     */
    public static byte[] of(
            String incident,
            Checkpoint checkpoint,
            Instant generated,
            List<Item> items,
            List<Request> requests,
            ChangeControl changeControl,
            List<PulledBack> pulledBack) {
        String root = Base64.getEncoder().encodeToString(checkpoint.rootHash());
        String scope = incident + "@" + checkpoint.size() + "/" + root;
        String now = generated.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode doc = ExportBag.JSON.createObjectNode();
        ObjectNode ar = doc.putObject("assessment-results");
        ar.put("uuid", uuid(scope).toString());
        ObjectNode metadata = ar.putObject("metadata");
        metadata.put("title", "Evidence of incident " + incident + " at ledger checkpoint " + checkpoint.size());
        metadata.put("last-modified", now);
        metadata.put("version", String.valueOf(checkpoint.size()));
        metadata.put("oscal-version", OSCAL_VERSION);
        ArrayNode mprops = metadata.putArray("props");
        prop(mprops, "ledger-origin", checkpoint.origin());
        String drawnRemarks = "The checkpoint the document is drawn at, as the reports are (they print its signed note,"
                + " data/ledger/drawn-checkpoint in the bag); proved consistent with the bag's checkpoint by"
                + " data/ledger/drawn-consistency.json.";
        prop(mprops, "ledger-tree-size", String.valueOf(checkpoint.size()), drawnRemarks);
        prop(mprops, "ledger-root-hash", root, drawnRemarks);
        String bagRemarks = "The bag's checkpoint (data/ledger/checkpoint, with the witnesses' cosignatures): the one"
                + " signed with the bag's own export entry, against which every inclusion proof of"
                + " data/ledger/proofs.jsonl leads.";
        prop(mprops, BAG_TREE_SIZE, PENDING, bagRemarks);
        prop(mprops, BAG_ROOT_HASH, PENDING, bagRemarks);
        String plan = uuid(scope + "/plan").toString();
        ar.putObject("import-ap")
                .put("href", "#" + plan)
                .put(
                        "remarks",
                        "The assessment plan is the auditor's; this document records the evidence Tandem"
                                + " holds for the incident and where each item sits in the signed ledger.");
        ObjectNode result = ar.putArray("results").addObject();
        result.put("uuid", uuid(scope + "/result").toString());
        result.put("title", "Incident " + incident + ": evidence at ledger tree size " + checkpoint.size());
        result.put(
                "description",
                "Every AUDIT evidence item of the incident the exporter could read, each"
                        + " recorded in the ledger (data/ledger/entries.jsonl) with an inclusion proof against the signed"
                        + " checkpoint (data/ledger/checkpoint), and every evidence request the auditors filed, as"
                        + " the ledger holds it at that checkpoint.");
        Instant start = Stream.concat(
                        items.stream().map(Item::receivedAt), requests.stream().map(Request::requestedAt))
                .min(Instant::compareTo)
                .orElse(generated);
        result.put("start", start.truncatedTo(ChronoUnit.SECONDS).toString());
        result.put("end", now);
        ObjectNode selection = result.putObject("reviewed-controls")
                .put(
                        "description",
                        "SOC 2 Trust Services Criteria for system operations (incident detection,"
                                + " evaluation, response and recovery)")
                .putArray("control-selections")
                .addObject();
        ArrayNode include = selection.putArray("include-controls");
        Set<String> reviewed = new LinkedHashSet<>(CRITERIA);
        requests.forEach(r -> r.controls().forEach(c -> reviewed.add(controlId(c))));
        changeControl.retests().forEach(r -> reviewed.add(controlId(r.control())));
        if (!changeControl.lines().isEmpty()) {
            reviewed.add(CC81);
        }
        reviewed.forEach(c -> include.addObject().put("control-id", c));
        ArrayNode resources = ar.putObject("back-matter").putArray("resources");
        resources
                .addObject()
                .put("uuid", plan)
                .put("title", "Assessment plan")
                .put("description", "Kept by the auditor, outside this bag.");
        Map<String, ExportBag.Evidence> inBag = new HashMap<>();
        boolean changes =
                !changeControl.retests().isEmpty() || !changeControl.lines().isEmpty();
        if (!items.isEmpty() || !requests.isEmpty() || changes || !pulledBack.isEmpty()) {
            ArrayNode observations = result.putArray("observations");
            for (Item item : items) {
                ExportBag.Evidence e = item.evidence();
                inBag.put(e.id(), e);
                String resource = uuid(scope + "/evidence/" + e.id()).toString();
                ObjectNode r = resources.addObject();
                r.put("uuid", resource);
                r.put("title", e.name());
                r.put("description", e.kind() + " evidence " + e.id() + ", " + e.size() + " bytes");
                ObjectNode rlink = r.putArray("rlinks")
                        .addObject()
                        .put("href", "../" + ExportBag.evidencePath(e.sha256()))
                        .put("media-type", "application/octet-stream");
                rlink.putArray("hashes").addObject().put("algorithm", "SHA-256").put("value", e.sha256());
                ObjectNode o = observations.addObject();
                o.put("uuid", uuid(scope + "/observation/" + e.id()).toString());
                o.put("title", e.name());
                o.put(
                        "description",
                        "Evidence item " + e.id() + " (" + e.kind() + ") was received and recorded in"
                                + " the ledger at entry #" + e.ledgerIndex() + " with SHA-256 " + e.sha256() + ".");
                ArrayNode oprops = o.putArray("props");
                prop(oprops, "evidence-id", e.id());
                prop(oprops, "ledger-index", String.valueOf(e.ledgerIndex()));
                prop(oprops, "sha256", e.sha256());
                o.putArray("methods").add("EXAMINE");
                o.putArray("relevant-evidence")
                        .addObject()
                        .put("href", "#" + resource)
                        .put(
                                "description",
                                "data/" + ExportBag.evidencePath(e.sha256()) + " in this bag, SHA-256 " + e.sha256());
                o.put(
                        "collected",
                        item.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString());
            }
            for (Request r : requests) {
                request(observations.addObject(), scope, r, inBag);
            }
            for (PulledBack p : pulledBack) {
                pulledBack(observations.addObject(), scope, p);
            }
            if (changes) {
                changeControl(result, observations, scope, changeControl, generated);
            }
        }
        return ExportBag.bytes(doc);
    }

    /** The SOC 2 change-management criterion, as an OSCAL control-id token. */
    static final String CC81 = "cc8.1";

    /**
     * Change control's part of the result. A retest item is an observation about its control's
     * objective ({@code control-objective}): the register's test no longer covers the item as a
     * change left it. A CC8.1 line is an observation; a change-management exception is also a {@code
     * finding} whose target is objective {@code cc8.1} in state {@code not-satisfied}: the change
     * did not follow the change-management procedure (docs/change-control.md) on the ledger's
     * record. Whether that deviation bears on the auditor's opinion of CC8.1 is the assessor's; a
     * segregation-of-duties observation is no finding.
     */
    private static void changeControl(
            ObjectNode result, ArrayNode observations, String scope, ChangeControl cc, Instant generated) {
        for (Retest r : cc.retests()) {
            ObjectNode o = observations.addObject();
            o.put(
                    "uuid",
                    uuid(scope + "/retest/" + r.control() + "/" + r.configItem() + "/" + r.testedOn() + "/"
                                    + r.change())
                            .toString());
            o.put("title", "Retest: " + r.control() + " on " + r.configItem() + " after change " + r.change());
            o.put(
                    "description",
                    r.control() + " was tested on " + r.configItem() + " on " + r.testedOn() + " by " + r.tester()
                            + "; change " + r.change() + " \"" + r.changeTitle() + "\", executed at "
                            + r.executedAt().truncatedTo(ChronoUnit.SECONDS) + ", touched it since: " + r.reason()
                            + (r.retestedOn() == null
                                    ? ". The test is to be redone."
                                    : ". The test was redone on " + r.retestedOn() + " by " + r.retestedBy() + "."));
            ArrayNode props = o.putArray("props");
            prop(props, "control-id", controlId(r.control()));
            prop(props, "config-item", r.configItem());
            prop(props, "tested-on", r.testedOn().toString());
            prop(props, "tester", r.tester());
            prop(props, "change-id", r.change());
            prop(props, "retest-status", r.retestedOn() == null ? "outstanding" : "done");
            if (r.retestedOn() != null) {
                prop(props, "retested-on", r.retestedOn().toString());
                if (r.retestedBy() != null && !r.retestedBy().isBlank()) prop(props, "retested-by", r.retestedBy());
            }
            r.ledgerIndices().forEach(i -> prop(props, "ledger-index", String.valueOf(i)));
            o.putArray("methods").add("EXAMINE");
            o.putArray("types").add("control-objective");
            o.put("collected", r.executedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        ArrayNode findings = null;
        for (ChangeControlLine l : cc.lines()) {
            String observation = uuid(scope + "/cc8.1/" + l.text()).toString();
            ObjectNode o = observations.addObject();
            o.put("uuid", observation);
            o.put(
                    "title",
                    l.exception() ? "CC8.1 change-management exception" : "CC8.1 segregation-of-duties observation");
            o.put("description", l.text() + ".");
            ArrayNode props = o.putArray("props");
            prop(props, "control-id", CC81);
            prop(props, "change-management-exception", String.valueOf(l.exception()));
            l.ledgerIndices().forEach(i -> prop(props, "ledger-index", String.valueOf(i)));
            o.putArray("methods").add("EXAMINE");
            o.putArray("types").add(l.exception() ? "finding" : "control-objective");
            o.put("collected", generated.truncatedTo(ChronoUnit.SECONDS).toString());
            if (!l.exception()) {
                continue;
            }
            if (findings == null) {
                findings = result.putArray("findings");
            }
            ObjectNode f = findings.addObject();
            f.put("uuid", uuid(scope + "/finding/" + l.text()).toString());
            f.put("title", "CC8.1 change-management exception");
            f.put("description", l.text() + ".");
            ArrayNode fprops = f.putArray("props");
            l.ledgerIndices().forEach(i -> prop(fprops, "ledger-index", String.valueOf(i)));
            ObjectNode target = f.putObject("target");
            target.put("type", "objective-id");
            target.put("target-id", CC81);
            target.putObject("status").put("state", "not-satisfied");
            target.put(
                    "remarks",
                    "Change control's rules (the change-management procedure) were not followed for this change,"
                            + " on the ledger's record; whether the deviation bears on the opinion is the assessor's.");
            f.putArray("related-observations").addObject().put("observation-uuid", observation);
        }
    }

    /** One evidence request as an observation: what was asked, about which controls, and where it stands. */
    private static void request(ObjectNode o, String scope, Request r, Map<String, ExportBag.Evidence> inBag) {
        o.put("uuid", uuid(scope + "/request/" + r.id()).toString());
        o.put(
                "title",
                "Evidence request: " + (r.text().length() > 120 ? r.text().substring(0, 119) + "…" : r.text()));
        StringBuilder d = new StringBuilder()
                .append(r.requestedBy())
                .append(" asked for evidence at ")
                .append(r.requestedAt().truncatedTo(ChronoUnit.SECONDS))
                .append(" (ledger entry #")
                .append(r.ledgerIndex())
                .append("): ")
                .append(r.text());
        if (!r.controls().isEmpty()) {
            d.append("\nControls: ").append(String.join(", ", r.controls())).append('.');
        }
        if (r.due() != null) {
            d.append("\nDue: ").append(r.due()).append('.');
        }
        d.append("\nAt the checkpoint the request is ")
                .append(r.status())
                .append(r.overdue() ? ", overdue" : "")
                .append('.');
        String links = links(r.changes(), r.entries());
        if (!links.isEmpty()) {
            d.append(" The standing answer links ").append(links).append('.');
        }
        o.put("description", d.toString());
        ArrayNode props = o.putArray("props");
        prop(props, "evidence-request-id", r.id());
        prop(props, "ledger-index", String.valueOf(r.ledgerIndex()));
        prop(props, "request-status", r.status());
        prop(props, "requested-by", r.requestedBy());
        if (r.due() != null) {
            prop(props, "due-date", r.due().toString());
        }
        prop(props, "overdue", String.valueOf(r.overdue()));
        r.controls().forEach(c -> prop(props, "control-id", controlId(c)));
        r.evidence().forEach(e -> prop(props, "evidence-id", e));
        r.changes().forEach(c -> prop(props, "change-id", c));
        r.entries().forEach(e -> prop(props, "entry-index", String.valueOf(e)));
        o.putArray("methods").add("EXAMINE");
        if (!r.evidence().isEmpty() || !r.changes().isEmpty() || !r.entries().isEmpty()) {
            ArrayNode relevant = o.putArray("relevant-evidence");
            for (String id : r.evidence()) {
                ExportBag.Evidence e = inBag.get(id);
                ObjectNode link = relevant.addObject();
                if (e == null) {
                    link.put("description", "AUDIT evidence item " + id + ", linked by the answer, not in this bag");
                } else {
                    link.put("href", "#" + uuid(scope + "/evidence/" + id));
                    link.put(
                            "description",
                            e.name() + ", data/" + ExportBag.evidencePath(e.sha256()) + " in this bag, SHA-256 "
                                    + e.sha256() + ", linked by the answer");
                }
            }
            for (String c : r.changes()) {
                relevant.addObject()
                        .put(
                                "description",
                                "Change " + c + ", linked by the answer: its ledger entries are in "
                                        + "data/ledger/entries.jsonl");
            }
            for (long e : r.entries()) {
                relevant.addObject()
                        .put(
                                "description",
                                "Ledger entry #" + e + " in data/ledger/entries.jsonl, with its inclusion proof in"
                                        + " data/ledger/proofs.jsonl, linked by the answer");
            }
        }
        Instant last =
                r.history().isEmpty() ? r.requestedAt() : r.history().getLast().at();
        o.put("collected", last.truncatedTo(ChronoUnit.SECONDS).toString());
        StringBuilder remarks = new StringBuilder("Filed by ")
                .append(r.requestedBy())
                .append(" at ")
                .append(r.requestedAt().truncatedTo(ChronoUnit.SECONDS))
                .append(" (entry #")
                .append(r.ledgerIndex())
                .append(").");
        for (Step s : r.history()) {
            remarks.append("\n").append(s.step()).append(" by ").append(s.by()).append(" at ");
            remarks.append(s.at().truncatedTo(ChronoUnit.SECONDS))
                    .append(" (entry #")
                    .append(s.ledgerIndex())
                    .append(')');
            remarks.append(s.links().isEmpty() ? "" : " with " + s.links());
            remarks.append(s.text().isEmpty() ? "." : ": " + s.text());
        }
        o.put("remarks", remarks.toString());
    }

    /**
     * An item pulled back to FORENSIC as an observation: which item, when, by whom and why it left
     * the auditor's evidence, and each read and bag that exposed it while it was AUDIT.
     */
    private static void pulledBack(ObjectNode o, String scope, PulledBack p) {
        o.put("uuid", uuid(scope + "/pulled-back/" + p.evidence()).toString());
        o.put("title", "Pulled back to FORENSIC: " + p.name());
        String at = p.at().truncatedTo(ChronoUnit.SECONDS).toString();
        o.put(
                "description",
                "Evidence item " + p.evidence() + " (" + p.name() + ", SHA-256 " + p.sha256()
                        + ") was recorded as AUDIT evidence at entry #" + p.addedIndex()
                        + " and pulled back to FORENSIC by " + p.by() + " at " + at + " (entry #" + p.index()
                        + "): " + p.reason() + (p.reason().matches("(?s).*[.!?]") ? "" : ".")
                        + "\nIt is no longer auditor evidence and is not in this bag."
                        + " While it was AUDIT its content "
                        + exposures(p.reads(), "was never read", "was read once", "was read %d times")
                        + " and "
                        + exposures(
                                p.exports(),
                                "went out in no export bag",
                                "went out in one export bag",
                                "went out in %d export bags")
                        + ".");
        ArrayNode props = o.putArray("props");
        prop(props, "pulled-back-evidence-id", p.evidence());
        prop(props, "ledger-index", String.valueOf(p.addedIndex()));
        prop(props, "pulled-back-index", String.valueOf(p.index()));
        prop(props, "sha256", p.sha256());
        p.reads().forEach(r -> prop(props, "exposed-read-index", String.valueOf(r.index())));
        p.exports().forEach(x -> prop(props, "exposed-export-index", String.valueOf(x.index())));
        o.putArray("methods").add("EXAMINE");
        o.putArray("relevant-evidence")
                .addObject()
                .put(
                        "description",
                        "Ledger entries #" + p.addedIndex() + " (evidence.added) and #" + p.index()
                                + " (evidence.pulled-back) in data/ledger/entries.jsonl, with their inclusion"
                                + " proofs in data/ledger/proofs.jsonl");
        o.put("collected", at);
    }

    /** "was read once (by A, entry #N)", "was read 2 times (by A, entry #N; by B, entry #M)", or none. */
    private static String exposures(List<Exposure> list, String none, String one, String many) {
        if (list.isEmpty()) {
            return none;
        }
        List<String> each = new ArrayList<>();
        list.forEach(x -> each.add("by " + x.actor() + ", entry #" + x.index()));
        return (list.size() == 1 ? one : many.formatted(list.size())) + " (" + String.join("; ", each) + ")";
    }

    /** A catalog id as an OSCAL control-id token: lower case, as the reviewed SOC 2 criteria ({@code cc7.2}). */
    static String controlId(String catalogId) {
        return catalogId.strip().toLowerCase(Locale.ROOT);
    }

    private static void prop(ArrayNode props, String name, String value) {
        props.addObject().put("name", name).put("ns", NS).put("value", value);
    }

    private static void prop(ArrayNode props, String name, String value, String remarks) {
        props.addObject().put("name", name).put("ns", NS).put("value", value).put("remarks", remarks);
    }

    /**
     * The document with the bag's checkpoint written into it: {@code bag-tree-size} and {@code
     * bag-root-hash}, {@value #PENDING} in the document {@link #of} renders (whose SHA-256 the export
     * entry records, before the checkpoint signed with that entry exists), become {@code bag}'s size
     * and root.
     *
     * @throws IllegalArgumentException when {@code pending} is no document of {@link #of} still pending
     */
    public static byte[] sealed(byte[] pending, Checkpoint bag) {
        ObjectNode doc = (ObjectNode) ExportBag.JSON.readTree(pending);
        List<ObjectNode> props = bagProps(doc);
        if (props.size() != 2
                || !props.stream().allMatch(p -> PENDING.equals(p.path("value").asString("")))) {
            throw new IllegalArgumentException("the OSCAL document does not wait for the bag's checkpoint");
        }
        props.get(0).put("value", String.valueOf(bag.size()));
        props.get(1).put("value", Base64.getEncoder().encodeToString(bag.rootHash()));
        return ExportBag.bytes(doc);
    }

    /**
     * For a verifier: the document as its SHA-256 was recorded in the bag's export entry (the bag's
     * checkpoint {@value #PENDING}), once it is found to name {@code bag} as the bag's checkpoint and
     * to be written byte for byte as {@link #sealed} writes it; {@code null} for a document that names
     * no bag checkpoint (a bag exported before documents named it), whose bytes are what was recorded.
     *
     * @throws IllegalArgumentException naming what differs
     */
    public static byte @Nullable [] pending(byte[] sealed, Checkpoint bag) {
        ObjectNode doc;
        try {
            if (!(ExportBag.JSON.readTree(sealed) instanceof ObjectNode o)) {
                return null;
            }
            doc = o;
        } catch (tools.jackson.core.JacksonException e) {
            return null; // not JSON: its bytes' SHA-256 is then not the one recorded
        }
        List<ObjectNode> props = bagProps(doc);
        if (props.isEmpty()) {
            return null;
        }
        String size = String.valueOf(bag.size());
        String root = Base64.getEncoder().encodeToString(bag.rootHash());
        if (props.size() != 2
                || !props.get(0).path("value").asString("").equals(size)
                || !props.get(1).path("value").asString("").equals(root)) {
            throw new IllegalArgumentException("it names the bag's checkpoint as "
                    + props.stream()
                            .map(p -> p.path("name").asString("") + " "
                                    + p.path("value").asString(""))
                            .toList()
                    + ", but the bag's checkpoint (data/ledger/checkpoint) is of size " + size + ", root " + root);
        }
        if (!java.util.Arrays.equals(ExportBag.bytes(doc), sealed)) {
            throw new IllegalArgumentException(
                    "its bytes are not those Tandem writes for its content (changed" + " spacing or escapes)");
        }
        props.forEach(p -> p.put("value", PENDING));
        return ExportBag.bytes(doc);
    }

    /** The metadata properties that name the bag's checkpoint, size first, root second, in Tandem's namespace. */
    private static List<ObjectNode> bagProps(ObjectNode doc) {
        List<ObjectNode> size = new java.util.ArrayList<>();
        List<ObjectNode> root = new java.util.ArrayList<>();
        for (var p : doc.path("assessment-results").path("metadata").path("props")) {
            if (p instanceof ObjectNode o && NS.equals(o.path("ns").asString(""))) {
                String name = o.path("name").asString("");
                if (name.equals(BAG_TREE_SIZE)) {
                    size.add(o);
                } else if (name.equals(BAG_ROOT_HASH)) {
                    root.add(o);
                }
            }
        }
        if (size.isEmpty() && root.isEmpty()) {
            return List.of();
        }
        if (size.size() != 1 || root.size() != 1) {
            throw new IllegalArgumentException("it names the bag's checkpoint " + size.size() + " and " + root.size()
                    + " times (" + BAG_TREE_SIZE + ", " + BAG_ROOT_HASH + "), not once each");
        }
        return List.of(size.getFirst(), root.getFirst());
    }

    /** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1), in Tandem's namespace: OSCAL accepts versions 4 and 5. */
    static UUID uuid(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
