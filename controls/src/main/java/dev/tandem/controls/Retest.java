package dev.tandem.controls;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A control the auditors tested before a change touched it: it must be tested again.
 *
 * @param change the change request's id
 * @param reason in words: the control named by the change, or the tested item it changed
 * @param closedOn the day of the register's test of the same control and item after the change
 *     (the retest done); null while it is outstanding
 * @param closedBy that test's tester
 */
public record Retest(
        String control,
        String configItem,
        LocalDate testedOn,
        String tester,
        String change,
        String changeTitle,
        Instant executedAt,
        String reason,
        @Nullable LocalDate closedOn,
        @Nullable String closedBy) {
    public Retest(
            String control,
            String configItem,
            LocalDate testedOn,
            String tester,
            String change,
            String changeTitle,
            Instant executedAt,
            String reason) {
        this(control, configItem, testedOn, tester, change, changeTitle, executedAt, reason, null, null);
    }

    /** Not yet redone: no test of the register after the change closes it. */
    public boolean outstanding() {
        return closedOn == null;
    }
}
