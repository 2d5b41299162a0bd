package dev.tandem.server.evidence;

import dev.tandem.evidence.Repository;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.server.DomainException;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.EvidencePulledBack;
import dev.tandem.server.regulation.Obligations;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Counsel pulls an AUDIT item filed there by mistake back to FORENSIC (docs/contracts.md, "Pulling
 * an item back", ADR 104). Nothing in the ledger is edited: one {@code evidence.pulled-back} entry
 * records the move, the reason and what had been exposed ({@link Exposure}), and the item is
 * FORENSIC from then on, in the same unit. The exposure is drawn from the entries committed before
 * the move's own entry; should any entry be recorded between the two (a read that slipped in), the
 * move is refused within its unit and drawn again, so that the list the entry carries is complete.
 */
@Service
public class PullBacks {
    /** The longest reason, in characters. */
    static final int MAX_REASON = 2000;

    /** How often the move is drawn again when entries keep landing before it. */
    private static final int ATTEMPTS = 20;

    private final Vault vault;
    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private final Obligations obligations;

    PullBacks(Vault vault, Ledger ledger, JdbcTemplate jdbc, Obligations obligations) {
        this.vault = vault;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.obligations = obligations;
    }

    /** A move as recorded: the item as it is now (FORENSIC), the entry, and what had been exposed. */
    public record PulledBack(EvidenceItem item, long ledgerIndex, String actor, String reason, Exposure exposure) {}

    /**
     * The item of {@code incident} moved to FORENSIC: 404 for an item that is not of that incident,
     * 409 {@code already-forensic} for one that is FORENSIC, 422 for a missing or overlong reason.
     * The caller is counsel (the access policy decided it).
     */
    public PulledBack pullBack(String incident, String evidence, @Nullable String reason, String actor) {
        String why = reason(reason);
        EvidenceItem item = vault.find(evidence)
                .filter(e -> e.incidentId().equals(incident))
                .orElseThrow(() -> DomainException.notFound("evidence", evidence));
        if (item.repository() != Repository.AUDIT) {
            throw alreadyForensic(item);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long size = ledger.size();
            Exposure exposure = exposure(item, size);
            long index;
            try {
                index = ledger.record(ap -> {
                    List<String> now =
                            jdbc.queryForList("SELECT repository FROM evidence WHERE id = ?", String.class, item.id());
                    if (!now.equals(List.of(Repository.AUDIT.name()))) {
                        throw alreadyForensic(item);
                    }
                    long at = ap.record(
                            new EvidencePulledBack(
                                    incident, item.id(), item.sha256(), why, exposure.reads(), exposure.exports()),
                            actor);
                    if (at != size) {
                        // an entry was recorded after the exposure was drawn: refuse this unit, draw again
                        throw new Stale();
                    }
                    jdbc.update(
                            "UPDATE evidence SET repository = ?, pulled_back_index = ? WHERE id = ? AND repository = ?",
                            Repository.FORENSIC.name(),
                            at,
                            item.id(),
                            Repository.AUDIT.name());
                    // the people a scan of it counted are FORENSIC now too (docs/contracts.md)
                    obligations.restOnForensicIfScanned(incident, item.sha256());
                    return at;
                });
            } catch (Stale stale) {
                continue;
            }
            EvidenceItem moved = vault.find(item.id()).orElseThrow();
            return new PulledBack(moved, index, actor, why, exposure);
        }
        throw new DomainException(
                DomainException.Kind.SERVICE_UNAVAILABLE,
                "ledger-busy",
                "The ledger is busy",
                "evidence " + item.id() + " could not be pulled back: entries kept being recorded while what it had"
                        + " exposed was drawn; nothing was recorded, try again shortly");
    }

    /** What the item has exposed so far, as the entries committed now tell it: for the question asked first. */
    public Exposure exposure(EvidenceItem item) {
        return exposure(item, ledger.size());
    }

    /** The item's exposure among the incident's entries below {@code size}. */
    private Exposure exposure(EvidenceItem item, long size) {
        List<Exposure.Indexed> entries = ledger.entriesOf(item.incidentId()).stream()
                .filter(e -> e.index() < size)
                .map(e -> new Exposure.Indexed(e.index(), LedgerEntry.fromLeaf(e.leaf())))
                .toList();
        return Exposure.of(item.id(), entries);
    }

    /**
     * The {@code evidence.pulled-back} entry of an item counsel pulled back (in the clear), or null
     * for one never pulled back.
     */
    public @Nullable LedgerEntry entry(EvidenceItem item) {
        Long index = item.pulledBackIndex();
        if (index == null) {
            return null;
        }
        List<Ledger.ServedEntry> found = ledger.entries(index, index + 1);
        return found.isEmpty() ? null : LedgerEntry.fromLeaf(found.getFirst().leaf());
    }

    /** Refuses the unit whose exposure is stale (its rows and entry rolled back); the move is drawn again. */
    private static final class Stale extends RuntimeException {
        Stale() {
            super("entries were recorded after the exposure was drawn", null, false, false);
        }
    }

    private static DomainException alreadyForensic(EvidenceItem item) {
        return DomainException.conflict(
                "already-forensic",
                "Already FORENSIC",
                "evidence " + item.id() + " is FORENSIC already: only an AUDIT item is pulled back; nothing was"
                        + " recorded");
    }

    /** The reason as recorded: required, at most {@link #MAX_REASON} characters, stripped. */
    static String reason(@Nullable String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw DomainException.unprocessable(
                    "missing-reason",
                    "reason: say why the item is pulled back (the auditor reads it in the ledger: do not"
                            + " describe privileged content)");
        }
        if (r.codePointCount(0, r.length()) > MAX_REASON) {
            throw DomainException.unprocessable(
                    "bad-reason",
                    "reason: at most " + MAX_REASON + " characters, got " + r.codePointCount(0, r.length()));
        }
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw DomainException.unprocessable(
                        "bad-reason",
                        "reason: a control character (U+" + String.format("%04X", (int) c) + ") at character "
                                + (i + 1));
            }
        }
        return r;
    }
}
