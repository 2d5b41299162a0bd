package dev.tandem.ledger;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs notes as C2SP signed-note prescribes, with Ed25519. Keys use the encoding of Go's
 * {@code golang.org/x/mod/sumdb/note}: the private key {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>}
 * and the verifier key {@code <name>+<hex key id>+<base64(0x01 || public key)>}, so a key can move between Tandem and
 * Go tooling unchanged.
 */
public final class NoteSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final byte[] seed;
    private final byte[] publicKey;
    private final int keyId;
    private final PrivateKey key;

    private NoteSigner(String name, byte[] seed) {
        this.name = name;
        this.seed = seed.clone();
        this.publicKey = NoteKeys.publicKeyOf(seed);
        this.keyId = NoteKeys.keyId(name, publicKey);
        this.key = NoteKeys.privateKey(seed);
    }

    /** A new random key. The key name is usually the log origin. */
    public static NoteSigner generate(String keyName) {
        requireName(keyName);
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        return new NoteSigner(keyName, seed);
    }

    /** Reads a private key string as Go's {@code note.GenerateKey} writes it; the key id must match the key. */
    public static NoteSigner fromPrivateKey(String encoded) {
        // Split at the first four '+' only: the base64 key may itself contain '+'.
        String[] parts = encoded.strip().split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException(
                    "malformed signing key: expected PRIVATE+KEY+<name>+<hex key id>+<base64 key>");
        }
        String name = parts[2];
        requireName(name);
        int claimedId = parseKeyId(parts[3], "signing key");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed signing key: the key is not standard base64", e);
        }
        if (key.length != 33 || key[0] != NoteKeys.ALG_ED25519) {
            throw new IllegalArgumentException(
                    "malformed signing key: expected 0x01 (Ed25519) followed by a 32-byte seed, got " + key.length
                            + " bytes");
        }
        NoteSigner signer = new NoteSigner(name, Arrays.copyOfRange(key, 1, 33));
        if (signer.keyId != claimedId) {
            throw new IllegalArgumentException("signing key id " + parts[3] + " does not match the key (it is "
                    + NoteKeys.hexId(signer.keyId) + ")");
        }
        return signer;
    }

    public String privateKey() {
        return "PRIVATE+KEY+" + name + "+" + NoteKeys.hexId(keyId) + "+" + base64WithAlg(seed);
    }

    public String verifierKey() {
        return name + "+" + NoteKeys.hexId(keyId) + "+" + base64WithAlg(publicKey);
    }

    public String keyName() {
        return name;
    }

    /**
     * Returns the whole signed note: the text, an empty line, and one signature line {@code — <name>
     * <base64(key id || signature)>}. The text must end with a newline and, as Go's {@code note.Open} requires, be
     * valid Unicode without control characters other than newline.
     */
    public String sign(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must be non-empty and end with a newline");
        }
        if (NoteKeys.hasForbiddenControl(text)) {
            throw new IllegalArgumentException("note text must not contain control characters other than newline");
        }
        byte[] message;
        try {
            ByteBuffer b = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            message = new byte[b.remaining()];
            b.get(message);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("note text is not valid Unicode (unpaired surrogate)", e);
        }
        byte[] sig = NoteKeys.sign(key, message);
        byte[] line = ByteBuffer.allocate(4 + sig.length).putInt(keyId).put(sig).array();
        return text + "\n— " + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifierKey() + "]"; // never the private key
    }

    static void requireName(String name) {
        if (!NoteKeys.isValidName(name)) {
            throw new IllegalArgumentException(
                    "invalid key name \"" + name + "\": it must be non-empty, without spaces and without '+'");
        }
    }

    static int parseKeyId(String hex, String what) {
        if (!hex.matches("[0-9a-fA-F]{8}")) {
            throw new IllegalArgumentException(
                    "malformed " + what + ": the key id must be 8 hex digits, was \"" + hex + "\"");
        }
        return Integer.parseUnsignedInt(hex, 16);
    }

    private static String base64WithAlg(byte[] raw) {
        byte[] b = new byte[raw.length + 1];
        b[0] = NoteKeys.ALG_ED25519;
        System.arraycopy(raw, 0, b, 1, raw.length);
        return Base64.getEncoder().encodeToString(b);
    }
}
