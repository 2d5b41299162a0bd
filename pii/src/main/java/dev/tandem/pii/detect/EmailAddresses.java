package dev.tandem.pii.detect;

import org.apache.commons.validator.routines.DomainValidator;

/**
 * The domain part of an e-mail address (RFC 5321 §4.1.2, RFC 1035 §2.3.4 label rules) whose
 * top-level domain is in the IANA root zone list shipped with commons-validator.
 */
public final class EmailAddresses {
    private EmailAddresses() {}

    private static final DomainValidator DOMAINS = DomainValidator.getInstance(false);

    /** {@code domain} in ASCII, without trailing dot. */
    public static boolean isValidDomain(String domain) {
        if (domain.length() > 253) return false;
        int labels = 0;
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            int end = dot < 0 ? domain.length() : dot;
            int len = end - start;
            if (len < 1 || len > 63) return false;
            if (domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') return false;
            labels++;
            if (dot < 0) break;
            start = dot + 1;
        }
        if (labels < 2) return false;
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        for (int i = 0; i < tld.length(); i++) {
            char c = tld.charAt(i);
            if (!Character.isLetter(c) && !tld.startsWith("xn--")) return false;
        }
        if (!DOMAINS.isValidTld(tld)) return false;
        // "icon@2x.png", "logo@3x.webp": image-density suffixes in file names, whatever the TLD list says
        if (labels == 2 && isDensitySuffix(domain, domain.indexOf('.'))) return false;
        return true;
    }

    private static boolean isDensitySuffix(String domain, int labelEnd) {
        if (labelEnd < 2 || Character.toLowerCase(domain.charAt(labelEnd - 1)) != 'x') return false;
        for (int i = 0; i < labelEnd - 1; i++) if (!Character.isDigit(domain.charAt(i))) return false;
        return true;
    }
}
