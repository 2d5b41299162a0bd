package dev.tandem.ledger;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Opens C2SP signed notes against one Ed25519 verifier key, with the same acceptance rules as Go's
 * {@code note.Open}: signatures by other keys are ignored, a signature by this key that does not verify rejects the
 * note, and at least one signature by this key is required.
 */
public final class NoteVerifier {

    /** Same bound as Go's note.Open, so a hostile note cannot make us parse forever. */
    private static final int MAX_SIGNATURES = 100;

    private static final String SIG_PREFIX = "— ";

    private final String name;
    private final int keyId;
    private final PublicKey key;
    private final String encoded;

    private NoteVerifier(String name, int keyId, PublicKey key, String encoded) {
        this.name = name;
        this.keyId = keyId;
        this.key = key;
        this.encoded = encoded;
    }

    /** Parses {@code <name>+<hex key id>+<base64(0x01 || 32-byte public key)>}; the key id must match the key. */
    public static NoteVerifier parse(String verifierKey) {
        String vkey = verifierKey.strip();
        // As Go's note.NewVerifier: split at the first two '+' only, since base64 itself may contain '+'.
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed verifier key: expected <name>+<hex key id>+<base64 key>");
        }
        NoteSigner.requireName(parts[0]);
        int claimedId = NoteSigner.parseKeyId(parts[1], "verifier key");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed verifier key: the key is not standard base64", e);
        }
        if (raw.length == 0 || raw[0] != NoteKeys.ALG_ED25519) {
            throw new IllegalArgumentException(
                    "unsupported verifier key: only Ed25519 keys (algorithm byte 0x01) are supported");
        }
        if (raw.length != 33) {
            throw new IllegalArgumentException(
                    "malformed verifier key: an Ed25519 key has 32 bytes, got " + (raw.length - 1));
        }
        byte[] pub = Arrays.copyOfRange(raw, 1, 33);
        int actualId = NoteKeys.keyId(parts[0], pub);
        if (actualId != claimedId) {
            throw new IllegalArgumentException(
                    "verifier key id " + parts[1] + " does not match the key (it is " + NoteKeys.hexId(actualId) + ")");
        }
        return new NoteVerifier(parts[0], actualId, NoteKeys.publicKey(pub), vkey);
    }

    public String keyName() {
        return name;
    }

    public String verifierKey() {
        return encoded;
    }

    /** Opens a signed note given as bytes, rejecting invalid UTF-8 as Go does. */
    public NoteCheck open(byte[] signedNote) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(signedNote))
                    .toString();
        } catch (CharacterCodingException e) {
            return rejected("malformed note: not valid UTF-8");
        }
        return open(text);
    }

    /** Opens a signed note: C2SP signed-note "Verifying". */
    public NoteCheck open(String signedNote) {
        if (NoteKeys.hasForbiddenControl(signedNote)) {
            return rejected("malformed note: control characters other than newline");
        }
        int split = signedNote.lastIndexOf("\n\n");
        if (split < 0) {
            return rejected("malformed note: no empty line before the signatures");
        }
        String text = signedNote.substring(0, split + 1);
        String sigs = signedNote.substring(split + 2);
        if (sigs.isEmpty() || !sigs.endsWith("\n")) {
            return rejected("malformed note: the signature block must be non-empty and end with a newline");
        }
        byte[] message = utf8(text);
        if (message == null) {
            return rejected("malformed note: not valid Unicode");
        }
        int verified = 0;
        int count = 0;
        Set<String> others = new LinkedHashSet<>();
        for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIG_PREFIX)) {
                return rejected("malformed note: signature line does not start with \"— \": " + abbreviate(line));
            }
            String rest = line.substring(SIG_PREFIX.length());
            int space = rest.indexOf(' ');
            String sigName = space < 0 ? rest : rest.substring(0, space);
            String b64 = space < 0 ? "" : rest.substring(space + 1);
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                return rejected("malformed note: signature by " + sigName + " is not standard base64");
            }
            if (!NoteKeys.isValidName(sigName) || b64.isEmpty() || sig.length < 5) {
                return rejected("malformed note: bad signature line " + abbreviate(line));
            }
            if (++count > MAX_SIGNATURES) {
                return rejected("malformed note: more than " + MAX_SIGNATURES + " signatures");
            }
            int sigId = ByteBuffer.wrap(sig, 0, 4).getInt();
            if (!sigName.equals(name) || sigId != keyId) {
                others.add(sigName + "+" + NoteKeys.hexId(sigId));
                continue; // C2SP signed-note: signatures by unknown keys are ignored
            }
            if (verified > 0) {
                continue; // as Go's note.Open: repeated signatures by one key are dropped
            }
            if (!NoteKeys.verify(key, message, Arrays.copyOfRange(sig, 4, sig.length))) {
                return rejected("invalid signature by " + name + "+" + NoteKeys.hexId(keyId)
                        + ": the note text was altered or signed by another key");
            }
            verified++;
        }
        if (verified == 0) {
            return rejected("no signature by " + name + "+" + NoteKeys.hexId(keyId)
                    + (others.isEmpty() ? "" : "; signed only by " + String.join(", ", others)));
        }
        return new NoteCheck.Opened(text);
    }

    @Override
    public String toString() {
        return "NoteVerifier[" + encoded + "]";
    }

    private static byte @Nullable [] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? "\"" + s + "\"" : "\"" + s.substring(0, 57) + "...\"";
    }

    private static NoteCheck rejected(String reason) {
        return new NoteCheck.Rejected(reason);
    }
}
