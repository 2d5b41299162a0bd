package dev.tandem.server.witness;

import dev.tandem.server.ledger.Ledger;
import dev.tandem.witness.WitnessClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Gathers the configured witnesses' cosignatures for the latest signed checkpoint (C2SP
 * tlog-witness {@code add-checkpoint}, with a consistency proof from the size each witness last
 * co-signed) and serves the checkpoint with them. Asked again only when the checkpoint moves; a
 * witness that refuses is logged with its reason (a refusal with 409 or 422 means it has seen a
 * different history of this log) and the checkpoint is served without its cosignature.
 *
 * <p>{@code tandem.witnesses}: entries separated by commas or new lines, each {@code <url> <witness
 * key>}, the key a C2SP vkey (type 0x04, or the witness's note key, type 0x01).
 */
@Service
public class Witnessing {
    private static final Logger log = LoggerFactory.getLogger(Witnessing.class);

    private final Ledger ledger;
    private final List<WitnessClient> witnesses;
    private long cachedSize = -1;
    private String cachedRoot = "";
    private String cached = "";

    Witnessing(
            Ledger ledger,
            @Value("${tandem.witnesses:}") String configured,
            @Value("${tandem.witness-timeout:PT5S}") Duration timeout) {
        this.ledger = ledger;
        this.witnesses = parse(configured, timeout);
        for (WitnessClient w : witnesses) {
            log.info("witness {} at {}", w.name(), w.uri());
        }
    }

    static List<WitnessClient> parse(String configured, Duration timeout) {
        List<WitnessClient> out = new ArrayList<>();
        for (String entry : configured.split("[,\n]")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException(
                        "tandem.witnesses: each witness is \"<url> <witness key>\", got \"" + entry.strip() + "\"");
            }
            try {
                out.add(new WitnessClient(parts[0], parts[1], timeout));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("tandem.witnesses: " + entry.strip() + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** The latest signed checkpoint with the cosignatures its witnesses gave (none when none are configured). */
    public synchronized String cosignedCheckpoint() {
        Ledger.Head head = ledger.head();
        String root = java.util.Base64.getEncoder().encodeToString(head.rootHash());
        if (witnesses.isEmpty()) {
            return head.checkpoint();
        }
        if (head.size() == cachedSize && root.equals(cachedRoot)) {
            return cached;
        }
        StringBuilder note = new StringBuilder(head.checkpoint());
        for (WitnessClient w : witnesses) {
            WitnessClient.Outcome outcome;
            try {
                outcome = w.submit(head.checkpoint(), head.size(), ledger::consistencyProof);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return head.checkpoint();
            }
            switch (outcome) {
                case WitnessClient.Cosigned c -> note.append(c.line());
                case WitnessClient.Refused r
                when r.status() == 409 || r.status() == 422 ->
                    log.error(
                            "witness {} refused checkpoint {} of size {}: {} {} (it has seen another history of this"
                                    + " log)",
                            w.name(),
                            ledger.origin(),
                            head.size(),
                            r.status(),
                            r.reason());
                case WitnessClient.Refused r ->
                    log.warn(
                            "witness {} did not co-sign checkpoint of size {}: {} {}",
                            w.name(),
                            head.size(),
                            r.status(),
                            r.reason());
            }
        }
        cachedSize = head.size();
        cachedRoot = root;
        cached = note.toString();
        return cached;
    }
}
