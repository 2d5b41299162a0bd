package dev.tandem.witness;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.Cosigner;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.ledger.ProofVerifier;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A C2SP tlog-witness: {@link #addCheckpoint} checks a submitted checkpoint against the last one it
 * co-signed for the same log and, only when it is consistent, records it and answers a C2SP
 * tlog-cosignature v1. Refusals follow the spec's status codes (404 unknown log, 403 no valid log
 * signature, 400 malformed, 409 old size not the one recorded or two roots for one size, 422 a
 * consistency proof that does not verify); each is reported to the {@link Events} listener, with the
 * evidence of a fork kept where there is one. The check and the update are one atomic step
 * (synchronized; the state is one file per log, replaced atomically).
 */
public final class Witness {
    /** C2SP tlog-witness: a client sends at most 63 proof lines. */
    static final int MAX_PROOF = 63;

    private static final Pattern OLD = Pattern.compile("old (0|[1-9][0-9]{0,18})");

    private final Cosigner cosigner;
    private final Map<String, NoteVerifier> logs;
    private final Path state;
    private final Clock clock;
    private final Events events;

    /** What happened, for the operator's log. */
    public interface Events {
        void cosigned(String origin, long size);

        void refused(String origin, int status, String reason);
    }

    /** An HTTP answer: status, content type and body. */
    public record Response(int status, String contentType, String body) {}

    /**
     * @param logs the logs this witness follows: origin → the log's verifier key
     * @param state a directory for the latest co-signed checkpoint of each log
     */
    public Witness(Cosigner cosigner, Map<String, NoteVerifier> logs, Path state, Clock clock, Events events)
            throws IOException {
        this.cosigner = cosigner;
        this.logs = Map.copyOf(logs);
        this.state = state;
        this.clock = clock;
        this.events = events;
        Files.createDirectories(state);
    }

    public String verifierKey() {
        return cosigner.verifierKey();
    }

    /** The latest checkpoint co-signed for {@code origin} (the log's signed note), or null. */
    public synchronized @Nullable String latest(String origin) throws IOException {
        Path f = file(origin);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }

    /** C2SP tlog-witness {@code POST <prefix>/add-checkpoint}, the request body as received. */
    public synchronized Response addCheckpoint(byte[] requestBody) throws IOException {
        String body;
        try {
            body = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(requestBody))
                    .toString();
        } catch (CharacterCodingException e) {
            return refuse("?", 400, "the request body is not UTF-8");
        }
        int blank = body.indexOf("\n\n");
        if (blank < 0) {
            return refuse("?", 400, "no empty line between the old size and proof, and the checkpoint");
        }
        String[] head = body.substring(0, blank).split("\n", -1);
        String note = body.substring(blank + 2);
        var old = OLD.matcher(head[0]);
        if (!old.matches()) {
            return refuse("?", 400, "the first line must be \"old <size>\", was \"" + head[0] + "\"");
        }
        long oldSize = Long.parseLong(old.group(1));
        if (head.length - 1 > MAX_PROOF) {
            return refuse("?", 400, "more than " + MAX_PROOF + " consistency proof lines");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            try {
                byte[] h = Base64.getDecoder().decode(head[i]);
                if (h.length != 32) {
                    return refuse("?", 400, "proof line " + i + " is not a 32-byte hash");
                }
                proof.add(h);
            } catch (IllegalArgumentException e) {
                return refuse("?", 400, "proof line " + i + " is not base64");
            }
        }
        String origin = note.substring(0, Math.max(0, note.indexOf('\n')));
        NoteVerifier log = logs.get(origin);
        if (log == null) {
            return refuse(origin, 404, "unknown log origin \"" + origin + "\"");
        }
        NoteCheck opened = log.open(note);
        if (opened instanceof NoteCheck.Rejected r) {
            return refuse(origin, 403, "the checkpoint has no valid signature by the log's key: " + r.reason());
        }
        String text = ((NoteCheck.Opened) opened).text();
        Checkpoint submitted;
        try {
            submitted = Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            return refuse(origin, 400, e.getMessage());
        }
        if (oldSize > submitted.size()) {
            return refuse(origin, 400, "old size " + oldSize + " is larger than the checkpoint's " + submitted.size());
        }
        Checkpoint known = knownCheckpoint(origin);
        long knownSize = known == null ? 0 : known.size();
        if (oldSize != knownSize) {
            events.refused(origin, 409, "old size " + oldSize + " is not the size last co-signed, " + knownSize);
            return new Response(409, "text/x.tlog.size", knownSize + "\n");
        }
        if (known == null) {
            if (!proof.isEmpty()) {
                return refuse(origin, 400, "the consistency proof must be empty when the old size is 0");
            }
        } else if (known.size() == submitted.size()) {
            if (!MessageDigest.isEqual(known.rootHash(), submitted.rootHash())) {
                keepEvidence(origin, note);
                return refuse(
                        origin,
                        409,
                        "two different roots for size " + submitted.size() + ": "
                                + b64(known.rootHash()) + " co-signed, " + b64(submitted.rootHash())
                                + " submitted: the log forked");
            }
        } else {
            ProofCheck check = ProofVerifier.verifyConsistency(
                    known.size(), submitted.size(), known.rootHash(), submitted.rootHash(), proof);
            if (check instanceof ProofCheck.Tampered t) {
                keepEvidence(origin, note);
                return refuse(
                        origin,
                        422,
                        "the checkpoint of size " + submitted.size()
                                + " is not consistent with the one co-signed at size " + known.size() + ": "
                                + t.reason());
            }
        }
        // C2SP tlog-witness: persist before answering.
        Path f = file(origin);
        Path tmp = Files.createTempFile(state, "checkpoint.", ".tmp");
        Files.writeString(tmp, note, StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long now = clock.instant().getEpochSecond();
        events.cosigned(origin, submitted.size());
        return new Response(200, "text/plain; charset=utf-8", cosigner.cosign(text, now));
    }

    private @Nullable Checkpoint knownCheckpoint(String origin) throws IOException {
        String note = latest(origin);
        if (note == null) {
            return null;
        }
        return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
    }

    /** A validly signed checkpoint the witness refused is proof of the log's misbehaviour: keep it. */
    private void keepEvidence(String origin, String note) throws IOException {
        Path f = state.resolve(name(origin) + ".refused." + clock.millis());
        Files.writeString(f, note, StandardCharsets.UTF_8);
    }

    private Response refuse(String origin, int status, String reason) {
        events.refused(origin, status, reason);
        return new Response(status, "text/plain; charset=utf-8", reason + "\n");
    }

    private Path file(String origin) {
        return state.resolve(name(origin) + ".checkpoint");
    }

    private static String name(String origin) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] h) {
        return Base64.getEncoder().encodeToString(h);
    }
}
