package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.IncidentScope;
import dev.tandem.regulation.ObligationEngine;
import dev.tandem.regulation.RuleBook;
import dev.tandem.server.DomainException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident's facts that move legal clocks (docs/contracts.md §4): read and checked as the API
 * takes them, and given to the engine as {@code tandem deadlines --determined} and
 * {@code --unauthorized-access} give them.
 */
class IncidentFactsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AWARE = Instant.parse("2026-11-26T07:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    private static IncidentFacts read(String json) {
        return IncidentFacts.fromJson(JSON.readTree(json));
    }

    private static DomainException refused(String json) {
        try {
            read(json).check(AWARE, NOW);
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void readsTheDeterminationWithItsOffsetAndTheCause() {
        IncidentFacts f = read("{\"determinedAt\":\"2026-11-27T11:00:00-07:00\",\"unauthorizedAccess\":true}");
        assertThat(f.determinedAt()).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
        assertThat(f.unauthorizedAccess()).isTrue();
        assertThat(f.check(AWARE, NOW)).isEqualTo(f);
    }

    @Test
    void missingOrNullFieldsAreTheSafeDefaults() {
        assertThat(read("{}")).isEqualTo(IncidentFacts.NONE);
        assertThat(read("{\"determinedAt\":null,\"unauthorizedAccess\":null}")).isEqualTo(IncidentFacts.NONE);
    }

    @Test
    void refusesEachBadInputNamingTheField() {
        assertThat(refused("[]").getMessage()).contains("JSON object");
        assertThat(refused("{\"cause\":\"hack\"}").getMessage())
                .contains("'cause'", "determinedAt, unauthorizedAccess");
        assertThat(refused("{\"determinedAt\":42}").getMessage()).contains("determinedAt", "RFC 3339");
        assertThat(refused("{\"determinedAt\":\"27 Nov\"}").getMessage()).contains("determinedAt", "'27 Nov'");
        assertThat(refused("{\"determinedAt\":\"2026-11-27T11:00:00\"}").getMessage())
                .contains("with an offset");
        assertThat(refused("{\"unauthorizedAccess\":\"yes\"}").getMessage()).contains("unauthorizedAccess", "\"yes\"");
        assertThat(refused("{\"determinedAt\":\"2026-11-26T06:59:59Z\"}").getMessage())
                .contains("determinedAt", "before the incident's awareness 2026-11-26T07:00:00Z");
        assertThat(refused("{\"determinedAt\":\"2026-11-28T09:00:01Z\"}").getMessage())
                .contains("determinedAt", "in the future");
        assertThat(refused("{\"determinedAt\":\"2026-11-28T09:00:01Z\"}").kind())
                .isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
    }

    @Test
    void refusesADeterminationBeforeYearOneWhenTheIncidentHasNoAwarenessTime() {
        DomainException e = org.junit.jupiter.api.Assertions.assertThrows(
                DomainException.class,
                () -> read("{\"determinedAt\":\"-999999999-01-01T00:00:00Z\"}").check(null, NOW));
        assertThat(e.getMessage()).contains("determinedAt", "0001-01-01T00:00:00Z");
    }

    @Test
    void determinationAtAwarenessOrNowIsAccepted() {
        new IncidentFacts(AWARE, false).check(AWARE, NOW);
        new IncidentFacts(NOW, false).check(AWARE, NOW);
        new IncidentFacts(NOW, false).check(null, NOW);
    }

    private static Company company() {
        return new Company("Example SE", List.of("DE"), false, false, null, false, null, Company.Regulated.NONE);
    }

    @Test
    void unauthorizedAccessReachesTheEngineAsTheCompanyFactTheCliSets() {
        Scope scope = Scope.of(Map.of("KR", 10L), EnumSet.of(DataCategory.CONTACT), false);
        assertThat(company().factsFor(scope).unauthorizedAccess()).isFalse();
        assertThat(company().factsFor(scope, new IncidentFacts(null, true)).unauthorizedAccess())
                .isTrue();
    }

    /** PIPA Art. 34(3), Enforcement Decree Art. 40: reportable at any size when caused by unauthorized access. */
    @Test
    void pipaReportOfTenPeopleIsOwedOnlyWhenUnauthorizedAccessCausedTheLeak() {
        ObligationEngine engine =
                new ObligationEngine(RuleBook.standard(), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        Scope scope = Scope.of(Map.of("KR", 10L), EnumSet.of(DataCategory.CONTACT), false);
        var plain = engine.evaluate(
                new IncidentScope(
                        AWARE, scope.subjects(), scope.data(), company().factsFor(scope), ZoneId.of("Asia/Seoul")),
                List.of());
        assertThat(plain.obligations()).noneMatch(o -> o.ruleId().startsWith("kr-pipa-pipc"));
        var hacked = engine.evaluate(
                new IncidentScope(
                        AWARE,
                        scope.subjects(),
                        scope.data(),
                        company().factsFor(scope, new IncidentFacts(null, true)),
                        ZoneId.of("Asia/Seoul")),
                List.of());
        assertThat(hacked.obligations()).anyMatch(o -> o.ruleId().startsWith("kr-pipa-pipc"));
    }
}
