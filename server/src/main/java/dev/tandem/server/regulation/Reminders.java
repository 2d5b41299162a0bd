package dev.tandem.server.regulation;

import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.EvidenceRequestReminded;
import dev.tandem.server.ledger.fact.ObligationReminded;
import dev.tandem.server.portal.RequestRules;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
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
 * the record of it ({@code obligation.reminded} and a row, so a restart does not send it again);
 * the same for each open evidence request before the end of its due date in the incident's time
 * zone ({@code evidence-request.reminded}). A failed post is logged and tried again at the next
 * run; nothing here may stop the job.
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
        Tally tally = new Tally();
        Map<String, Optional<Incident>> incidentCache = new HashMap<>();
        List<ReminderPlan.Reminder> due = ReminderPlan.due(
                obligations.pendingWithDue(),
                leadTimes,
                sentKeys(
                        "obligation_reminder",
                        "obligation_id",
                        "obligation",
                        "o.placement = 'OWED' AND o.status = 'PENDING'"),
                now);
        for (ReminderPlan.Reminder r : due) {
            StoredObligation o = r.obligation();
            boolean go = tally.count(deliver(
                    "obligation",
                    o.id(),
                    r.leadTime(),
                    () -> {
                        Incident incident = incidentCache
                                .computeIfAbsent(o.incidentId(), incidents::find)
                                .orElseThrow(
                                        () -> new IllegalStateException("incident " + o.incidentId() + " is missing"));
                        return ReminderMessage.text(
                                o,
                                incident.title(),
                                incident.timeZone(),
                                obligations.ruleZone(o, incident.timeZone()),
                                r.leadTime(),
                                now);
                    },
                    status -> record(r, status)));
            if (!go) return tally.run();
        }
        for (ReminderPlan.Timed<DueRequest> t : dueRequests(incidentCache, now)) {
            DueRequest d = t.item();
            OpenRequest q = d.request();
            boolean go = tally.count(deliver(
                    "evidence request",
                    q.id(),
                    t.leadTime(),
                    () -> ReminderMessage.requestText(
                            q.id(),
                            q.requestedBy(),
                            q.text(),
                            q.dueOn(),
                            q.controls(),
                            d.incident().title(),
                            d.incident().timeZone(),
                            d.due(),
                            t.leadTime(),
                            now),
                    status -> recordRequest(d, t, status)));
            if (!go) break;
        }
        return tally.run();
    }

    private enum Outcome {
        SENT,
        FAILED,
        INTERRUPTED
    }

    private static final class Tally {
        private int sent;
        private int failed;

        /** Counts an outcome; false when the run must stop. */
        boolean count(Outcome o) {
            if (o == Outcome.SENT) sent++;
            if (o == Outcome.FAILED) failed++;
            return o != Outcome.INTERRUPTED;
        }

        Run run() {
            return new Run(sent, failed);
        }
    }

    /**
     * Posts one reminder ({@code text} is made inside, so a fault making it counts as a failure) and,
     * on a 2xx answer, records it; a failure is logged and left for the next run.
     */
    private Outcome deliver(String what, String id, Duration leadTime, Supplier<String> text, IntConsumer record) {
        try {
            int status = post(text.get());
            if (status / 100 != 2) {
                log.warn(
                        "reminder for {} {} ({}): webhook answered HTTP {}; retried next run",
                        what,
                        id,
                        leadTime,
                        status);
                return Outcome.FAILED;
            }
            record.accept(status);
            return Outcome.SENT;
        } catch (IOException e) {
            log.warn("reminder for {} {} ({}): {}; retried next run", what, id, leadTime, e.toString());
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("reminder run interrupted");
            return Outcome.INTERRUPTED;
        } catch (RuntimeException e) {
            log.warn("reminder for {} {} ({}): {}", what, id, leadTime, e.toString());
            return Outcome.FAILED;
        }
    }

    /** An open evidence request with a due date, as its reminder needs it. */
    record OpenRequest(
            String id, String incidentId, String text, LocalDate dueOn, List<String> controls, String requestedBy) {}

    /** A request and the instant it is due: the end of its due date in its incident's time zone. */
    private record DueRequest(OpenRequest request, Incident incident, Instant due) {}

    /** Open evidence requests whose lead times are reached (docs/contracts.md §5.1). */
    private List<ReminderPlan.Timed<DueRequest>> dueRequests(
            Map<String, Optional<Incident>> incidentCache, Instant now) {
        List<DueRequest> open = new ArrayList<>();
        for (OpenRequest r : openRequests()) {
            Optional<Incident> incident = incidentCache.computeIfAbsent(r.incidentId(), incidents::find);
            if (incident.isEmpty()) {
                log.warn("reminder for evidence request {}: incident {} is missing", r.id(), r.incidentId());
                continue;
            }
            ZoneId zone = incident.get().timeZone();
            open.add(new DueRequest(
                    r, incident.get(), r.dueOn().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        Set<String> sent = sentKeys(
                "evidence_request_reminder",
                "request_id",
                "evidence_request",
                "o.status = '" + RequestRules.Status.OPEN.name() + "'");
        return ReminderPlan.reached(open, d -> d.request().id(), DueRequest::due, leadTimes, sent, now);
    }

    private List<OpenRequest> openRequests() {
        return jdbc.query(
                "SELECT id, incident_id, request_text, due_on, controls, requested_by FROM evidence_request"
                        + " WHERE status = ? AND due_on IS NOT NULL ORDER BY requested_at, id",
                (rs, n) -> new OpenRequest(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5).isEmpty()
                                ? List.of()
                                : List.of(rs.getString(5).split(",")),
                        rs.getString(6)),
                RequestRules.Status.OPEN.name());
    }

    private void record(ReminderPlan.Reminder r, int status) {
        StoredObligation o = r.obligation();
        Instant due = o.due();
        if (due == null) {
            return;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (o.dueWithheld()) {
            // a deadline withheld from the auditor (it runs from counsel's determination or a privileged
            // judgement): an entry's public time, a lead time before it, would tell it, so the reminder
            // is kept here only (docs/contracts.md §5)
            rows("obligation_reminder", "obligation_id", o.id(), r.covers(), due, at, null);
            log.info("reminded of obligation {} (its deadline is withheld from the auditor: no ledger entry)", o.id());
            return;
        }
        // the deadline may run from counsel's privileged facts (a determination): then so is the entry
        boolean counselsFacts = !obligations.incidentFacts(o.incidentId()).equals(IncidentFacts.NONE);
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
                            r.covers(),
                            counselsFacts),
                    "tandem");
            rows("obligation_reminder", "obligation_id", o.id(), r.covers(), due, at, index);
            return index;
        });
    }

    private void recordRequest(DueRequest d, ReminderPlan.Timed<DueRequest> t, int status) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OpenRequest r = d.request();
        ledger.record(ap -> {
            long index = ap.record(
                    new EvidenceRequestReminded(
                            r.incidentId(), r.id(), r.dueOn(), d.due(), t.leadTime(), status, t.covers()),
                    "tandem");
            rows("evidence_request_reminder", "request_id", r.id(), t.covers(), d.due(), at, index);
            return index;
        });
    }

    /** One row per lead time a reminder sent or covered, so that a restart does not send it again. */
    private void rows(
            String table,
            String idColumn,
            String id,
            List<Duration> covers,
            Instant due,
            Instant at,
            @Nullable Long index) {
        for (Duration lead : covers) {
            jdbc.update(
                    "INSERT INTO " + table + " (" + idColumn + ", lead_time, due, sent_at, ledger_index)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    id,
                    lead.toString(),
                    Timestamp.from(due),
                    Timestamp.from(at),
                    index);
        }
    }

    /** The (item, lead time, due) keys already sent for items still waiting ({@code o} is the item's table). */
    private Set<String> sentKeys(String table, String idColumn, String itemTable, String stillWaiting) {
        Set<String> keys = new HashSet<>();
        jdbc.query(
                "SELECT r." + idColumn + ", r.lead_time, r.due FROM " + table + " r JOIN " + itemTable
                        + " o ON o.id = r." + idColumn + " WHERE " + stillWaiting,
                rs -> {
                    keys.add(ReminderPlan.key(
                            rs.getString(1),
                            Duration.parse(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()));
                });
        return keys;
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
}
