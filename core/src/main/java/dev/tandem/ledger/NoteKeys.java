package dev.tandem.ledger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** What signer and verifier share: C2SP signed-note key names, key ids and Ed25519 plumbing. */
final class NoteKeys {

    /** C2SP signed-note: the signature type byte of Ed25519 keys. */
    static final byte ALG_ED25519 = 0x01;

    /** C2SP tlog-cosignature: the signature type byte of Ed25519 cosignature/v1 keys. */
    static final byte ALG_COSIGNATURE_V1 = 0x04;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410 §4); the 32-byte key follows. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private NoteKeys() {}

    /** C2SP signed-note: a key name is non-empty UTF-8 without Unicode spaces and without '+'. */
    static boolean isValidName(String name) {
        return !name.isEmpty()
                && name.codePoints()
                        .noneMatch(cp -> Character.isWhitespace(cp)
                                || Character.isSpaceChar(cp)
                                || cp == 0x85
                                || cp == '+'
                                || Character.isSurrogate((char) cp));
    }

    /** C2SP signed-note key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
    static int keyId(String name, byte[] publicKey) {
        return keyId(name, ALG_ED25519, publicKey);
    }

    /** The key id for signature type {@code alg}: 0x01 for note signatures, 0x04 for C2SP tlog-cosignature v1. */
    static int keyId(String name, byte alg, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update(alg);
            byte[] d = sha.digest(publicKey);
            return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static String hexId(int keyId) {
        return String.format("%08x", keyId);
    }

    /** RFC 8032 §5.1.5: the public key of a 32-byte seed (the JDK has no API for this derivation). */
    static byte[] publicKeyOf(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
        }
    }

    static PublicKey publicKey(byte[] raw) {
        byte[] der = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (NoSuchAlgorithmException | InvalidKeyException | SignatureException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (SignatureException e) {
            return false; // malformed signature bytes: simply not a valid signature
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Ed25519 verification failed to run", e);
        }
    }

    /** Go's note.Open accepts UTF-8 text with no ASCII control characters other than newline. */
    static boolean hasForbiddenControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 && c != '\n');
    }
}
