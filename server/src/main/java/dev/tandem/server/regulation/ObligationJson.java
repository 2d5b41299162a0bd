package dev.tandem.server.regulation;

import dev.tandem.regulation.Obligation;
import dev.tandem.regulation.Rule;
import dev.tandem.regulation.RuleBook;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of obligations: the seven contract fields of {@code tandem deadlines --format json}
 * first, in its order and with its value formats (docs/contracts.md §4), then the server's own fields.
 */
final class ObligationJson {
    private final JsonMapper json;
    private final RuleBook book;

    ObligationJson(JsonMapper json, RuleBook book) {
        this.json = json;
        this.book = book;
    }

    /**
     * The zone where an obligation's days end: its rule's (docs/regulation.md, Deadlines), or for the
     * GDPR's one-stop shop the lead authority's member state's; the incident's for a rule the book no
     * longer holds.
     */
    ZoneId ruleZone(String ruleId, @Nullable String leadAuthority, ZoneId incidentZone) {
        if (leadAuthority != null) {
            ZoneId lead = RuleBook.capitalZone(leadAuthority);
            if (lead != null) return lead;
        }
        return book.rule(ruleId).map(Rule::zone).orElse(incidentZone);
    }

    /** What the engine says beyond the contract fields, kept with the row (question as the CLI shows it). */
    String detail(Obligation o) {
        ObjectNode n = json.createObjectNode();
        Obligation.QuestionState.putInto(n, o.question());
        n.put("basis", o.basis());
        n.put("clock", o.clock());
        o.content().forEach(n.putArray("content")::add);
        n.put("notes", o.notes());
        if (o.leadAuthority() != null) {
            n.put("leadAuthority", o.leadAuthority());
        }
        // no deadline in the law (GDPR Art. 33(4)): when the incomplete notice went, to show the time since
        boolean phases = book.rule(o.ruleId())
                .map(r -> r.deadline().from() == Rule.ClockStart.INCOMPLETE_NOTICE)
                .orElse(false);
        if (phases && o.clockStart() != null) {
            n.put("since", o.clockStart().toString());
        }
        return json.writeValueAsString(n);
    }

    ObjectNode view(StoredObligation o, ZoneId zone, Instant now) {
        ObjectNode n = json.createObjectNode();
        // The contract fields, as the CLI writes them (docs/contracts.md §4).
        n.put("regime", o.regime());
        n.put("jurisdiction", o.jurisdiction());
        n.put("recipient", o.recipient());
        n.put("due", o.due() == null ? null : o.due().toString());
        n.put("dueText", o.dueText());
        n.put("citation", o.citation());
        n.put("confidence", o.confidence());
        JsonNode detail = json.readTree(o.detail());
        if (detail.hasNonNull("leadAuthority")) {
            n.put("leadAuthority", detail.path("leadAuthority").asString());
        }
        n.put("id", o.id());
        n.put("owner", o.owner());
        n.put("status", o.shownStatus());
        n.put("requirement", o.requirement());
        n.put(
                "dueLocal",
                o.due() == null ? null : o.due().atZone(zone).toOffsetDateTime().toString());
        ZoneId ruleZone = ruleZone(
                o.ruleId(),
                detail.hasNonNull("leadAuthority")
                        ? detail.path("leadAuthority").asString()
                        : null,
                zone);
        n.put("ruleZone", ruleZone.getId());
        n.put(
                "dueRuleLocal",
                o.due() == null
                        ? null
                        : o.due().atZone(ruleZone).toOffsetDateTime().toString());
        n.put("missed", missed(o, now));
        n.set("question", detail.path("question"));
        n.set("basis", detail.path("basis"));
        n.set("clock", detail.path("clock"));
        n.put("rule", o.ruleId());
        n.set("content", detail.path("content"));
        n.set("notes", detail.path("notes"));
        n.put("filingEvidence", o.filingEvidence());
        n.put("justification", o.justification());
        n.put(
                "statusChangedAt",
                o.statusChangedAt() == null ? null : o.statusChangedAt().toString());
        n.put("statusChangedBy", o.statusChangedBy());
        n.put("sentAt", o.sentAt() == null ? null : o.sentAt().toString());
        n.put("late", late(o));
        if (detail.hasNonNull("since")) {
            n.put("since", detail.path("since").asString());
        }
        return n;
    }

    /**
     * A notice filed after its deadline: sent ({@code sentAt}, or the filing time for filings recorded
     * before it was kept) after a fixed {@code due}. GDPR Art. 33(1) then asks for the reasons for the
     * delay.
     */
    static boolean late(StoredObligation o) {
        Instant sent = o.sentAt() != null ? o.sentAt() : o.statusChangedAt();
        return o.status() == Lifecycle.Status.FILED && o.due() != null && sent != null && sent.isAfter(o.due());
    }

    /** A required notice still pending whose fixed deadline has passed. */
    static boolean missed(StoredObligation o, Instant now) {
        return o.placement() == StoredObligation.Placement.OWED
                && o.status() == Lifecycle.Status.PENDING
                && o.requirement().equals(Obligation.Status.REQUIRED.name())
                && o.due() != null
                && now.isAfter(o.due());
    }
}
