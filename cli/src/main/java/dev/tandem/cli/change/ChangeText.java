package dev.tandem.cli.change;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The change-control API's answers (docs/contracts.md §3) in words, for a person at a terminal:
 * tables of changes, retests and register rows, a change's whole view, the fee estimate and the
 * observation period. Plain Java over the answers' JSON; {@code --format json} prints them as they
 * came instead.
 */
final class ChangeText {
    private ChangeText() {}

    /** How many differences of each diff the text shows; {@code --format json} has them all. */
    static final int DIFFERENCES_SHOWN = 20;

    private static final int LABEL = 23;

    /** Columns left-aligned to their widest cell, two spaces apart; the first row is the header. */
    static List<String> table(List<List<String>> rows) {
        return dev.tandem.cli.Columns.table(rows);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** The incident's changes: id, status, title, items, requester and decisions. */
    static void list(String incident, JsonNode changes, PrintWriter out) {
        if (changes.isEmpty()) {
            out.println("no change requests in incident " + incident);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "STATUS", "TITLE", "ITEMS", "REQUESTED BY", "APPROVALS"));
        for (JsonNode c : changes) {
            rows.add(List.of(
                    c.path("id").asString(),
                    c.path("status").asString() + (c.path("emergency").asBoolean() ? " (emergency)" : ""),
                    c.path("title").asString(),
                    String.join(", ", strings(c.path("configItems"))),
                    c.path("requestedBy").asString(),
                    decisions(c.path("approvals"))));
        }
        table(rows).forEach(out::println);
        out.println(changes.size() + (changes.size() == 1 ? " change request" : " change requests"));
    }

    /**
     * For a change still {@code REQUESTED}: the approvals it waits for ({@code the approval of the
     * audit liaison}), the liaison's alone when it suffices; else empty.
     */
    static String awaiting(JsonNode c) {
        if (!c.path("status").asString().equals("REQUESTED")) return "";
        Set<String> approved = new HashSet<>();
        for (JsonNode a : c.path("approvals")) {
            if (a.path("decision").asString().equals("APPROVE"))
                approved.add(a.path("role").asString());
        }
        List<String> missing = new ArrayList<>();
        if (!approved.contains("INCIDENT_COMMANDER")
                && !c.path("liaisonApprovalSuffices").asBoolean()) {
            missing.add("the incident commander");
        }
        if (!approved.contains("AUDIT_LIAISON")) missing.add("the audit liaison");
        return missing.isEmpty() ? "" : "the approval of " + String.join(" and ", missing);
    }

    /** {@code approved by ic (INCIDENT_COMMANDER); rejected by …}, or {@code none}. */
    static String decisions(JsonNode approvals) {
        List<String> d = new ArrayList<>();
        for (JsonNode a : approvals) {
            d.add((a.path("decision").asString().equals("APPROVE") ? "approved by " : "rejected by ")
                    + a.path("person").asString() + " (" + a.path("role").asString() + ")");
        }
        return d.isEmpty() ? "none" : String.join("; ", d);
    }

