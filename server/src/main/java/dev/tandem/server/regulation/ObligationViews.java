package dev.tandem.server.regulation;

import dev.tandem.regulation.Judgement;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Role;
import dev.tandem.server.incident.Incident;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Obligations and judgements as a caller may see them: one place for the API
 * ({@code GET /api/v1/incidents/{id}/obligations}, docs/obligations-api.md) and the web pages, so
 * that a page never shows a field the API would withhold from the same person (docs/access.md).
 */
@Component
public class ObligationViews {
    static final String DISCLAIMER = "Not legal advice: a starting list for counsel to review.";

    /** The fields of an obligation the auditor reads: what is owed, to whom, by when, and its status. */
    static final List<String> AUDITOR_FIELDS = List.of(
            "regime",
            "jurisdiction",
            "recipient",
            "due",
            "dueText",
            "ruleZone",
            "dueRuleLocal",
            "citation",
            "id",
            "status",
            "requirement",
            "missed",
            "sentAt",
            "late");

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Obligations obligations;
    private final ScopeChecks scopeChecks;
    private final Clock clock;
    private final JsonMapper json;

    ObligationViews(Obligations obligations, ScopeChecks scopeChecks, Clock clock, JsonMapper json) {
        this.obligations = obligations;
        this.scopeChecks = scopeChecks;
        this.clock = clock;
        this.json = json;
    }

