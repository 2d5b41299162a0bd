package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.DataCategory;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeCheckTest {
    private static final Map<String, Long> PEOPLE = Map.of("DE", 1200L, "US-CA", 800L, "US-TX", 300L);
    private static final Set<DataCategory> CONTACT_AND_CARD =
            EnumSet.of(DataCategory.CONTACT, DataCategory.PAYMENT_CARD);
    private static final Instant PERIOD = Instant.parse("2026-12-05T02:00:00Z");

    private static final ScopeCheck.Finding SYNC = ScopeCheck.Finding.of(
            "f1",
            "OVERPERMISSIONED_INTEGRATION_SYNC",
            "Integration user copied 184,000 Contact records into sandbox org 00D7z000000UatB",
            184_000L);
    private static final ScopeCheck.Finding ADMIN = ScopeCheck.Finding.of(
            "f2",
            "ADMIN_SESSION_BULK_EXTRACTION",
            "Administrator a.admin extracted 324,000 Contact records in one session from new IP 185.220.101.47,"
                    + " at an unusual hour (2026-12-04 03:11 UTC), after 5 failed logins",
            324_000L);
    private static final ScopeCheck.Scan CONTACT_IN_US =
            new ScopeCheck.Scan("Contact_admin_export.csv", EnumSet.of(DataCategory.CONTACT), Map.of("US", 9_000L));

    private static List<String> checks(List<ScopeCheck.Warning> warnings) {
        return warnings.stream().map(ScopeCheck.Warning::check).toList();
    }

    @Test
    void theDemosScopeDisagreesWithItsFindingsAndScansInEveryWayCounselListed() {
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(PEOPLE, CONTACT_AND_CARD, false, PERIOD),
                List.of(SYNC, ADMIN),
                List.of(CONTACT_IN_US));
        assertThat(checks(warnings))
                .containsExactly(
                        "records-above-people",
                        "category-not-found",
                        "place-less-precise",
                        "finding-before-period",
                        "unauthorized-access",
                        "separate-leak-paths");
        assertThat(warnings.getFirst().message()).contains("324,000 records", "2,300 people");
        assertThat(warnings.getFirst().findings()).containsExactly("f2");
        assertThat(warnings.get(1).message()).contains("PAYMENT_CARD").doesNotContain("lists CONTACT");
        assertThat(warnings.get(2).message()).contains("placed 9,000 people in US with no subdivision", "US-CA, US-TX");
        assertThat(warnings.get(3).message()).contains("2026-12-04 03:11 UTC", "2026-12-05T02:00:00Z");
        assertThat(warnings.get(5).message()).contains("72-hour clock", "administrator extraction");
    }

    @Test
    void aLoginOrAPermissionGrantBesideOneLeakPathIsNoSeparateLeakPath() {
        var login = ScopeCheck.Finding.of(
                "f3",
                "SUSPICIOUS_LOGIN",
                "Integration user integration.sync logged in at 2026-12-04 23:45 UTC from 203.0.113.9 interactively",
                null);
        var grant = ScopeCheck.Finding.of(
                "f4",
                "DATA_ACCESS_GRANT",
                "View All Data given to permission set Ops by bob at 2026-12-04 16:00 UTC",
                null);
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(
                        Map.of("US", 400_000L),
                        Set.of(DataCategory.CONTACT),
                        true,
                        Instant.parse("2026-12-01T00:00:00Z")),
                List.of(SYNC, login, grant),
                List.of(CONTACT_IN_US));
        assertThat(warnings).isEmpty();
    }

    @Test
    void findingsDatedBeforeThePeriodAreOneWarningWithTheirCountAndTheEarliestNotOneEach() {
        var login = ScopeCheck.Finding.of(
                "f3",
                "SUSPICIOUS_LOGIN",
                "Administrator dana.whitfield logged in at 2026-12-04 03:05 UTC from 185.220.101.47 after failed logins",
                null);
        var grant = ScopeCheck.Finding.of(
                "f4",
                "DATA_ACCESS_GRANT",
                "View All Data given to permission set Ops by bob at 2026-12-01 16:00 UTC",
                null);
        var after = ScopeCheck.Finding.of(
                "f5", "SUSPICIOUS_LOGIN", "Administrator bob logged in at 2026-12-06 09:00 UTC from 10.0.0.1", null);
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(Map.of("US", 400_000L), Set.of(DataCategory.CONTACT), true, PERIOD),
                List.of(ADMIN, login, grant, after),
                List.of());
        assertThat(checks(warnings)).containsExactly("finding-before-period");
        assertThat(warnings.getFirst().message())
                .startsWith("3 findings are dated before the breach period starts (2026-12-05T02:00:00Z); the"
                        + " earliest, \"View All Data given to permission set Ops by bob at 2026-12-01 16:00 UTC\"")
                .endsWith("is dated 2026-12-01 16:00 UTC: check when the breach occurred.");
        assertThat(warnings.getFirst().findings()).containsExactly("f2", "f3", "f4");
    }

    @Test
    void aScopeThatAgreesWithTheRecordGivesNoWarning() {
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(
                        Map.of("US", 400_000L),
                        Set.of(DataCategory.CONTACT),
                        true,
                        Instant.parse("2026-12-01T00:00:00Z")),
                List.of(SYNC, SYNC),
                List.of(CONTACT_IN_US));
        assertThat(warnings).isEmpty();
    }

    @Test
    void categoriesAndPlacesFoundButNotInScopeAreNamedWithTheirItems() {
        var scan = new ScopeCheck.Scan(
                "crm.csv", EnumSet.of(DataCategory.CONTACT, DataCategory.GOVERNMENT_ID), Map.of("FR", 12L, "ZZ", 3L));
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(Map.of("DE", 10L), Set.of(DataCategory.CONTACT), false, null),
                List.of(),
                List.of(scan));
        assertThat(checks(warnings)).containsExactly("category-not-in-scope", "place-not-in-scope");
        assertThat(warnings.get(0).message()).contains("GOVERNMENT_ID", "crm.csv");
        // ZZ (not placed) is no place the scope could name
        assertThat(warnings.get(1).message()).contains("FR (12)").doesNotContain("ZZ");
    }

    @Test
    void withoutScansNothingIsSaidOfCategoriesAndACategoryTheScannerCannotFindIsNotReported() {
        assertThat(ScopeCheck.check(
                        new ScopeCheck.Subject(PEOPLE, CONTACT_AND_CARD, false, null), List.of(), List.of()))
                .isEmpty();
        var health = ScopeCheck.check(
                new ScopeCheck.Subject(PEOPLE, EnumSet.of(DataCategory.CONTACT, DataCategory.HEALTH), false, null),
                List.of(),
                List.of(new ScopeCheck.Scan("a.csv", EnumSet.of(DataCategory.CONTACT), Map.of("DE", 5L))));
        assertThat(health).isEmpty();
    }

    @Test
    void theFactsSettingUnauthorizedAccessSilenceThatWarning() {
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(Map.of("US", 400_000L), Set.of(), true, null), List.of(ADMIN), List.of());
        assertThat(warnings).isEmpty();
    }

    @Test
    void aTitleIsDatedByTheEarliestTimeItGives() {
        assertThat(ScopeCheck.timeIn("from x (2026-12-04 03:11 UTC) and (2026-12-03 23:59 UTC)"))
                .isEqualTo(Instant.parse("2026-12-03T23:59:00Z"));
        assertThat(ScopeCheck.timeIn("no time here, 2026-12-04 only")).isNull();
        assertThat(ScopeCheck.timeIn("not a time 2026-13-45 25:99 UTC")).isNull();
    }
}
