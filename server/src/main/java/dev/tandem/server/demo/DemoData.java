package dev.tandem.server.demo;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.regulation.DataCategory;
import dev.tandem.server.TandemProperties;
import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.PullBacks;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.identity.Accounts;
import dev.tandem.server.incident.EntryDraft;
import dev.tandem.server.incident.EntryKind;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.IncidentLifecycle;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.incident.Precision;
import dev.tandem.server.incident.Severity;
import dev.tandem.server.incident.Timeline;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import dev.tandem.server.leak.Analyses;
import dev.tandem.server.pii.PiiScans;
import dev.tandem.server.portal.EvidenceRequests;
import dev.tandem.server.regulation.IncidentFacts;
import dev.tandem.server.regulation.Obligations;
import dev.tandem.server.regulation.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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
    static final String COMMANDER = "commander";
    /** Where the demo keeps its people's tokens, so a restart prints the same ones (owner-only file). */
    static final String TOKENS_FILE = "demo-tokens.properties";

    /** A person of the demo: the administrator (no member of the incident) and one member per role. */
    public record Person(
            String username, String displayName, @Nullable Role role) {}

    public static final List<Person> PEOPLE = List.of(
            new Person(ADMIN, "Demo administrator", null),
            new Person(COMMANDER, "Irene Weber, incident commander", Role.INCIDENT_COMMANDER),
            new Person("responder", "Rafael Costa, security engineer", Role.RESPONDER),
            new Person("counsel", "Lena Hoffmann, outside counsel", Role.LEGAL),
            new Person("liaison", "Alex Kim, audit liaison", Role.AUDIT_LIAISON),
            new Person("auditor", "Audrey Blake, external auditor", Role.AUDITOR));

    private final Accounts accounts;
    private final Incidents incidents;
    private final Vault vault;
    private final Obligations obligations;
    private final Analyses analyses;
    private final Jobs jobs;
    private final PiiScans piiScans;
    private final Memberships memberships;
    private final Timeline timeline;
    private final EvidenceRequests evidenceRequests;
    private final PullBacks pullBacks;
    private final TandemProperties props;
    private final Clock clock;
    private final @Nullable SampleOrg sampleOrg;

    DemoData(
            Accounts accounts,
            Incidents incidents,
            Vault vault,
            Obligations obligations,
            Analyses analyses,
            Jobs jobs,
            PiiScans piiScans,
            Memberships memberships,
            Timeline timeline,
            EvidenceRequests evidenceRequests,
            PullBacks pullBacks,
            TandemProperties props,
            Clock clock,
            ObjectProvider<SampleOrg> sampleOrg) {
        this.accounts = accounts;
        this.incidents = incidents;
        this.vault = vault;
        this.obligations = obligations;
        this.analyses = analyses;
        this.jobs = jobs;
        this.piiScans = piiScans;
        this.memberships = memberships;
        this.timeline = timeline;
        this.evidenceRequests = evidenceRequests;
        this.pullBacks = pullBacks;
        this.props = props;
        this.clock = clock;
        this.sampleOrg = sampleOrg.getIfAvailable();
    }

    /**
     * Who was affected and which data: the same as {@code tandem deadlines --subjects
     * DE=1200,GB=5,US-CA=800,US-TX=300}. The five in the UK are the customers the generated org's
     * Contact export places in London (UK telephone numbers, which the PII scans place in GB): the
     * demo company, established in Germany only, owes the ICO its own notice (UK GDPR Art. 3(2), 33)
     * beside the GDPR's. It disagrees with the demo's own findings and scans on purpose (far more
     * records counted, no card numbers found, people placed in US with no state), so that the demo
     * shows the scope checks ({@code ScopeCheck}); {@code tandem demo} says so.
     */
    public static Scope scope() {
        Map<String, Long> subjects = new LinkedHashMap<>();
        subjects.put("DE", 1200L);
        subjects.put("GB", 5L);
        subjects.put("US-CA", 800L);
        subjects.put("US-TX", 300L);
        return Scope.of(subjects, EnumSet.of(DataCategory.CONTACT, DataCategory.PAYMENT_CARD), false);
    }

    /**
     * @param tokens each person's API token, by username
     * @param passwords each person's password for the web interface, by username
     * @param privilegedItem a FORENSIC item that LEGAL did not grant the responder: the one to try as each role
     * @param analysisJob the latest leak analysis job of the incident, if any
     * @param pulledBackItem counsel's draft the responder filed to AUDIT and counsel pulled back to
     *     FORENSIC ({@link #PULLED_BACK}); null for an incident an older demo loaded without it
     */
    public record Loaded(
            Incident incident,
            Map<String, String> tokens,
            Map<String, String> passwords,
            boolean fresh,
            @Nullable String analysisJob,
            String privilegedItem,
            @Nullable String pulledBackItem) {

        public String adminToken() {
            return tokens.get(ADMIN);
        }

        /** The token of the incident's member in {@code role}. */
        public String tokenOf(Role role) {
            return PEOPLE.stream()
                    .filter(p -> p.role() == role)
                    .map(p -> tokens.get(p.username()))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * What only counsel and the incident commander may read in the demo: the FORENSIC items' names
     * and the privileged decision's words. No page or answer may show them to the auditor.
     */
    public static List<String> privilegedWords() {
        List<String> words = new java.util.ArrayList<>();
        // a dated name by its undated part: the demo moves its dates to the days before it started
        SAMPLES.stream()
                .filter(s -> s.repository() == Repository.FORENSIC)
                .forEach(s -> words.add(DATE.split(s.resource(), 2)[0]));
        words.add(PRIVILEGED_DECISION);
        return words;
    }

    static final String PRIVILEGED_DECISION = "Treat the sandbox copy as a personal data breach";

    record Sample(String resource, Repository repository, EvidenceKind kind, String source, String description) {}

    /** The privileged intake memo, and why counsel holds it privileged (ADR 153). */
    static final String MEMO = "intake-memo-privileged.md";

    static final String MEMO_PRIVILEGE_BASIS =
            "Attorney-client communication: outside counsel's intake memo, for legal advice on the breach";

    /** The day of the samples' leak as written in the files; the demo moves them to its own. */
    static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 11, 25);

    private static final Pattern DATE = Pattern.compile("(?<!\\d)(20\\d\\d)-(\\d\\d)-(\\d\\d)(?!\\d)");
    /** Salesforce's compact timestamp, {@code 20261125021402.118}. */
    private static final Pattern COMPACT =
            Pattern.compile("(?<!\\d)(20\\d\\d)(\\d\\d)(\\d\\d)(?=\\d{6}\\.\\d{3}(?!\\d))");

    /**
     * The text with every date in it ({@code 2026-11-25}, and the date of a compact timestamp) moved
     * by {@code days}: the samples' story, told in the days before the demo started.
     */
    static String redate(String text, long days) {
        if (days == 0) {
            return text;
        }
        String dashed = DATE.matcher(text).replaceAll(m -> day(m, days).toString());
        return COMPACT.matcher(dashed)
                .replaceAll(m -> day(m, days).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static LocalDate day(java.util.regex.MatchResult m, long days) {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                .plusDays(days);
    }

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
            new Sample(MEMO, Repository.FORENSIC, EvidenceKind.DOCUMENT, "Outside counsel", "Privileged intake memo"),
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

    /**
     * Loads the sample incident unless one exists. Its people get a token each on the first start,
     * kept in the data directory and printed again at later starts (a token found revoked or missing
     * is replaced); every role has a member, so the same request can be tried as each.
     */
    public synchronized Loaded load() throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, String> tokens = people(passwords);
        @Nullable
        Incident existing = incidents.all().stream()
                .filter(i -> i.title().equals(TITLE))
                .findFirst()
                .orElse(null);
        if (existing != null) {
            members(existing);
            String analysis = jobs.ofIncident(existing.id()).stream()
                    .filter(j -> j.kind().equals(Analyses.KIND))
                    .map(Job::id)
                    .reduce((first, last) -> last)
                    .orElse(null);
            return new Loaded(
                    existing,
                    tokens,
                    passwords,
                    false,
                    analysis,
                    privilegedItem(existing),
                    pulledBackItem(existing).orElse(null));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // the leak's day: the samples' dates and the generated org's are moved to it, so that the logs,
        // captures and memo tell of the days before the demo's incident, whenever it is started
        LocalDate leakDay =
                now.minus(Duration.ofHours(28)).atZone(ZoneOffset.UTC).toLocalDate();
        long shift = ChronoUnit.DAYS.between(SAMPLE_DAY, leakDay);
        Incident incident = incidents.open(
                TITLE, Severity.CRITICAL, now.minus(Duration.ofHours(20)), ZoneId.of("Europe/Berlin"), COMMANDER);
        members(incident);
        for (Sample s : SAMPLES) {
            byte[] content;
            try (InputStream in = new ClassPathResource("demo/" + s.resource()).getInputStream()) {
                content = redate(new String(in.readAllBytes(), StandardCharsets.UTF_8), shift)
                        .getBytes(StandardCharsets.UTF_8);
            }
            try (InputStream in = new java.io.ByteArrayInputStream(content)) {
                vault.add(
                        new Vault.Metadata(
                                incident.id(),
                                s.repository(),
                                s.kind(),
                                redate(s.resource(), shift),
                                s.source(),
                                redate(s.description(), shift),
                                now.minus(Duration.ofHours(18)),
                                s.resource().equals(MEMO) ? MEMO_PRIVILEGE_BASIS : null),
                        in,
                        Long.MAX_VALUE,
                        COMMANDER);
            }
        }
        obligations.updateScope(incident.id(), scope(), COMMANDER);
        // counsel records when the breach was determined (the commander's decision below): the clocks
        // that run from the determination (Texas here) count from it (docs/obligations-api.md)
        obligations.setFacts(incident.id(), new IncidentFacts(now.minus(Duration.ofHours(17)), false), "counsel");
        addGeneratedOrg(incident, now.minus(Duration.ofHours(18)), leakDay);
        // counsel lets the responder read the checkout capture, and nothing else that is privileged
        vault.ofIncident(incident.id()).stream()
                .filter(i -> i.name().equals("checkout-capture.har"))
                .forEach(i -> memberships.grant(incident.id(), "responder", i.id(), "counsel"));
        timeline(incident, now);
        evidenceRequests(incident);
        Job analysis = analyses.submit(incident.id(), new Analyses.All(), "responder");
        // Who is in the leaked data: scan the exports and captures. The demo's scope stays the one
        // set above, so that its obligations match the README's `tandem deadlines` call.
        for (EvidenceItem item : vault.ofIncident(incident.id())) {
            if (item.kind() == EvidenceKind.DATA_EXPORT || item.kind() == EvidenceKind.HTTP_CAPTURE) {
                piiScans.submit(item, false, "responder");
            }
        }
        String pulledBack = pullBack(incident, now, shift);
        return new Loaded(incident, tokens, passwords, true, analysis.id(), privilegedItem(incident), pulledBack);
    }

    /** Counsel's draft that the responder files to AUDIT by mistake (docs/contracts.md, "Pulling an item back"). */
    static final Sample PULLED_BACK = new Sample(
            "breach-analysis-draft.md",
            Repository.AUDIT,
            EvidenceKind.DOCUMENT,
            "Outside counsel, forwarded by the responder",
            "Draft breach analysis – privileged");

    /** The reason counsel gives, public as every pull back's (ADR 104): it says nothing privileged. */
    static final String PULL_BACK_REASON =
            "Counsel's work product, filed to AUDIT by mistake: privileged, not audit evidence";

    /**
     * The last step of a fresh load: the responder files counsel's draft breach analysis to AUDIT by
     * mistake, the auditor reads it, and counsel pulls it back to FORENSIC (ADR 104); the
     * {@code evidence.pulled-back} entry lists the auditor's read. After the analysis and scans are
     * queued, so that neither sees it (documents are not analyzed anyway); answers the item's id.
     */
    private String pullBack(Incident incident, Instant now, long shift) throws IOException {
        byte[] content;
        try (InputStream in = new ClassPathResource("demo/" + PULLED_BACK.resource()).getInputStream()) {
            content = redate(new String(in.readAllBytes(), StandardCharsets.UTF_8), shift)
                    .getBytes(StandardCharsets.UTF_8);
        }
        EvidenceItem draft;
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            draft = vault.add(
                    new Vault.Metadata(
                            incident.id(),
                            PULLED_BACK.repository(),
                            PULLED_BACK.kind(),
                            PULLED_BACK.resource(),
                            PULLED_BACK.source(),
                            PULLED_BACK.description(),
                            now.minus(Duration.ofHours(3)),
                            null),
                    in,
                    Long.MAX_VALUE,
                    "responder");
        }
        // the auditor opens it while it is AUDIT: the read is recorded, and the pull back lists it
        try (InputStream read = vault.read(draft, "auditor")) {
            read.transferTo(OutputStream.nullOutputStream());
        }
        return pullBacks
                .pullBack(incident.id(), draft.id(), PULL_BACK_REASON, "counsel")
                .item()
                .id();
    }

    /** The draft counsel pulled back, if this incident's demo filed it. */
    private java.util.Optional<String> pulledBackItem(Incident incident) {
        return vault.ofIncident(incident.id()).stream()
                .filter(i -> i.name().equals(PULLED_BACK.resource()) && i.pulledBackIndex() != null)
                .map(EvidenceItem::id)
                .findFirst();
    }

    /**
     * What people added to the timeline and the lifecycle so far (a fresh load only): the
     * responder's first note and its correction, the commander's decision and phase change,
     * containment, when it occurred, the audit firm told, and counsel's privileged decision.
     */
    private void timeline(Incident incident, Instant now) {
        String id = incident.id();
        long note = timeline.add(
                id,
                entry(
                        EntryKind.NOTE,
                        "First bulk export of Contact records by the integration user in the Bulk API log",
                        now.minus(Duration.ofHours(27)),
                        Precision.MINUTE,
                        now.minus(Duration.ofHours(19)),
                        null,
                        false),
                as("responder", Role.RESPONDER));
        incidents.changePhase(id, IncidentLifecycle.Phase.RESPOND, COMMANDER);
        timeline.add(
                id,
                entry(
                        EntryKind.DECISION,
                        "Disable the Integration_Sync user and revoke its connected app's tokens",
                        now.minus(Duration.ofHours(17)),
                        Precision.EXACT,
                        null,
                        null,
                        false),
                as(COMMANDER, Role.INCIDENT_COMMANDER));
        incidents.contain(
                id,
                now.minus(Duration.ofHours(16)),
                "Integration_Sync deactivated; sandbox refresh stopped",
                COMMANDER);
        incidents.setOccurredAt(id, now.minus(Duration.ofHours(28)), Precision.HOUR, COMMANDER);
        timeline.add(
                id,
                entry(
                        EntryKind.CORRECTION,
                        "The export started an hour earlier: the log's times are UTC, not CET",
                        now.minus(Duration.ofHours(28)),
                        Precision.MINUTE,
                        now.minus(Duration.ofHours(15)),
                        note,
                        false),
                as("responder", Role.RESPONDER));
        timeline.add(
                id,
                entry(
                        EntryKind.DECISION,
                        PRIVILEGED_DECISION + ": notify the lead" + " supervisory authority under GDPR Art. 33",
                        null,
                        null,
                        null,
                        null,
                        true),
                as("counsel", Role.LEGAL));
        timeline.add(
                id,
                entry(
                        EntryKind.EXTERNAL_EVENT,
                        "Audit firm told of the incident (call with the engagement partner)",
                        now.minus(Duration.ofHours(6)),
                        Precision.MINUTE,
                        now.minus(Duration.ofHours(6)),
                        null,
                        false),
                as("liaison", Role.AUDIT_LIAISON));
    }

    /**
     * The auditor's portal (docs/web.md): one request the audit liaison answered with the access
     * review policy (AUDIT evidence), waiting for the auditor's review, and one open again: answered
     * with the policy and reopened by the auditor, the answer kept in its history.
     */
    private void evidenceRequests(Incident incident) {
        String id = incident.id();
        EvidenceRequests.Request policy = evidenceRequests.file(
                id,
                "The access review policy in force during the audit period",
                null,
                List.of("CC6.2"),
                incident.timeZone(),
                "auditor");
        String item = vault.ofIncident(id).stream()
                .filter(i -> i.name().equals("access-review-policy.md"))
                .findFirst()
                .orElseThrow()
                .id();
        evidenceRequests.answer(
                policy.id(), List.of(item), null, null, "The policy as published on the GRC wiki", "liaison");
        EvidenceRequests.Request review = evidenceRequests.file(
                id,
                "Access review of the integration user before and after containment",
                null,
                List.of("CC6.2", "CC6.3"),
                incident.timeZone(),
                "auditor");
        evidenceRequests.answer(
                review.id(), List.of(item), null, null, "The policy sets the review's scope", "liaison");
        evidenceRequests.reopen(
                review.id(), "The policy is not the review: the review records of the integration user", "auditor");
    }

    private static EntryDraft entry(
            EntryKind kind,
            String text,
            @Nullable Instant eventAt,
            @Nullable Precision precision,
            @Nullable Instant discoveredAt,
            @Nullable Long corrects,
            boolean privileged) {
        return new EntryDraft(kind, text, eventAt, precision, discoveredAt, corrects, privileged);
    }

    private static Caller as(String username, Role role) {
        return new Caller(username, false, role, Caller.Grants.NONE);
    }

    /**
     * The people with their tokens and web passwords: reused from the data directory while they
     * still work, new ones otherwise (random: the demo's server is reachable on the network).
     */
    private Map<String, String> people(Map<String, String> passwords) throws IOException {
        Path file = props.dataDir().resolve(TOKENS_FILE);
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(in);
            }
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        boolean changed = false;
        for (Person p : PEOPLE) {
            if (!accounts.exists(p.username())) {
                accounts.createUser(p.username(), p.displayName(), null, p.role() == null, "demo");
            }
            String token = stored.getProperty(p.username());
            if (token == null
                    || !accounts.byToken(token)
                            .map(a -> a.username().equals(p.username()))
                            .orElse(false)) {
                token = accounts.issueToken(p.username(), "tandem demo", "demo");
                changed = true;
            }
            tokens.put(p.username(), token);
            String password = stored.getProperty(p.username() + ".password");
            if (password == null || !accounts.passwordMatches(p.username(), password)) {
                password = newPassword();
                accounts.setPassword(p.username(), password, "demo");
                changed = true;
            }
            passwords.put(p.username(), password);
        }
        if (changed) {
            Properties out = new Properties();
            out.putAll(tokens);
            passwords.forEach((user, password) -> out.put(user + ".password", password));
            Path tmp = Files.createTempFile(props.dataDir(), TOKENS_FILE, ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX filesystem: the data directory's own permissions protect it
                }
                try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    out.store(
                            w,
                            "tandem demo: API tokens and passwords of the demo's people (secrets; delete to re-issue)");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return tokens;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** 16 characters from an alphabet without look-alikes: about 80 bits. */
    private static String newPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Every role has its member (an incident of an older demo had only its creator). */
    private void members(Incident incident) {
        for (Person p : PEOPLE) {
            if (p.role() != null
                    && memberships.roleOf(incident.id(), p.username()).orElse(null) != p.role()) {
                memberships.put(incident.id(), p.username(), p.role(), incident.createdBy());
            }
        }
    }

    /** The privileged intake memo: counsel reads it, the auditor sees that it exists. */
    private String privilegedItem(Incident incident) {
        return vault.ofIncident(incident.id()).stream()
                .filter(i -> i.name().equals(MEMO))
                .map(EvidenceItem::id)
                .findFirst()
                .orElseThrow();
    }

    /** The seed of the demo org: the same org, the same findings, every time. */
    static final long ORG_SEED = 2026;

    static final int ORG_USERS = 200;
    static final long ORG_ROWS = 20_000;

    /** One upload of the generated org: a file or a zipped folder, relative to the org's folder. */
    record OrgItem(String path, Repository repository, EvidenceKind kind, String source, String description) {}

    /**
     * The generated org as a responder would file it: logs, captures and the customer export under
     * privilege; configuration (metadata, users and assignments) for the auditor. Folders of many
     * files go in as one zip each, which the analyzers open.
     */
    static final List<OrgItem> ORG = List.of(
            new OrgItem(
                    "eventlogs.zip",
                    Repository.FORENSIC,
                    EvidenceKind.LOG,
                    "Salesforce EventLogFile API, org {production} and sandbox {sandbox}",
                    "30 days of Event Log Files, production and uat sandbox"),
            new OrgItem(
                    "metadata.zip",
                    Repository.AUDIT,
                    EvidenceKind.CONFIG_SNAPSHOT,
                    "sf project retrieve start (source format)",
                    "Profiles, permission sets, sharing rules, connected apps, named credentials"),
            new OrgItem(
                    "data/User.csv",
                    Repository.AUDIT,
                    EvidenceKind.CONFIG_SNAPSHOT,
                    "SOQL export of User",
                    "Users with their profiles"),
            new OrgItem(
                    "data/PermissionSetAssignment.csv",
                    Repository.AUDIT,
                    EvidenceKind.CONFIG_SNAPSHOT,
                    "SOQL export of PermissionSetAssignment",
                    "Who holds which permission set"),
            new OrgItem(
                    "exports/Contact_admin_export.csv",
                    Repository.FORENSIC,
                    EvidenceKind.DATA_EXPORT,
                    "Found on the administrator's laptop",
                    "A Contact export by an administrator"),
            // the Setup downloads: the hijacked administrator's login and the permission set it gave
            // itself, the analytics user at a browser (SUSPICIOUS_LOGIN, DATA_ACCESS_GRANT, the timeline)
            new OrgItem(
                    "setup/LoginHistory.csv",
                    Repository.FORENSIC,
                    EvidenceKind.LOG,
                    "Setup > Login History download, org {production}",
                    "Logins to production over the 30 days of the event logs"),
            new OrgItem(
                    "setup/SetupAuditTrail.csv",
                    Repository.FORENSIC,
                    EvidenceKind.LOG,
                    "Setup > View Setup Audit Trail download, org {production}",
                    "Setup changes in production over the same 30 days"),
            new OrgItem(
                    "har/checkout-session.har",
                    Repository.FORENSIC,
                    EvidenceKind.HTTP_CAPTURE,
                    "Chrome DevTools on a test checkout",
                    "Checkout with the marketing tag enabled"),
            new OrgItem(
                    "har/checkout-firstparty.har",
                    Repository.FORENSIC,
                    EvidenceKind.HTTP_CAPTURE,
                    "Chrome DevTools on a test checkout",
                    "Checkout with the marketing tag disabled"),
            new OrgItem(
                    "har/product-discovery.har",
                    Repository.FORENSIC,
                    EvidenceKind.HTTP_CAPTURE,
                    "Chrome DevTools on the storefront",
                    "Product pages and their recommendation API"));

    /** Generates the demo org (seeded, small: a second or two), adds it as evidence, removes the files. */
    private void addGeneratedOrg(Incident incident, Instant collected, LocalDate leakDay) throws IOException {
        SampleOrg org = sampleOrg;
        if (org == null) {
            return;
        }
        Path dir = Files.createTempDirectory("tandem-demo-org");
        try {
            org.write(ORG_SEED, ORG_USERS, ORG_ROWS, leakDay, dir);
            appendSampleUsers(dir.resolve("data"));
            zip(dir.resolve("eventlogs"), dir.resolve("eventlogs.zip"));
            zip(dir.resolve("metadata"), dir.resolve("metadata.zip"));
            for (OrgItem item : ORG) {
                try (InputStream in = Files.newInputStream(dir.resolve(item.path()))) {
                    vault.add(
                            new Vault.Metadata(
                                    incident.id(),
                                    item.repository(),
                                    item.kind(),
                                    item.path(),
                                    item.source()
                                            .replace("{production}", org.productionOrg())
                                            .replace("{sandbox}", org.sandboxOrg()),
                                    item.description(),
                                    collected,
                                    null),
                            in,
                            Long.MAX_VALUE,
                            COMMANDER);
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The users who ran the jobs of the sample Bulk API log ({@code EventLogFile-BulkApi-…csv}), as
     * the User export names them: the marketing sync's integration user, whose 430,000 Contact and
     * Account rows the responder's first note tells of, and the catalog feed's. Without them no User
     * export named the sync's user, and its bulk read stood unjudged (BULK_READ_NOT_JUDGED, ADR 143)
     * instead of being told an integration's, with its profile. Rows as the generator writes them
     * (every field quoted, CRLF), with the same columns.
     */
    static final List<String> SAMPLE_USERS = List.of(
            "\"0055g00000AbCdEAAZ\",\"mktg.sync@shopco.com\",\"Marketing\",\"Sync\",\"integrations@shopco.com\","
                    + "\"true\",\"Standard\",\"Integration User\"",
            "\"0055g00000QrStUAAV\",\"catalog.feed@shopco.com\",\"Catalog\",\"Feed\",\"integrations@shopco.com\","
                    + "\"true\",\"Standard\",\"Integration User\"");

    /**
     * The sample Bulk API log's users' permission set assignments, as the generator's export writes
     * them: the marketing sync's user holds Integration_Sync, the permission set of the sample's
     * pre-change snapshot ({@code Integration_Sync.permissionset-meta.xml}, View All Data).
     */
    static final List<String> SAMPLE_ASSIGNMENTS =
            List.of("\"0Pa5g00000SmPlEAAA\",\"0055g00000AbCdEAAZ\",\"mktg.sync@shopco.com\",\"0PS5g00000SmPlEAAA\","
                    + "\"Integration_Sync\",\"false\"");

    /** Adds the sample Bulk API log's users to the generated org's User and PermissionSetAssignment exports. */
    static void appendSampleUsers(Path data) throws IOException {
        for (var file : Map.of("User.csv", SAMPLE_USERS, "PermissionSetAssignment.csv", SAMPLE_ASSIGNMENTS)
                .entrySet()) {
            Files.writeString(
                    data.resolve(file.getKey()),
                    String.join("\r\n", file.getValue()) + "\r\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** Zips a folder, entries named relative to it with forward slashes, in name order. */
    static void zip(Path folder, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(target);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }
}
