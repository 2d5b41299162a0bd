package dev.tandem.payload;

/**
 * Finds personal data in a captured body. Implementations must not keep or return the values
 * they find: only counts leave the inspector.
 */
@FunctionalInterface
public interface PayloadInspector {
    /**
     * @param body the bytes as sent or received (already base64-decoded)
     * @param contentType the MIME type as captured, possibly empty
     */
    PayloadPii inspect(byte[] body, String contentType);
}
