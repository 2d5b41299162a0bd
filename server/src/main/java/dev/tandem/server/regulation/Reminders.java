package dev.tandem.server.regulation;

import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.ObligationReminded;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts webhook reminders before deadlines: every {@code tandem.reminders.interval}, for each
 * pending obligation whose due instant is within a lead time, one Slack-compatible message, then
 * the record of it ({@code obligation.reminded} and a row, so a restart does not send it again). A
 * failed post is logged and tried again at the next run; nothing here may stop the job.
 */
@Component
public class Reminders {
    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final Obligations obligations;
    private final Incidents incidents;
    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JsonMapper json;
    private final @Nullable URI webhook;
    private final List<Duration> leadTimes;
    private final Duration timeout;
    private final HttpClient http;

    Reminders(
            Obligations obligations,
            Incidents incidents,
            Ledger ledger,
            JdbcTemplate jdbc,
            Clock clock,
            JsonMapper json,
            ReminderProperties properties) {
        this.obligations = obligations;
        this.incidents = incidents;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.webhook = webhook(properties.webhookUrl());
        this.leadTimes = properties.leadTimes() == null ? List.of() : List.copyOf(properties.leadTimes());
        for (Duration d : leadTimes) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException("tandem.reminders.lead-times: " + d + " is not a positive duration");
            }
        }
        this.timeout = properties.timeout() == null ? Duration.ofSeconds(10) : properties.timeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static @Nullable URI webhook(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = new URI(url.strip());
            if (!("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    || u.getHost() == null) {
                throw new IllegalStateException("tandem.reminders.webhook-url: '" + url + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(
                    "tandem.reminders.webhook-url: '" + url + "' is not a URL: " + e.getMessage());
        }
    }

    /** The outcome of one run, for logs and tests. */
    public record Run(int sent, int failed) {}

    @Scheduled(
            fixedDelayString = "${tandem.reminders.interval:PT1M}",
            initialDelayString = "${tandem.reminders.interval:PT1M}")
    void scheduled() {
        try {
            Run r = run();
            if (r.sent() > 0 || r.failed() > 0) {
                log.info("reminders: {} sent, {} failed (retried next run)", r.sent(), r.failed());
            }
        } catch (RuntimeException e) {
            // e.g. the database is briefly unreachable: the next run tries again
            log.warn("reminder run failed: {}", e.toString());
        }
    }

    /** One pass: posts what is due and records what was posted. Runs one at a time. */
    public synchronized Run run() {
        if (webhook == null || leadTimes.isEmpty()) {
            return new Run(0, 0);
        }
        Instant now = clock.instant();
        List<StoredObligation> pending = obligations.pendingWithDue();
        List<ReminderPlan.Reminder> due = ReminderPlan.due(pending, leadTimes, sentKeys(), now);
        Map<String, Optional<Incident>> incidentCache = new HashMap<>();
        int sent = 0;
        int failed = 0;
        for (ReminderPlan.Reminder r : due) {
            StoredObligation o = r.obligation();
            try {
                Incident incident = incidentCache
                        .computeIfAbsent(o.incidentId(), incidents::find)
                        .orElseThrow(() -> new IllegalStateException("incident " + o.incidentId() + " is missing"));
                String text = ReminderMessage.text(o, incident.title(), incident.timeZone(), r.leadTime(), now);
                int status = post(text);
                if (status / 100 != 2) {
                    failed++;
                    log.warn(
                            "reminder for obligation {} ({}): webhook answered HTTP {}; retried next run",
                            o.id(),
                            r.leadTime(),
                            status);
                    continue;
                }
                record(r, status);
                sent++;
            } catch (IOException e) {
                failed++;
                log.warn("reminder for obligation {} ({}): {}; retried next run", o.id(), r.leadTime(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("reminder run interrupted");
                break;
            } catch (RuntimeException e) {
                failed++;
                log.warn("reminder for obligation {} ({}): {}", o.id(), r.leadTime(), e.toString());
            }
        }
        return new Run(sent, failed);
    }

    private int post(String text) throws IOException, InterruptedException {
        String body = json.writeValueAsString(json.createObjectNode().put("text", text));
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void record(ReminderPlan.Reminder r, int status) {
        StoredObligation o = r.obligation();
        Instant due = o.due();
        if (due == null) {
            return;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ledger.record(ap -> {
            long index = ap.record(
                    new ObligationReminded(
                            o.incidentId(),
                            o.id(),
                            o.ruleId(),
                            o.jurisdiction(),
                            o.recipient(),
                            due,
                            r.leadTime(),
                            status,
                            r.covers()),
                    "tandem");
            for (Duration d : r.covers()) {
                jdbc.update(
                        "INSERT INTO obligation_reminder (obligation_id, lead_time, due, sent_at, ledger_index)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        o.id(),
                        d.toString(),
                        Timestamp.from(due),
                        Timestamp.from(at),
                        index);
            }
            return index;
        });
    }

    private Set<String> sentKeys() {
        Set<String> keys = new HashSet<>();
        jdbc.query(
                "SELECT r.obligation_id, r.lead_time, r.due FROM obligation_reminder r"
                        + " JOIN obligation o ON o.id = r.obligation_id WHERE o.placement = 'OWED' AND o.status = 'PENDING'",
                rs -> {
                    keys.add(ReminderPlan.key(
                            rs.getString(1),
                            Duration.parse(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()));
                });
        return keys;
    }
}
