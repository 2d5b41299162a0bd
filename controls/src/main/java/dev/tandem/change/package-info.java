/**
 * Change control for containment and remediation (docs/change-control.md, ADR 076): the rules a
 * change request must meet to be requested, approved, acknowledged and executed ({@link
 * ChangeRules}), the review window of emergency changes ({@link EmergencyReview}), and the diff
 * between pre- and post-change configuration snapshots ({@link ConfigDiff}). Plain Java.
 */
@NullMarked
package dev.tandem.change;

import org.jspecify.annotations.NullMarked;
