package dev.tandem.pii.detect;

import java.net.InetAddress;
import org.apache.commons.validator.routines.InetAddressValidator;
import org.jspecify.annotations.Nullable;

/** IP addresses: IPv4 dotted quads (RFC 791) and IPv6 text forms (RFC 4291 §2.2). */
public final class IpAddresses {
    private IpAddresses() {}

    private static final InetAddressValidator VALIDATOR = InetAddressValidator.getInstance();

    /** The canonical text of a valid IPv6 literal, or null. */
    public static @Nullable String canonicalIpv6(String text) {
        int colons = 0;
        boolean hex = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') colons++;
            else if (c != '.') hex = true;
        }
        // cheap pre-check: times like 10:23:45 have neither "::" nor seven colons
        if (!hex || colons < 2 || (colons < 7 && !text.contains("::") && !text.contains("."))) return null;
        if (!VALIDATOR.isValidInet6Address(text)) return null;
        try {
            return InetAddress.ofLiteral(text).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Octet text: 1-3 digits, at most 255, no leading zero (an octal look-alike). */
    static boolean isOctet(byte[] b, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 3) return false;
        if (len > 1 && b[from] == '0') return false;
        int v = 0;
        for (int i = from; i < to; i++) v = v * 10 + (b[i] - '0');
        return v <= 255;
    }
}
