package dev.tandem.server.regulation;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.reminders.*} (environment {@code TANDEM_REMINDERS_*}).
 *
 * @param webhookUrl where reminders are posted as Slack-compatible {@code {"text":...}}; empty: none
 * @param leadTimes how long before a deadline to remind, e.g. {@code PT24H,PT4H,PT1H}
 * @param interval how often the job looks for reminders due (read by {@code @Scheduled})
 * @param timeout connect and request timeout of one webhook call
 */
@ConfigurationProperties("tandem.reminders")
public record ReminderProperties(
        @Nullable String webhookUrl,
        @Nullable List<Duration> leadTimes,
        @Nullable Duration interval,
        @Nullable Duration timeout) {}