    /** A change as its page shows it: the request, decisions, execution, diffs, flags and retest cost. */
    static void change(JsonNode c, PrintWriter out) {
        out.println("change " + c.path("id").asString() + "  "
                + c.path("status").asString() + "  " + c.path("title").asString());
        row(out, "incident", c.path("incident").asString());
        row(
                out,
                "kind, risk",
                c.path("kind").asString() + ", " + c.path("risk").asString()
                        + (c.path("emergency").asBoolean() ? ", emergency" : ""));
        row(out, "system", c.path("system").asString());
        row(out, "description", c.path("description").asString(""));
        row(
                out,
                "requested",
                c.path("requestedAt").asString() + " by "
                        + c.path("requestedBy").asString() + entry(c, "ledgerIndex"));
        row(out, "items", String.join(", ", strings(c.path("configItems"))));
        row(out, "controls", String.join(", ", strings(c.path("controls"))));
        row(out, "pre-change snapshots", String.join(", ", strings(c.path("preSnapshots"))));
        row(out, "rollback plan", c.path("rollbackPlan").asString(""));
        row(out, "business processes", String.join(", ", strings(c.path("businessProcesses"))));
        row(out, "auditor access", c.path("auditorAccess").asString(""));
        row(out, "finding", c.path("finding").asString(""));
        if (c.path("emergency").asBoolean()) {
            row(out, "approval window", c.path("emergencyApprovalWindow").asString(""));
        }
        List<String> unmatched = strings(c.path("unmatchedItems"));
        if (!unmatched.isEmpty()) {
            row(out, "no register row", String.join(", ", unmatched) + " (no audited control matches)");
        }
        // an access item under another kind: a question for the approvers (ADR 140)
        row(out, "kind in question", c.path("kindQuestion").asString(""));
        List<String> decided = new ArrayList<>();
        for (JsonNode a : c.path("approvals")) {
            decided.add(a.path("role").asString() + " " + a.path("person").asString() + " "
                    + (a.path("decision").asString().equals("APPROVE") ? "approved" : "rejected") + " "
                    + a.path("at").asString() + entry(a, "ledgerIndex")
                    + (a.path("comment").asString("").isBlank()
                            ? ""
                            : ": " + a.path("comment").asString()));
        }
        rows(out, "decisions", decided.isEmpty() ? List.of("none yet") : decided);
        row(out, "approved", c.path("approvedAt").asString(""));
        row(out, "awaiting", awaiting(c));
        if (c.path("liaisonApprovalSuffices").asBoolean()) {
            row(out, "", "the audit liaison's approval alone completes it (no other incident commander)");
        }
        List<String> acknowledged = new ArrayList<>();
        for (JsonNode a : c.path("acknowledgements")) {
            acknowledged.add(a.path("auditor").asString() + " " + a.path("at").asString() + entry(a, "ledgerIndex")
                    + (a.path("comment").asString("").isBlank()
                            ? ""
                            : ": " + a.path("comment").asString()));
        }
        rows(out, "acknowledged", acknowledged);
        if (c.hasNonNull("withdrawnAt")) {
            row(
                    out,
                    "withdrawn",
                    c.path("withdrawnAt").asString() + " by "
                            + c.path("withdrawnBy").asString() + ": "
                            + c.path("withdrawalReason").asString(""));
        }
        if (c.hasNonNull("executedAt")) {
            row(
                    out,
                    "executed",
                    c.path("executedAt").asString() + " by "
                            + c.path("executedBy").asString() + entry(c, "executionIndex"));
            row(out, "post-change snapshots", String.join(", ", strings(c.path("postSnapshots"))));
            row(
                    out,
                    "notes",
                    c.path("executionNotesWithheld").asBoolean()
                            ? "withheld (only for those who may read every snapshot of the change)"
                            : c.path("executionNotes").asString(""));
            for (JsonNode d : c.path("diffs")) diff(d, out);
            items(c, "touchedItems", "changed (diffs)", out);
            items(c, "unapprovedItems", "beyond its approval", out);
            items(c, "unchangedItems", "diffs show no change", out);
            List<String> early = strings(c.path("snapshotsBeforeApproval"));
            if (!early.isEmpty()) {
                row(
                        out,
                        "before its approval",
                        "post-change snapshots received before it was approved: " + String.join(", ", early));
            }
        }
        JsonNode v = c.path("verification");
        if (v.isObject()) {
            String outcome = v.path("closed").isNull()
                    ? "recorded (privileged)"
                    : v.path("closed").asBoolean()
                            ? "closed"
                            : "still open: " + String.join(", ", strings(v.path("remaining")));
            row(
                    out,
                    "verification",
                    "finding " + v.path("finding").asString() + " " + outcome + entry(v, "ledgerIndex"));
        }
        if (c.hasNonNull("processesVerifiedAt")) {
            row(
                    out,
                    "processes verified",
                    c.path("processesVerifiedAt").asString() + " by "
                            + c.path("processesVerifiedBy").asString(""));
        } else if (c.path("openRisk").asBoolean()) {
            row(out, "open risk", "its business processes are not verified yet");
        }
        row(out, "segregation of duties", c.path("segregationOfDuties").asString(""));
        List<String> exceptions = new ArrayList<>();
        for (JsonNode g : c.path("segregationExceptions")) {
            exceptions.add(g.path("exception").asString() + " (ledger entries #"
                    + g.path("givenIndex").asLong() + ", #"
                    + g.path("approvalIndex").asLong() + ")");
        }
        rows(out, "segregation exception", exceptions);
        List<String> earlier = new ArrayList<>();
        for (JsonNode e : c.path("sameItemsAs")) {
            earlier.add(e.path("change").asString() + " \"" + e.path("title").asString() + "\" ("
                    + e.path("status").asString().toLowerCase(Locale.ROOT)
                    + (e.path("decision").asString("").isEmpty()
                            ? ""
                            : ": " + e.path("decision").asString()) + ")");
        }
        rows(out, "same items as", earlier);
        row(out, "open alongside", String.join(", ", strings(c.path("openAlongside"))));
        JsonNode preview = c.path("retestPreview");
        if (preview.isObject()) preview(preview, out);
    }

