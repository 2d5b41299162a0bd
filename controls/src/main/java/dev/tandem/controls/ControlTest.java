package dev.tandem.controls;

import java.time.LocalDate;

/**
 * One row of the audit firm's control test register: a control tested on a configuration item
 * during the observation period.
 *
 * @param control the catalog's canonical id
 * @param configItem what was tested, as change requests name it ({@code PermissionSet:Integration_Sync})
 * @param testedOn the day the test was performed
 * @param sample what the tester sampled (free text)
 * @param line the CSV line the row was read from
 */
public record ControlTest(
        String control, String configItem, LocalDate testedOn, String tester, String sample, long line) {}
