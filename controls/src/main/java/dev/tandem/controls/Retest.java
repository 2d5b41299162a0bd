package dev.tandem.controls;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A control the auditors tested before a change touched it: it must be tested again.
 *
 * @param change the change request's id
 * @param reason in words: the control named by the change, or the tested item it changed
 */
public record Retest(
        String control,
        String configItem,
        LocalDate testedOn,
        String tester,
        String change,
        String changeTitle,
        Instant executedAt,
        String reason) {}
