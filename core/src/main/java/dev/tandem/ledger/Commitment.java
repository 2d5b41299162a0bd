package dev.tandem.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Salted commitments for privileged (FORENSIC) entries, docs/contracts.md §1: the ledger holds only
 * {@code hex(SHA-256(salt || canonical body))}; the salt and the body stay in the privileged store. The random 32-byte
 * salt keeps a guessable body (a file name, a hash) from being confirmed by brute force against the public ledger;
 * revealing salt and body later proves what was recorded.
 */
public final class Commitment {

    public static final int SALT_SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Commitment() {}

    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_SIZE];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static String commit(byte[] salt, JsonNode body) {
        if (salt.length != SALT_SIZE) {
            throw new IllegalArgumentException("a commitment salt has 32 bytes, got " + salt.length);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(CanonicalJson.canonicalize(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Does the revealed salt and body open this commitment? */
    public static boolean opens(String commitment, byte[] salt, JsonNode body) {
        return salt.length == SALT_SIZE
                && MessageDigest.isEqual(
                        commit(salt, body).getBytes(StandardCharsets.US_ASCII),
                        commitment.getBytes(StandardCharsets.US_ASCII));
    }

    /** The body of the ledger entry that stands for a privileged one. */
    public static JsonNode privilegedBody(String commitment) {
        if (!HEX_SHA256.matcher(commitment).matches()) {
            throw new IllegalArgumentException("a commitment is 64 lower-case hex digits, got " + commitment);
        }
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("repository", "FORENSIC");
        o.put("commitment", commitment);
        return o;
    }
}
