package dev.tandem.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetestsTest {
    private static final List<ControlTest> REGISTER = List.of(
            new ControlTest("CC6.3", "PermissionSet:Integration_Sync", LocalDate.of(2026, 9, 14), "Blake", "25", 2),
            new ControlTest("CC6.1", "Profile:Admin", LocalDate.of(2026, 9, 15), "Blake", "5", 3),
            new ControlTest("CC8.1", "Change:CAB", LocalDate.of(2026, 12, 20), "Blake", "all", 4),
            new ControlTest("CC7.2", "SIEM:Alerts", LocalDate.of(2026, 10, 1), "Blake", "all", 5));

    @Test
    void aChangeToATestedItemOrANamedControlBecomesARetest() {
        var change = new Retests.Executed(
                "c1",
                "Revoke ViewAllData",
                Instant.parse("2026-11-27T10:00:00Z"),
                List.of("PermissionSet:Integration_Sync#ViewAllData"),
                List.of("CC7.2", "CC8.1"));
        List<Retest> r = Retests.of(REGISTER, List.of(change));
        // CC6.3: its item's part changed; CC7.2: named; CC8.1 named but tested after the change; CC6.1 untouched
        assertThat(r).extracting(Retest::control).containsExactly("CC6.3", "CC7.2");
        assertThat(r.getFirst().reason()).contains("PermissionSet:Integration_Sync#ViewAllData");
        assertThat(r.getFirst().testedOn()).isEqualTo(LocalDate.of(2026, 9, 14));
    }

    /**
     * A control a change names reaches only the rows of that control no diff can tell about: the
     * review's Marketing_Admin change names CC6.3 and retests no CC6.3 test of a permission set it
     * never touched; a system the register tests (SIEM:Alerts) is retested when its control is named.
     */
    @Test
    void aNamedControlRetestsOnlyTheRowsTheChangeTouchesOrNoDiffCanTell() {
        var marketing = new Retests.Executed(
                "c1",
                "Remove ModifyAllData from Marketing_Admin",
                Instant.parse("2026-11-27T10:00:00Z"),
                List.of("PermissionSet:Marketing_Admin#ModifyAllData"),
                List.of("CC6.3", "CC6.1", "CC7.2"),
                List.of("PermissionSet:Marketing_Admin#ModifyAllData"),
                List.of());
        assertThat(Retests.of(REGISTER, List.of(marketing)))
                .extracting(Retest::control, Retest::configItem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CC7.2", "SIEM:Alerts"));
        // touched beyond its approval: the CC6.3 row is retested for what the diff shows
        var beyond = new Retests.Executed(
                "c2",
                "Remove ModifyAllData from Marketing_Admin",
                Instant.parse("2026-11-27T10:00:00Z"),
                List.of("PermissionSet:Marketing_Admin#ModifyAllData"),
                List.of(),
                List.of("PermissionSet:Integration_Sync#ViewAllData"),
                List.of());
        assertThat(Retests.of(REGISTER, List.of(beyond)))
                .extracting(Retest::control)
                .containsExactly("CC6.3");
    }

    /**
     * The reason says what the diffs show: every item of the test's the change modified (not the
     * first alone), those beyond its approval said so, and the approved items its diffs show no change
     * to; without diffs to tell (an auditor not shown them), the approved items stand for them.
     */
    @Test
    void theReasonMatchesTheDiff() {
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        String viewAll = "PermissionSet:Integration_Sync#ViewAllData";
        String contact = "PermissionSet:Integration_Sync#ViewAllRecords/Contact";
        // approved for both, both changed
        var both = new Retests.Executed(
                "c1", "Revoke", at, List.of(viewAll, contact), List.of("CC6.3"), List.of(viewAll, contact), List.of());
        assertThat(Retests.of(REGISTER, List.of(both)))
                .extracting(Retest::reason)
                .containsExactly("the change modified " + viewAll + ", " + contact
                        + ", which the test of CC6.3 on 2026-09-14 covered");
        // the review's case: approved for the Admin profile's login hours, naming CC6.1, its diff shows
        // the permission set changed instead
        var elsewhere = new Retests.Executed(
                "c2",
                "Tighten admin profile login hours",
                at,
                List.of("Profile:Admin#loginHours"),
                List.of("CC6.1"),
                List.of(viewAll, contact),
                List.of("Profile:Admin#loginHours"));
        assertThat(Retests.of(REGISTER, List.of(elsewhere)))
                .extracting(Retest::control, Retest::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "CC6.3",
                                "the change modified " + viewAll + ", " + contact
                                        + " beyond its approval, which the test of CC6.3 on 2026-09-14 covered"),
                        org.assertj.core.groups.Tuple.tuple(
                                "CC6.1",
                                "the change names control CC6.1; it was approved for Profile:Admin#loginHours, which"
                                        + " the test of CC6.1 on 2026-09-15 covered, but its diffs show no change to"
                                        + " it"));
        // an approved item changed, one beyond the approval, and an approved one the diffs show unchanged
        var mixed = new Retests.Executed(
                "c3",
                "Mixed",
                at,
                List.of(viewAll, "PermissionSet:Integration_Sync#ModifyAllData"),
                List.of(),
                List.of(viewAll, contact),
                List.of("PermissionSet:Integration_Sync#ModifyAllData"));
        assertThat(Retests.of(REGISTER, List.of(mixed)).getFirst().reason())
                .isEqualTo("the change modified " + viewAll + " and, beyond its approval, " + contact
                        + ", which the test of CC6.3 on 2026-09-14 covered; it was also approved for"
                        + " PermissionSet:Integration_Sync#ModifyAllData, which the test of CC6.3 on 2026-09-14"
                        + " covered, but its diffs show no change to it");
        // not named, approved and unchanged: still retested (approved for a tested item), and said so
        var notNamed = new Retests.Executed(
                "c4",
                "Hours",
                at,
                List.of("Profile:Admin#loginHours"),
                List.of(),
                List.of(viewAll),
                List.of("Profile:Admin#loginHours"));
        assertThat(Retests.of(REGISTER, List.of(notNamed)))
                .extracting(Retest::reason)
                .containsExactly(
                        "the change modified " + viewAll + " beyond its approval, which the test of CC6.3 on"
                                + " 2026-09-14 covered",
                        "the change was approved for Profile:Admin#loginHours, which the test of CC6.1 on 2026-09-15"
                                + " covered, but its diffs show no change to it");
        // no diffs shown: the approved items, all of them
        var approvedOnly = new Retests.Executed("c5", "Revoke", at, List.of(viewAll, contact), List.of());
        assertThat(Retests.of(REGISTER, List.of(approvedOnly)).getFirst().reason())
                .isEqualTo("the change modified " + viewAll + ", " + contact
                        + ", which the test of CC6.3 on 2026-09-14 covered");
    }

    @Test
    void aTestOnTheDayOfTheChangeCountsAsBeforeIt() {
        var change = new Retests.Executed(
                "c1", "t", Instant.parse("2026-09-15T23:00:00Z"), List.of("profile:admin"), List.of());
        assertThat(Retests.of(REGISTER, List.of(change)))
                .extracting(Retest::control)
                .containsExactly("CC6.1");
    }

    @Test
    void configItemsTouchAsWholeAndPart() {
        assertThat(ConfigItems.touches("PermissionSet:A", "permissionset:a#ViewAllData"))
                .isTrue();
        assertThat(ConfigItems.touches("PermissionSet:A#X", "PermissionSet:A#Y"))
                .isFalse();
        assertThat(ConfigItems.touches("PermissionSet:A", "PermissionSet:AB")).isFalse();
        // an approval covers one way: the whole covers its parts, a part neither its whole nor another part
        assertThat(ConfigItems.covers("permissionset:a", "PermissionSet:A#X")).isTrue();
        assertThat(ConfigItems.covers("PermissionSet:A#X", "PermissionSet:A")).isFalse();
        assertThat(ConfigItems.covers("PermissionSet:A#X", "PermissionSet:A#Y")).isFalse();
        assertThat(ConfigItems.covers("PermissionSet:A#X", "permissionset:a#x")).isTrue();
        // a part's sub-part (the object an object permission is on): contained by the part and the whole only
        assertThat(ConfigItems.covers("PermissionSet:A#ViewAllRecords", "PermissionSet:A#ViewAllRecords/Contact"))
                .isTrue();
        assertThat(ConfigItems.covers("PermissionSet:A", "PermissionSet:A#ViewAllRecords/Contact"))
                .isTrue();
        assertThat(ConfigItems.covers(
                        "PermissionSet:A#ViewAllRecords/Account", "PermissionSet:A#ViewAllRecords/Contact"))
                .isFalse();
        assertThat(ConfigItems.covers("PermissionSet:A#ViewAllRecords/Contact", "PermissionSet:A#ViewAllRecords"))
                .isFalse();
        assertThat(ConfigItems.covers("PermissionSet:A#View", "PermissionSet:A#ViewAllRecords"))
                .isFalse();
        assertThat(ConfigItems.covers("PermissionSet:A#ViewAllRecords/Con", "PermissionSet:A#ViewAllRecords/Contact"))
                .isFalse();
        assertThat(ConfigItems.touches("PermissionSet:A#ViewAllRecords/Contact", "PermissionSet:A#ViewAllRecords"))
                .isTrue();
        assertThat(ConfigItems.touches("PermissionSet:A#ViewAllRecords/Contact", "PermissionSet:A#ViewAllRecords/Lead"))
                .isFalse();
        // a sharing rules file contains its rules (SharingRules:Object.Rule), and only those
        assertThat(ConfigItems.covers("SharingRules:Account", "SharingRules:Account.Share_All"))
                .isTrue();
        assertThat(ConfigItems.touches("SharingRules:Account.Share_All", "sharingrules:account"))
                .isTrue();
        assertThat(ConfigItems.covers("SharingRules:Account.Share_All", "SharingRules:Account.Owners"))
                .isFalse();
        assertThat(ConfigItems.covers("SharingRules:Acc", "SharingRules:Account.Share_All"))
                .isFalse();
        assertThat(ConfigItems.covers("Profile:Admin", "Profile:Admin.Other")).isFalse();
        // a slash before the part is part of the name, not a sub-part
        assertThat(ConfigItems.covers("Web:checkout", "Web:checkout/x")).isFalse();
        assertThat(Retests.suggestedControls(REGISTER, List.of("PermissionSet:Integration_Sync#ViewAllData")))
                .containsExactly("CC6.3");
    }

    @Test
    void theFeeIsAShareOfTheAuditFeeWhenAnythingIsRetested() {
        RetestFee f =
                RetestFee.estimate(new BigDecimal("80000"), "EUR", new BigDecimal("0.15"), new BigDecimal("0.30"), 2);
        assertThat(f.low()).isEqualByComparingTo("12000.00");
        assertThat(f.high()).isEqualByComparingTo("24000.00");
        assertThat(RetestFee.estimate(new BigDecimal("80000"), "EUR", new BigDecimal("0.15"), new BigDecimal("0.3"), 0)
                        .high())
                .isEqualByComparingTo("0");
        assertThat(RetestFee.estimate(null, "EUR", new BigDecimal("0.15"), new BigDecimal("0.3"), 2)
                        .low())
                .isNull();
    }

    @Test
    void theTallyCountsItemsControlTestsAndChangesApart() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<Retest> retests = List.of(
                new Retest("CC6.3", "PermissionSet:A", LocalDate.parse("2026-09-14"), "Blake", "c1", "one", t, "r"),
                new Retest("CC6.1", "PermissionSet:A", LocalDate.parse("2026-09-14"), "Blake", "c1", "one", t, "r"),
                new Retest("CC6.3", "PermissionSet:A", LocalDate.parse("2026-09-14"), "Blake", "c2", "two", t, "r"));
        Retests.Tally tally = Retests.Tally.of(retests);
        assertThat(tally).isEqualTo(new Retests.Tally(3, 2, 2));
        assertThat(tally.words()).isEqualTo("3 retest items (2 control tests, 2 changes)");
        assertThat(tally.toRetest()).isEqualTo("2 control tests to retest (3 items)");
        assertThat(Retests.Tally.of(retests.subList(0, 1)).words())
                .isEqualTo("1 retest item (1 control test, 1 change)");
    }

    private static final String SYNC = "PermissionSet:Integration_Sync";

    private static Retests.Executed revoke(String id, String at) {
        return new Retests.Executed(id, "Revoke " + id, Instant.parse(at), List.of(SYNC + "#ViewAllData"), List.of());
    }

    /**
     * The review's case: a test of the same control and item after the change closes its retest, with
     * the test's day and tester; the fee counts the outstanding ones only. A later change is not closed
     * by a test before it, and a test on the day of the change closes it only when it was imported after
     * the change ran (one imported before may have seen either configuration, so it is a test before).
     */
    @Test
    void aTestAfterTheChangeClosesItsRetest() {
        ControlTest before = new ControlTest("CC6.3", SYNC, LocalDate.of(2026, 9, 14), "Blake", "25", 2);
        ControlTest redone = new ControlTest(
                "CC6.3", SYNC, LocalDate.of(2026, 12, 6), "Robin", "retest", 3, Instant.parse("2026-12-06T18:00:00Z"));
        var c1 = revoke("c1", "2026-12-06T10:00:00Z");
        var c2 = revoke("c2", "2026-12-08T10:00:00Z");
        List<Retest> r = Retests.of(List.of(before, redone), List.of(c1, c2));
        // c1: the test of 2026-09-14, redone on 2026-12-06 (imported after c1 ran); c2: the control test
        // (one retest per control, item and change) as redone on 2026-12-06, the test c2 undid, not
        // redone after it
        assertThat(r)
                .extracting(Retest::change, Retest::testedOn, Retest::closedOn, Retest::closedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "c1", LocalDate.of(2026, 9, 14), LocalDate.of(2026, 12, 6), "Robin"),
                        org.assertj.core.groups.Tuple.tuple("c2", LocalDate.of(2026, 12, 6), null, null));
        assertThat(Retests.outstanding(r)).isEqualTo(1);
        assertThat(Retests.Tally.of(r)).isEqualTo(new Retests.Tally(1, 1, 1, 1));
        assertThat(Retests.Tally.of(r).words() + Retests.Tally.of(r).doneWords())
                .isEqualTo("1 retest item (1 control test, 1 change); 1 retest item done (tested again after their"
                        + " change)");
        // the same row imported before the change ran is a test before it: no closure, and the latest
        // test the change undid
        ControlTest sameDayBefore = new ControlTest(
                "CC6.3", SYNC, LocalDate.of(2026, 12, 6), "Robin", "", 3, Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(Retests.of(List.of(before, sameDayBefore), List.of(c1)))
                .extracting(Retest::testedOn, Retest::closedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 12, 6), null));
        assertThat(Retests.of(List.of(sameDayBefore), List.of(c1)))
                .extracting(Retest::testedOn, Retest::closedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 12, 6), null));
        // another control, or another item, closes nothing; a test of the whole item closes its part's
        ControlTest part = new ControlTest("CC6.3", SYNC + "#ViewAllData", LocalDate.of(2026, 9, 14), "Blake", "", 2);
        ControlTest otherControl = new ControlTest("CC6.1", SYNC, LocalDate.of(2026, 12, 7), "Robin", "", 3);
        ControlTest otherItem = new ControlTest("CC6.3", "PermissionSet:Other", LocalDate.of(2026, 12, 7), "R", "", 4);
        ControlTest whole = new ControlTest("CC6.3", SYNC, LocalDate.of(2026, 12, 9), "Kim", "", 5);
        assertThat(Retests.of(List.of(part, otherControl, otherItem), List.of(c1)))
                .extracting(Retest::closedOn)
                .containsOnlyNulls();
        assertThat(Retests.of(List.of(part, whole), List.of(c1)))
                .extracting(Retest::configItem, Retest::closedOn, Retest::closedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SYNC + "#ViewAllData", LocalDate.of(2026, 12, 9), "Kim"));
    }

    /**
     * An item tested twice before the change: the retest cites the latest of those tests (the one the
     * change invalidates), in the register's order or not; a test after the change closes it, and is
     * cited by no retest of that change.
     */
    @Test
    void aRetestCitesTheLatestTestBeforeTheChange() {
        ControlTest first = new ControlTest("CC6.3", SYNC, LocalDate.of(2026, 9, 14), "Blake", "25", 2);
        ControlTest second = new ControlTest("CC6.3", SYNC, LocalDate.of(2026, 11, 2), "Okafor", "30", 3);
        ControlTest later = new ControlTest("CC6.3", SYNC, LocalDate.of(2026, 12, 9), "Kim", "retest", 4);
        var c1 = revoke("c1", "2026-12-06T10:00:00Z");
        for (List<ControlTest> register :
                List.of(List.of(first, second, later), List.of(later, second, first), List.of(second, first, later))) {
            List<Retest> r = Retests.of(register, List.of(c1));
            assertThat(r)
                    .as("register %s", register)
                    .extracting(Retest::testedOn, Retest::tester, Retest::closedOn, Retest::closedBy)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            LocalDate.of(2026, 11, 2), "Okafor", LocalDate.of(2026, 12, 9), "Kim"));
            assertThat(r.getFirst().reason()).contains("the test of CC6.3 on 2026-11-02");
        }
        // before approval the same: the preview cites the test the change would undo
        assertThat(Retests.preview(
                                List.of(first, second),
                                "c2",
                                "Revoke",
                                List.of(SYNC),
                                List.of(),
                                Instant.parse("2026-12-06T10:00:00Z"),
                                null)
                        .retests())
                .extracting(Retest::testedOn, Retest::tester)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 11, 2), "Okafor"));
    }

    /**
     * Two register rows of one control on the same item written in different case are one control
     * test, as the register and the change's items compare names ignoring case: one retest, shown
     * with the first row's spelling, citing the latest of the two, one item in the tally and the fee.
     */
    @Test
    void rowsOfOneItemInDifferentCaseAreOneRetest() {
        ControlTest upper = new ControlTest("CC6.3", "PermissionSet:Sync", LocalDate.of(2026, 9, 14), "Blake", "", 2);
        ControlTest lower = new ControlTest("CC6.3", "permissionset:sync", LocalDate.of(2026, 11, 2), "Okafor", "", 3);
        var c1 = new Retests.Executed(
                "c1", "Revoke", Instant.parse("2026-12-06T10:00:00Z"), List.of("PERMISSIONSET:SYNC"), List.of());
        List<Retest> r = Retests.of(List.of(upper, lower), List.of(c1));
        assertThat(r)
                .extracting(Retest::configItem, Retest::testedOn, Retest::tester)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PermissionSet:Sync", LocalDate.of(2026, 11, 2), "Okafor"));
        assertThat(Retests.outstanding(r)).isEqualTo(1);
        // the tally counts control tests by the same key, whatever spelling its retests carry
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<Retest> spelt = List.of(
                new Retest("CC6.3", "PermissionSet:Sync", LocalDate.parse("2026-09-14"), "Blake", "c1", "one", t, "r"),
                new Retest("CC6.3", "permissionset:SYNC", LocalDate.parse("2026-09-14"), "Blake", "c2", "two", t, "r"));
        assertThat(Retests.Tally.of(spelt)).isEqualTo(new Retests.Tally(2, 1, 2));
    }

    /** A change executed outside the observation period undoes no test of it. */
    @Test
    void aChangeOutsideTheObservationPeriodPutsUpNoRetest() {
        var period = new ObservationPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 30));
        var inside = revoke("c1", "2026-11-30T23:00:00Z");
        var after = revoke("c2", "2026-12-01T00:30:00Z");
        assertThat(Retests.of(REGISTER, List.of(inside, after), period))
                .extracting(Retest::change)
                .containsExactly("c1");
        assertThat(Retests.of(REGISTER, List.of(inside, after)))
                .extracting(Retest::change)
                .containsExactly("c1", "c2");
    }

    /**
     * Before approval: the tests a change would put up for retest if run now, and the controls it names
     * that the register never tested.
     */
    @Test
    void thePreviewNamesTheTestsAChangeWouldUndoAndTheControlsNotInTheRegister() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        var p = Retests.preview(
                REGISTER,
                "c9",
                "Revoke",
                List.of(SYNC + "#ViewAllData"),
                List.of("CC6.3", "CC9.2", "CC9.2"),
                now,
                null);
        assertThat(p.retests())
                .extracting(Retest::control, Retest::configItem, Retest::testedOn, Retest::tester)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CC6.3", SYNC, LocalDate.of(2026, 9, 14), "Blake"));
        assertThat(p.retests().getFirst().reason())
                .isEqualTo(
                        "the change would modify PermissionSet:Integration_Sync#ViewAllData, which the test of CC6.3 on"
                                + " 2026-09-14 covered");
        assertThat(p.notInRegister()).containsExactly("CC9.2");
        assertThat(p.outsidePeriod()).isFalse();
        var outside = Retests.preview(
                REGISTER,
                "c9",
                "Revoke",
                List.of(SYNC),
                List.of(),
                now,
                new ObservationPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 30)));
        assertThat(outside.retests()).isEmpty();
        assertThat(outside.outsidePeriod()).isTrue();
    }
}
