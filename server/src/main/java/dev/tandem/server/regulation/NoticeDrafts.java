package dev.tandem.server.regulation;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.regulation.IncidentScope;
import dev.tandem.regulation.RegionCodes;
import dev.tandem.regulation.notice.Art33Notice;
import dev.tandem.regulation.notice.Art33NoticeDrafter;
import dev.tandem.regulation.notice.IncidentDescription;
import dev.tandem.regulation.notice.NoticeDraft;
import dev.tandem.regulation.notice.NoticeGaps;
import dev.tandem.regulation.notice.SupervisoryAuthorities;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.change.Change;
import dev.tandem.server.change.Changes;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.NoticeEdited;
import dev.tandem.server.ledger.fact.NoticeFollowUpSent;
import dev.tandem.server.ledger.fact.NoticeSent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The GDPR Art. 33(3) notice of an incident, and the UK GDPR Art. 33(3) notice to the Information
 * Commissioner, each kept apart by its {@link Art33Notice} (its name in the tables and entries):
 * drafted from the incident record, edited by people
 * ({@code notice.edited}, privileged: a draft is counsel's work product), and once sent kept as
 * evidence in the repository its sender chooses (FORENSIC unless AUDIT is asked for, and FORENSIC only
 * while it states a scope resting on FORENSIC evidence) with the matching Art. 33 obligation marked
 * FILED ({@code notice.sent}).
 */
@Service
public class NoticeDrafts {
    public static final String GDPR_ART33 = "gdpr-art33";
    public static final String UK_GDPR_ART33 = "uk-gdpr-art33";
    static final int MAX_CHARS = 262_144;

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Obligations obligations;
    private final Vault vault;
    private final ScopeChecks scopeChecks;
    private final ObjectProvider<Changes> changes;
    private final Clock clock;

    NoticeDrafts(
            JdbcTemplate jdbc,
            Ledger ledger,
            Obligations obligations,
            Vault vault,
            ScopeChecks scopeChecks,
            ObjectProvider<Changes> changes,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.obligations = obligations;
        this.vault = vault;
        this.scopeChecks = scopeChecks;
        this.changes = changes;
        this.clock = clock;
    }

    public enum State {
        /** Drafted now from the incident record; nobody has edited it. */
        DRAFT,
        EDITED,
        SENT
    }

    /**
     * The notice text as it stands, with its state, its version (null while it is the generated
     * draft) and, once sent, the evidence holding it.
     */
    public record Notice(
            String markdown,
            State state,
            @Nullable Integer version,
            @Nullable String evidence,
            List<String> stale) {
        public Notice(String markdown, State state, @Nullable Integer version, @Nullable String evidence) {
            this(markdown, state, version, evidence, List.of());
        }
    }

    private record Row(@Nullable String sentEvidence) {}

    /** One stored version of a notice: edits never overwrite, each is a new version. */
    public record Version(
            int version,
            String markdown,
            String sha256,
            Instant editedAt,
            String editedBy,
            long ledgerIndex,
            boolean restsOnForensic) {}

    public Notice current(Art33Notice notice, String incidentId) {
        return current(notice, incidentId, null);
    }

    /**
     * The notice as it stands for {@code access}'s caller: a generated draft fills the records and
     * states the scope checks from what that caller may read; null: from everything (the incident
     * commander and LEGAL, who alone send it).
     */
    Notice current(Art33Notice notice, String incidentId, @Nullable Access access) {
        Incident incident = obligations.incident(incidentId);
        Optional<Row> row = row(notice, incidentId);
        Optional<Version> latest = latest(notice, incidentId);
        String sent = row.map(Row::sentEvidence).orElse(null);
        if (latest.isPresent()) {
            Version v = latest.get();
            return new Notice(
                    v.markdown(),
                    sent == null ? State.EDITED : State.SENT,
                    v.version(),
                    sent,
                    sent == null ? stale(incidentId, v) : List.of());
        }
        return new Notice(draft(notice, incident, clock.instant(), access).markdown(), State.DRAFT, null, null);
    }

    /**
     * What an edited text may state out of date: the facts it states that changed after it was
     * written (the awareness, the scope), each as a sentence; empty when none did.
     */
    private List<String> stale(String incidentId, Version v) {
        List<String> stale = new java.util.ArrayList<>();
        Long awareness = jdbc.queryForObject(
                "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = 'incident.awareness-set'",
                Long.class,
                incidentId);
        if (awareness != null && awareness > v.ledgerIndex()) {
            stale.add("awareness: when the company became aware was changed after version " + v.version()
                    + " was written (ledger entry #" + awareness + "); the time it states may be the old one");
        }
        long scope = obligations
                .scopeOf(incidentId)
                .map(Obligations.StoredScope::ledgerIndex)
                .orElse(-1L);
        if (scope > v.ledgerIndex()) {
            stale.add("scope: the scope was changed after version " + v.version() + " was written (ledger entry #"
                    + scope + "); the people and data it states may be out of date");
        }
        return List.copyOf(stale);
    }

    /** Every stored version of the incident's notice, oldest first. */
    public List<Version> versions(Art33Notice notice, String incidentId) {
        obligations.incident(incidentId);
        return jdbc.query(
                "SELECT version, body, edited_at, edited_by, ledger_index, rests_on_forensic FROM notice_version"
                        + " WHERE incident_id = ? AND notice = ? ORDER BY version",
                (rs, n) -> version(rs),
                incidentId,
                notice.id());
    }

    /** One stored version; 404 for a version that does not exist. */
    public Version version(Art33Notice notice, String incidentId, int number) {
        obligations.incident(incidentId);
        return jdbc
                .query(
                        "SELECT version, body, edited_at, edited_by, ledger_index, rests_on_forensic FROM notice_version"
                                + " WHERE incident_id = ? AND notice = ? AND version = ?",
                        (rs, n) -> version(rs),
                        incidentId,
                        notice.id(),
                        number)
                .stream()
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("notice version", number + " of incident " + incidentId));
    }

    private Optional<Version> latest(Art33Notice notice, String incidentId) {
        return jdbc
                .query(
                        "SELECT version, body, edited_at, edited_by, ledger_index, rests_on_forensic FROM notice_version"
                                + " WHERE incident_id = ? AND notice = ? ORDER BY version DESC LIMIT 1",
                        (rs, n) -> version(rs),
                        incidentId,
                        notice.id())
                .stream()
                .findFirst();
    }

    private static Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
        String body = rs.getString("body");
        return new Version(
                rs.getInt("version"),
                body,
                sha256(body),
                rs.getTimestamp("edited_at").toInstant(),
                rs.getString("edited_by"),
                rs.getLong("ledger_index"),
                rs.getBoolean("rests_on_forensic"));
    }

    /**
     * Inside a ledger unit: the text as the next version, written with {@code index}'s entry.
     *
     * @param restsOnForensic the text may state a scope that rests on FORENSIC evidence: the version
     *     stays LEGAL's and the incident commander's
     */
    private void insertVersion(
            Art33Notice notice,
            String incidentId,
            int version,
            String markdown,
            Instant at,
            String actor,
            long index,
            boolean restsOnForensic) {
        jdbc.update(
                "INSERT INTO notice_version (incident_id, notice, version, body, edited_at, edited_by, ledger_index,"
                        + " rests_on_forensic) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                incidentId,
                notice.id(),
                version,
                markdown,
                Timestamp.from(at),
                actor,
                index,
                restsOnForensic);
    }

    /** Does the incident's scope, as it stands, rest on FORENSIC evidence (a PII scan of it)? */
    private boolean scopeRestsOnForensic(String incidentId) {
        return obligations
                .scopeOf(incidentId)
                .map(Obligations.StoredScope::restsOnForensic)
                .orElse(false);
    }

    private int nextVersion(Art33Notice notice, String incidentId) {
        Integer max = jdbc.queryForObject(
                "SELECT MAX(version) FROM notice_version WHERE incident_id = ? AND notice = ?",
                Integer.class,
                incidentId,
                notice.id());
        return max == null ? 1 : max + 1;
    }

    /**
     * Stores an edited text as the next version ({@code notice.edited}); the ledger entry carries the
     * version number and its SHA-256, not the text. Earlier versions stay readable.
     */
    public Notice edit(Art33Notice notice, String incidentId, String markdown, String actor) {
        return edit(notice, incidentId, markdown, actor, null, null);
    }

    /**
     * An {@code If-Match} condition (RFC 9110 §13.1.1): the entity tags of the texts the caller read,
     * each the SHA-256 of a text as {@code GET …/notices/gdpr-art33} serves it in its {@code ETag}, or
     * any current text ({@code *}). A weak tag never matches (the comparison is strong).
     */
    public record IfMatch(boolean any, List<String> tags) {
        public IfMatch {
            tags = List.copyOf(tags);
        }

        /** The header's value, or null when it is absent; 400 {@code bad-if-match} when it is no list of entity tags. */
        public static @Nullable IfMatch parse(@Nullable String header) {
            if (header == null) {
                return null;
            }
            String h = header.strip();
            if (h.equals("*")) {
                return new IfMatch(true, List.of());
            }
            List<String> tags = new java.util.ArrayList<>();
            int i = 0;
            while (i < h.length()) {
                boolean weak = h.startsWith("W/", i);
                int open = weak ? i + 2 : i;
                int close = open < h.length() && h.charAt(open) == '"' ? h.indexOf('"', open + 1) : -1;
                if (close < 0) {
                    throw DomainException.badRequest(
                            "bad-if-match",
                            "If-Match: '" + header
                                    + "' is not a list of entity tags (\"<the ETag the notice was read with>\")");
                }
                if (!weak) {
                    tags.add(h.substring(open + 1, close));
                }
                i = close + 1;
                while (i < h.length() && (h.charAt(i) == ',' || h.charAt(i) == ' ' || h.charAt(i) == '\t')) {
                    i++;
                }
            }
            if (tags.isEmpty() && !h.contains("W/")) {
                throw DomainException.badRequest("bad-if-match", "If-Match: no entity tag in '" + header + "'");
            }
            return new IfMatch(false, tags);
        }
    }

    /**
     * Stores {@code markdown} as the next version; with {@code ifMatch}, only while the notice as the
     * caller ({@code access}) reads it is still one of the texts named (412 {@code notice-changed}
     * otherwise, nothing stored): two people editing the same text cannot store over each other
     * unawares.
     */
    public Notice edit(
            Art33Notice notice,
            String incidentId,
            String markdown,
            String actor,
            @Nullable IfMatch ifMatch,
            @Nullable Access access) {
        obligations.incident(incidentId);
        if (markdown.isBlank()) {
            throw DomainException.unprocessable("empty-notice", "body: the notice text is empty");
        }
        if (markdown.length() > MAX_CHARS) {
            throw DomainException.unprocessable(
                    "notice-too-long",
                    "body: the notice has " + markdown.length() + " characters, at most " + MAX_CHARS);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // the generated draft's tag is made before the ledger's turn (drafting reads the record); a
        // version stored meanwhile is the current text instead, checked in the turn below
        String draftTag =
                ifMatch == null || ifMatch.any() || latest(notice, incidentId).isPresent()
                        ? null
                        : sha256(current(notice, incidentId, access).markdown());
        return ledger.record(ap -> {
            Optional<Row> row = row(notice, incidentId);
            if (row.isPresent() && row.get().sentEvidence() != null) {
                throw sentAlready(notice, incidentId, row.get().sentEvidence());
            }
            if (ifMatch != null && !ifMatch.any()) {
                Optional<Version> stored = latest(notice, incidentId);
                String currentTag = stored.map(Version::sha256).orElse(draftTag);
                if (!ifMatch.tags().contains(currentTag)) {
                    throw DomainException.preconditionFailed(
                            "notice-changed",
                            "The notice changed since it was read",
                            "If-Match: the notice is now "
                                    + stored.map(v -> "version " + v.version() + " by " + v.editedBy() + " at "
                                                    + v.editedAt())
                                            .orElse("the generated draft, which changed")
                                    + " (ETag \"" + currentTag + "\"); nothing stored: read it again and edit that");
                }
            }
            int version = nextVersion(notice, incidentId);
            long index = ap.record(
                    new NoticeEdited(incidentId, notice.id(), version, sha256(markdown), markdown.length()), actor);
            // a text that quotes a privileged finding (as the draft counsel edits does) stays privileged
            boolean privileged = scopeRestsOnForensic(incidentId)
                    || scopeChecks.privilegedTexts(incidentId).stream().anyMatch(markdown::contains);
            insertVersion(notice, incidentId, version, markdown, now, actor, index, privileged);
            return new Notice(markdown, State.EDITED, version, null);
        });
    }

    /** What sending produced: the evidence item and the obligation it filed. */
    public record Sent(EvidenceItem evidence, StoredObligation obligation) {}

    /**
     * Keeps the current text as {@code DOCUMENT} evidence and marks the notice's pending Art. 33
     * obligation FILED with it. Where it is filed is counsel's choice: FORENSIC unless AUDIT is asked
     * for (a FORENSIC item's {@code evidence.added}, {@code notice.sent} and the filing's {@code
     * obligation.status-changed} are commitments). The text states the scope: while the scope rests
     * on FORENSIC evidence, or when the text is a version written while it did, it is FORENSIC only
     * (422 {@code notice-privileged} when AUDIT is asked for). The evidence is stored first (the vault writes its own entry), then
     * the filing and {@code notice.sent} in one transaction that checks again that the obligation is
     * still pending; should it no longer be (a concurrent change), the evidence stays recorded and
     * the answer is 409 naming it (ADR 046).
     *
     * @param jurisdiction which Art. 33 obligation, needed only when there are several (no EU/EEA
     *     establishment: one per member state)
     * @param sentAt when the notice was sent, if before it is marked here; null: now (422
     *     {@code bad-sent-at} in the future or before the incident's awareness)
     * @param repository where the sent text is filed, as the sender (LEGAL or the incident commander)
     *     chooses; null: FORENSIC
     * @param incomplete the sender confirms sending a text that still has gaps ({@link NoticeGaps}, and
     *     each fact an edited text may state out of date, {@link #staleGaps}):
     *     without it such a text is a 422 {@code notice-incomplete} listing them; with it the
     *     {@code notice.sent} entry lists them as {@code incomplete}
     */
    public Sent send(
            Art33Notice notice,
            String incidentId,
            @Nullable String jurisdiction,
            @Nullable Instant sentAt,
            boolean incomplete,
            @Nullable Repository repository,
            String actor)
            throws IOException {
        Incident incident = obligations.incident(incidentId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant sent = sentAt == null ? now : Obligations.sentTime(sentAt, incident.awareAt(), now);
        Optional<Row> row = row(notice, incidentId);
        if (row.isPresent() && row.get().sentEvidence() != null) {
            throw sentAlready(notice, incidentId, row.get().sentEvidence());
        }
        StoredObligation target = art33Obligation(notice, incidentId, jurisdiction);
        // read before and after the text: a draft made while a scan's scope was in force states it
        boolean forensicBefore = scopeRestsOnForensic(incidentId);
        Optional<Version> edited = latest(notice, incidentId);
        Drafted generated = edited.isPresent() ? null : draft(notice, incident, sent, null);
        String text = generated == null ? edited.get().markdown() : generated.markdown();
        List<String> gaps = sendingGaps(
                notice,
                text,
                target.due() != null && sent.isAfter(target.due()),
                edited.map(v -> stale(incidentId, v)).orElse(List.of()));
        if (!gaps.isEmpty() && !incomplete) {
            throw DomainException.unprocessable(
                    "notice-incomplete",
                    "the notice still has " + gaps.size() + " gap" + (gaps.size() == 1 ? "" : "s") + ": "
                            + String.join("; ", gaps)
                            + ". Complete them in the notice text, or confirm sending it incomplete (the form's"
                            + " \"Send it incomplete\", the API's \"incomplete\":true; " + notice.law()
                            + " Art. 33(4) allows"
                            + " information in phases)");
        }
        // a generated text that states what privileged findings or scans say is privileged too
        boolean privileged = forensicBefore
                || edited.map(Version::restsOnForensic).orElse(false)
                || (generated != null && generated.restsOnPrivileged())
                || scopeRestsOnForensic(incidentId);
        if (privileged && repository == Repository.AUDIT) {
            throw DomainException.unprocessable(
                    "notice-privileged",
                    "repository: the notice states a scope that rests on FORENSIC evidence (a PII scan's), so it"
                            + " is kept as FORENSIC evidence only, not AUDIT");
        }
        Repository filedTo = privileged || repository == null ? Repository.FORENSIC : repository;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        EvidenceItem item = vault.add(
                new Vault.Metadata(
                        incidentId,
                        filedTo,
                        EvidenceKind.DOCUMENT,
                        notice.id() + "-notice-" + target.jurisdiction() + ".md",
                        "Tandem notice draft, sent by " + actor,
                        notice.title() + " notification of a personal data breach to " + notice.recipient() + " ("
                                + target.jurisdiction() + "), as sent",
                        now,
                        null),
                new ByteArrayInputStream(bytes),
                bytes.length,
                actor);
        StoredObligation filed = ledger.record(ap -> {
            StoredObligation o = obligations.obligation(target.id());
            if (o.placement() != StoredObligation.Placement.OWED || o.status() != Lifecycle.Status.PENDING) {
                throw new DomainException(
                        DomainException.Kind.CONFLICT,
                        "invalid-transition",
                        "Invalid status change",
                        "obligation " + o.id() + " changed while the notice was stored (now " + o.shownStatus()
                                + "); the sent text is kept as evidence " + item.id());
            }
            Optional<Row> again = row(notice, incidentId);
            if (again.isPresent() && again.get().sentEvidence() != null) {
                throw sentAlready(notice, incidentId, again.get().sentEvidence());
            }
            long index = ap.record(
                    new NoticeSent(
                            incidentId,
                            notice.id(),
                            item.id(),
                            item.sha256(),
                            item.repository(),
                            o.id(),
                            o.jurisdiction(),
                            sent,
                            gaps),
                    actor);
            // the gaps it went with start the rules for the rest (Art. 33(4)); a FORENSIC text's are not named
            String sentGaps = obligations.sentGaps(gaps, filedTo == Repository.AUDIT);
            if (again.isPresent()) {
                jdbc.update(
                        "UPDATE notice_draft SET sent_evidence = ?, sent_gaps = ? WHERE incident_id = ? AND notice = ?",
                        item.id(),
                        sentGaps,
                        incidentId,
                        notice.id());
            } else {
                jdbc.update(
                        "INSERT INTO notice_draft (incident_id, notice, edited_at, edited_by, ledger_index,"
                                + " sent_evidence, sent_gaps) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        incidentId,
                        notice.id(),
                        Timestamp.from(now),
                        actor,
                        index,
                        item.id(),
                        sentGaps);
            }
            if (nextVersion(notice, incidentId) == 1) {
                // sent as generated: the text as sent becomes the notice's version, as it stands
                insertVersion(notice, incidentId, 1, text, now, actor, index, filedTo == Repository.FORENSIC);
            }
            obligations.apply(ap, o, Lifecycle.Status.FILED, item.id(), null, true, actor, now, sent);
            return obligations.obligation(o.id());
        });
        return new Sent(item, filed);
    }

    /**
     * Records that the information an Art. 33 notice sent incomplete left out was sent in a follow-up
     * (GDPR and UK GDPR Art. 33(4): "in phases without undue further delay"): a {@code
     * notice.follow-up-sent} entry naming the evidence item that keeps what was sent, and the pending
     * Art. 33(4) obligation ({@link Art33Notice#phasesRule}) FILED with it, in one ledger unit.
     *
     * @param evidenceId the follow-up as sent, an evidence item of the incident (422 {@code
     *     missing-evidence} without one, {@code bad-evidence} for one it does not have)
     * @param sentAt when it was sent; null: now (422 {@code bad-sent-at} in the future or before the
     *     notice it completes)
     * @throws DomainException 409 {@code no-follow-up-owed} when no such obligation is pending (the
     *     notice was not sent incomplete, or its follow-up was recorded)
     * @return the obligation filed, with the index of its {@code notice.follow-up-sent} entry and the
     *     gaps that entry says the follow-up gives
     */
    public FollowUp followUp(
            Art33Notice notice, String incidentId, String evidenceId, @Nullable Instant sentAt, String actor) {
        if (evidenceId.isBlank()) {
            throw DomainException.unprocessable(
                    "missing-evidence", "evidence: the follow-up needs the id of the evidence item that keeps it");
        }
        Incident incident = obligations.incident(incidentId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant initial = obligations.noticesSent(incidentId).get(notice.rule());
        Instant sent = sentAt == null
                ? now
                : Obligations.sentTime(sentAt, initial == null ? incident.awareAt() : initial, now);
        StoredObligation target = obligations.ofIncident(incidentId).stream()
                .filter(o -> notice.isPhasesRule(o.ruleId())
                        && o.placement() == StoredObligation.Placement.OWED
                        && o.status() == Lifecycle.Status.PENDING)
                .findFirst()
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.CONFLICT,
                        "no-follow-up-owed",
                        "No follow-up owed",
                        "no pending " + notice.phasesRule() + " obligation: the " + notice.title()
                                + " notice was not recorded as sent incomplete, or its follow-up was recorded"));
        List<String> provides = obligations
                .incompleteNotices(incidentId)
                .getOrDefault(notice.rule(), new IncidentScope.IncompleteNotice(null, List.of()))
                .gaps();
        return ledger.record(ap -> {
            StoredObligation o = obligations.obligation(target.id());
            long index = -1;
            EvidenceItem item = vault.find(evidenceId)
                    .filter(i -> i.incidentId().equals(incidentId))
                    .orElseThrow(() -> DomainException.unprocessable(
                            "bad-evidence", "evidence: no evidence item '" + evidenceId + "'"));
            if (o.status() == Lifecycle.Status.PENDING) {
                index = ap.record(
                        new NoticeFollowUpSent(
                                incidentId,
                                notice.id(),
                                item.id(),
                                item.sha256(),
                                item.repository(),
                                o.id(),
                                o.jurisdiction(),
                                sent,
                                provides),
                        actor);
            }
            // refuses (409 invalid-transition) an obligation changed since it was read
            obligations.apply(ap, o, Lifecycle.Status.FILED, item.id(), null, true, actor, now, sent);
            return new FollowUp(obligations.obligation(o.id()), index, provides);
        });
    }

    /**
     * A follow-up recorded: the Art. 33(4) obligation it filed, the index of its {@code
     * notice.follow-up-sent} entry and the gaps that entry says it gives ({@code provides}).
     */
    public record FollowUp(StoredObligation obligation, long ledgerIndex, List<String> provides) {
        public FollowUp {
            provides = List.copyOf(provides);
        }
    }

    /** The pending Art. 33 obligation a sent notice files; 409 when there is none, 422 when ambiguous. */
    StoredObligation art33Obligation(Art33Notice notice, String incidentId, @Nullable String jurisdiction) {
        List<StoredObligation> candidates = obligations.ofIncident(incidentId).stream()
                .filter(o -> notice.isRule(o.ruleId()) && o.placement() == StoredObligation.Placement.OWED)
                .filter(o -> jurisdiction == null || o.jurisdiction().equalsIgnoreCase(jurisdiction))
                .toList();
        if (candidates.isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "no-art33-obligation",
                    "No " + notice.title() + " obligation",
                    "incident " + incidentId + " has no " + notice.title() + " obligation"
                            + (jurisdiction == null ? "" : " for jurisdiction " + jurisdiction)
                            + " to file"
                            + notApplicable(notice, incidentId)
                                    .map(why -> ": " + why)
                                    .orElse(" (set its scope first)"));
        }
        if (candidates.size() > 1) {
            throw DomainException.unprocessable(
                    "jurisdiction-required",
                    "jurisdiction: incident " + incidentId + " owes " + notice.title() + " notices to "
                            + String.join(
                                    ", ",
                                    candidates.stream()
                                            .map(StoredObligation::jurisdiction)
                                            .toList())
                            + "; name one with ?jurisdiction=");
        }
        StoredObligation o = candidates.getFirst();
        if (o.status() != Lifecycle.Status.PENDING) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "invalid-transition",
                    "Invalid status change",
                    "the " + notice.title() + " obligation " + o.id() + " is " + o.status() + ", not PENDING");
        }
        return o;
    }

    /**
     * The notice states the scope (how many people, which data): while the scope rests on FORENSIC
     * evidence, only LEGAL and the incident commander read it (ADR 062), so only they read the notice.
     */
    void requireReadable(Art33Notice notice, String incidentId, dev.tandem.server.access.Access access) {
        if (ObligationViews.withheld(obligations, incidentId, access)) {
            throw DomainException.forbidden(
                    "the " + notice.title() + " notice states the scope, which rests on FORENSIC"
                            + " evidence: LEGAL and the incident commander read it until a person sets the scope");
        }
    }

    /** A version written while the scope rested on FORENSIC evidence states it: LEGAL and the commander only. */
    void requireReadable(Art33Notice notice, Version v, dev.tandem.server.access.Access access) {
        if (v.restsOnForensic() && !access.caller().privileged()) {
            throw DomainException.forbidden(
                    "version " + v.version() + " of the " + notice.title() + " notice was written while"
                            + " the scope rested on FORENSIC evidence: LEGAL and the incident commander read it");
        }
    }

    /**
     * What the current text still lacks were it sent now ({@link NoticeGaps}): the form that marks
     * it sent lists them, and {@code GET …/gdpr-art33/gaps} answers them.
     */
    List<String> gaps(Art33Notice notice, String incidentId, Access access) {
        return gaps(notice, incidentId, current(notice, incidentId, access));
    }

    /** The gaps of {@code n}, the notice as it stands ({@link #current}), were it sent now. */
    List<String> gaps(Art33Notice notice, String incidentId, Notice n) {
        return sendingGaps(notice, n.markdown(), late(notice, incidentId), n.stale());
    }

    /**
     * Sent now, would the notice be late? A pending Art. 33 obligation of its rule whose deadline has
     * passed: its text must then give the reasons for the delay (Art. 33(1)).
     */
    boolean late(Art33Notice notice, String incidentId) {
        Instant now = clock.instant();
        return obligations.ofIncident(incidentId).stream()
                .filter(o -> notice.isRule(o.ruleId())
                        && o.placement() == StoredObligation.Placement.OWED
                        && o.status() == Lifecycle.Status.PENDING)
                .anyMatch(o -> o.due() != null && now.isAfter(o.due()));
    }

    /**
     * The gaps sending refuses a text for, one rule for the sending, its form and the API's answer:
     * its own ({@link NoticeGaps}) and each fact it may state out of date ({@link #staleGaps}).
     *
     * @param stale what {@link #stale} found for the edited version the text is; empty for a draft
     */
    private static List<String> sendingGaps(Art33Notice notice, String text, boolean late, List<String> stale) {
        List<String> gaps = new java.util.ArrayList<>(NoticeGaps.of(text, late, notice));
        gaps.addAll(staleGaps(stale));
        return List.copyOf(gaps);
    }

    /**
     * An edited text that predates a change of the awareness or the scope may state the old facts
     * (the time of awareness, the people and data: GDPR Art. 33(3)(a)): sent as it stands, the
     * supervisory authority would read them. Each such fact is a gap until the text is checked and
     * stored again, which makes it current, or the sender confirms sending it as it is.
     */
    private static List<String> staleGaps(List<String> stale) {
        return stale.stream()
                .map(s -> s + ": check the text and store it again")
                .toList();
    }

    /** The current text as {@code access} may read it (403 while it states a privileged scope). */
    Notice readableCurrent(Art33Notice notice, String incidentId, dev.tandem.server.access.Access access) {
        requireReadable(notice, incidentId, access);
        Optional<Version> latest = latest(notice, incidentId);
        latest.ifPresent(v -> requireReadable(notice, v, access));
        if (latest.isEmpty()) {
            // a stored text stays readable; a draft is made only under a law that applies (ADR 149)
            requireApplicable(notice, incidentId);
        }
        return current(notice, incidentId, access);
    }

    /**
     * Why the notice's law does not apply to the incident as its scope stands (ADR 149): nobody in the
     * scope lives in its territory and the company is not established there. Empty while it applies,
     * and before a scope is set (where the people are is not known yet).
     */
    Optional<String> notApplicable(Art33Notice notice, String incidentId) {
        return obligations
                .scopeOf(incidentId)
                .flatMap(s -> notice.notApplicable(
                        s.scope().subjects(),
                        obligations.company().established(),
                        obligations.engine().ruleBook().regions()));
    }

    /** 409 {@code notice-not-applicable}, naming the law and why, when {@link #notApplicable} says so. */
    private void requireApplicable(Art33Notice notice, String incidentId) {
        Optional<String> why = notApplicable(notice, incidentId);
        if (why.isPresent()) {
            throw DomainException.conflict(
                    "notice-not-applicable",
                    "No " + notice.title() + " notice",
                    "incident " + incidentId + " owes no " + notice.title() + " notice: " + why.get()
                            + "; the scope decides which notices apply (PUT …/scope)");
        }
    }

    /** A generated draft, and whether it states what privileged findings or scans say. */
    record Drafted(String markdown, boolean restsOnPrivileged) {}

    /**
     * The Art. 33(3) draft as of {@code at} from what the incident record knows; gaps show as "[to be
     * completed: …]", each scope check ({@link ScopeCheck}) among them. Past 72 hours after awareness
     * it asks for the reasons for the delay.
     *
     * @param access whose findings and scans fill it (what that caller may read); null: all of them
     */
    Drafted draft(Art33Notice notice, Incident incident, Instant at, @Nullable Access access) {
        var stored = obligations.scopeOf(incident.id());
        var regions = obligations.engine().ruleBook().regions();
        // established in the EEA (the UK), the GDPR (the UK GDPR) covers everyone the breach concerns
        // (Art. 3(1)); otherwise the people in the EEA (the UK) (Art. 3(2)), as the obligation's basis says
        boolean establishedInEea = notice.establishedIn(obligations.company().established(), regions);
        Long subjects = stored.map(s -> {
                    long eea = s.scope().subjects().countIn(notice.scope(), regions);
                    return establishedInEea || eea == 0 ? s.scope().subjects().total() : eea;
                })
                .orElse(null);
        List<ScopeCheck.Finding> findings = access == null
                ? scopeChecks.allFindings(incident.id())
                : scopeChecks.readableFindings(incident.id(), access);
        Optional<ScopeCheck.Finding> largest = ScopeCheck.largest(findings);
        List<ScopeCheck.Warning> checks = scopeChecks.of(incident.id(), access);
        var description = new IncidentDescription(
                obligations.company().name(),
                incident.title(),
                Obligations.requireAwareness(incident),
                incident.occurredAt(),
                incident.containedAt(),
                incident.timeZone(),
                List.of(),
                subjects,
                stored.map(s -> s.scope().data()).orElse(java.util.Set.of()),
                largest.map(ScopeCheck.Finding::records).orElse(null),
                obligations.company().contact(),
                "",
                measuresTaken(incident),
                List.of(),
                null,
                incident.occurredPrecision() == null
                        ? null
                        : incident.occurredPrecision().name());
        var draft = new Art33NoticeDrafter(notice).draft(description, authority(notice, incident.id()), at);
        String heading = draft.sections().getFirst().heading();
        StringBuilder nature = new StringBuilder(draft.sections().getFirst().body());
        largest.ifPresent(
                f -> nature.append(" (the largest count among the ")
                        .append(findings.size() == 1 ? "finding" : findings.size() + " findings")
                        .append(" of the leak analysis: \"")
                        .append(bracketless(f.title()))
                        .append(
                                "\"; findings may count the same records, so this is neither their sum nor a count of people)"));
        stored.ifPresent(s -> {
            long eea = s.scope().subjects().countIn(notice.scope(), regions);
            long total = s.scope().subjects().total();
            String where = "the " + notice.territory();
            if (establishedInEea && eea < total) {
                nature.append("\n- Who is counted: everyone the breach concerns, wherever they live: the controller is"
                                + " established in " + where + " (" + notice.law() + " Art. 3(1)); of them about ")
                        .append(ScopeCheck.n(eea))
                        .append(" live in ")
                        .append(where);
            } else if (!establishedInEea && eea > 0 && eea < total) {
                nature.append("\n- Who is counted: the people in " + where + " only (no establishment there, "
                                + notice.law() + " Art. 3(2))")
                        // the records are counted by the findings, which do not say where each person lives
                        .append(
                                largest.isPresent()
                                        ? "; the records are counted for the whole breach, not for them alone"
                                        : "");
            }
        });
        for (ScopeCheck.Warning w : checks) {
            nature.append("\n- Scope check: [to be completed: ")
                    .append(bracketless(notice.cite(w.message())))
                    .append(']');
        }
        boolean privileged = access == null
                && (largest.isPresent() || !checks.isEmpty())
                && scopeChecks.anyPrivilegedInput(incident.id());
        NoticeDraft filled = draft.withSection(heading, nature.toString());
        // a controller outside the territory names its representative there (UK GDPR Art. 27)
        Optional<String> representative = establishedInEea ? Optional.empty() : notice.representative();
        if (representative.isPresent()) {
            NoticeDraft.Section contact = filled.sections().get(1);
            filled = filled.withSection(contact.heading(), contact.body() + "\n" + representative.get());
        }
        return new Drafted(filled.toMarkdown(), privileged);
    }

    /** Containment, then each executed change with its time (change control, docs/change-control.md). */
    private List<String> measuresTaken(Incident incident) {
        var when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", java.util.Locale.ROOT);
        List<String> taken = new java.util.ArrayList<>();
        if (incident.containedAt() != null) {
            taken.add("The breach was contained on "
                    + when.format(incident.containedAt().atZone(incident.timeZone()))
                    + " (" + incident.timeZone().getId() + ").");
        }
        Changes c = changes.getIfAvailable();
        if (c != null) {
            for (Change ch : c.ofIncident(incident.id())) {
                if (ch.executedAt() != null) {
                    taken.add("Change " + ch.id() + " executed on "
                            + when.format(ch.executedAt().atZone(incident.timeZone())) + ": " + bracketless(ch.title())
                            + (ch.system().isBlank() ? "" : " (" + ch.system() + ")") + ".");
                }
            }
        }
        return taken;
    }

    /** A text inside a "[to be completed: …]" marker may hold no brackets or line breaks. */
    private static String bracketless(String text) {
        return text.replace('[', '(').replace(']', ')').replaceAll("\\s*\\R\\s*", " ");
    }

    private String authority(Art33Notice notice, String incidentId) {
        if (notice == Art33Notice.UK_GDPR) {
            return Art33Notice.ICO;
        }
        List<String> where = obligations.ofIncident(incidentId).stream()
                .filter(o -> notice.isRule(o.ruleId()) && o.placement() == StoredObligation.Placement.OWED)
                .map(StoredObligation::jurisdiction)
                .toList();
        if (where.equals(List.of("EU"))) {
            List<String> eea = obligations.engine().ruleBook().regions().getOrDefault("EEA", List.of());
            return SupervisoryAuthorities.lead(obligations.company().established().stream()
                    .filter(c -> eea.contains(RegionCodes.countryOf(c)))
                    .toList());
        }
        return where.isEmpty()
                ? "Supervisory authority"
                : "Supervisory authority of " + String.join(", ", where) + " (GDPR Art. 3(2))";
    }

    private Optional<Row> row(Art33Notice notice, String incidentId) {
        return jdbc
                .query(
                        "SELECT sent_evidence FROM notice_draft WHERE incident_id = ? AND notice = ?",
                        (rs, n) -> new Row(rs.getString(1)),
                        incidentId,
                        notice.id())
                .stream()
                .findFirst();
    }

    private static DomainException sentAlready(Art33Notice notice, String incidentId, @Nullable String evidence) {
        return new DomainException(
                DomainException.Kind.CONFLICT,
                "notice-sent",
                "Notice already sent",
                "the " + notice.title() + " notice of incident " + incidentId + " was sent; its text is evidence "
                        + evidence);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("the JDK always provides SHA-256", e));
        }
    }
}
