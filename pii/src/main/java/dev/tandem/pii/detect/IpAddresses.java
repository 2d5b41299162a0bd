package dev.tandem.pii.detect;

import org.jspecify.annotations.Nullable;

/** IP addresses: IPv4 dotted quads (RFC 791) and IPv6 text forms (RFC 4291 §2.2). */
public final class IpAddresses {
    private IpAddresses() {}

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
        return parseIpv6(text);
    }

    /**
     * RFC 4291 §2.2: eight groups of 1-4 hex digits, one "::" standing for one or more zero
     * groups, and optionally a dotted IPv4 address as the last 32 bits. Returns the full
     * lower-case form ("2001:db8:0:0:0:0:0:1"), or null.
     */
    static @Nullable String parseIpv6(String t) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = t.length();
        if (t.startsWith("::")) {
            gap = 0;
            i = 2;
            if (len == 2) return "0:0:0:0:0:0:0:0";
        } else if (t.startsWith(":")) {
            return null;
        }
        while (i < len) {
            int start = i;
            int v = 0;
            while (i < len && i - start < 5 && Character.digit(t.charAt(i), 16) >= 0) {
                v = v * 16 + Character.digit(t.charAt(i), 16);
                i++;
            }
            if (i < len && t.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                if (n > 6) return null;
                long v4 = ipv4Value(t.substring(start));
                if (v4 < 0) return null;
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                i = len;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || n == 8) return null;
            groups[n++] = v;
            if (i == len) break;
            if (t.charAt(i) != ':') return null;
            i++;
            if (i < len && t.charAt(i) == ':') {
                if (gap >= 0) return null;
                gap = n;
                i++;
                if (i == len) break;
            } else if (i == len) {
                return null;
            }
        }
        if (gap < 0 && n != 8) return null;
        if (gap >= 0 && n > 7) return null;
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (n - gap), n - gap);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k > 0) sb.append(':');
            sb.append(Integer.toHexString(full[k]));
        }
        return sb.toString();
    }

    private static long ipv4Value(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return -1;
        long v = 0;
        for (String p : parts) {
            byte[] b = p.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            for (byte x : b) if (x < '0' || x > '9') return -1;
            if (!isOctet(b, 0, b.length)) return -1;
            v = v * 256 + Integer.parseInt(p);
        }
        return v;
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
