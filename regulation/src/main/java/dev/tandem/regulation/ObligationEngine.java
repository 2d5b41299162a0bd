package dev.tandem.regulation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Computes the notices an incident owes: for every rule in force on the day of awareness (in the
 * rule's own zone) whose trigger the scope meets, an {@link Obligation} with its exact deadline.
 * Plain Java, no I/O: the CLI and the server call it with the same rule book and get the same list.
 */
public final class ObligationEngine {
    private static final String EEA = "EEA";

    private final RuleBook book;
    private final Clock clock;

    public ObligationEngine(RuleBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    public RuleBook ruleBook() {
        return book;
    }

    /**
     * As {@link #evaluate(IncidentScope, Collection)}, for a scope whose counts are a floor: several
     * scans' people, kept as the larger count of each jurisdiction because the same people may be in
     * several files. {@code atMost} counts them as if every scan held different people; each
     * obligation owed at those counts but not at the scope's is named in a warning, so a threshold
     * (Texas's 250 residents, say) that the files together may cross is never passed over in silence.
     */
    public Assessment evaluate(IncidentScope scope, Collection<Judgement> judgements, @Nullable Subjects atMost) {
        Assessment floor = evaluate(scope, judgements);
        if (atMost == null || atMost.counts().equals(scope.subjects().counts())) {
            return floor;
        }
        IncidentScope most = new IncidentScope(
                scope.awareAt(),
                atMost,
                scope.categories(),
                scope.facts(),
                scope.timeZone(),
                scope.determinedAt(),
                scope.noticesSent(),
                scope.incompleteNotices());
        java.util.Set<String> owed = new java.util.HashSet<>();
        floor.obligations().forEach(o -> owed.add(o.ruleId() + " " + o.jurisdiction()));
        List<String> warnings = new ArrayList<>(floor.warnings());
        for (Obligation o : evaluate(most, judgements).obligations()) {
            if (owed.contains(o.ruleId() + " " + o.jurisdiction())) continue;
            warnings.add(o.ruleId() + " (" + o.jurisdiction() + ", " + o.recipient() + ") would be owed if the scanned"
                    + " files hold different people: the scope keeps each scan's larger count per jurisdiction ("
                    + scope.subjects() + "), the scans together count up to " + atMost
                    + "; once you know, set the scope to the true count");
        }
        return new Assessment(
                floor.asOf(),
                floor.scope(),
                floor.obligations(),
                floor.notRequired(),
                warnings,
                floor.rulesVersion(),
                floor.disclaimer(),
                floor.notTriggered());
    }

    /**
     * @param judgements decisions on the rule file's questions; for one question the latest decision
     *     counts (the latest recorded when both say when they were recorded, else the latest decided)
     */
    public Assessment evaluate(IncidentScope scope, Collection<Judgement> judgements) {
        Decisions decisions = latest(judgements);
        Map<String, Judgement> decided = decisions.answers();
        List<Obligation> open = new ArrayList<>();
        List<Obligation> setAside = new ArrayList<>();
        for (Rule rule : book.rules()) {
            LocalDate awareDay = scope.awareAt().atZone(rule.zone()).toLocalDate();
            if (!rule.inForce().covers(awareDay)) {
                continue;
            }
            String basis = triggered(rule, scope);
            if (basis == null) {
                continue;
            }
            // Information in phases (GDPR Art. 33(4)): owed only for a notice recorded as sent with gaps,
            // and only where that notice went.
            IncidentScope.IncompleteNotice incomplete = null;
            if (rule.deadline().from() == Rule.ClockStart.INCOMPLETE_NOTICE) {
                incomplete = scope.incompleteNotices().get(rule.deadline().after());
                if (incomplete == null) {
                    continue;
                }
                basis += "; the notice of rule " + rule.deadline().after() + " was sent incomplete";
            }
            for (String jurisdiction : jurisdictions(rule, scope)) {
                if (incomplete != null
                        && incomplete.jurisdiction() != null
                        && !incomplete.jurisdiction().equals(jurisdiction)) {
                    continue;
                }
                Obligation o = obligation(rule, scope, jurisdiction, basis, decided, decisions.conflicts());
                (o.status() == Obligation.Status.NOT_REQUIRED ? setAside : open).add(o);
            }
        }
        // "Immediately" and "without undue delay" come before every fixed deadline, never last.
        Comparator<Obligation> order = Comparator.comparing((Obligation o) -> !o.urgent())
                .thenComparing(Obligation::due, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Obligation::jurisdiction)
                .thenComparing(Obligation::recipient)
                .thenComparing(Obligation::regime)
                .thenComparing(Obligation::ruleId);
        open.sort(order);
        setAside.sort(order);
        List<String> warnings = new ArrayList<>(
                new java.util.LinkedHashSet<>(decisions.conflicts().values()));
        warnings.addAll(warnings(scope));
        // what a rule owed says a responder must not miss (a nationwide letter does not fit Massachusetts)
        Set<String> warned = new java.util.LinkedHashSet<>();
        for (Obligation o : open) {
            book.rule(o.ruleId()).map(Rule::warning).ifPresent(w -> warned.add(o.jurisdiction() + ": " + w));
        }
        warnings.addAll(warned);
        return new Assessment(
                clock.instant(),
                scope,
                open,
                setAside,
                warnings,
                book.version(),
                book.disclaimer(),
                notTriggered(scope, open, setAside));
    }

    /**
     * The judgements in force per question, and for each question whose answer in force contradicts
     * another question's, the warning that names both (the same text for both questions).
     */
    private record Decisions(Map<String, Judgement> answers, Map<String, String> conflicts) {}

    private Decisions latest(Collection<Judgement> judgements) {
        Map<String, Judgement> m = new HashMap<>();
        for (Judgement j : judgements) {
            if (!book.questions().containsKey(j.question())) {
                throw new InvalidScopeException("unknown question '" + j.question() + "' (known: "
                        + String.join(", ", book.questions().keySet()) + ")");
            }
            m.merge(j.question(), j, (a, b) -> later(b, a) ? b : a);
        }
        Map<String, String> conflicts = new LinkedHashMap<>();
        highRiskIsARisk(m, conflicts);
        return new Decisions(m, conflicts);
    }

    /**
     * Whether {@code b} replaces {@code a} on the same question: the later recorded when both say when
     * they were recorded (the latest recorded answer counts, whatever its decidedAt), else the later
     * decided.
     */
    private static boolean later(Judgement b, Judgement a) {
        if (a.recordedAt() != null && b.recordedAt() != null && !a.recordedAt().equals(b.recordedAt())) {
            return b.recordedAt().isAfter(a.recordedAt());
        }
        return b.decidedAt().isAfter(a.decidedAt());
    }

    /**
     * A high risk is a risk (GDPR Art. 33(1) and 34(1), FADP Art. 24(1)): HIGH_RISK YES with RISK
     * unanswered means RISK YES. HIGH_RISK YES with RISK NO in force is a contradiction, whichever
     * was decided or recorded first: only counsel can resolve it, so Tandem takes the side that owes
     * the notices (RISK YES: the Art. 33 and Art. 34 notices stay owed) and a warning names both
     * judgements, never a silent NOT_REQUIRED. The only other cross-question implication (RISK NO
     * implies HIGH_RISK NO) is the same pair seen from the other side. Rule files without the two
     * questions are left as they are.
     */
    private void highRiskIsARisk(Map<String, Judgement> m, Map<String, String> conflicts) {
        if (!book.questions().containsKey("HIGH_RISK") || !book.questions().containsKey("RISK")) {
            return;
        }
        Judgement high = m.get("HIGH_RISK");
        Judgement risk = m.get("RISK");
        if (high == null || high.answer() != Answer.YES || risk != null && risk.answer() == Answer.YES) {
            return;
        }
        String reason = "implied by HIGH_RISK decided YES at " + high.decidedAt() + ": a high risk is a risk";
        if (risk != null) {
            String conflict = "conflicting judgements: " + risk.describe() + " and " + high.describe()
                    + " contradict each other, since a high risk is a risk (GDPR Art. 33(1), 34(1); FADP Art."
                    + " 24(1)); Tandem sets no notice aside on a contradiction: it reads HIGH_RISK YES as RISK"
                    + " YES, so the notices owed on either answer stay owed; counsel should record one"
                    + " consistent answer (RISK YES, or HIGH_RISK NO)";
            conflicts.put("RISK", conflict);
            conflicts.put("HIGH_RISK", conflict);
            reason += ", over RISK NO decided at " + risk.decidedAt() + " (a contradiction counsel must resolve)";
        }
        m.put(
                "RISK",
                new Judgement(
                        "RISK",
                        Answer.YES,
                        high.decidedBy(),
                        high.decidedAt(),
                        reason + " (" + high.reason() + ")",
                        high.recordedAt()));
    }

    /** Why the rule's trigger is met, or null when it is not. */
    private @Nullable String triggered(Rule rule, IncidentScope scope) {
        Rule.Trigger t = rule.trigger();
        CompanyFacts facts = scope.facts();
        if (t.role() == Rule.Role.CONTROLLER && facts.processor()) {
            return null;
        }
        if (t.role() == Rule.Role.PROCESSOR && !facts.processor()) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (Rule.Fact f : t.requiresFacts()) {
            if (!holds(f, facts)) {
                return null;
            }
            reasons.add(describe(f));
        }
        for (Rule.Fact f : t.excludesFacts()) {
            if (holds(f, facts)) {
                return null;
            }
        }
        if (!t.requiresEstablishmentIn().isEmpty()) {
            String where = establishedIn(t.requiresEstablishmentIn(), facts);
            if (where == null) {
                return null;
            }
            reasons.add("established in " + where);
        }
        // GDPR Art. 3(1): an establishment brings the law with it, whoever the people affected are.
        String anywhere = establishedIn(t.anywhereIfEstablishedIn(), facts);
        Set<DataCategory> matched = EnumSet.noneOf(DataCategory.class);
        matched.addAll(scope.categories());
        matched.retainAll(t.categories());
        boolean categoriesMet = t.categories().isEmpty() || !matched.isEmpty();
        if (t.scope().isEmpty()) {
            if (!categoriesMet) {
                return null;
            }
        } else {
            long n = 0;
            String where;
            if (anywhere != null) {
                n = scope.subjects().total();
                where = "any country (established in " + anywhere + ", " + rule.regime() + " Art. 3(1))";
            } else if (t.fanOut() == Rule.FanOut.EACH_SUBDIVISION) {
                // the threshold is per state or territory: the largest count decides whether any is met
                for (String code : subdivisions(t, scope).keySet()) {
                    n = Math.max(n, scope.subjects().counts().get(code));
                }
                where = "the most affected state or territory of " + String.join("+", t.scope());
            } else {
                n = countIn(t.scope(), scope.subjects());
                where = String.join("+", t.scope());
            }
            if (t.under() != null && n >= t.under()) {
                return null;
            }
            boolean byCount = t.orAffectedAtLeast() != null && n >= t.orAffectedAtLeast();
            Rule.Fact byFact = t.orFacts().stream()
                    .filter(f -> holds(f, facts))
                    .findFirst()
                    .orElse(null);
            if (n > 0 && byFact != null) {
                reasons.add(n + " affected in " + where + "; " + describe(byFact)
                        + " (reportable whatever the data and the number)");
                return String.join("; ", reasons);
            }
            if (n == 0 || (!categoriesMet && !byCount) || (categoriesMet && n < t.minAffected() && !byCount)) {
                return null;
            }
            if (categoriesMet) {
                reasons.add(n + " affected in " + where
                        + (t.minAffected() > 1 ? " (threshold: at least " + t.minAffected() + ")" : ""));
            } else {
                reasons.add(n + " affected in " + where + " (at least " + t.orAffectedAtLeast()
                        + " triggers the rule whatever the data)");
            }
        }
        if (!t.categories().isEmpty() && !matched.isEmpty()) {
            reasons.add("data: " + matched.stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        return String.join("; ", reasons);
    }

    /**
     * For each jurisdiction with people where no obligation is owed or set aside, the rules in force
     * that name it (or a region holding it) and why each does not apply, one per regime.
     */
    private List<Assessment.NotTriggered> notTriggered(
            IncidentScope scope, List<Obligation> open, List<Obligation> setAside) {
        Set<String> yielded = new java.util.HashSet<>();
        open.forEach(o -> yielded.add(o.jurisdiction()));
        setAside.forEach(o -> yielded.add(o.jurisdiction()));
        List<Assessment.NotTriggered> out = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(scope.subjects().counts()).entrySet()) {
            String code = e.getKey();
            if (e.getValue() <= 0 || yielded.contains(code)) continue;
            Map<String, Assessment.NotTriggered> byRegime = new LinkedHashMap<>();
            boolean owedElsewhere = false;
            for (Rule rule : book.rules()) {
                if (!names(rule.trigger().scope(), code)
                        || !rule.inForce()
                                .covers(scope.awareAt().atZone(rule.zone()).toLocalDate())) {
                    continue;
                }
                if (triggered(rule, scope) != null) {
                    // owed through a region or a country (the GDPR for DE): not "not triggered"
                    owedElsewhere = true;
                    break;
                }
                byRegime.putIfAbsent(
                        rule.regime(),
                        new Assessment.NotTriggered(code, rule.regime(), rule.citation(), whyNot(rule, scope, code)));
            }
            if (!owedElsewhere) out.addAll(byRegime.values());
        }
        return out;
    }

    /** "the Massachusetts breach law notice to individuals": a rule family's notice in words. */
    private String noticeInWords(String family) {
        for (Rule r : book.rules()) {
            if (RuleBook.family(r.id()).equals(family)) {
                return "the " + r.regime() + " notice to "
                        + r.recipient()
                                .name()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', ' ');
            }
        }
        return "the notice of rule " + family;
    }

    /** Whether a trigger's scope names the code itself, or a region whose members hold it. */
    private boolean names(List<String> scopeCodes, String code) {
        for (String c : scopeCodes) {
            List<String> members = book.regions().get(c);
            if (members != null ? members.contains(code) : c.equals(code)) return true;
        }
        return false;
    }

    /** Why a rule that names {@code code} does not apply to the scope, in words. */
    private String whyNot(Rule rule, IncidentScope scope, String code) {
        Rule.Trigger t = rule.trigger();
        CompanyFacts facts = scope.facts();
        if (t.role() == Rule.Role.CONTROLLER && facts.processor()) {
            return "it binds the controller, and the company is a processor";
        }
        if (t.role() == Rule.Role.PROCESSOR && !facts.processor()) {
            return "it binds processors, and the company is not one";
        }
        for (Rule.Fact f : t.requiresFacts()) {
            if (!holds(f, facts)) return "it applies only to a company that is: " + describe(f);
        }
        for (Rule.Fact f : t.excludesFacts()) {
            if (holds(f, facts)) return "it does not apply to a company that is: " + describe(f);
        }
        if (!t.requiresEstablishmentIn().isEmpty() && establishedIn(t.requiresEstablishmentIn(), facts) == null) {
            return "it needs an establishment in " + String.join(", ", t.requiresEstablishmentIn());
        }
        Set<DataCategory> matched = EnumSet.noneOf(DataCategory.class);
        matched.addAll(scope.categories());
        matched.retainAll(t.categories());
        String covered = t.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        if (!t.categories().isEmpty() && matched.isEmpty()) {
            String given = scope.categories().isEmpty()
                    ? "no data category was given"
                    : scope.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(", "))
                            + (scope.categories().size() == 1 ? " is" : " are")
                            + " not among the data it is owed for";
            // not "not personal information": the categories a rule is owed for may be its trigger
            // (APPI's report duties, Enforcement Rules Art. 7), not its definition of personal data
            return given + " (" + covered + ")";
        }
        long n = scope.subjects().counts().getOrDefault(code, 0L);
        if (n < t.minAffected()) {
            return n + " affected, below its threshold of " + t.minAffected();
        }
        if (t.under() != null && n >= t.under()) {
            return n + " affected: it applies only under " + t.under();
        }
        return "its conditions are not met for this scope";
    }

    private boolean holds(Rule.Fact f, CompanyFacts facts) {
        return switch (f) {
            case SEC_REGISTRANT -> facts.secRegistrant();
            case CARD_MERCHANT -> facts.cardMerchant();
            case ONLINE_MARKETPLACE -> facts.onlineMarketplace();
            case EU_ESTABLISHMENT -> mainEstablishment(facts) != null;
            case HIPAA_COVERED_ENTITY -> facts.hipaaCoveredEntity();
            case HIPAA_BUSINESS_ASSOCIATE -> facts.hipaaBusinessAssociate();
            case FINANCIAL_INSTITUTION -> facts.financialInstitution();
            case NYDFS_COVERED -> facts.nydfsCovered();
            case UNAUTHORIZED_ACCESS -> facts.unauthorizedAccess();
            case SMALLER_REPORTING_COMPANY -> facts.smallerReportingCompany();
        };
    }

    private static String describe(Rule.Fact f) {
        return switch (f) {
            case SEC_REGISTRANT -> "SEC registrant";
            case CARD_MERCHANT -> "payment-card merchant";
            case ONLINE_MARKETPLACE -> "online marketplace";
            case EU_ESTABLISHMENT -> "established (or represented, NIS2 Art. 26(3)) in the EU/EEA";
            case HIPAA_COVERED_ENTITY -> "HIPAA covered entity";
            case HIPAA_BUSINESS_ASSOCIATE -> "HIPAA business associate";
            case FINANCIAL_INSTITUTION -> "financial institution";
            case NYDFS_COVERED -> "regulated by the NY Department of Financial Services";
            case UNAUTHORIZED_ACCESS -> "caused by unauthorized access";
            case SMALLER_REPORTING_COMPANY -> "smaller reporting company";
        };
    }

    /**
     * The main establishment in the EU/EEA (the first one listed) or, without one, the member state
     * of the representative (NIS2 Art. 26(3)); null when there is neither.
     */
    private @Nullable String mainEstablishment(CompanyFacts facts) {
        List<String> eea = book.regions().getOrDefault(EEA, List.of());
        String main =
                facts.establishedIn().stream().filter(eea::contains).findFirst().orElse(null);
        if (main == null && facts.euRepresentative() != null && eea.contains(facts.euRepresentative())) {
            return facts.euRepresentative();
        }
        return main;
    }

    /** An establishment the GDPR one-stop shop counts: a real one, never a representative (Art. 56). */
    private @Nullable String gdprEstablishment(CompanyFacts facts) {
        List<String> eea = book.regions().getOrDefault(EEA, List.of());
        return facts.establishedIn().stream().filter(eea::contains).findFirst().orElse(null);
    }

    /** People counted under the entries of a rule's scope (codes or regions). */
    private long countIn(List<String> codes, Subjects subjects) {
        long n = 0;
        for (String c : codes) {
            n += subjects.countIn(c, book.regions());
        }
        return n;
    }

    /** The first establishment within the given codes or regions, or null. */
    private @Nullable String establishedIn(List<String> codes, CompanyFacts facts) {
        for (String e : facts.establishedIn()) {
            for (String c : codes) {
                List<String> members = book.regions().get(c);
                if (members != null ? members.contains(e) : c.equals(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The subdivisions (US-CA, ...) of the rule's scope countries with affected people, and their counts. */
    private static Map<String, Long> subdivisions(Rule.Trigger t, IncidentScope scope) {
        Map<String, Long> m = new java.util.TreeMap<>();
        scope.subjects().counts().forEach((code, n) -> {
            if (code.length() > 2 && n > 0 && t.scope().contains(code.substring(0, 2))) {
                m.put(code, n);
            }
        });
        return m;
    }

    private List<String> jurisdictions(Rule rule, IncidentScope scope) {
        return switch (rule.trigger().fanOut()) {
            case NONE -> List.of(rule.jurisdiction());
            case EACH_SUBDIVISION -> {
                List<String> met = new ArrayList<>();
                subdivisions(rule.trigger(), scope).forEach((code, n) -> {
                    if (n >= rule.trigger().minAffected()) {
                        met.add(code);
                    }
                });
                yield met;
            }
            case MAIN_ESTABLISHMENT -> {
                String main = mainEstablishment(scope.facts());
                yield List.of(main == null ? rule.jurisdiction() : main);
            }
            case LEAD_AUTHORITY_OR_EACH_COUNTRY -> {
                if (gdprEstablishment(scope.facts()) != null) {
                    yield List.of(rule.jurisdiction());
                }
                // Art. 3(2) controller: no one-stop shop, so every authority whose residents are affected.
                Set<String> countries = new TreeSet<>();
                for (String s : rule.trigger().scope()) {
                    List<String> members = book.regions().getOrDefault(s, List.of(s));
                    scope.subjects().counts().forEach((code, n) -> {
                        if (n > 0 && members.contains(code.substring(0, 2))) {
                            countries.add(code.substring(0, 2));
                        }
                    });
                }
                yield List.copyOf(countries);
            }
        };
    }

    private Obligation obligation(
            Rule rule,
            IncidentScope scope,
            String jurisdiction,
            String basis,
            Map<String, Judgement> decided,
            Map<String, String> conflicts) {
        Obligation.Status status = Obligation.Status.REQUIRED;
        Obligation.QuestionState question = null;
        Judgement judgement = null;
        String why = basis;
        // the one-stop shop: the main establishment's member state, whose authority leads
        String lead = null;
        if (rule.trigger().fanOut() == Rule.FanOut.LEAD_AUTHORITY_OR_EACH_COUNTRY) {
            lead = gdprEstablishment(scope.facts());
            why += lead != null
                    ? "; lead supervisory authority (main establishment in " + lead + ", Art. 56(1))"
                    : "; no EU/EEA establishment: the authority of " + jurisdiction
                            + " (Art. 3(2), EDPB Guidelines 9/2022 para. 73)";
        }
        if (rule.question() != null) {
            Rule.QuestionRef q = rule.question();
            RuleBook.Question text = book.questions().get(q.key());
            judgement = decided.get(q.key());
            question = new Obligation.QuestionState(q.key(), text.text(), q.citationOr(text.citation()), judgement);
            if (judgement == null) {
                status = q.presumed() ? Obligation.Status.REQUIRED : Obligation.Status.CONDITIONAL;
                why += q.presumed()
                        ? "; owed unless a person decides " + q.key() + " is " + other(q.requiredIf())
                        : "; owed only if a person decides " + q.key() + " is " + q.requiredIf();
            } else if (judgement.answer() == q.requiredIf()) {
                why += "; " + q.key() + " decided " + judgement.answer() + " by " + judgement.decidedBy();
            } else {
                status = Obligation.Status.NOT_REQUIRED;
                why += "; not required: " + q.key() + " decided " + judgement.answer() + " by " + judgement.decidedBy()
                        + " (" + judgement.reason() + ")";
            }
            String conflict = conflicts.get(q.key());
            if (conflict != null) {
                why += "; " + conflict;
            }
        }
        if (rule.trigger().encryptionSafeHarbour() && scope.facts().encryptedKeySafe()) {
            status = Obligation.Status.NOT_REQUIRED;
            why += "; not required: encryption safe harbour (data encrypted, key not compromised)";
        }
        Rule.Transposition law = rule.transposition().get(jurisdiction);
        // Said in the due text too: a duty that binds only through a national law nobody confirmed in
        // force stays on the list (the safe side), and says so where the deadline is read.
        String transposition = null;
        if (!rule.transposition().isEmpty()) {
            LocalDate awareDay = scope.awareAt().atZone(rule.zone()).toLocalDate();
            if (law == null) {
                transposition = "no transposing law of " + jurisdiction
                        + " is recorded: owed here until counsel confirms whether one is in force";
                why += "; applies through national law: " + transposition;
            } else if (!law.dated()) {
                transposition = jurisdiction + "'s transposition is not confirmed in force (" + law.law()
                        + "; searched " + law.checked() + "): owed here until counsel confirms";
                why += "; applies through national law: " + transposition + " (source: " + law.source() + ")";
            } else if (awareDay.isBefore(law.from())) {
                status = Obligation.Status.NOT_REQUIRED;
                why += "; not required: " + law.law() + " applies only from " + law.from();
            } else {
                why += "; applies through " + law.law() + " (since " + law.from() + ")";
            }
        }
        Rule.DeadlineSpec spec = rule.deadline();
        Instant start = switch (spec.from()) {
            case AWARENESS -> scope.awareAt();
            case DETERMINATION -> scope.determinedAt() == null ? scope.awareAt() : scope.determinedAt();
            case DECISION ->
                judgement != null && judgement.answer() == rule.question().requiredIf() ? judgement.decidedAt() : null;
            case NOTICE, INCOMPLETE_NOTICE -> scope.noticesSent().get(spec.after());
            case YEAR_END -> {
                java.time.ZonedDateTime aware = scope.awareAt().atZone(rule.zone());
                yield java.time.ZonedDateTime.of(aware.getYear(), 12, 31, 23, 59, 59, 0, rule.zone())
                        .toInstant();
            }
        };
        Instant due = start == null ? null : DueDates.due(spec, start, rule.zone(), book.calendars());
        String dueText = spec.text();
        String clockText;
        boolean fromNotice = spec.from() == Rule.ClockStart.NOTICE || spec.from() == Rule.ClockStart.INCOMPLETE_NOTICE;
        if (start == null && fromNotice) {
            clockText = "the clock has not started: it runs from the notice of rule " + spec.after()
                    + ", which is not recorded as sent";
            // the notice named in words, as the auditor reads this text too, not by its rule id
            dueText += " (" + noticeInWords(spec.after()) + " not yet sent)";
        } else if (start == null) {
            clockText = "the clock has not started: it runs from the decision on "
                    + rule.question().key();
            dueText += " (not yet determined)";
        } else {
            clockText = DueDates.explain(spec, start, rule.zone());
            if (spec.from() == Rule.ClockStart.DETERMINATION) {
                clockText += scope.determinedAt() == null
                        ? "; the law counts from the determination (or confirmation) of the breach:"
                                + " awareness is used until a determination time is given"
                        : "; counted from the determination of the breach";
            } else if (spec.from() == Rule.ClockStart.NOTICE) {
                clockText += "; counted from the notice of rule " + spec.after() + " sent " + start;
            } else if (spec.from() == Rule.ClockStart.INCOMPLETE_NOTICE) {
                // no deadline is made up: the time since the notice is what a reader weighs
                clockText += " (the law sets none): the time since the notice of rule " + spec.after() + " sent "
                        + start + " is what counts";
            } else if (spec.from() == Rule.ClockStart.YEAR_END) {
                clockText += "; counted from the end of the calendar year the breach was discovered in";
            }
        }
        if (transposition != null) {
            dueText += " [through national law: " + transposition + "]";
        }
        return new Obligation(
                rule.regime(),
                jurisdiction,
                rule.recipient(),
                due,
                dueText,
                rule.citation(),
                rule.confidence(),
                status,
                question,
                why,
                clockText,
                start,
                rule.id(),
                content(rule, scope),
                rule.notes(),
                spec.urgent(),
                lead);
    }

    /**
     * The rule's content; for a rule owed because a notice went with gaps, each gap that notice left
     * first ("missing from the notice sent: …"), then the rule's own.
     */
    private static List<String> content(Rule rule, IncidentScope scope) {
        if (rule.deadline().from() != Rule.ClockStart.INCOMPLETE_NOTICE) {
            return rule.content();
        }
        IncidentScope.IncompleteNotice incomplete =
                scope.incompleteNotices().get(rule.deadline().after());
        if (incomplete == null || incomplete.gaps().isEmpty()) {
            return rule.content();
        }
        List<String> out = new ArrayList<>();
        incomplete.gaps().forEach(g -> out.add("missing from the notice sent: " + g));
        out.addAll(rule.content());
        return List.copyOf(out);
    }

    private static Answer other(Answer a) {
        return a == Answer.YES ? Answer.NO : Answer.YES;
    }

    private List<String> warnings(IncidentScope scope) {
        List<String> w = new ArrayList<>();
        Map<String, Long> counts = scope.subjects().counts();
        Long us = counts.get("US");
        if (us != null && us > 0) {
            w.add(us + " people are given as US without a state: state breach laws were not evaluated for them;"
                    + " give US-XX subdivision codes");
        }
        Long ca = counts.get("CA");
        if (ca != null && ca > 0) {
            w.add(ca + " people are given as CA without a province: the provinces' own laws (Quebec's, Alberta's)"
                    + " need CA-QC and CA-AB counts");
        }
        if (scope.categories().isEmpty()) {
            w.add("no data categories given: laws limited to particular data (most US states, card brands) did"
                    + " not trigger");
        }
        Map<String, Long> uncovered = new LinkedHashMap<>();
        Map<String, Long> notYet = new LinkedHashMap<>();
        Map<String, Long> controllersOnly = new LinkedHashMap<>();
        Long unknown = counts.get(Subjects.UNKNOWN);
        if (unknown != null && unknown > 0) {
            w.add(unknown + " affected people have no known country (ZZ): no country's law was evaluated for them;"
                    + " they count only under laws that follow the company's establishment (GDPR Art. 3(1))."
                    + " Find where they live (a country column, addresses, phone numbers) and give their codes");
        }
        counts.forEach((code, n) -> {
            if (n <= 0 || code.equals(Subjects.UNKNOWN)) {
                return;
            }
            if (!covered(code, scope.awareAt(), false)) {
                (covered(code, null, false) ? notYet : uncovered).put(code, n);
            } else if (scope.facts().processor() && !covered(code, scope.awareAt(), true)) {
                controllersOnly.put(code, n);
            }
        });
        if (scope.facts().onlineMarketplace() && mainEstablishment(scope.facts()) == null) {
            long eu = scope.subjects().countIn(EEA, book.regions());
            if (eu > 0) {
                w.add("an online marketplace with " + eu + " affected people in the EU/EEA but neither an establishment"
                        + " nor a representative there: NIS2 Art. 26(3) requires a representative (give"
                        + " --eu-representative); until then any member state where the service is offered may act");
            }
        }
        // GDPR Art. 3(1) brings the law to people outside its territory only for processing "in the
        // context of the activities of" the establishment: the rules presume it (the safe side for
        // deadlines), and counsel should confirm it
        Set<String> regimes = new java.util.HashSet<>();
        long total = scope.subjects().total();
        for (Rule r : book.rules()) {
            Rule.Trigger t = r.trigger();
            if (t.anywhereIfEstablishedIn().isEmpty()
                    || !r.inForce().covers(scope.awareAt().atZone(r.zone()).toLocalDate())
                    || !regimes.add(r.regime())) {
                continue;
            }
            String est = establishedIn(t.anywhereIfEstablishedIn(), scope.facts());
            if (est == null) {
                continue;
            }
            long inside = countIn(t.scope(), scope.subjects());
            if (total > inside) {
                w.add((total - inside) + " affected people outside " + String.join("+", t.scope())
                        + " are counted under "
                        + r.regime() + " because of the establishment in " + est + " (Art. 3(1)): that holds only if"
                        + " the breached processing was carried out in the context of that establishment's"
                        + " activities (EDPB Guidelines 3/2018, section 1)"
                        + (inside == 0 ? ", and no one affected is in " + String.join("+", t.scope()) : "")
                        + "; ask counsel to confirm");
            }
        }
        if (!uncovered.isEmpty()) {
            w.add("no rules cover " + uncovered + ": Tandem lists no breach law for them; ask counsel");
        }
        if (!controllersOnly.isEmpty()) {
            w.add("as a processor, no duty of yours is listed for " + controllersOnly
                    + ": their laws put notification on the controller; tell the controller at once, as"
                    + " your contract (GDPR Art. 28(3)(f) where it applies) will require, so it can meet its"
                    + " deadlines");
        }
        if (!notYet.isEmpty()) {
            // an incident of the past: the rule book starts each law at the version it holds
            w.add("no rule in force at awareness (" + scope.awareAt() + ") covers " + notYet
                    + ": Tandem's rules for them start later, and a law in force then is not in its rule book;"
                    + " ask counsel");
        }
        return w;
    }

    /**
     * Whether some rule counts people of this code: one in force at {@code awareAt} when it is given,
     * and one a processor has (its own or any holder's) when {@code processor}. In a country whose
     * subdivisions have laws of their own (the US), a national rule (SEC, HIPAA, a processor's duty)
     * does not stand in for a missing state or territory law: US-GU, US-VI, US-AS and US-MP are
     * uncovered.
     */
    private boolean covered(String code, @Nullable Instant awareAt, boolean processor) {
        String country = code.substring(0, 2);
        boolean local = code.length() > 2 && book.localLaws().contains(country);
        for (Rule r : book.rules()) {
            if (awareAt != null && !r.inForce().covers(awareAt.atZone(r.zone()).toLocalDate())) {
                continue;
            }
            if (processor && r.trigger().role() == Rule.Role.CONTROLLER) {
                continue;
            }
            for (String s : r.trigger().scope()) {
                List<String> members = book.regions().get(s);
                if (members != null
                        ? members.contains(country) && !local
                        : s.equals(code) || (s.equals(country) && !local)) {
                    return true;
                }
            }
        }
        return false;
    }
}
