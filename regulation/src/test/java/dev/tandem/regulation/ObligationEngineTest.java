package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObligationEngineTest {
    private static final Instant AWARE = Instant.parse("2026-10-23T08:00:00Z");
    private final ObligationEngine engine = new ObligationEngine(
            RuleBook.standard(), Clock.fixed(Instant.parse("2026-10-27T00:00:00Z"), ZoneOffset.UTC));

    private IncidentScope scope(String subjects, Set<DataCategory> data) {
        return new IncidentScope(
                AWARE,
                Subjects.parse(subjects),
                data,
                new CompanyFacts(List.of("DE"), false, false, false, false, false),
                ZoneId.of("Europe/Berlin"));
    }

    @Test
    void reportsMissedRequiredDeadlinesOnly() {
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of());
        assertThat(a.missed()).extracting(Obligation::ruleId).containsExactly("eu-gdpr-33-sa");
        assertThat(a.obligations())
                .filteredOn(o -> o.status() == Obligation.Status.CONDITIONAL)
                .isNotEmpty();
    }

    @Test
    void showsDueInTheIncidentZone() {
        Obligation o = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of())
                .obligations()
                .getFirst();
        assertThat(o.dueIn(ZoneId.of("Europe/Berlin")).orElseThrow())
                .hasToString("2026-10-26T09:00+01:00[Europe/Berlin]");
    }

    @Test
    void latestJudgementOnAQuestionCounts() {
        var no = new Judgement("HIGH_RISK", Answer.NO, "dpo", Instant.parse("2026-10-23T10:00:00Z"), "hashed data");
        var yes =
                new Judgement("HIGH_RISK", Answer.YES, "dpo", Instant.parse("2026-10-24T10:00:00Z"), "hashes cracked");
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(yes, no));
        Obligation art34 = a.obligations().stream()
                .filter(o -> o.ruleId().equals("eu-gdpr-34-individuals"))
                .findFirst()
                .orElseThrow();
        assertThat(art34.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(art34.question().judgement()).isEqualTo(yes);
    }

    @Test
    void warnsAboutPeopleWithoutAStateAndUncoveredCountries() {
        Assessment a = engine.evaluate(scope("US=10,AR=3", Set.of()), List.of());
        assertThat(a.warnings())
                .anyMatch(w -> w.contains("US without a state"))
                .anyMatch(w -> w.contains("AR=3"))
                .anyMatch(w -> w.contains("no data categories"));
    }

    @Test
    void rejectsJudgementOnUnknownQuestion() {
        var j = new Judgement("LUCK", Answer.YES, "x", AWARE, "y");
        assertThatThrownBy(() -> engine.evaluate(scope("DE=5", Set.of()), List.of(j)))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("'LUCK'");
    }

    @Test
    void judgementNeedsWhoAndWhy() {
        assertThatThrownBy(() -> new Judgement("RISK", Answer.NO, " ", AWARE, "r"))
                .hasMessageContaining("who decided");
        assertThatThrownBy(() -> new Judgement("RISK", Answer.NO, "dpo", AWARE, ""))
                .hasMessageContaining("reason");
    }
}
