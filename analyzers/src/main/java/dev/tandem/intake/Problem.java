package dev.tandem.intake;

import org.jspecify.annotations.Nullable;

/**
 * Something wrong with an input, reported rather than thrown so that the rest of the analysis goes
 * on. {@code line} is 1-based, or 0 when the problem concerns the whole input. {@code related} is
 * another input the message names (the earlier file of {@link Kind#REPEATED_ROWS}), or null: who may
 * read the problem must be allowed to read both.
 */
public record Problem(
        String file,
        long line,
        Kind kind,
        String message,
        @Nullable String related) {

    public Problem(String file, long line, Kind kind, String message) {
        this(file, line, kind, message, null);
    }

    /** What went wrong; {@link #fileLevel()} kinds mean the input (or its remainder) was not read. */
    public enum Kind {
        MALFORMED_ROW(false),
        MALFORMED_ROWS_SKIPPED(false),
        MISSING_COLUMNS(true),
        UNSUPPORTED_EVENT_TYPE(false),
        UNKNOWN_FORMAT(true),
        UNREADABLE(true),
        XML_DOCTYPE_REFUSED(true),
        UNSAFE_ARCHIVE_ENTRY(false),
        ARCHIVE_BOMB(true),
        TRUNCATED(true),
        BODY_TOO_LARGE(false),
        /** Rows another input held too (an hourly and a 24-hour event log of the same hours): read once. */
        REPEATED_ROWS(false),
        /** A report export whose report run no event log read holds: its row count is unknown. */
        REPORT_ROWS_UNKNOWN(false),
        /**
         * A Setup download's times read one of the ways they could be: dates that read month or day
         * first, a zone abbreviation other zones write at another offset. The file was read.
         */
        TIMES_ASSUMED(false),
        /**
         * A session that read bulk customer rows which no rule could judge, for want of the User export
         * or of days of the user's history: nothing was found about it, which is not that it is benign.
         */
        BULK_READ_NOT_JUDGED(false);

        private final boolean fileLevel;

        Kind(boolean fileLevel) {
            this.fileLevel = fileLevel;
        }

        public boolean fileLevel() {
            return fileLevel;
        }
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + kind + ": " + message;
    }
}
