package dev.tandem.server;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps Spring Boot from logging a {@link Settings.Refused} start as a failure with its stack
 * trace: the caller ({@code tandem serve}, {@code demo}) prints the refusal's one line itself.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SettingsFailureReporter implements SpringBootExceptionReporter {
    @Override
    public boolean reportException(Throwable failure) {
        return refusal(failure) != null;
    }

    /** The refusal among {@code failure}'s causes, else null. */
    public static Settings.@org.jspecify.annotations.Nullable Refused refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Settings.Refused r) return r;
        }
        return null;
    }
}
