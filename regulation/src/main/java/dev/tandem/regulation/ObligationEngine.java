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
     * @param judgements decisions on the rule file's questions; for one question the latest decision
     *     counts
     */
    public Assessment evaluate(IncidentScope scope, Collection<Judgement> judgements) {
        Map<String, Judgement> decided = latest(judgements);
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
            for (String jurisdiction : jurisdictions(rule, scope)) {
                Obligation o = obligation(rule, scope, jurisdiction, basis, decided);
                (o.status() == Obligation.Status.NOT_REQUIRED ? setAside : open).add(o);
            }
        }
        Comparator<Obligation> order = Comparator.comparing(
                        Obligation::due, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Obligation::jurisdiction)
                .thenComparing(Obligation::recipient)
                .thenComparing(Obligation::regime)
                .thenComparing(Obligation::ruleId);
        open.sort(order);
        setAside.sort(order);
        return new Assessment(
                clock.instant(), scope, open, setAside, warnings(scope), book.version(), book.disclaimer());
    }

    private Map<String, Judgement> latest(Collection<Judgement> judgements) {
        Map<String, Judgement> m = new HashMap<>();
        for (Judgement j : judgements) {
            if (!book.questions().containsKey(j.question())) {
                throw new InvalidScopeException("unknown question '" + j.question() + "' (known: "
                        + String.join(", ", book.questions().keySet()) + ")");
            }
            m.merge(j.question(), j, (a, b) -> b.decidedAt().isAfter(a.decidedAt()) ? b : a);
        }
        return m;
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
            for (String s : t.scope()) {
                n += scope.subjects().countIn(s, book.regions());
            }
            String where = String.join("+", t.scope());
            boolean byCount = t.orAffectedAtLeast() != null && n >= t.orAffectedAtLeast();
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

    private boolean holds(Rule.Fact f, CompanyFacts facts) {
        return switch (f) {
            case SEC_REGISTRANT -> facts.secRegistrant();
            case CARD_MERCHANT -> facts.cardMerchant();
            case ONLINE_MARKETPLACE -> facts.onlineMarketplace();
            case EU_ESTABLISHMENT -> mainEstablishment(facts) != null;
        };
    }

    private static String describe(Rule.Fact f) {
        return switch (f) {
            case SEC_REGISTRANT -> "SEC registrant";
            case CARD_MERCHANT -> "payment-card merchant";
            case ONLINE_MARKETPLACE -> "online marketplace";
            case EU_ESTABLISHMENT -> "established in the EU/EEA";
        };
    }

    private @Nullable String mainEstablishment(CompanyFacts facts) {
        List<String> eea = book.regions().getOrDefault(EEA, List.of());
        return facts.establishedIn().stream().filter(eea::contains).findFirst().orElse(null);
    }

    private List<String> jurisdictions(Rule rule, IncidentScope scope) {
        return switch (rule.trigger().fanOut()) {
            case NONE -> List.of(rule.jurisdiction());
            case MAIN_ESTABLISHMENT -> {
                String main = mainEstablishment(scope.facts());
                yield List.of(main == null ? rule.jurisdiction() : main);
            }
            case LEAD_AUTHORITY_OR_EACH_COUNTRY -> {
                if (mainEstablishment(scope.facts()) != null) {
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
            Rule rule, IncidentScope scope, String jurisdiction, String basis, Map<String, Judgement> decided) {
        Obligation.Status status = Obligation.Status.REQUIRED;
        Obligation.QuestionState question = null;
        Judgement judgement = null;
        String why = basis;
        if (rule.trigger().fanOut() == Rule.FanOut.LEAD_AUTHORITY_OR_EACH_COUNTRY) {
            String main = mainEstablishment(scope.facts());
            why += main != null
                    ? "; lead supervisory authority (main establishment in " + main + ", Art. 56(1))"
                    : "; no EU/EEA establishment: the authority of " + jurisdiction
                            + " (Art. 3(2), EDPB Guidelines 9/2022 para. 73)";
        }
        if (rule.question() != null) {
            Rule.QuestionRef q = rule.question();
            RuleBook.Question text = book.questions().get(q.key());
            judgement = decided.get(q.key());
            question = new Obligation.QuestionState(q.key(), text.text(), text.citation(), judgement);
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
        }
        if (rule.trigger().encryptionSafeHarbour() && scope.facts().encryptedKeySafe()) {
            status = Obligation.Status.NOT_REQUIRED;
            why += "; not required: encryption safe harbour (data encrypted, key not compromised)";
        }
        Instant start = switch (rule.deadline().from()) {
            case AWARENESS -> scope.awareAt();
            case DECISION ->
                judgement != null && judgement.answer() == rule.question().requiredIf() ? judgement.decidedAt() : null;
        };
        Instant due = start == null ? null : DueDates.due(rule.deadline(), start, rule.zone(), book.calendars());
        String dueText = rule.deadline().text();
        String clockText;
        if (start == null) {
            clockText = "the clock has not started: it runs from the decision on "
                    + rule.question().key();
            dueText += " (not yet determined)";
        } else {
            clockText = DueDates.explain(rule.deadline(), start, rule.zone());
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
                rule.content(),
                rule.notes());
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
            w.add(ca + " people are given as CA without a province: Quebec's law needs a CA-QC count");
        }
        if (scope.categories().isEmpty()) {
            w.add("no data categories given: laws limited to particular data (most US states, card brands) did"
                    + " not trigger");
        }
        Map<String, Long> uncovered = new LinkedHashMap<>();
        counts.forEach((code, n) -> {
            if (n > 0 && !covered(code)) {
                uncovered.put(code, n);
            }
        });
        if (!uncovered.isEmpty()) {
            w.add("no rules cover " + uncovered + ": Tandem lists no breach law for them; ask counsel");
        }
        return w;
    }

    private boolean covered(String code) {
        for (Rule r : book.rules()) {
            for (String s : r.trigger().scope()) {
                List<String> members = book.regions().get(s);
                String country = code.substring(0, 2);
                if (members != null ? members.contains(country) : s.equals(code) || s.equals(country)) {
                    return true;
                }
            }
        }
        return false;
    }
}
