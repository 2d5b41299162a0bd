package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The scenario table (scenarios.csv): expected deadlines worked out by hand from the law's wording and
 * the calendar, one row per case, each naming its source. {@code expect} is {@code ABSENT}, or a status
 * followed by the due instant in UTC (or {@code null}). Flags: {@code sec}, {@code src} (smaller reporting
 * company), {@code processor}, {@code card}, {@code marketplace}, {@code encrypted}, {@code hipaa-ce},
 * {@code hipaa-ba}, {@code fi} (financial institution), {@code nydfs}, {@code unauthorized},
 * {@code rep=CC} (NIS2 representative), {@code determined@T}, {@code sent:RULE@T} (a notice sent).
 */
class ScenarioTableTest {
    private static final RuleBook BOOK = RuleBook.standard();

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "scenarios.csv", delimiter = '|', useHeadersInDisplayName = false, numLinesToSkip = 1)
    void scenario(
            String scenario,
            String aware,
            String subjects,
            String data,
            String established,
            String flags,
            String judgements,
            String rule,
            String jurisdiction,
            String expect) {
        assertThat(BOOK.rules()).as(scenario + ": rule id in the rule file").anyMatch(r -> r.id().equals(rule));
        Set<String> f = split(flags);
        Instant awareAt = OffsetDateTime.parse(aware).toInstant();
        Instant determined = null;
        Map<String, Instant> sent = new HashMap<>();
        String representative = null;
        for (String flag : f) {
            if (flag.startsWith("determined@")) {
                determined = OffsetDateTime.parse(flag.substring("determined@".length()))
                        .toInstant();
            } else if (flag.startsWith("sent:")) {
                String[] ruleAt = flag.substring("sent:".length()).split("@", 2);
                sent.put(ruleAt[0], OffsetDateTime.parse(ruleAt[1]).toInstant());
            } else if (flag.startsWith("rep=")) {
                representative = flag.substring("rep=".length());
            }
        }
        var facts = new CompanyFacts(
                List.copyOf(split(established)),
                f.contains("sec"),
                f.contains("processor"),
                f.contains("card"),
                f.contains("marketplace"),
                f.contains("encrypted"),
                f.contains("hipaa-ce"),
                f.contains("hipaa-ba"),
                f.contains("fi"),
                f.contains("nydfs"),
                f.contains("unauthorized"),
                f.contains("src"),
                representative);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        split(data).forEach(c -> categories.add(DataCategory.parse(c)));
        List<Judgement> decided = new ArrayList<>();
        for (String j : split(judgements)) {
            String[] kv = j.split("=", 2);
            String[] at = kv[1].split("@", 2);
            decided.add(new Judgement(
                    kv[0],
                    Answer.valueOf(at[0]),
                    "test",
                    OffsetDateTime.parse(at[1]).toInstant(),
                    "scenario table"));
        }
        var scope = new IncidentScope(
                awareAt, Subjects.parse(subjects), categories, facts, ZoneOffset.UTC, determined, sent);
        var engine = new ObligationEngine(BOOK, Clock.fixed(awareAt, ZoneOffset.UTC));
        Assessment a = engine.evaluate(scope, decided);

        List<Obligation> matching = Stream.concat(a.obligations().stream(), a.notRequired().stream())
                .filter(o -> o.ruleId().equals(rule) && o.jurisdiction().equals(jurisdiction))
                .toList();
        if (expect.equals("ABSENT")) {
            assertThat(matching).as(scenario).isEmpty();
            return;
        }
        String[] e = expect.split(" ");
        assertThat(matching).as(scenario).hasSize(1);
        Obligation o = matching.getFirst();
        assertThat(o.status()).as(scenario + ": status").isEqualTo(Obligation.Status.valueOf(e[0]));
        assertThat(o.due() == null ? "null" : o.due().toString())
                .as(scenario + ": due")
                .isEqualTo(e[1]);
        assertThat(o.dueText()).as(scenario + ": dueText").isNotBlank();
        assertThat(o.citation()).as(scenario + ": citation").isNotBlank();
    }

    private static Set<String> split(String s) {
        if (s == null || s.isBlank()) {
            return Set.of();
        }
        return new java.util.LinkedHashSet<>(Arrays.asList(s.split(",")));
    }
}
