package dev.tandem.server.evidence;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.tandem.evidence.Repository;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.server.CsvAnswer;
import dev.tandem.server.SpreadsheetCell;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An incident's privilege log (docs/contracts.md "The privilege log", ADR 157): every FORENSIC item,
 * with what identifies it (name, kind, when it was received and by whom it was filed, size, SHA-256,
 * its {@code evidence.added} entry) and counsel's privilege basis (ADR 153), never its content, source
 * or description. An item counsel pulled back from AUDIT (ADR 104) carries its {@code
 * evidence.pulled-back} entry: when, by whom and the public reason. Plain Java: the items and the
 * pull back entries are given.
 */
public final class PrivilegeLog {
    private PrivilegeLog() {}

    /** What the CSV, the page and the command line say of an item filed without a basis (or pulled back). */
    public static final String NOT_RECORDED = "not recorded";

    /** The CSV's columns, named as the JSON item's fields they are taken from. */
    static final List<String> COLUMNS = List.of(
            "id",
            "name",
            "kind",
            "receivedAt",
            "filedBy",
            "size",
            "sha256",
            "ledgerIndex",
            "privilegeBasis",
            "pulledBackIndex",
            "pulledBackAt",
            "pulledBackBy",
            "pulledBackReason");

    /** The {@code evidence.pulled-back} entry of an item counsel moved from AUDIT to FORENSIC. */
    public record PullBack(long ledgerIndex, String at, String by, String reason) {}

    /** One withheld item; {@code privilegeBasis} null when none was recorded, {@code pulledBack} when never moved. */
    public record Item(
            String id,
            String name,
            String kind,
            String receivedAt,
            String filedBy,
            long size,
            String sha256,
            long ledgerIndex,
            @Nullable String privilegeBasis,
            @Nullable PullBack pulledBack) {

        /** The basis as the log states it: counsel's, or {@value #NOT_RECORDED}. */
        public String basis() {
            return privilegeBasis == null ? NOT_RECORDED : privilegeBasis;
        }
    }

    /** The log of one incident: its FORENSIC items, oldest first (as the vault lists them). */
    public record Log(String incident, List<Item> items) {
        public Log {
            items = List.copyOf(items);
        }
    }

    /**
     * The log of {@code incident} from its items (any repository: only FORENSIC ones are listed);
     * {@code pullBacks} gives the {@code evidence.pulled-back} entry of an item pulled back, else null.
     */
    public static Log of(
            String incident, List<EvidenceItem> items, Function<EvidenceItem, @Nullable LedgerEntry> pullBacks) {
        return new Log(
                incident,
                items.stream()
                        .filter(e -> e.repository() == Repository.FORENSIC)
                        .map(e -> item(e, pullBacks.apply(e)))
                        .toList());
    }

    static Item item(EvidenceItem e, @Nullable LedgerEntry pulledBack) {
        PullBack move = null;
        if (e.pulledBackIndex() != null && pulledBack != null) {
            move = new PullBack(
                    e.pulledBackIndex(),
                    pulledBack.atText(),
                    pulledBack.actor(),
                    pulledBack.body().path("reason").asString());
        }
        return new Item(
                e.id(),
                e.name(),
                e.kind().name(),
                e.receivedAt().toString(),
                e.uploadedBy(),
                e.size(),
                e.sha256(),
                e.ledgerIndex(),
                e.privilegeBasis(),
                move);
    }

    /**
     * The log as one CSV document (RFC 4180, UTF-8, records ended by CRLF), header first, one row per
     * item; every cell through {@link SpreadsheetCell}: names, bases and reasons are typed by people.
     */
    public static String csv(Log log) {
        StringWriter out = new StringWriter();
        try (CsvWriter w = CsvWriter.builder().build(out)) {
            w.writeRecord(COLUMNS);
            for (Item i : log.items()) {
                PullBack p = i.pulledBack();
                w.writeRecord(List.of(
                                i.id(),
                                i.name(),
                                i.kind(),
                                i.receivedAt(),
                                i.filedBy(),
                                Long.toString(i.size()),
                                i.sha256(),
                                Long.toString(i.ledgerIndex()),
                                i.basis(),
                                p == null ? "" : Long.toString(p.ledgerIndex()),
                                p == null ? "" : p.at(),
                                p == null ? "" : p.by(),
                                p == null ? "" : p.reason())
                        .stream()
                        .map(SpreadsheetCell::of)
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The download's {@code Content-Disposition}: {@code incident-<id>-privilege-log.csv}. */
    public static String attachment(String incident) {
        return CsvAnswer.attachment(incident, "privilege-log");
    }
}