    /**
     * The incident's obligations as the caller may see them: the auditor sees each obligation's
     * status and deadline only, and not the scope they were computed from ({@link #forCaller}).
     */
    public ObjectNode list(Access access, String id) {
        Incident incident = obligations.incident(id);
        Instant now = clock.instant();
        ObjectNode root = json.createObjectNode();
        ArrayNode owed = root.putArray("obligations");
        ArrayNode setAside = root.putArray("notRequired");
        ArrayNode superseded = root.putArray("superseded");
        var stored = obligations.scopeOf(id);
        boolean countsWithheld = stored.map(s -> withheld(s, access)).orElse(false);
        // counsel's determination is privileged (incident.facts-set): a deadline counted from it
        // would give the auditor its date (30 days after, to the day)
        boolean auditor = access.caller().has(Role.AUDITOR);
        List<StoredObligation> all = obligations.ofIncident(id);
        Set<String> open = openReasons(id);
        for (StoredObligation o : auditor ? withheldLast(all) : all) {
            ObjectNode v = forCaller(obligations.render().view(o, incident.timeZone(), now), access, open);
            if (auditor && o.dueWithheld()) withholdDeadline(v);
            countsFor(o, v, countsWithheld, access);
            switch (o.placement()) {
                case OWED -> owed.add(v);
                case SET_ASIDE -> setAside.add(v);
                case SUPERSEDED -> superseded.add(v);
            }
        }
        var scope = stored.filter(s -> !countsWithheld);
        if (scope.isEmpty()) {
            root.putNull("scope");
        } else {
            root.set("scope", obligations.scopeJson(scope.get().scope()));
        }
        root.put("scopeWithheld", countsWithheld);
        // the scope against the findings and scans the caller may read (never the auditor's: it states the scope)
        ArrayNode checks = root.putArray("scopeChecks");
        if (scope.isPresent() && !auditor) {
            for (ScopeCheck.Warning w : scopeChecks.of(id, access)) {
                ObjectNode c = checks.addObject().put("check", w.check()).put("message", w.message());
                w.findings().forEach(c.putArray("findings")::add);
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        var last = obligations.lastComputation(id);
        // the engine's warnings quote counts per jurisdiction: withheld with the scope
        if (!countsWithheld) last.ifPresent(l -> l.warnings().forEach(warnings::add));
        if (dev.tandem.regulation.IncidentScope.fixedOffset(incident.timeZone())) {
            warnings.add("the incident's time zone " + incident.timeZone().getId() + " is a fixed offset, not a"
                    + " place's time zone: dueLocal and reminders show deadlines in it whatever the date, so a"
                    + " deadline after a change of summer time reads at another clock time than the law's (a"
                    + " day's end, 23:59:59, can read 22:59:59); the instant (due) is the same. Open incidents"
                    + " with an IANA zone such as America/New_York");
        }
        // the laws checked where nothing is owed, and why (tandem deadlines' notTriggered): they name
        // the scope's jurisdictions and quote its counts, so they are withheld with it, and from the auditor
        // (as the last computation found them, with the obligations: ADR 112)
        ArrayNode notTriggered = root.putArray("notTriggered");
        if (!countsWithheld && !auditor && scope.isPresent()) {
            var kept = obligations.notTriggered(id);
            if (kept.isEmpty()) {
                warnings.add("the laws checked and not triggered were not kept with the last computation (made"
                        + " under rule book " + last.map(l -> l.rulesVersion()).orElse("?") + ", before they"
                        + " were kept), and this server's rule book is another: the next computation (a change"
                        + " of scope, facts, judgement or awareness) lists them");
            }
            for (var n : kept.orElse(List.of())) {
                notTriggered
                        .addObject()
                        .put("jurisdiction", n.jurisdiction())
                        .put("regime", n.regime())
                        .put("citation", n.citation())
                        .put("reason", n.reason());
            }
        }
        root.put("asOf", now.toString());
        root.put("computedAt", last.map(l -> l.computedAt().toString()).orElse(null));
        root.put("rulesVersion", last.map(l -> l.rulesVersion()).orElse(null));
        root.put("timeZone", incident.timeZone().getId());
        root.put(
                "command",
                scope.map(s -> command(incident, s.scope(), obligations.latestJudgements(id)))
                        .orElse(null));
        root.set("facts", facts(id));
        root.put("disclaimer", DISCLAIMER);
        if (access.caller().has(Role.AUDITOR)) {
            // who was affected, where, how, and the engine's reasoning are not the auditor's to read
            root.remove(List.of("scope", "command", "warnings", "notTriggered", "facts", "scopeChecks"));
        }
        return root;
    }

    /**
     * The obligations in the order the auditor reads them: those whose deadline is withheld
     * ({@link StoredObligation#dueWithheld}) after all the others, among themselves by jurisdiction,
     * recipient and rule. The stored order is by deadline: a withheld row between two public ones
     * would tell its date to within their span, and with it counsel's determination (a Texas notice
     * due 60 days after it, between deadlines a day apart, gives the day).
     */
    static List<StoredObligation> withheldLast(List<StoredObligation> stored) {
        List<StoredObligation> out = new java.util.ArrayList<>(stored.size());
        List<StoredObligation> withheld = new java.util.ArrayList<>();
        for (StoredObligation o : stored) {
            (o.dueWithheld() ? withheld : out).add(o);
        }
        withheld.sort(java.util.Comparator.comparing(StoredObligation::jurisdiction)
                .thenComparing(StoredObligation::recipient)
                .thenComparing(StoredObligation::ruleId)
                .thenComparing(StoredObligation::id));
        out.addAll(withheld);
        return out;
    }

    /** The auditor's view of an obligation whose deadline runs from something privileged ({@link StoredObligation#dueWithheld}). */
    static void withholdDeadline(ObjectNode v) {
        v.putNull("due");
        v.putNull("dueRuleLocal");
        v.putNull("missed");
        v.putNull("late");
        v.put(
                "dueText",
                v.path("dueText").asString("")
                        + " (the date is withheld: it runs from counsel's privileged determination of the breach"
                        + " or from a privileged judgement's decision)");
    }

    /**
     * The incident's facts that move legal clocks, as {@code GET /api/v1/incidents/{id}/facts}
     * answers them: {@code set} false, and the defaults, until someone sets them.
     */
    public ObjectNode facts(String id) {
        var stored = obligations.factsOf(id);
        IncidentFacts f = stored.map(Obligations.StoredFacts::facts).orElse(IncidentFacts.NONE);
        ObjectNode n = json.createObjectNode();
        n.put("determinedAt", f.determinedAt() == null ? null : f.determinedAt().toString());
        n.put("unauthorizedAccess", f.unauthorizedAccess());
        n.put("set", stored.isPresent());
        n.put("updatedAt", stored.map(s -> s.updatedAt().toString()).orElse(null));
        n.put("updatedBy", stored.map(Obligations.StoredFacts::updatedBy).orElse(null));
        n.put("ledgerIndex", stored.map(Obligations.StoredFacts::ledgerIndex).orElse(null));
        return n;
    }

    /** One obligation as the caller may see it, with its incident. */
    public ObjectNode one(Access access, String obligationId) {
        StoredObligation o = obligations.obligation(obligationId);
        ObjectNode v = forCaller(view(o), access, openReasons(o.incidentId()));
        if (access.caller().has(Role.AUDITOR) && o.dueWithheld()) {
            withholdDeadline(v);
        }
        countsFor(o, v, withheld(obligations, o.incidentId(), access), access);
        return v;
    }

    /**
     * The scope's counts in an obligation's basis, left out where the caller may not read them: the
     * scope is withheld from them, or the obligation is superseded (its basis tells the scope it was
     * computed from, which may have rested on FORENSIC evidence) and they do not read every scope.
     */
    private static void countsFor(StoredObligation o, ObjectNode v, boolean scopeWithheld, Access access) {
        if (scopeWithheld
                || (o.placement() == StoredObligation.Placement.SUPERSEDED
                        && !access.caller().privileged())) {
            withoutCounts(v);
        }
    }

    /** "53 affected in any country": a count of the scope, withheld with it ("people affected in …"). */
    private static final java.util.regex.Pattern COUNT =
            java.util.regex.Pattern.compile("\\b\\d[\\d,]*(?= affected\\b)");

    /** The obligation's basis without the scope's counts, for a caller the scope is withheld from. */
    static void withoutCounts(ObjectNode v) {
        if (v.path("basis").isString()) {
            v.put("basis", COUNT.matcher(v.path("basis").asString()).replaceAll("people"));
        }
    }

    /** An obligation in full (for those who may change it: the commander and LEGAL), with its incident. */
    ObjectNode view(StoredObligation o) {
        Incident incident = obligations.incident(o.incidentId());
        ObjectNode v = obligations.render().view(o, incident.timeZone(), clock.instant());
        v.put("incident", o.incidentId());
        return v;
    }

    /**
     * Judgements; a privileged reason (the default) is counsel's and the commander's to read, one
     * recorded as not privileged is read by every caller of the list, as the public
     * {@code judgement.recorded} entry carries it in clear to every member (docs/access.md).
     */
    public ObjectNode judgements(Access access, String id) {
        obligations.incident(id);
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("judgements");
        for (Obligations.RecordedJudgement recorded : obligations.recordedJudgements(id)) {
            Judgement j = recorded.judgement();
            list.addObject()
                    .put("question", j.question())
                    .put("answer", j.answer().name())
                    // an answer that sets a notice aside is counsel's decision, shown as such
                    .put("setsAside", obligations.setsAside(j.question(), j.answer()))
                    .put("reason", access.caller().privileged() || !recorded.reasonPrivileged() ? j.reason() : null)
                    .put("decidedBy", j.decidedBy())
                    .put("decidedAt", j.decidedAt().toString());
        }
        return root;
    }

    /** The same view as plain maps and lists, for templates: a field the caller may not see is absent. */
    public Map<String, Object> asMap(ObjectNode view) {
        return json.convertValue(view, MAP);
    }

    /**
     * A scope derived from FORENSIC evidence is privileged (ADR 062): its counts per jurisdiction are
     * shown to LEGAL and the incident commander only, until a person sets the scope anew.
     */
    static boolean withheld(Obligations.StoredScope stored, Access access) {
        return stored.restsOnForensic() && !access.caller().privileged();
    }

    /** Whether the incident's current scope is withheld from the caller (false without a scope). */
    static boolean withheld(Obligations obligations, String incidentId, Access access) {
        return obligations.scopeOf(incidentId).map(s -> withheld(s, access)).orElse(false);
    }

    /**
     * An obligation's view for the caller: in full for the incident commander and LEGAL; without the
     * justification (counsel's reasoning) for responders and the audit liaison; status and deadline
     * only for the auditor.
     */
    static ObjectNode forCaller(ObjectNode v, Access access, Set<String> openReasons) {
        if (access.caller().privileged()) {
            return v;
        }
        if (access.caller().has(Role.AUDITOR)) {
            v.retain(AUDITOR_FIELDS);
            return v;
        }
        v.putNull("justification");
        // the judgement that decides the question: its reason is counsel's, as on /judgements, and
        // the basis quotes it when the judgement sets the obligation aside
        if (v.path("question").isObject() && v.path("question").has("reason")) {
            ObjectNode q = (ObjectNode) v.get("question");
            String reason = q.path("reason").isString() ? q.path("reason").asString() : null;
            if (reason != null && openReasons.contains(openReason(q.path("key").asString(), reason))) {
                // recorded as not privileged: in clear in the public judgement.recorded entry
                return v;
            }
            q.putNull("reason");
            if (reason != null && !reason.isEmpty() && v.path("basis").isString()) {
                v.put("basis", withoutReason(v.path("basis").asString(), reason));
            }
        }
        return v;
    }

    /**
     * The reasons, each with its question, that a judgement of the incident recorded as not
     * privileged: the public {@code judgement.recorded} entry carries them in clear to every member.
     */
    private Set<String> openReasons(String incidentId) {
        Set<String> open = new java.util.HashSet<>();
        for (Obligations.RecordedJudgement r : obligations.recordedJudgements(incidentId)) {
            if (!r.reasonPrivileged()) {
                open.add(openReason(r.judgement().question(), r.judgement().reason()));
            }
        }
        return open;
    }

    private static String openReason(String question, String reason) {
        return question + "\n" + reason;
    }

    /** The basis with the judgement's reason, which the engine quotes in parentheses, left out. */
    static String withoutReason(String basis, String reason) {
        return basis.replace(" (" + reason + ")", " (reason withheld: counsel's)");
    }

    /**
     * The {@code tandem deadlines} command that gives the same contract fields, or null when the CLI
     * cannot express the configuration (card-merchant set against what the data suggest, or no
     * affected people).
     */
    @Nullable
    String command(Incident incident, Scope scope, List<Judgement> judgements) {
        Company c = obligations.company();
        if (incident.awareAt() == null || scope.subjects().counts().isEmpty()) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(
                "tandem deadlines", "--aware", incident.awareAt().toString(), "--subjects", scope.subjectsSpec()));
        if (!scope.data().isEmpty()) {
            args.addAll(List.of("--data", String.join(",", scope.dataNames())));
        }
        if (!c.established().isEmpty()) {
            args.addAll(List.of("--established", String.join(",", c.established())));
        }
        Company.Regulated r = c.regulated();
        Map<String, Boolean> flags = new LinkedHashMap<>();
        flags.put("--sec-registrant", c.secRegistrant());
        flags.put("--processor", c.processor());
        flags.put("--online-marketplace", c.onlineMarketplace());
        flags.put("--hipaa-covered-entity", r.hipaaCoveredEntity());
        flags.put("--hipaa-business-associate", r.hipaaBusinessAssociate());
        flags.put("--financial-institution", r.financialInstitution());
        flags.put("--nydfs-covered", r.nydfsCovered());
        flags.put("--smaller-reporting-company", r.smallerReportingCompany());
        flags.forEach((flag, set) -> {
            if (set) {
                args.add(flag);
            }
        });
        // the CLI infers a card merchant from card data in the scope; the configuration may say otherwise
        boolean merchant = c.cardMerchantFor(scope);
        if (merchant != scope.data().contains(dev.tandem.regulation.DataCategory.PAYMENT_CARD)) {
            args.add(merchant ? "--card-merchant" : "--no-card-merchant");
        }
        if (r.euRepresentative() != null) {
            args.addAll(List.of("--eu-representative", r.euRepresentative()));
        }
        if (scope.encrypted()) {
            args.add("--encrypted");
        }
        IncidentFacts facts = obligations.incidentFacts(incident.id());
        if (facts.unauthorizedAccess()) {
            args.add("--unauthorized-access");
        }
        if (facts.determinedAt() != null) {
            args.addAll(List.of("--determined", facts.determinedAt().toString()));
        }
        Map<String, Instant> sent = obligations.noticesSent(incident.id());
        if (!sent.isEmpty()) {
            args.add("--sent");
            args.add(String.join(
                    ",",
                    sent.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList()));
        }
        var incomplete = obligations.incompleteNotices(incident.id());
        if (!incomplete.isEmpty()) {
            args.add("--incomplete");
            args.add(String.join(",", incomplete.keySet()));
        }
        if (!judgements.isEmpty()) {
            args.add("--decide");
            args.add(String.join(
                    ",",
                    judgements.stream()
                            .map(j -> j.question() + "=" + j.answer() + "@" + j.decidedAt())
                            .toList()));
        }
        args.addAll(List.of("--zone", incident.timeZone().getId(), "--format", "json"));
        return String.join(" ", args);
    }
}
