package dev.tandem.change;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An emergency change runs before its approvals and must be approved within a window after it was
 * executed (24 hours by default; the window in force when it was requested, {@link #windowOf}). Past the window without both approvals it is a change-management
 * exception against SOC 2 CC8.1, which the audit-continuity report lists.
 */
public final class EmergencyReview {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private EmergencyReview() {}

    public enum Status {
        /** Approved before it ran, or within the window after. */
        APPROVED_IN_TIME,
        /** Not yet approved, still within the window. */
        AWAITING_APPROVAL,
        /** Approved, but after the window closed. */
        APPROVED_LATE,
        /** The window closed without both approvals (or an approver rejected it). */
        OVERDUE
    }

    /**
     * @param approvedAt when the second approval came, null while not approved
     * @param rejected an approver rejected it after it ran
     */
    public static Status status(
            Instant executedAt, @Nullable Instant approvedAt, boolean rejected, Duration window, Instant now) {
        Instant deadline = executedAt.plus(window);
        if (approvedAt != null) {
            return approvedAt.isAfter(deadline) ? Status.APPROVED_LATE : Status.APPROVED_IN_TIME;
        }
        if (rejected) {
            return Status.OVERDUE;
        }
        return now.isAfter(deadline) ? Status.OVERDUE : Status.AWAITING_APPROVAL;
    }

    /**
     * The window an emergency change is judged by: the one recorded in its {@code change.requested}
     * entry when it was requested (docs/contracts.md §3), so that no later setting makes an exception
     * appear or disappear; {@code setting}, the server's, for a request recorded before the window
     * was (none recorded).
     */
    public static Duration windowOf(@Nullable Duration recorded, Duration setting) {
        return recorded != null ? recorded : setting;
    }

    /** Whether the status is a CC8.1 change-management exception. */
    public static boolean exception(Status s) {
        return s == Status.APPROVED_LATE || s == Status.OVERDUE;
    }
}
