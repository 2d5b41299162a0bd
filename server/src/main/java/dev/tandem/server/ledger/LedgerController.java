package dev.tandem.server.ledger;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.witness.Witnessing;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's public face, docs/contracts.md §1. The entries and inclusion proofs also answer under
 * {@code /ledger/} for a signed-in browser (its session, not a bearer token), so that the ledger
 * page's script checks proofs with the same answers a client of the API gets (docs/web.md).
 */
@RestController
class LedgerController {
    static final int PAGE = 1000;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final Ledger ledger;
    private final JsonMapper json;

    private final Memberships memberships;
    private final Witnessing witnessing;

    LedgerController(Ledger ledger, JsonMapper json, Memberships memberships, Witnessing witnessing) {
        this.ledger = ledger;
        this.json = json;
        this.memberships = memberships;
        this.witnessing = witnessing;
    }

    @GetMapping(value = "/api/v1/ledger/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @Guard(Action.LEDGER_PUBLIC)
    String checkpoint() {
        // with the cosignatures of the configured witnesses (C2SP tlog-cosignature), when there are any
        return witnessing.cosignedCheckpoint();
    }

    @GetMapping(value = "/api/v1/ledger/key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Guard(Action.LEDGER_PUBLIC)
    String key() {
        return ledger.verifierKey() + "\n";
    }

    /**
     * Entries {@code [from, to)}, at most {@link #PAGE}: in full where the caller is a member of the
     * entry's incident or the entry belongs to no incident; otherwise only the index and the RFC 9162
     * leaf hash, which is all a verifier needs to recompute the tree (docs/contracts.md §1).
     */
    @GetMapping({"/api/v1/ledger/entries", "/ledger/entries"})
    @Guard(Action.LEDGER_READ)
    List<Map<String, Object>> entries(Access access, @RequestParam long from, @RequestParam long to) {
        long size = ledger.head().size();
        if (from < 0 || to <= from) {
            throw DomainException.badRequest("bad-range", "need 0 <= from < to, got from=" + from + " to=" + to);
        }
        if (from >= size) {
            throw DomainException.badRequest("bad-range", "from=" + from + " is past the tree size " + size);
        }
        long end = Math.min(Math.min(to, size), from + PAGE);
        Set<String> mine = memberships.rolesOf(access.username()).keySet();
        return ledger.entries(from, end).stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("index", e.index());
                    if (e.incident() == null || mine.contains(e.incident())) {
                        m.put("leaf", B64.encodeToString(e.leaf()));
                        m.put("entry", json.readValue(e.leaf(), JsonNode.class));
                    } else {
                        m.put("leafHash", B64.encodeToString(e.leafHash()));
                    }
                    return m;
                })
                .toList();
    }

    @GetMapping({"/api/v1/ledger/proof/inclusion", "/ledger/proof/inclusion"})
    @Guard(Action.LEDGER_READ)
    Map<String, Object> inclusion(@RequestParam long index, @RequestParam long size) {
        long treeSize = ledger.head().size();
        if (size < 1 || size > treeSize) {
            throw DomainException.badRequest(
                    "bad-size", "size must be between 1 and the tree size " + treeSize + ", got " + size);
        }
        if (index < 0 || index >= size) {
            throw DomainException.badRequest(
                    "bad-index", "index must be between 0 and size-1 (" + (size - 1) + "), got " + index);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("size", size);
        m.put("hashes", encode(ledger.inclusionProof(index, size)));
        return m;
    }

    @GetMapping("/api/v1/ledger/proof/consistency")
    @Guard(Action.LEDGER_READ)
    Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
        long treeSize = ledger.head().size();
        if (to < 1 || to > treeSize) {
            throw DomainException.badRequest(
                    "bad-size", "to must be between 1 and the tree size " + treeSize + ", got " + to);
        }
        if (from < 1 || from > to) {
            throw DomainException.badRequest("bad-size", "from must be between 1 and to (" + to + "), got " + from);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("hashes", encode(ledger.consistencyProof(from, to)));
        return m;
    }

    private static List<String> encode(List<byte[]> hashes) {
        return hashes.stream().map(B64::encodeToString).toList();
    }
}
