package dev.tandem.server.evidence;

import dev.tandem.evidence.BlobTooLargeException;
import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.TandemProperties;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Taking evidence in, the same way for the API's raw upload and the web page's form: the checks of
 * an item's metadata (422 naming the field), the room it may take (413, 507) decided before a byte
 * is read, and the mapping of what can go wrong while it streams into the {@link Vault}.
 */
@Service
public class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    static final int MAX_TEXT = 500;
    static final int MAX_DESCRIPTION = 4000;

    private final java.time.Clock clock;
    private final Vault vault;
    private final Storage storage;
    private final long maxBytes;

    Intake(Vault vault, Storage storage, TandemProperties props, java.time.Clock clock) {
        this.vault = vault;
        this.storage = storage;
        this.maxBytes = props.evidence().maxBytes().bytes();
        this.clock = clock;
    }

    /**
     * When an item was collected, checked: not in the future (beyond the allowed clock skew), as
     * every other time a person gives (422 {@code bad-time}); null stays null.
     */
    public @Nullable Instant collectedAt(@Nullable Instant at) {
        if (at != null) {
            dev.tandem.server.incident.EntryDraft.past(
                    at,
                    "collectedAt",
                    "bad-time",
                    clock.instant(),
                    dev.tandem.server.incident.EntryDraft.SKEW,
                    ": evidence is collected before it is uploaded");
        }
        return at;
    }

    /** The largest item accepted ({@code tandem.evidence.max-bytes}). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The item's metadata, checked: 422 naming the field that is wrong.
     */
    public static Vault.Metadata metadata(
            String incident,
            Repository repository,
            @Nullable String kind,
            @Nullable String name,
            @Nullable String source,
            @Nullable String description,
            @Nullable Instant collectedAt) {
        EvidenceKind k = EvidenceKind.parse(kind == null ? "" : kind.strip())
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-kind", "kind must be one of " + List.of(EvidenceKind.values()) + ", got " + kind));
        String checked = name(name, MAX_TEXT);
        if (source != null && source.length() > MAX_TEXT) {
            throw DomainException.unprocessable("bad-source", "source is longer than " + MAX_TEXT + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.unprocessable(
                    "bad-description", "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        return new Vault.Metadata(incident, repository, k, checked, source, description, collectedAt, null);
    }

    /**
     * Why counsel holds a FORENSIC item privileged, checked (ADR 153): absent or blank is none; 422
     * {@code privilege-basis-on-audit} for an AUDIT item (the auditor reads AUDIT metadata: a basis
     * there would say in the clear what counsel claims for it), {@code bad-privilege-basis} when
     * longer than {@value #MAX_TEXT} characters or holding a control character.
     */
    public static @Nullable String privilegeBasis(Repository repository, @Nullable String basis) {
        if (basis == null || basis.isBlank()) {
            return null;
        }
        if (repository != Repository.FORENSIC) {
            throw DomainException.unprocessable(
                    "privilege-basis-on-audit",
                    "privilegeBasis is for FORENSIC items only: the auditor reads an AUDIT item's metadata");
        }
        String text = basis.strip();
        if (text.length() > MAX_TEXT) {
            throw DomainException.unprocessable(
                    "bad-privilege-basis", "privilegeBasis is longer than " + MAX_TEXT + " characters");
        }
        String control = control(text);
        if (control != null) {
            throw DomainException.unprocessable(
                    "bad-privilege-basis",
                    "privilegeBasis must not contain line breaks or other control characters: " + control);
        }
        return text;
    }

    /**
     * An item's name, checked wherever one comes in (the API's upload, the page's form, the control
     * test register's import): 422 {@code bad-name} when it is blank, longer than {@code maxLength},
     * holds {@code "!/"} or a control character.
     *
     * <p>Control characters are the C0 and C1 controls (line breaks, tabs, NUL, DEL, …), the Unicode
     * line and paragraph separators and the bidirectional embeddings, overrides and isolates: a name
     * is printed in reports, listings and download headers, and such a character breaks a header or
     * shows the reader another name than the one stored.
     */
    public static String name(@Nullable String name, int maxLength) {
        if (name == null || name.isBlank() || name.length() > maxLength) {
            throw DomainException.unprocessable("bad-name", "name is required, at most " + maxLength + " characters");
        }
        if (name.contains("!/")) {
            // "!/" separates an archive from its members in analysis evidence lines (ADR 062)
            throw DomainException.unprocessable(
                    "bad-name", "name must not contain \"!/\": it separates an archive from its members");
        }
        String control = control(name);
        if (control != null) {
            throw DomainException.unprocessable(
                    "bad-name", "name must not contain line breaks or other control characters: " + control);
        }
        return name;
    }

    /**
     * The first control character of {@code text} ({@link #isControl}) and where it is, as {@code
     * "U+202E at character 6"}; null when there is none.
     */
    public static @Nullable String control(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isControl(cp)) {
                return String.format("U+%04X", cp) + " at character " + (text.codePointCount(0, i) + 1);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** A C0 or C1 control, a line or paragraph separator, or a bidirectional embedding, override or isolate. */
    static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /**
     * How many bytes an upload to {@code incident} may have, decided before a byte is read.
     *
     * @param declared an upper bound of the item's size (the request's length), or -1 when unknown
     * @throws DomainException 413 over {@code tandem.evidence.max-bytes}, 507 when it cannot fit
     */
    public Storage.Allowance allowance(String incident, long declared) throws IOException {
        if (declared > maxBytes) {
            throw tooLarge();
        }
        return storage.allowance(incident, declared);
    }

    /**
     * Streams {@code content} into the vault and records it.
     *
     * @throws DomainException 413 or 507 when it outgrows its allowance or the disk fills; nothing is
     *     recorded then
     * @throws IOException when the content could not be read to its end (the client went away):
     *     nothing is recorded either
     */
    public EvidenceItem store(Vault.Metadata meta, InputStream content, Storage.Allowance allowance, String actor)
            throws IOException {
        try {
            return vault.add(meta, content, allowance.bytes(), actor);
        } catch (BlobTooLargeException e) {
            throw allowance.limitedByRoom() ? storage.full(allowance.limit()) : tooLarge();
        } catch (IOException e) {
            if (storage.nearlyFull()) {
                log.warn(
                        "upload to incident {} failed with the disk full, nothing recorded: {}",
                        meta.incidentId(),
                        e.toString());
                throw storage.full(storage.freeSpace());
            }
            throw e;
        }
    }

    DomainException tooLarge() {
        return new DomainException(
                DomainException.Kind.CONTENT_TOO_LARGE,
                "evidence-too-large",
                "Evidence too large",
                "the upload is larger than the configured maximum of " + maxBytes
                        + " bytes (tandem.evidence.max-bytes)");
    }
}