    private static void items(JsonNode c, String field, String label, PrintWriter out) {
        if (c.path(field).isNull()) {
            row(out, label, "withheld (named from diffs of snapshots you may not read)");
        } else {
            row(out, label, String.join(", ", strings(c.path(field))));
        }
    }

    private static void diff(JsonNode d, PrintWriter out) {
        String head = d.path("pre").asString("(none)") + " -> " + d.path("post").asString() + " ("
                + d.path("format").asString() + "): " + d.path("count").asInt()
                + (d.path("count").asInt() == 1 ? " difference" : " differences")
                + (d.path("truncated").asBoolean() ? ", cut short" : "");
        if (d.path("withheld").asBoolean()) {
            row(out, "diff", head + ", withheld (you may not read both snapshots)");
            return;
        }
        row(out, "diff", head);
        int shown = 0;
        for (JsonNode x : d.path("differences")) {
            if (shown++ == DIFFERENCES_SHOWN) {
                row(out, "", "… " + (d.path("differences").size() - DIFFERENCES_SHOWN) + " more (--format json)");
                break;
            }
            row(
                    out,
                    "",
                    "  " + x.path("description").asString() + "  at "
                            + x.path("path").asString());
        }
    }

    /** "Retest cost if carried out": the tests the change would undo now, and their fee. */
    static void preview(JsonNode p, PrintWriter out) {
        out.println("retest cost if carried out now:");
        if (p.path("outsidePeriod").asBoolean()) {
            out.println("  nothing: today is outside the observation period");
            return;
        }
        if (!p.path("registerImported").asBoolean()) {
            out.println("  no control test register imported for the incident yet");
        }
        for (JsonNode r : p.path("retests")) {
            out.println("  " + r.path("control").asString() + " "
                    + r.path("configItem").asString() + ", tested "
                    + r.path("testedOn").asString() + " by " + r.path("tester").asString() + ": "
                    + r.path("reason").asString());
        }
        for (String c : strings(p.path("notInRegister"))) out.println("  " + c + ": not in the register");
        if (p.path("retests").isEmpty() && p.path("registerImported").asBoolean()) {
            out.println("  no test of the register would be undone");
        }
        out.println("  fee estimate: " + fee(p.path("fee")));
    }

    /**
     * {@code EUR 12,000.00 to 24,000.00 (15% to 30% of the audit fee)}, or that no audit fee is
     * configured.
     */
    static String fee(JsonNode fee) {
        if (!fee.hasNonNull("low") || !fee.hasNonNull("high")) {
            return "none: no audit fee configured on the server (tandem.audit.fee)";
        }
        return fee.path("currency").asString() + " " + money(fee.path("low").decimalValue()) + " to "
                + money(fee.path("high").decimalValue()) + " ("
                + percent(fee.path("lowShare").decimalValue())
                + " to " + percent(fee.path("highShare").decimalValue()) + " of the audit fee)";
    }

