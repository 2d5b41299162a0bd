package dev.tandem.cli.ledger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The ledger endpoints of docs/contracts.md §1 over an in-memory log, with knobs to make it lie. */
final class FakeLedgerServer implements AutoCloseable {

    static final String TOKEN = "s3cret";

    /** A valid token whose user may not read the ledger: answered 403. */
    static final String FORBIDDEN = "no-ledger";

    static final JsonMapper JSON = JsonMapper.builder().build();

    final List<LedgerEntry> entries = new ArrayList<>();
    final List<byte[]> leaves = new ArrayList<>();
    final InMemoryNodeStore store = new InMemoryNodeStore();
    final NoteSigner signer = NoteSigner.generate("tandem/test-install");
    final HttpServer http;

    /** Replaces the served checkpoint when set. */
    @Nullable
    String checkpointOverride;

    /** Replaces the served leaf bytes of some entries (the stored tree is left as signed). */
    final Map<Long, byte[]> servedLeafOverride = new HashMap<>();

    /** Replaces the served entry JSON of some entries. */
    final Map<Long, JsonNode> servedEntryOverride = new HashMap<>();

    /** Entries served as {@code {"index":I,"leafHash":…}}, as to a caller who is not a member of their incident. */
    final java.util.Set<Long> hashOnly = new java.util.HashSet<>();

    /** Replaces the served leaf hash of some hash-only entries. */
    final Map<Long, byte[]> servedLeafHashOverride = new HashMap<>();

    /** Rewrites inclusion proofs before they are served. */
    UnaryOperator<List<byte[]>> inclusionTamper = UnaryOperator.identity();

    int entryRequests;

    /** When set, records the index of every inclusion proof asked for. */
    @Nullable
    List<Long> inclusionProofRequests;

    FakeLedgerServer(int size) throws IOException {
        CompactRange range = CompactRange.empty();
        Instant t = Instant.parse("2026-11-27T00:35:12.345Z");
        for (int i = 0; i < size; i++) {
            ObjectNode body = JSON.createObjectNode().put("evidence", "E-" + i).put("sha256", "ab" + i);
            LedgerEntry e = new LedgerEntry(
                    i % 2 == 0 ? "evidence.added" : "evidence.read", "INC-" + (i % 5), "alice", t.plusMillis(i), body);
            entries.add(e);
            byte[] leaf = e.leaf();
            leaves.add(leaf);
            store.putAll(range.append(MerkleLog.leafHash(leaf)));
        }
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/ledger/", this::handle);
        http.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    String honestCheckpoint() {
        return signer.sign(checkpoint().text());
    }

    Checkpoint checkpoint() {
        return new Checkpoint("tandem/test-install", entries.size(), MerkleLog.rootHash(entries.size(), store));
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            Map<String, Long> q = query(x.getRequestURI());
            switch (path) {
                case "/api/v1/ledger/key" -> text(x, signer.verifierKey() + "\n");
                case "/api/v1/ledger/checkpoint" ->
                    text(x, checkpointOverride != null ? checkpointOverride : honestCheckpoint());
                default -> {
                    if (("Bearer " + FORBIDDEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                        send(
                                x,
                                403,
                                "application/problem+json",
                                "{\"type\":\"urn:tandem:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                                        + "\"detail\":\"this user may not read the ledger\"}");
                        return;
                    }
                    if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                        send(x, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
                        return;
                    }
                    switch (path) {
                        case "/api/v1/ledger/entries" -> entries(x, q.get("from"), q.get("to"));
                        case "/api/v1/ledger/proof/inclusion" -> {
                            long index = q.get("index");
                            long size = q.get("size");
                            if (inclusionProofRequests != null) {
                                inclusionProofRequests.add(index);
                            }
                            ObjectNode o =
                                    JSON.createObjectNode().put("index", index).put("size", size);
                            hashes(o, inclusionTamper.apply(MerkleLog.inclusionProof(index, size, store)));
                            json(x, o);
                        }
                        case "/api/v1/ledger/proof/consistency" -> {
                            long from = q.get("from");
                            long to = q.get("to");
                            ObjectNode o =
                                    JSON.createObjectNode().put("from", from).put("to", to);
                            hashes(o, MerkleLog.consistencyProof(from, to, store));
                            json(x, o);
                        }
                        default -> send(x, 404, "text/plain", "not found");
                    }
                }
            }
        }
    }

    private void entries(HttpExchange x, long from, long to) throws IOException {
        entryRequests++;
        ArrayNode a = JSON.createArrayNode();
        for (long i = from; i < Math.min(to, Math.min(entries.size(), from + 1000)); i++) {
            byte[] leaf = servedLeafOverride.getOrDefault(i, leaves.get((int) i));
            if (hashOnly.contains(i)) {
                byte[] leafHash = servedLeafHashOverride.getOrDefault(i, MerkleLog.leafHash(leaf));
                a.addObject()
                        .put("index", i)
                        .put("leafHash", Base64.getEncoder().encodeToString(leafHash));
                continue;
            }
            JsonNode entry =
                    servedEntryOverride.getOrDefault(i, entries.get((int) i).json());
            a.addObject()
                    .put("index", i)
                    .put("leaf", Base64.getEncoder().encodeToString(leaf))
                    .set("entry", entry);
        }
        json(x, a);
    }

    private static void hashes(ObjectNode o, List<byte[]> hashes) {
        ArrayNode a = o.putArray("hashes");
        hashes.forEach(h -> a.add(Base64.getEncoder().encodeToString(h)));
    }

    private static Map<String, Long> query(URI uri) {
        Map<String, Long> q = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], Long.parseLong(p[1]));
            }
        }
        return q;
    }

    private static void text(HttpExchange x, String body) throws IOException {
        send(x, 200, "text/plain; charset=utf-8", body);
    }

    private static void json(HttpExchange x, JsonNode body) throws IOException {
        send(x, 200, "application/json", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
