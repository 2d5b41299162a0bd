package dev.tandem.cli.deadlines;

import dev.tandem.regulation.Answer;
import dev.tandem.regulation.Assessment;
import dev.tandem.regulation.CompanyFacts;
import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.Elapsed;
import dev.tandem.regulation.IncidentScope;
import dev.tandem.regulation.InvalidScopeException;
import dev.tandem.regulation.Judgement;
import dev.tandem.regulation.Obligation;
import dev.tandem.regulation.ObligationEngine;
import dev.tandem.regulation.Rule;
import dev.tandem.regulation.RuleBook;
import dev.tandem.regulation.RuleBookException;
import dev.tandem.regulation.Subjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem deadlines} (docs/contracts.md §4): the notification obligations of an incident. Exit 0 when
 * no required deadline has passed at {@code --now}, 1 when one has (a missed deadline), 2 for bad
 * input or an unusable rule file.
 */
@Command(
        name = "deadlines",
        mixinStandardHelpOptions = true,
        description = {
            "Notification obligations of an incident, each with its deadline, recipient and citation.",
            "Not legal advice: a starting list for counsel to review."
        },
        exitCodeOnInvalidInput = 2,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no required deadline has passed at --now",
            "1:a required deadline has passed (MISSED)",
            "2:usage error, bad input or an unusable rule file"
        })
public final class DeadlinesCommand implements Callable<Integer> {
    static final String DISCLAIMER = "Not legal advice: a starting list for counsel to review.";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    /** The jurisdiction, with the lead supervisory authority's member state where the one-stop shop names one. */
    private static String where(Obligation o) {
        return o.leadAuthority() == null
                ? o.jurisdiction()
                : o.jurisdiction() + " (lead authority: " + o.leadAuthority() + ")";
    }

    private static String local(Instant due, ZoneId zone, boolean nameZone) {
        return LOCAL.format(due.atZone(zone)) + (nameZone ? " " + zone.getId() : "");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--aware",
            required = true,
            paramLabel = "T",
            description = "When the company became aware, RFC 3339 with an offset, e.g. 2026-11-26T10:00:00+01:00.")
    String aware = "";

    @Option(
            names = "--subjects",
            required = true,
            paramLabel = "CC=N,...",
            description = "Affected people by ISO 3166 code: DE=1200,US-CA=800; ZZ counts people of no known country"
                    + " (tandem scan prints this argument).")
    String subjects = "";

    @Option(
            names = "--data",
            split = ",",
            paramLabel = "CAT",
            description = "Data categories, comma-separated: CONTACT, PAYMENT_CARD, GOVERNMENT_ID, CREDENTIALS,"
                    + " HEALTH, FINANCIAL_ACCOUNT, DATE_OF_BIRTH, BIOMETRIC.")
    List<String> data = new ArrayList<>();

    @Option(
            names = "--established",
            paramLabel = "CC",
            split = ",",
            description = "Countries with an establishment (first EU one is the main).")
    List<String> established = new ArrayList<>();

    @Option(names = "--sec-registrant", description = "The company is listed in the US (Form 8-K).")
    boolean secRegistrant;

    @Option(names = "--processor", description = "The company processes the data for a controller.")
    boolean processor;

    @Option(names = "--online-marketplace", description = "The company provides an online marketplace (NIS2).")
    boolean onlineMarketplace;

    @Option(names = "--hipaa-covered-entity", description = "The company is a HIPAA covered entity (45 CFR 160.103).")
    boolean hipaaCoveredEntity;

    @Option(
            names = "--hipaa-business-associate",
            description = "The company is a HIPAA business associate (45 CFR 160.103).")
    boolean hipaaBusinessAssociate;

    @Option(
            names = "--financial-institution",
            description = "The company is a financial institution under the Gramm-Leach-Bliley Act"
                    + " (FTC Safeguards Rule, SEC Regulation S-P).")
    boolean financialInstitution;

    @Option(
            names = "--nydfs-covered",
            description = "The company is regulated by the New York Department of Financial Services (23 NYCRR 500).")
    boolean nydfsCovered;

    @Option(
            names = "--unauthorized-access",
            description = "The incident was caused by an outsider's unauthorized access (hacking, ransomware):"
                    + " reportable whatever its size in Japan and Korea.")
    boolean unauthorizedAccess;

    @Option(
            names = "--card-merchant",
            negatable = true,
            description =
                    "The company accepts payment cards (the card brands' and acquirer's rules); --no-card-merchant"
                            + " for a company that does not (default: a card merchant when --data has PAYMENT_CARD).")
    @Nullable
    Boolean cardMerchant;

