package dev.tandem.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Checks C2SP tlog-cosignature v1 (Ed25519) cosignatures on a signed note for one cosigner key. The
 * key is a C2SP vkey with type byte 0x04, or an ordinary note verifier key (type 0x01) of the same
 * Ed25519 key, which is converted as transparency-dev's {@code NewVerifierForCosignatureV1} does.
 */
public final class CosignatureVerifier {
    private static final String SIG_PREFIX = "— ";

    private final String name;
    private final int keyId;
    private final PublicKey key;
    private final String encoded;

    private CosignatureVerifier(String name, int keyId, PublicKey key, String encoded) {
        this.name = name;
        this.keyId = keyId;
        this.key = key;
        this.encoded = encoded;
    }

    public static CosignatureVerifier parse(String verifierKey) {
        String vkey = verifierKey.strip();
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed witness key: expected <name>+<hex key id>+<base64 key>");
        }
        NoteSigner.requireName(parts[0]);
        int claimed = NoteSigner.parseKeyId(parts[1], "witness key");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed witness key: the key is not standard base64", e);
        }
        if (raw.length != 33 || (raw[0] != NoteKeys.ALG_COSIGNATURE_V1 && raw[0] != NoteKeys.ALG_ED25519)) {
            throw new IllegalArgumentException(
                    "unsupported witness key: expected an Ed25519 key with type byte 0x04 (cosignature/v1) or 0x01");
        }
        byte[] pub = Arrays.copyOfRange(raw, 1, 33);
        int actual = NoteKeys.keyId(parts[0], raw[0], pub);
        if (actual != claimed) {
            throw new IllegalArgumentException(
                    "witness key id " + parts[1] + " does not match the key (it is " + NoteKeys.hexId(actual) + ")");
        }
        int cosignatureId = NoteKeys.keyId(parts[0], NoteKeys.ALG_COSIGNATURE_V1, pub);
        return new CosignatureVerifier(parts[0], cosignatureId, NoteKeys.publicKey(pub), vkey);
    }

    public String name() {
        return name;
    }

    /** The key id cosignature lines by this key carry (type byte 0x04). */
    public String keyIdHex() {
        return NoteKeys.hexId(keyId);
    }

    public String verifierKey() {
        return encoded;
    }

    /**
     * The timestamp of a valid cosignature by this key on {@code signedNote}, or empty when the note
     * carries none. Lines by other keys are ignored (C2SP signed-note); a line by this key whose
     * signature does not verify counts as none.
     */
    public OptionalLong verify(String signedNote) {
        int split = signedNote.lastIndexOf("\n\n");
        if (split < 0 || !signedNote.endsWith("\n")) {
            return OptionalLong.empty();
        }
        String text = signedNote.substring(0, split + 1);
        for (String line :
                signedNote.substring(split + 2, signedNote.length() - 1).split("\n", -1)) {
            if (!line.startsWith(SIG_PREFIX)) {
                return OptionalLong.empty();
            }
            String rest = line.substring(SIG_PREFIX.length());
            int space = rest.indexOf(' ');
            if (space < 0 || !rest.substring(0, space).equals(name)) {
                continue;
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(rest.substring(space + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (sig.length != 4 + 8 + 64 || ByteBuffer.wrap(sig, 0, 4).getInt() != keyId) {
                continue;
            }
            long timestamp = ByteBuffer.wrap(sig, 4, 8).getLong();
            if (timestamp < 0) {
                continue; // C2SP tlog-cosignature: it MUST NOT exceed 2^63 - 1
            }
            if (NoteKeys.verify(key, Cosigner.message(text, timestamp), Arrays.copyOfRange(sig, 12, sig.length))) {
                return OptionalLong.of(timestamp);
            }
        }
        return OptionalLong.empty();
    }

    /** The timestamp a cosignature line's signature carries (bytes 4 to 12), for reports. */
    public static OptionalLong timestampOf(String base64Signature) {
        try {
            byte[] sig = Base64.getDecoder().decode(base64Signature.getBytes(StandardCharsets.US_ASCII));
            return sig.length == 76 ? OptionalLong.of(ByteBuffer.wrap(sig, 4, 8).getLong()) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return "CosignatureVerifier[" + encoded + "]";
    }
}
