package dev.tandem.server;

import dev.tandem.server.backup.EmbeddedBackup;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps Spring Boot from logging a {@link Settings.Refused} start as a failure with its stack
 * trace: the caller ({@code tandem serve}, {@code demo}) prints the refusal's one line itself. A
 * start the database refuses for want of rights on its tables (PostgreSQL's {@code 42501}, the
 * append-only role's documented first start, docs/operations.md) is one such refusal, and so is an
 * embedded database another process holds (H2's {@code 90020}: a second server on the same data
 * directory).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SettingsFailureReporter implements SpringBootExceptionReporter {
    /** The file H2 names in its "already in use" message. */
    private static final Pattern IN_USE_FILE = Pattern.compile("in use: \"([^\"]+)\"");

    /** PostgreSQL's SQLSTATE for {@code permission denied} (insufficient_privilege). */
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Override
    public boolean reportException(Throwable failure) {
        return refusal(failure) != null;
    }

    /** The refusal among {@code failure}'s causes, or what a refused privilege means, else null. */
    public static Settings.@org.jspecify.annotations.Nullable Refused refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Settings.Refused r) return r;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && INSUFFICIENT_PRIVILEGE.equals(s.getSQLState())) {
                String reason = s.getMessage() == null
                        ? "permission denied"
                        : s.getMessage().strip();
                int nl = reason.indexOf('\n');
                reason = (nl < 0 ? reason : reason.substring(0, nl)).replaceFirst("^ERROR: ", "");
                return new Settings.Refused("the database refused the server's role (SPRING_DATASOURCE_USERNAME,"
                        + " spring.datasource.username) a table: " + reason + "; the migrations ran, so as the"
                        + " tables' owner grant the role its rights (docs/operations.md, \"PostgreSQL: an"
                        + " append-only role\") and start again");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && EmbeddedBackup.inUse(s)) {
                Matcher file = IN_USE_FILE.matcher(s.getMessage() == null ? "" : s.getMessage());
                return new Settings.Refused("the embedded database " + (file.find() ? file.group(1) + " " : "")
                        + "is in use by another process, most likely a Tandem server already running on this"
                        + " data directory; stop it, or give this one another data directory with --data-dir DIR");
            }
        }
        return null;
    }
}