    @Option(
            names = "--smaller-reporting-company",
            description = "The SEC registrant is a smaller reporting company (Item 1.05 from 2024-06-15).")
    boolean smallerReportingCompany;

    @Option(
            names = "--eu-representative",
            paramLabel = "CC",
            description =
                    "Member state of the representative of a company without an EU establishment (NIS2 Art. 26(3)).")
    @Nullable
    String euRepresentative;

    @Option(
            names = "--determined",
            paramLabel = "T",
            description = "When the company determined (or confirmed) that a breach occurred, RFC 3339; for the laws"
                    + " whose clock runs from that (default: --aware, the safe date).")
    @Nullable
    String determined;

    @Option(
            names = "--sent",
            split = ",",
            paramLabel = "RULE=T",
            description = "A notice already sent, by rule id without version, e.g."
                    + " us-ca-individuals=2026-01-20T12:00-08:00; starts the clocks that run from it.")
    List<String> sent = new ArrayList<>();

    @Option(
            names = "--incomplete",
            split = ",",
            paramLabel = "RULE",
            description = "Of the notices given with --sent, one sent with gaps (GDPR and UK GDPR Art. 33(4): the"
                    + " information may follow in phases), by rule id without version, e.g. eu-gdpr-33-sa;"
                    + " the rules owed for its missing information are listed, with the time since it was sent.")
    List<String> incomplete = new ArrayList<>();

    @Option(
            names = "--encrypted",
            description = "The data were encrypted and the key was not compromised (safe harbours).")
    boolean encrypted;

    @Option(
            names = "--decide",
            split = ",",
            paramLabel = "QUESTION=YES|NO@T",
            description = "A judgement with the time it was made, e.g. MATERIAL=YES@2026-11-09T16:00-05:00.")
    List<String> decisions = new ArrayList<>();