    private static String money(BigDecimal b) {
        return String.format(Locale.ROOT, "%,.2f", b);
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** The retest list: one row a retest item, its reason below it; then the counts and the fee. */
    static void retests(String incident, JsonNode answer, PrintWriter out) {
        JsonNode retests = answer.path("retests");
        if (retests.isEmpty()) {
            out.println("nothing to retest in incident " + incident);
            out.println("fee estimate: " + fee(answer.path("fee")));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CONTROL", "ITEM", "TESTED ON", "TESTER", "CHANGE", "EXECUTED", "RETEST"));
        Set<String> tests = new HashSet<>();
        Set<String> changes = new HashSet<>();
        int outstanding = 0;
        for (JsonNode r : retests) {
            boolean done = r.hasNonNull("closedOn");
            rows.add(List.of(
                    r.path("control").asString(),
                    r.path("configItem").asString(),
                    r.path("testedOn").asString(),
                    r.path("tester").asString(),
                    r.path("change").asString(),
                    r.path("executedAt").asString(),
                    done
                            ? "done: tested " + r.path("closedOn").asString() + " by "
                                    + r.path("closedBy").asString("")
                            : "outstanding"));
            if (!done) {
                outstanding++;
                tests.add(r.path("control").asString() + "\n"
                        + r.path("configItem").asString() + "\n"
                        + r.path("testedOn").asString() + "\n"
                        + r.path("tester").asString());
                changes.add(r.path("change").asString());
            }
        }
        List<String> lines = table(rows);
        out.println(lines.getFirst());
        for (int i = 0; i < retests.size(); i++) {
            out.println(lines.get(i + 1));
            out.println("    " + retests.get(i).path("reason").asString());
        }
        int done = retests.size() - outstanding;
        out.println(outstanding + (outstanding == 1 ? " retest item" : " retest items") + " outstanding ("
                + tests.size() + (tests.size() == 1 ? " control test, " : " control tests, ") + changes.size()
                + (changes.size() == 1 ? " change)" : " changes)") + (done == 0 ? "" : ", " + done + " done"));
        out.println("fee estimate: " + fee(answer.path("fee")));
    }

    /** The observation period, or that none is set. */
    static void period(String incident, JsonNode p, PrintWriter out) {
        if (!p.hasNonNull("start")) {
            out.println("no observation period set for incident " + incident + " (set it with --set START END)");
            return;
        }
        out.println("observation period " + p.path("start").asString() + " to "
                + p.path("end").asString() + ", set " + p.path("setAt").asString() + " by "
                + p.path("setBy").asString() + entry(p, "ledgerIndex"));
    }

    /** The incident's control test register, one row a test. */
    static void register(String incident, JsonNode tests, PrintWriter out) {
        if (tests.isEmpty()) {
            out.println("no control test register imported for incident " + incident);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CONTROL", "ITEM", "TESTED ON", "TESTER", "SAMPLE"));
        List<String> withheld = new ArrayList<>();
        for (JsonNode t : tests) {
            if (t.has("withheld")) {
                // a register counsel pulled back to FORENSIC, whose item the caller may not read
                int n = t.path("withheld").asInt();
                withheld.add("register " + t.path("evidence").asString() + " pulled back to FORENSIC"
                        + entry(t, "pulledBack") + ": " + n + (n == 1 ? " test" : " tests") + " withheld");
                continue;
            }
            rows.add(List.of(
                    t.path("control").asString(),
                    t.path("configItem").asString(),
                    t.path("testedOn").asString(),
                    t.path("tester").asString(),
                    t.path("sample").asString()));
        }
        int shown = rows.size() - 1;
        if (shown > 0) {
            table(rows).forEach(out::println);
        }
        out.println(shown + (shown == 1 ? " control test" : " control tests"));
        withheld.forEach(out::println);
    }

    /** What an import of the register recorded. */
    static void imported(JsonNode r, PrintWriter out) {
        out.println("imported " + r.path("imported").asInt() + " rows into the register, "
                + r.path("skipped").asInt() + " already there; the file is AUDIT evidence "
                + r.path("evidence").asString() + " (SHA-256 "
                + r.path("sha256").asString() + ")"
                + entry(r, "ledgerIndex"));
    }

    private static String entry(JsonNode n, String field) {
        return n.hasNonNull(field) ? " (ledger entry #" + n.path(field).asLong() + ")" : "";
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value.isBlank()) return;
        out.println("  " + pad(label, LABEL) + value);
    }

    private static void rows(PrintWriter out, String label, List<String> values) {
        for (int i = 0; i < values.size(); i++) row(out, i == 0 ? label : "", values.get(i));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) out.add(v.asString());
        return out;
    }
}
