package dev.tandem.server.demo;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.regulation.DataCategory;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.identity.Accounts;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.incident.Severity;
import dev.tandem.server.regulation.Obligations;
import dev.tandem.server.regulation.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The sample incident of {@code tandem demo}: a customer-data leak through a Salesforce
 * integration user, with evidence in both repositories. Loaded once per data directory.
 */
@Component
@ConditionalOnBooleanProperty("tandem.demo")
public class DemoData {
    public static final String TITLE = "Customer records synced to a sandbox by the marketing integration user";
    static final String ADMIN = "admin";

    private final Accounts accounts;
    private final Incidents incidents;
    private final Vault vault;
    private final Obligations obligations;
    private final Clock clock;

    DemoData(Accounts accounts, Incidents incidents, Vault vault, Obligations obligations, Clock clock) {
        this.accounts = accounts;
        this.incidents = incidents;
        this.vault = vault;
        this.obligations = obligations;
        this.clock = clock;
    }

    /** Who was affected and which data: the same as {@code tandem deadlines --subjects DE=1200,US-CA=800,US-TX=300}. */
    public static Scope scope() {
        Map<String, Long> subjects = new LinkedHashMap<>();
        subjects.put("DE", 1200L);
        subjects.put("US-CA", 800L);
        subjects.put("US-TX", 300L);
        return Scope.of(subjects, EnumSet.of(DataCategory.CONTACT, DataCategory.PAYMENT_CARD), false);
    }

    public record Loaded(Incident incident, String adminToken, boolean fresh) {}

    record Sample(String resource, Repository repository, EvidenceKind kind, String source, String description) {}

    static final List<Sample> SAMPLES = List.of(
            new Sample(
                    "EventLogFile-BulkApi-2026-11-25.csv",
                    Repository.FORENSIC,
                    EvidenceKind.LOG,
                    "Salesforce EventLogFile API, org 00D5g000004XYZa",
                    "Bulk API event log for 2026-11-25, pulled by the SOC"),
            new Sample(
                    "checkout-capture.har",
                    Repository.FORENSIC,
                    EvidenceKind.HTTP_CAPTURE,
                    "Chrome DevTools on a test checkout",
                    "Checkout traffic to a third-party analytics host"),
            new Sample(
                    "intake-memo-privileged.md",
                    Repository.FORENSIC,
                    EvidenceKind.DOCUMENT,
                    "Outside counsel",
                    "Privileged intake memo"),
            new Sample(
                    "Integration_Sync.permissionset-meta.xml",
                    Repository.AUDIT,
                    EvidenceKind.CONFIG_SNAPSHOT,
                    "sf project retrieve start -m PermissionSet:Integration_Sync",
                    "Pre-change snapshot of the integration user's permission set"),
            new Sample(
                    "access-review-policy.md",
                    Repository.AUDIT,
                    EvidenceKind.DOCUMENT,
                    "GRC wiki",
                    "Access review policy in force during the audit period"));

    /** Loads the sample incident unless one exists, and issues a fresh administrator token. */
    public synchronized Loaded load() throws IOException {
        if (!accounts.exists(ADMIN)) {
            accounts.createUser(ADMIN, "Demo administrator", null, true, "demo");
        }
        String token = accounts.issueToken(ADMIN, "tandem demo", "demo");
        @Nullable
        Incident existing = incidents.all().stream()
                .filter(i -> i.title().equals(TITLE))
                .findFirst()
                .orElse(null);
        if (existing != null) {
            return new Loaded(existing, token, false);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Incident incident = incidents.open(
                TITLE, Severity.CRITICAL, now.minus(Duration.ofHours(20)), ZoneId.of("Europe/Berlin"), ADMIN);
        for (Sample s : SAMPLES) {
            try (InputStream in = new ClassPathResource("demo/" + s.resource()).getInputStream()) {
                vault.add(
                        new Vault.Metadata(
                                incident.id(),
                                s.repository(),
                                s.kind(),
                                s.resource(),
                                s.source(),
                                s.description(),
                                now.minus(Duration.ofHours(18))),
                        in,
                        Long.MAX_VALUE,
                        ADMIN);
            }
        }
        obligations.updateScope(incident.id(), scope(), ADMIN);
        return new Loaded(incident, token, true);
    }
}
