package dev.tandem.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Cosigns checkpoints as a C2SP tlog-cosignature v1 (Ed25519) cosigner, i.e. a witness. The key is an
 * ordinary note signing key ({@code PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>}, as Go's
 * {@code note.GenerateKey} writes it); its cosignature key id is computed with the type byte 0x04.
 */
public final class Cosigner {
    private final String name;
    private final byte[] publicKey;
    private final int keyId;
    private final PrivateKey key;
    private final NoteSigner signer;

    private Cosigner(NoteSigner signer, byte[] seed) {
        this.signer = signer;
        this.name = signer.keyName();
        this.publicKey = NoteKeys.publicKeyOf(seed);
        this.keyId = NoteKeys.keyId(name, NoteKeys.ALG_COSIGNATURE_V1, publicKey);
        this.key = NoteKeys.privateKey(seed);
    }

    public static Cosigner generate(String name) {
        return fromPrivateKey(NoteSigner.generate(name).privateKey());
    }

    public static Cosigner fromPrivateKey(String encoded) {
        NoteSigner signer = NoteSigner.fromPrivateKey(encoded);
        String b64 = encoded.strip().split("\\+", 5)[4];
        byte[] raw = Base64.getDecoder().decode(b64);
        return new Cosigner(signer, Arrays.copyOfRange(raw, 1, 33));
    }

    public String privateKey() {
        return signer.privateKey();
    }

    /** The C2SP vkey of this cosigner: {@code <name>+<hex id>+<base64(0x04 || public key)>}. */
    public String verifierKey() {
        byte[] b = new byte[33];
        b[0] = NoteKeys.ALG_COSIGNATURE_V1;
        System.arraycopy(publicKey, 0, b, 1, 32);
        return name + "+" + NoteKeys.hexId(keyId) + "+" + Base64.getEncoder().encodeToString(b);
    }

    public String name() {
        return name;
    }

    /**
     * One signature line {@code — <name> base64(key id || u64 timestamp || Ed25519 signature)} over the
     * message {@code cosignature/v1\ntime <t>\n<note text>} (C2SP tlog-cosignature, "Ed25519 signed message").
     */
    public String cosign(String noteText, long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a cosignature timestamp is not negative, was " + timestamp);
        }
        byte[] sig = NoteKeys.sign(key, message(noteText, timestamp));
        byte[] line = ByteBuffer.allocate(4 + 8 + sig.length)
                .putInt(keyId)
                .putLong(timestamp)
                .put(sig)
                .array();
        return "— " + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    static byte[] message(String noteText, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + noteText).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Cosigner[" + verifierKey() + "]";
    }
}