    @Option(
            names = "--now",
            paramLabel = "T",
            description = "The moment to check deadlines against, RFC 3339 (default: the current time).")
    @Nullable
    String now;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "Time zone to show every deadline in, e.g. Europe/Berlin (default: each rule's own zone;"
                    + " in JSON, dueLocal in the offset of --aware).")
    @Nullable
    String zone;

    @Option(names = "--rules", paramLabel = "FILE", description = "A rule file to use instead of the built-in one.")
    @Nullable
    Path rules;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
    String format = "text";

    private final Clock clock;

    public DeadlinesCommand() {
        this(Clock.systemUTC());
    }

    DeadlinesCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new InvalidScopeException("unknown --format '" + format + "' (text or json)");
            }
            OffsetDateTime awareAt = instant(aware, "--aware");
            Instant asOf = now == null ? clock.instant() : instant(now, "--now").toInstant();
            ZoneId shown = zone == null ? awareAt.getOffset() : zone(zone);
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            for (String d : data) {
                categories.add(DataCategory.parse(d));
            }
            List<String> est = new ArrayList<>();
            established.forEach(e -> est.add(e.strip().toUpperCase(Locale.ROOT)));
            // Unless told, a company whose breach involves card data handles cards: the card-brand rules apply.
            var facts = new CompanyFacts(
                    est,
                    secRegistrant,
                    processor,
                    cardMerchant != null ? cardMerchant : categories.contains(DataCategory.PAYMENT_CARD),
                    onlineMarketplace,
                    encrypted,
                    hipaaCoveredEntity,
                    hipaaBusinessAssociate,
                    financialInstitution,
                    nydfsCovered,
                    unauthorizedAccess,
                    smallerReportingCompany,
                    euRepresentative == null ? null : euRepresentative.strip().toUpperCase(Locale.ROOT));
            Instant determinedAt = determined == null
                    ? null
                    : instant(determined, "--determined").toInstant();
            Map<String, Instant> notices = new LinkedHashMap<>();
            for (String n : sent) {
                int eq = n.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidScopeException("--sent '" + n + "' is not RULE=TIME");
                }
                notices.put(
                        n.substring(0, eq).strip(),
                        instant(n.substring(eq + 1), "--sent " + n.substring(0, eq))
                                .toInstant());
            }
            RuleBook book = rules == null ? RuleBook.standard() : load(rules);
            List<Judgement> judgements = new ArrayList<>();
            for (String d : decisions) {
                judgements.add(judgement(d, book.questions().keySet()));
            }
            // nobody decides on, or sends a notice of, a breach before being aware of it: a typo in a date
            for (var n : notices.entrySet()) {
                if (n.getValue().isBefore(awareAt.toInstant())) {
                    throw new InvalidScopeException(
                            "--sent " + n.getKey() + ": " + n.getValue() + " is before --aware " + awareAt.toInstant());
                }
            }
            for (Judgement j : judgements) {
                if (j.decidedAt().isBefore(awareAt.toInstant())) {
                    throw new InvalidScopeException("--decide " + j.question() + ": " + j.decidedAt()
                            + " is before --aware " + awareAt.toInstant());
                }
            }
            for (String rule : notices.keySet()) {
                if (book.rules().stream().noneMatch(r -> r.id().equals(rule) || r.id().startsWith(rule + "@"))) {
                    throw new InvalidScopeException(
                            "--sent: no rule '" + rule + "' (give a rule id without its @version)");
                }
            }
            Map<String, IncidentScope.IncompleteNotice> gaps = new LinkedHashMap<>();
            for (String rule : incomplete) {
                String r = rule.strip();
                if (!notices.containsKey(r)) {
                    throw new InvalidScopeException("--incomplete " + r + ": give the time that notice was sent with"
                            + " --sent " + r + "=T (an incomplete notice is one that was sent)");
                }
                gaps.put(r, new IncidentScope.IncompleteNotice(null, List.of()));
            }
            var scope = new IncidentScope(
                    awareAt.toInstant(),
                    Subjects.parse(subjects),
                    categories,
                    facts,
                    shown,
                    determinedAt,
                    notices,
                    gaps);
            Assessment a =
                    new ObligationEngine(book, Clock.fixed(asOf, java.time.ZoneOffset.UTC)).evaluate(scope, judgements);
            // a notice of a rule that puts no duty on this incident counts for nothing: say so rather
            // than let a wrong rule id pass as recorded
            for (String rule : notices.keySet()) {
                boolean listed = java.util.stream.Stream.concat(a.obligations().stream(), a.notRequired().stream())
                        .anyMatch(o -> RuleBook.family(o.ruleId()).equals(rule));
                if (!listed) {
                    err.println("tandem deadlines: warning: --sent " + rule
                            + ": that rule puts no duty on this incident (it is not among the deadlines), so the"
                            + " notice counts for nothing here; check the rule id and the scope");
                }
            }
            err.flush();
            String fixed = fixedOffsetWarning(shown, zone != null, format.equals("json"));
            if (fixed != null) {
                List<String> warnings = new ArrayList<>(a.warnings());
                warnings.add(fixed);
                a = new Assessment(
                        a.asOf(),
                        a.scope(),
                        a.obligations(),
                        a.notRequired(),
                        warnings,
                        a.rulesVersion(),
                        a.disclaimer(),
                        a.notTriggered());
            }
            if (format.equals("json")) {
                out.println(json(a));
            } else {
                text(a, out, zone == null ? ruleZones(book) : Map.of(), book);
            }
            out.flush();
            return a.missed().isEmpty() ? 0 : 1;
        } catch (InvalidScopeException | RuleBookException e) {
            err.println("tandem deadlines: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /**
     * Local times shown in a fixed offset (a {@code --zone} such as {@code -05:00}, or, for the JSON's
     * {@code dueLocal} without {@code --zone}, the offset of {@code --aware}) keep that offset across a
     * change of summer time: said in a warning, null when they do not (a zone, or UTC). Without
     * {@code --zone} the text shows each rule's own zone, so only the JSON is concerned.
     */
    static @Nullable String fixedOffsetWarning(ZoneId shown, boolean zoneGiven, boolean json) {
        if (!IncidentScope.fixedOffset(shown) || !zoneGiven && !json) {
            return null;
        }
        String what = zoneGiven
                ? "--zone " + shown.getId() + " is a fixed offset, not a place's time zone: times are shown"
                : "dueLocal is in the fixed offset " + shown.getId() + " of --aware, not in a time zone:"
                        + " dueLocal is shown";
        return what + " in " + shown.getId() + " whatever the date, so a deadline after a change of summer time"
                + " reads at another clock time than the law's (a day's end, 23:59:59, can read 22:59:59);"
                + " the instant (due) is the same. Give --zone with an IANA zone (e.g. America/New_York) for"
                + " local times by that zone's rules";
    }

    private static RuleBook load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return RuleBook.load(in, file.toString());
        } catch (IOException e) {
            throw new RuleBookException("--rules " + file + ": cannot read the rule file ("
                    + dev.tandem.cli.FileProblems.why(file, e) + ")");
        }
    }

    /** RFC 3339 needs an offset; a local time would be read in some unknown zone, so it is refused. */
    static OffsetDateTime instant(String value, String option) {
        try {
            return OffsetDateTime.parse(value.strip().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            try {
                java.time.LocalDateTime.parse(value.strip());
                throw new InvalidScopeException(option + " '" + value + "' has no UTC offset; write e.g. "
                        + value.strip() + "Z or " + value.strip() + "+02:00");
            } catch (DateTimeParseException notLocal) {
                throw new InvalidScopeException(
                        option + " '" + value + "' is not an RFC 3339 date-time (e.g. 2026-10-23T10:00:00+02:00)");
            }
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidScopeException("unknown --zone '" + id + "' (an IANA zone such as Europe/Berlin)");
        }
    }

    /** One {@code --decide QUESTION=YES|NO@TIME}; a malformed one is refused with an example and the questions. */
    private static Judgement judgement(String spec, java.util.Set<String> questions) {
        int eq = spec.indexOf('=');
        int at = spec.indexOf('@');
        if (eq <= 0 || at < eq) {
            String given = eq > 0 ? spec.substring(0, eq).strip().toUpperCase(Locale.ROOT) : "";
            String example = questions.contains(given)
                    ? given
                    : questions.isEmpty() ? "RISK" : questions.iterator().next();
            throw new InvalidScopeException("--decide '" + spec + "' is not QUESTION=YES|NO@TIME (e.g. " + example
                    + "=YES@2026-12-05T12:00:00Z)"
                    + (questions.isEmpty() ? "" : "; questions: " + String.join(", ", questions)));
        }
        String q = spec.substring(0, eq).strip().toUpperCase(Locale.ROOT);
        String ans = spec.substring(eq + 1, at).strip().toUpperCase(Locale.ROOT);
        Answer answer;
        try {
            answer = Answer.valueOf(ans);
        } catch (IllegalArgumentException e) {
            throw new InvalidScopeException("--decide '" + spec + "': answer '" + ans + "' is not YES or NO");
        }
        return new Judgement(
                q,
                answer,
                "command line",
                instant(spec.substring(at + 1), "--decide " + q).toInstant(),
                "given with --decide");
    }

    static String json(Assessment a) {
        var mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("obligations");
        a.obligations().forEach(o -> list.add(obligation(mapper, o, a)));
        ArrayNode notRequired = root.putArray("notRequired");
        a.notRequired().forEach(o -> notRequired.add(obligation(mapper, o, a)));
        ArrayNode warnings = root.putArray("warnings");
        a.warnings().forEach(warnings::add);
        // the laws checked for the people of a jurisdiction where nothing is owed, and why (additive)
        ArrayNode notTriggered = root.putArray("notTriggered");
        a.notTriggered()
                .forEach(n -> notTriggered
                        .addObject()
                        .put("jurisdiction", n.jurisdiction())
                        .put("regime", n.regime())
                        .put("citation", n.citation())
                        .put("reason", n.reason()));
        root.put("asOf", a.asOf().toString());
        root.put("rulesVersion", a.rulesVersion());
        root.put("disclaimer", DISCLAIMER);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static ObjectNode obligation(JsonMapper mapper, Obligation o, Assessment a) {
        ObjectNode n = mapper.createObjectNode();
        // The seven contract fields first, in the contract's order (docs/contracts.md §4).
        n.put("regime", o.regime());
        n.put("jurisdiction", o.jurisdiction());
        n.put("recipient", o.recipient().name());
        if (o.due() == null) {
            n.putNull("due");
        } else {
            n.put("due", o.due().toString());
        }
        n.put("dueText", o.dueText());
        n.put("citation", o.citation());
        n.put("confidence", o.confidence().name());
        if (o.leadAuthority() != null) {
            n.put("leadAuthority", o.leadAuthority());
        }
        n.put("status", o.status().name());
        n.put("urgent", o.urgent());
        if (o.due() == null) {
            n.putNull("dueLocal");
        } else {
            n.put(
                    "dueLocal",
                    o.due().atZone(a.scope().timeZone()).toOffsetDateTime().toString());
        }
        n.put("missed", a.isMissed(o));
        Instant sent = a.sentAt(o);
        if (sent != null) {
            n.put("sent", sent.toString());
        }
        Obligation.QuestionState.putInto(n, o.question());
        n.put("basis", o.basis());
        n.put("clock", o.clock());
        n.put("rule", o.ruleId());
        return n;
    }

    /** Each rule's own zone, where its days end (rule ids with their @version, as obligations carry them). */
    private static Map<String, ZoneId> ruleZones(RuleBook book) {
        Map<String, ZoneId> zones = new java.util.HashMap<>();
        for (var r : book.rules()) zones.put(r.id(), r.zone());
        return zones;
    }

    /**
     * @param ruleZones without --zone, each obligation's time is shown in its rule's zone (a fixed
     *     offset taken from --aware reads as the wrong day across a change of summer time)
     */
    /** An obligation owed for the information an incomplete notice left out (GDPR Art. 33(4)). */
    private static boolean inPhases(RuleBook book, Obligation o) {
        return book.rule(o.ruleId())
                .map(r -> r.deadline().from() == Rule.ClockStart.INCOMPLETE_NOTICE)
                .orElse(false);
    }

    private static void text(Assessment a, PrintWriter out, Map<String, ZoneId> ruleZones, RuleBook book) {
        out.println(DISCLAIMER.toUpperCase(Locale.ROOT));
        out.println("Obligations as of " + a.asOf() + " (rules " + a.rulesVersion() + "); times in "
                + (ruleZones.isEmpty()
                        ? a.scope().timeZone() + "."
                        : "each rule's own zone, where its days end (--zone shows them all in one)."));
        out.println();
        if (a.obligations().isEmpty()) {
            out.println("No notification obligations found for this scope"
                    + (a.notTriggered().isEmpty() ? "." : " (the laws checked are listed below)."));
        }
        for (Obligation o : a.obligations()) {
            ZoneId shownIn = ruleZones.getOrDefault(o.ruleId(), a.scope().timeZone());
            // the lead supervisory authority's days, not Brussels' (GDPR Art. 56(1))
            ZoneId lead = o.leadAuthority() == null ? null : RuleBook.capitalZone(o.leadAuthority());
            if (!ruleZones.isEmpty() && lead != null) {
                shownIn = lead;
            }
            String when = o.due() == null
                    ? (o.urgent() ? "now" : "no fixed time")
                    : local(o.due(), shownIn, !ruleZones.isEmpty()) + " (" + o.due() + ")";
            Instant sentAt = a.sentAt(o);
            // a sent notice shows when it was sent, then when it was due
            if (sentAt != null) {
                when = local(sentAt, shownIn, !ruleZones.isEmpty()) + " (" + sentAt + "), due " + when;
            }
            String flag = sentAt != null
                    ? "SENT " + (a.isMissed(o) ? "LATE " : "")
                    : (o.urgent() ? "URGENT " : "")
                            + (a.isMissed(o) ? "MISSED " : o.status() == Obligation.Status.CONDITIONAL ? "IF " : "");
            out.println(flag + when + "  " + where(o) + "  " + o.recipient() + "  " + o.regime());
            out.println("    " + o.dueText());
            out.println("    " + o.citation() + " [" + o.confidence() + "]");
            if (o.clockStart() != null && inPhases(book, o)) {
                // no deadline in the law (GDPR Art. 33(4)): how long since the incomplete notice, not a due date
                out.println("    no deadline: " + Elapsed.span(o.clockStart(), a.asOf())
                        + " since the notice was sent (" + o.clockStart() + ")");
            }
            if (o.status() == Obligation.Status.CONDITIONAL && o.question() != null) {
                out.println("    open question " + o.question().key() + ": "
                        + o.question().text());
            }
            out.println("    why: " + o.basis());
        }
        if (!a.notRequired().isEmpty()) {
            out.println();
            out.println("Not required:");
            for (Obligation o : a.notRequired()) {
                out.println("  " + where(o) + "  " + o.recipient() + "  " + o.regime() + ": " + o.basis());
            }
        }
        if (!a.notTriggered().isEmpty()) {
            out.println();
            out.println("Checked, not triggered:");
            a.notTriggered().forEach(n -> out.println("  " + n.text()));
        }
        if (!a.warnings().isEmpty()) {
            out.println();
            a.warnings().forEach(w -> out.println("warning: " + w));
        }
        int missed = a.missed().size();
        out.println();
        out.println("URGENT: owed now (immediately, without undue delay); IF: owed only if a person answers its"
                + " open question so (--decide); MISSED: a required deadline before " + a.asOf()
                + "; SENT: given with --sent, at the time shown first, then its due time (LATE: after its deadline).");
        out.println(missed == 0 ? "No required deadline has passed." : missed + " required deadline(s) missed.");
    }
}
