package dev.tandem.witness;

import dev.tandem.ledger.CosignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The log's side of C2SP tlog-witness: submits a checkpoint with a consistency proof from the size
 * the witness last co-signed, learning that size from a 409 when it does not know it, and keeps only
 * a cosignature that verifies with the witness's configured key.
 */
public final class WitnessClient {
    private final URI addCheckpoint;
    private final CosignatureVerifier key;
    private final HttpClient http;
    private final Duration timeout;
    private long knownSize;

    /** Consistency proofs of the log's own tree (RFC 9162 §2.1.4). */
    public interface Proofs {
        List<byte[]> consistency(long from, long to);
    }

    /** What the witness answered. */
    public sealed interface Outcome permits Cosigned, Refused {}

    /** @param line the cosignature line, verified, ending in a newline */
    public record Cosigned(String line, long timestamp) implements Outcome {}

    /** @param status the HTTP status, or 0 when the witness could not be reached */
    public record Refused(int status, String reason) implements Outcome {}

    /** @param url the witness's submission prefix; {@code /add-checkpoint} is appended */
    public WitnessClient(String url, String witnessKey, Duration timeout) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.addCheckpoint = URI.create(base + "/add-checkpoint");
        this.key = CosignatureVerifier.parse(witnessKey);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String name() {
        return key.name();
    }

    public URI uri() {
        return addCheckpoint;
    }

    /** Asks for a cosignature of {@code signedCheckpoint} (size {@code size}); retries once after a 409 naming the size. */
    public synchronized Outcome submit(String signedCheckpoint, long size, Proofs proofs) throws InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            long old = Math.min(knownSize, size);
            List<byte[]> proof = old == 0 || old == size ? List.of() : proofs.consistency(old, size);
            StringBuilder body = new StringBuilder("old ").append(old).append('\n');
            proof.forEach(
                    h -> body.append(Base64.getEncoder().encodeToString(h)).append('\n'));
            body.append('\n').append(signedCheckpoint);
            HttpResponse<String> r;
            try {
                r = http.send(
                        HttpRequest.newBuilder(addCheckpoint)
                                .timeout(timeout)
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Refused(0, "unreachable: " + e);
            }
            String answer = r.body() == null ? "" : r.body().strip();
            if (r.statusCode() == 409
                    && r.headers().firstValue("Content-Type").orElse("").startsWith("text/x.tlog.size")) {
                long theirs;
                try {
                    theirs = Long.parseLong(answer);
                } catch (NumberFormatException e) {
                    return new Refused(409, "unreadable size in the witness's answer: " + answer);
                }
                if (theirs > size) {
                    return new Refused(
                            409,
                            "the witness co-signed size " + theirs + ", larger than ours (" + size
                                    + "): this log was rolled back or forked");
                }
                knownSize = theirs;
                continue;
            }
            if (r.statusCode() != 200) {
                return new Refused(r.statusCode(), answer);
            }
            for (String line : r.body().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                var ts = key.verify(signedCheckpoint + line + "\n");
                if (ts.isPresent()) {
                    knownSize = size;
                    return new Cosigned(line + "\n", ts.getAsLong());
                }
            }
            return new Refused(200, "the answer holds no valid cosignature by " + key.verifierKey());
        }
        return new Refused(409, "the witness answered 409 twice");
    }
}
