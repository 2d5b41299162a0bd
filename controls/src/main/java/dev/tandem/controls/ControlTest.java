package dev.tandem.controls;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One row of the audit firm's control test register: a control tested on a configuration item
 * during the observation period.
 *
 * @param control the catalog's canonical id
 * @param configItem what was tested, as change requests name it ({@code PermissionSet:Integration_Sync})
 * @param testedOn the day the test was performed
 * @param sample what the tester sampled (free text)
 * @param line the CSV line the row was read from
 * @param recordedAt when the row was imported (its {@code control-tests.imported} entry); null where not
 *     known, as in a register just read. A test dated on the day of a change was run after it only if
 *     it was imported after the change was executed ({@link Retests}).
 */
public record ControlTest(
        String control,
        String configItem,
        LocalDate testedOn,
        String tester,
        String sample,
        long line,
        @Nullable Instant recordedAt) {
    public ControlTest(String control, String configItem, LocalDate testedOn, String tester, String sample, long line) {
        this(control, configItem, testedOn, tester, sample, line, null);
    }
}
