package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.Answer;
import dev.tandem.regulation.Assessment;
import dev.tandem.regulation.CompanyFacts;
import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.IncidentScope;
import dev.tandem.regulation.Judgement;
import dev.tandem.regulation.ObligationEngine;
import dev.tandem.regulation.RuleBook;
import dev.tandem.regulation.Subjects;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    private static final Instant AWARE = Instant.parse("2026-11-26T07:00:00Z");
    private static final ObligationEngine ENGINE =
            new ObligationEngine(RuleBook.standard(), Clock.fixed(AWARE, ZoneOffset.UTC));

    private static List<Reconciliation.Computed> compute(String subjects, List<Judgement> judgements) {
        Assessment a = ENGINE.evaluate(
                new IncidentScope(
                        AWARE,
                        Subjects.parse(subjects),
                        Set.of(DataCategory.CONTACT, DataCategory.GOVERNMENT_ID),
                        new CompanyFacts(List.of("DE"), false, false, false, false, false),
                        ZoneId.of("Europe/Berlin")),
                judgements);
        return Reconciliation.computed(a, o -> "{\"basis\":\"" + o.basis().hashCode() + "\"}");
    }

    /** The rows as they would be stored, with what people did to them. */
    private static List<StoredObligation> store(List<Reconciliation.Computed> computed, Lifecycle.Status status) {
        List<StoredObligation> rows = new ArrayList<>();
        int i = 0;
        for (var c : computed) {
            rows.add(new StoredObligation(
                    "row-" + i++,
                    "incident",
                    c.ruleId(),
                    c.jurisdiction(),
                    c.recipient(),
                    c.regime(),
                    c.due(),
                    c.dueText(),
                    c.citation(),
                    c.confidence(),
                    c.requirement(),
                    c.detail(),
                    c.placement(),
                    c.position(),
                    status,
                    "alice",
                    null,
                    null,
                    null,
                    null,
                    AWARE,
                    AWARE,
                    null,
                    false));
        }
        return rows;
    }

    @Test
    void theSameComputationChangesNothing() {
        var first = compute("DE=1200,US-TX=300", List.of());
        var plan = Reconciliation.plan(store(first, Lifecycle.Status.PENDING), first);
        assertThat(plan.added()).isEmpty();
        assertThat(plan.changed()).isEmpty();
        assertThat(plan.superseded()).isEmpty();
        assertThat(plan.kept()).hasSize(first.size());
    }

    @Test
    void aNarrowerScopeSupersedesWhatItNoLongerYieldsAndKeepsTheRest() {
        var wide = compute("DE=1200,US-TX=300", List.of());
        var stored = store(wide, Lifecycle.Status.FILED);
        var narrow = compute("DE=1200", List.of());
        var plan = Reconciliation.plan(stored, narrow);
        assertThat(plan.added()).isEmpty();
        assertThat(plan.superseded())
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.jurisdiction()).isEqualTo("US-TX"));
        // the GDPR obligation persists: same row, keeping owner and status
        var gdpr = plan.kept().keySet().stream()
                .filter(o -> o.ruleId().equals("eu-gdpr-33-sa"))
                .findFirst()
                .orElseThrow();
        assertThat(gdpr.owner()).isEqualTo("alice");
        assertThat(gdpr.status()).isEqualTo(Lifecycle.Status.FILED);
    }

    @Test
    void aWiderScopeAddsOnlyTheNewObligations() {
        var narrow = compute("DE=1200", List.of());
        var wide = compute("DE=1200,US-TX=300", List.of());
        var plan = Reconciliation.plan(store(narrow, Lifecycle.Status.PENDING), wide);
        assertThat(plan.added())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.jurisdiction()).isEqualTo("US-TX"));
        assertThat(plan.kept()).hasSize(narrow.size());
        assertThat(plan.superseded()).isEmpty();
    }

    @Test
    void aJudgementMovesAnObligationWithoutMakingANewOne() {
        var open = compute("DE=1200", List.of());
        var decided = compute(
                "DE=1200",
                List.of(new Judgement(
                        "HIGH_RISK", Answer.NO, "dpo", AWARE.plusSeconds(3600), "only e-mail addresses, hashed")));
        var plan = Reconciliation.plan(store(open, Lifecycle.Status.PENDING), decided);
        assertThat(plan.added()).isEmpty();
        assertThat(plan.superseded()).isEmpty();
        var art34 = plan.kept().entrySet().stream()
                .filter(e -> e.getKey().ruleId().equals("eu-gdpr-34-individuals"))
                .findFirst()
                .orElseThrow();
        assertThat(art34.getKey().requirement()).isEqualTo("CONDITIONAL");
        assertThat(art34.getValue().requirement()).isEqualTo("NOT_REQUIRED");
        assertThat(art34.getValue().placement()).isEqualTo(StoredObligation.Placement.SET_ASIDE);
        assertThat(plan.changed()).contains(art34.getValue().key());
    }

    @Test
    void aSupersededRowThatReturnsIsKeptNotAddedAgain() {
        var wide = compute("DE=1200,US-TX=300", List.of());
        var stored = new ArrayList<StoredObligation>();
        for (var o : store(wide, Lifecycle.Status.PENDING)) {
            boolean tx = o.jurisdiction().equals("US-TX");
            stored.add(
                    tx
                            ? new StoredObligation(
                                    o.id(),
                                    o.incidentId(),
                                    o.ruleId(),
                                    o.jurisdiction(),
                                    o.recipient(),
                                    o.regime(),
                                    o.due(),
                                    o.dueText(),
                                    o.citation(),
                                    o.confidence(),
                                    o.requirement(),
                                    o.detail(),
                                    StoredObligation.Placement.SUPERSEDED,
                                    o.position(),
                                    o.status(),
                                    o.owner(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    o.createdAt(),
                                    o.computedAt(),
                                    null,
                                    false)
                            : o);
        }
        var plan = Reconciliation.plan(stored, wide);
        assertThat(plan.added()).isEmpty();
        assertThat(plan.superseded()).isEmpty();
        assertThat(plan.changed()).isNotEmpty().allSatisfy(k -> assertThat(k).contains("|US-TX|"));
    }
}
