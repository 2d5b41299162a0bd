package dev.tandem.cli.ledger;

import dev.tandem.cli.ServerConnection;
import dev.tandem.ledger.MerkleLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger endpoints of docs/contracts.md §1, over java.net.http. */
final class LedgerClient {

    /** docs/contracts.md §1: the entries endpoint answers at most 1000 entries per call. */
    static final int PAGE = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final HttpClient http;

    LedgerClient(URI base, String token, HttpClient http) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.token = token;
        this.http = http;
    }

    static HttpClient defaultHttp() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * One item of a page of entries (docs/contracts.md §1): the entry with its leaf, or, for an entry of an incident the
     * caller is not a member of, only its RFC 9162 leaf hash.
     */
    sealed interface ServedEntry permits Readable, HashOnly {
        long index();

        /** The RFC 9162 §2.1.1 leaf hash this item puts at {@link #index()}. */
        byte[] leafHash();
    }

    /** {@code {"index":I,"leaf":"<base64>","entry":{…}}}; {@code statedLeafHash} if it also carried a leafHash. */
    record Readable(long index, byte[] leaf, JsonNode entry, byte @Nullable [] statedLeafHash) implements ServedEntry {
        @Override
        public byte[] leafHash() {
            return MerkleLog.leafHash(leaf);
        }
    }

    /** {@code {"index":I,"leafHash":"<base64>"}}: its place in the tree can be checked, its content cannot. */
    record HashOnly(long index, byte[] leafHash) implements ServedEntry {}

    byte[] verifierKey() throws ServerUnavailableException {
        return get("api/v1/ledger/key", false);
    }

    byte[] checkpoint() throws ServerUnavailableException {
        return get("api/v1/ledger/checkpoint", false);
    }

    List<ServedEntry> entries(long from, long to) throws ServerUnavailableException, MalformedAnswerException {
        String path = "api/v1/ledger/entries?from=" + from + "&to=" + to;
        JsonNode root = json(path);
        if (!root.isArray()) {
            throw new MalformedAnswerException(path + ": expected a JSON array");
        }
        List<ServedEntry> out = new ArrayList<>(root.size());
        for (JsonNode e : root) {
            JsonNode index = e.get("index");
            if (index == null || !index.canConvertToLong()) {
                throw new MalformedAnswerException(path + ": each item needs \"index\" (number)");
            }
            long i = index.asLong();
            JsonNode leaf = e.get("leaf");
            JsonNode entry = e.get("entry");
            JsonNode leafHash = e.get("leafHash");
            byte @Nullable [] stated = leafHash == null ? null : hash(leafHash, path + " leafHash of entry " + i);
            if (leaf != null || entry != null) {
                if (leaf == null || !leaf.isString() || entry == null) {
                    throw new MalformedAnswerException(
                            path + ": entry " + i + " needs both \"leaf\" (base64) and \"entry\"");
                }
                out.add(new Readable(i, base64(leaf, path + " leaf of entry " + i), entry, stated));
            } else if (stated != null) {
                out.add(new HashOnly(i, stated));
            } else {
                throw new MalformedAnswerException(path + ": entry " + i
                        + " has neither \"leaf\" and \"entry\" nor \"leafHash\" (docs/contracts.md §1)");
            }
        }
        return out;
    }

    List<byte[]> inclusionProof(long index, long size) throws ServerUnavailableException, MalformedAnswerException {
        String path = "api/v1/ledger/proof/inclusion?index=" + index + "&size=" + size;
        JsonNode root = json(path);
        requireEcho(root, path, "index", index);
        requireEcho(root, path, "size", size);
        return hashes(root, path);
    }

    List<byte[]> consistencyProof(long from, long to) throws ServerUnavailableException, MalformedAnswerException {
        String path = "api/v1/ledger/proof/consistency?from=" + from + "&to=" + to;
        JsonNode root = json(path);
        requireEcho(root, path, "from", from);
        requireEcho(root, path, "to", to);
        return hashes(root, path);
    }

    private JsonNode json(String path) throws ServerUnavailableException, MalformedAnswerException {
        byte[] body = get(path, true);
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) {
                throw new MalformedAnswerException(path + ": empty answer");
            }
            return node;
        } catch (JacksonException e) {
            throw new MalformedAnswerException(path + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private byte[] get(String path, boolean authenticated) throws ServerUnavailableException {
        URI uri = base.resolve(path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServerUnavailableException("", ServerConnection.unreachable(base, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnavailableException("interrupted while calling " + uri, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new ServerUnavailableException(
                    uri + ": ", ServerConnection.answered(status, new String(response.body(), StandardCharsets.UTF_8)));
        }
        return response.body();
    }

    private static void requireEcho(JsonNode root, String path, String field, long expected)
            throws MalformedAnswerException {
        JsonNode n = root.get(field);
        if (n == null || !n.canConvertToLong() || n.asLong() != expected) {
            throw new MalformedAnswerException(path + ": the answer's \"" + field + "\" is not " + expected);
        }
    }

    private static List<byte[]> hashes(JsonNode root, String path) throws MalformedAnswerException {
        JsonNode hashes = root.get("hashes");
        if (hashes == null || !hashes.isArray()) {
            throw new MalformedAnswerException(path + ": expected \"hashes\": [\"<base64>\", …]");
        }
        List<byte[]> out = new ArrayList<>(hashes.size());
        int i = 0;
        for (JsonNode h : hashes) {
            out.add(base64(h, path + " hash #" + i++));
        }
        return out;
    }

    private static byte[] hash(JsonNode n, String what) throws MalformedAnswerException {
        byte[] h = base64(n, what);
        if (h.length != MerkleLog.HASH_SIZE) {
            throw new MalformedAnswerException(what + " has " + h.length + " bytes, a SHA-256 hash has 32");
        }
        return h;
    }

    private static byte[] base64(JsonNode n, String what) throws MalformedAnswerException {
        if (!n.isString()) {
            throw new MalformedAnswerException(what + " is not a base64 string");
        }
        try {
            return Base64.getDecoder().decode(n.stringValue());
        } catch (IllegalArgumentException e) {
            throw new MalformedAnswerException(what + " is not standard base64", e);
        }
    }
}
