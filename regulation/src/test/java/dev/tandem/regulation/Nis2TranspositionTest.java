package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NIS2 binds an online marketplace only through the transposing law of the member state of its main
 * establishment (Directive (EU) 2022/2555 Art. 26(1)(b), 41). Each row names the state's law and the
 * source its date or status was taken from (all SECONDARY: no law's own entry-into-force article was
 * read; see docs/regulation-rules.md "NIS2 through national law").
 */
class Nis2TranspositionTest {
    private static final RuleBook BOOK = RuleBook.standard();
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private static Obligation notification(String state, LocalDate awareDay) {
        Instant aware = awareDay.atTime(LocalTime.NOON).atZone(BRUSSELS).toInstant();
        var facts = new CompanyFacts(List.of(state), false, false, false, true, false);
        var scope = new IncidentScope(
                aware, Subjects.parse(state + "=100"), Set.of(DataCategory.CONTACT), facts, ZoneOffset.UTC);
        Assessment a = new ObligationEngine(BOOK, Clock.fixed(aware, ZoneOffset.UTC)).evaluate(scope, List.of());
        return Stream.concat(a.obligations().stream(), a.notRequired().stream())
                .filter(o -> o.ruleId().equals("eu-nis2-notification"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no NIS2 notification for " + state + " on " + awareDay));
    }

    @ParameterizedTest(name = "{0}: {2}, from {1} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            AT | 2026-10-01 | NISG 2026                          | nisd2.eu
            BE | 2024-10-18 | Law of 26 April 2024               | openkritis.de
            BG | 2026-02-17 | Cybersecurity Act                  | Boyanov
            CY | 2025-04-25 | 60(I)/2025                         | nis2certification.eu
            CZ | 2025-11-01 | Act No. 264/2025 Coll.             | ceskezakony.cz
            DE | 2025-12-06 | NIS2UmsuCG                         | btl-recht.de
            DK | 2025-07-01 | L 141                              | en.digst.dk
            EE | 2026-01-01 | Küberturvalisuse seadus            | nisd2.eu
            FI | 2025-04-08 | 124/2025                           | Lov&Data
            GR | 2024-11-27 | Law 5160/2024                      | Lambadarios
            HR | 2024-02-15 | Narodne novine 14/2024             | zakon.hr
            HU | 2025-01-01 | Act LXIX of 2024                   | CMS
            IT | 2024-10-16 | n. 138                             | Eversheds Sutherland
            LT | 2024-10-18 | XIV-2902                           | ECOVIS
            LV | 2024-09-01 | Nacionālās kiberdrošības likums    | Lex Mundi
            PL | 2026-04-03 | National Cybersecurity System      | Vinci & Vinci
            PT | 2026-04-03 | Decreto-Lei n.º 125/2025           | CNCS
            RO | 2024-12-31 | nr. 155/2024                       | legislatie.just.ro
            SE | 2026-01-15 | SFS 2025:1506                      | Lindahl
            SI | 2025-06-19 | ZInfV-1                            | tax-fin-lex.si
            SK | 2025-01-01 | Act No. 366/2024 Coll.             | HKV
            """)
    void aStatesLawAppliesFromItsDate(String state, LocalDate from, String law, String source) {
        Rule.Transposition t = BOOK.transpositions().get("NIS2").get(state);
        assertThat(t.from()).isEqualTo(from);
        assertThat(t.law()).contains(law);
        assertThat(t.source()).contains(source);
        assertThat(t.primary())
                .as("no law's own entry-into-force article was read")
                .isFalse();

        // the rules apply from the directive's own date (Art. 41(1): 18 October 2024); a national law in
        // force earlier (Croatia, Latvia, Italy) counts from then
        LocalDate directive = BOOK.rules().stream()
                .filter(r -> r.id().equals("eu-nis2-notification"))
                .findFirst()
                .orElseThrow()
                .inForce()
                .from();
        if (from.isAfter(directive)) {
            Obligation before = notification(state, from.minusDays(1));
            assertThat(before.status()).isEqualTo(Obligation.Status.NOT_REQUIRED);
            assertThat(before.basis()).contains("applies only from " + from);
        }

        Obligation on = notification(state, from.isAfter(directive) ? from : directive);
        assertThat(on.status()).isEqualTo(Obligation.Status.CONDITIONAL);
        assertThat(on.basis()).contains("applies through " + t.law() + " (since " + from + ")");
        assertThat(on.dueText()).doesNotContain("through national law");
    }

    @ParameterizedTest(name = "{0}: not confirmed in force ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            ES | Ley de Coordinación y Gobernanza de la Ciberseguridad | eleconomista.es
            FR | résilience des infrastructures critiques              | vie-publique.fr
            IE | National Cyber Security Bill 2024                     | Mason Hayes & Curran
            LU | Law of 28 July 2025                                   | luxgap.com
            MT | Legal Notice 71 of 2025                               | Mamo TCV
            NL | Cyberbeveiligingswet                                  | Taylor Wessing
            """)
    void aStateWithoutALawConfirmedInForceKeepsTheDutyAndSaysSoInTheDueText(String state, String law, String source) {
        Rule.Transposition t = BOOK.transpositions().get("NIS2").get(state);
        assertThat(t.dated()).isFalse();
        assertThat(t.law()).contains(law);
        assertThat(t.source()).contains(source);

        Obligation o = notification(state, LocalDate.of(2026, 11, 26));
        assertThat(o.status()).isEqualTo(Obligation.Status.CONDITIONAL);
        assertThat(o.due()).isNotNull();
        assertThat(o.dueText())
                .startsWith("within 72 hours")
                .contains("[through national law: " + state + "'s transposition is not confirmed in force (")
                .contains("searched 2026-12-05")
                .contains("owed here until counsel confirms");
        assertThat(o.basis()).contains("source: " + t.source());
    }

    @Test
    void everyMemberStateIsRecordedAndAStateNotRecordedKeepsTheDutyAndSaysSo() {
        assertThat(BOOK.transpositions().get("NIS2").keySet())
                .containsExactlyInAnyOrder(
                        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
                        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");
        // Norway is in the EEA but NIS2 is not recorded for it: the duty stays, and says why
        Obligation o = notification("NO", LocalDate.of(2026, 11, 26));
        assertThat(o.status()).isEqualTo(Obligation.Status.CONDITIONAL);
        assertThat(o.dueText()).contains("[through national law: no transposing law of NO is recorded");
        for (Rule r : BOOK.rules()) {
            if (r.regime().equals("NIS2")) {
                assertThat(r.transposition())
                        .as(r.id())
                        .isSameAs(BOOK.transpositions().get("NIS2"));
            }
        }
    }
}
