package dev.tandem.pii.detect;

import static dev.tandem.pii.detect.ByteClasses.DOMAIN;
import static dev.tandem.pii.detect.ByteClasses.EMAIL_LOCAL;
import static dev.tandem.pii.detect.ByteClasses.HEX;
import static dev.tandem.pii.detect.ByteClasses.is;
import static dev.tandem.pii.detect.ByteClasses.isAlnum;
import static dev.tandem.pii.detect.ByteClasses.isDigit;
import static dev.tandem.pii.detect.ByteClasses.isUpper;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.tandem.pii.Entity;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The hot loop: one pass over raw bytes that stops only at trigger bytes (digits, ':' and '@',
 * found eight bytes at a time), expands a candidate around the trigger, and runs the validators
 * on that candidate only. No regular expression touches the input.
 *
 * <p>A candidate never crosses {@code to}: callers pass complete spans (a whole value, or a chunk
 * cut at a {@link ByteClasses#safeSplit safe split}). Not thread-safe: one instance per thread.
 */
public final class CandidateScanner {
    private static final int MAX_GROUPS = 12;
    private static final byte[] EMPTY = new byte[0];

    private final PhoneNumbers phones;
    private final int[] gs = new int[MAX_GROUPS];
    private final int[] ge = new int[MAX_GROUPS];
    private final byte[] ibanChars = new byte[34];
    private final StringBuilder digits = new StringBuilder(32);
    /** Domains already judged: the same few hundred domains carry most addresses in a leak. */
    private final java.util.LinkedHashMap<String, Boolean> domains = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> e) {
            return size() > 8192;
        }
    };

    private byte[] b = EMPTY;
    private int from;
    private int to;
    private int lastEnd;
    private @Nullable Hits out;

    public CandidateScanner(PhoneNumbers phones) {
        this.phones = phones;
    }

    public PhoneNumbers phones() {
        return phones;
    }

    /** Reports every validated candidate in {@code buf[from, to)}, in order of position. */
    public void scan(byte[] buf, int from, int to, Hits out) {
        this.b = buf;
        this.from = from;
        this.to = to;
        this.out = out;
        this.lastEnd = from;
        try {
            int i = from;
            while (true) {
                i = ByteClasses.nextTrigger(buf, i, to);
                if (i >= to) break;
                byte c = buf[i];
                if (c == '@') {
                    int e = email(i, i + 1);
                    i = e < 0 ? i + 1 : e;
                } else if (c == ':') i = ipv6(i);
                else if (c <= '9') {
                    int e = escapedAt(i);
                    i = e >= 0 ? e : numeric(i);
                } else i++;
            }
        } finally {
            this.b = EMPTY;
            this.out = null;
        }
    }

    private void emit(Entity e, int start, int end, String value, String normalized, @Nullable String jurisdiction) {
        lastEnd = end;
        if (out != null) out.hit(e, start, end, value, normalized, jurisdiction);
    }

    private String text(int start, int end) {
        return new String(b, start, end - start, ISO_8859_1);
    }

    // ---- digits: IPv4, SSN, payment cards, phone numbers, IBAN check digits ----

    private int numeric(int s) {
        if (s > from && isDigit(b[s - 1])) return skipWord(s);
        if (s - 2 >= from
                && s >= lastEnd + 2
                && isUpper(b[s - 1])
                && isUpper(b[s - 2])
                && (s - 3 < from || !isAlnum(b[s - 3]))
                && s + 1 < to
                && isDigit(b[s + 1])) {
            int end = iban(s - 2);
            if (end > 0) return end;
        }
        int tokStart = s;
        boolean plus = false;
        boolean paren = false;
        if (s > from) {
            byte p = b[s - 1];
            if (p == '+') {
                plus = true;
                tokStart = s - 1;
            } else if (p == '(') {
                paren = true;
                tokStart = s - 1;
            }
        }
        if (tokStart < lastEnd) return skipWord(s);
        if (tokStart > from) {
            byte lb = b[tokStart - 1];
            if (isAlnum(lb) || lb == '_') return skipWord(s);
            // part of a compound identifier: a716-446655440000 (UUID), v1.2.3.4.5, ORD-4111...
            if ((lb == '.' || lb == '-')
                    && tokStart - 2 >= from
                    && (isAlnum(b[tokStart - 2]) || b[tokStart - 2] == '_')) return skipWord(s);
        }
        int n = 0;
        int i = s;
        while (true) {
            int st = i;
            while (i < to && isDigit(b[i])) i++;
            gs[n] = st;
            ge[n] = i;
            n++;
            if (n == MAX_GROUPS || i >= to) break;
            int j = i;
            while (j < to && j - i < 2 && isSeparator(b[j])) j++;
            if (j == i || j >= to || !isDigit(b[j])) break;
            i = j;
        }
        int tokEnd = ge[n - 1];
        if (tokEnd < to) {
            byte rb = b[tokEnd];
            if (isAlnum(rb) || rb == '@' || rb == '_') {
                n--;
            } else if ((rb == '.' || rb == '-')
                    && tokEnd + 1 < to
                    && (isAlnum(b[tokEnd + 1]) || b[tokEnd + 1] == '_')) {
                n--;
            }
        }
        int g = 0;
        while (g < n) {
            int used = match(g, n, plus && g == 0, paren && g == 0, tokStart);
            g += used > 0 ? used : 1;
        }
        return Math.max(tokEnd, s + 1);
    }

    private static boolean isSeparator(byte c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }

    private int skipWord(int s) {
        int i = s;
        while (i < to && (isAlnum(b[i]) || b[i] == '_')) i++;
        return Math.max(i, s + 1);
    }

    private int len(int g) {
        return ge[g] - gs[g];
    }

    /** Separator between group k-1 and group k is exactly the byte c. */
    private boolean sepIs(int k, char c) {
        return gs[k] - ge[k - 1] == 1 && b[ge[k - 1]] == c;
    }

    private boolean sepIsAny(int k, char c) {
        return k > 0 && sepIs(k, c);
    }

    private void appendDigits(int g, int j) {
        digits.setLength(0);
        for (int k = g; k <= j; k++) for (int x = gs[k]; x < ge[k]; x++) digits.append((char) b[x]);
    }

    private int match(int g, int n, boolean plus, boolean paren, int tokStart) {
        // IPv4: four dot-separated octets, not part of a longer dotted run (1.2.3.4.5)
        if (!plus
                && g + 3 < n
                && sepIs(g + 1, '.')
                && sepIs(g + 2, '.')
                && sepIs(g + 3, '.')
                && !sepIsAny(g, '.')
                && !(g + 4 < n && sepIs(g + 4, '.'))) {
            boolean ok = true;
            for (int k = g; k < g + 4; k++) ok &= IpAddresses.isOctet(b, gs[k], ge[k]);
            if (ok) {
                String v = text(gs[g], ge[g + 3]);
                emit(Entity.IP_ADDRESS, gs[g], ge[g + 3], v, v, null);
                return 4;
            }
        }
        // US SSN, formatted AAA-GG-SSSS
        if (!plus
                && g + 2 < n
                && len(g) == 3
                && len(g + 1) == 2
                && len(g + 2) == 4
                && sepIs(g + 1, '-')
                && sepIs(g + 2, '-')
                && !sepIsAny(g, '-')
                && !(g + 3 < n && sepIs(g + 3, '-'))) {
            appendDigits(g, g + 2);
            if (SocialSecurityNumbers.isValid(digits)) {
                emit(Entity.US_SSN, gs[g], ge[g + 2], text(gs[g], ge[g + 2]), digits.toString(), "US");
                return 3;
            }
        }
        // international phone number: '+', country code, then groups
        if (plus) {
            for (int j = Math.min(n - 1, g + 6); j >= g; j--) {
                appendDigits(g, j);
                if (digits.length() < 8 || digits.length() > 15) continue;
                PhoneNumbers.Valid v = phones.validateInternational(digits.toString());
                if (v != null) {
                    emit(Entity.PHONE_NUMBER, tokStart, ge[j], text(tokStart, ge[j]), v.e164(), v.region());
                    return j - g + 1;
                }
            }
        }
        int card = card(g, n);
        if (card > 0) return card;
        if (!plus) return nationalPhone(g, n, paren, tokStart);
        return 0;
    }

    /** 13-19 digits, one run or groups of 3-6 joined by one kind of separator (' ' or '-'). */
    private int card(int g, int n) {
        if (len(g) > 19) return 0;
        int best = -1;
        int total = 0;
        byte sep = 0;
        for (int j = g; j < n; j++) {
            int l = len(j);
            if (j > g) {
                if (gs[j] - ge[j - 1] != 1) break;
                byte c = b[ge[j - 1]];
                if (j == g + 1) {
                    if (c != ' ' && c != '-' || len(g) != 4) break;
                    sep = c;
                } else if (c != sep) {
                    break;
                }
                if (l < 3 || l > 6) break;
            }
            total += l;
            if (total > 19) break;
            if (total >= 13) {
                appendDigits(g, j);
                if (PaymentCards.isValid(digits)) best = j;
            }
            if (j == g && l >= 13) break;
        }
        if (best < 0) return 0;
        appendDigits(g, best);
        emit(Entity.CREDIT_CARD, gs[g], ge[best], text(gs[g], ge[best]), digits.toString(), null);
        return best - g + 1;
    }

    /** Numbers without '+' only in the North American shape: (415) 555-0132, 415-555-0132, 1-415-555-0132. */
    private int nationalPhone(int g, int n, boolean paren, int tokStart) {
        int a = g;
        int start = gs[g];
        if (len(g) == 1 && b[gs[g]] == '1' && g + 3 < n && !paren) a = g + 1;
        if (a + 2 >= n || len(a) != 3 || len(a + 1) != 3 || len(a + 2) != 4) return 0;
        boolean shaped;
        if (paren && a == g) {
            int sl = gs[a + 1] - ge[a];
            shaped = b[ge[a]] == ')' && (sl == 1 || (sl == 2 && b[ge[a] + 1] == ' '));
            shaped &= gs[a + 2] - ge[a + 1] == 1 && (b[ge[a + 1]] == '-' || b[ge[a + 1]] == ' ' || b[ge[a + 1]] == '.');
            start = tokStart;
        } else {
            if (gs[a + 1] - ge[a] != 1) return 0;
            char c = (char) b[ge[a]];
            shaped = (c == '-' || c == '.' || c == ' ') && sepIs(a + 2, c) && (a == g || sepIs(a, c));
            shaped &= !sepIsAny(g, c) && !(a + 3 < n && sepIs(a + 3, c));
        }
        if (!shaped) return 0;
        appendDigits(a, a + 2);
        PhoneNumbers.Valid v = "US".equals(phones.defaultRegion())
                ? phones.validateInternational("1" + digits)
                : phones.validate(digits.toString());
        if (v == null) return 0;
        emit(Entity.PHONE_NUMBER, start, ge[a + 2], text(start, ge[a + 2]), v.e164(), v.region());
        return a + 3 - g;
    }

    private int iban(int p) {
        int len = Ibans.length(b[p], b[p + 1]);
        if (len == 0) return -1;
        int k = p;
        int count = 0;
        boolean spaced = false;
        while (count < len && k < to) {
            byte x = b[k];
            if (isDigit(x) || isUpper(x)) {
                ibanChars[count++] = x;
                k++;
            } else if (x == ' '
                    && count > 0
                    && count % 4 == 0
                    && (count == 4 || spaced)
                    && k + 1 < to
                    && (isDigit(b[k + 1]) || isUpper(b[k + 1]))) {
                spaced = true;
                k++;
            } else {
                break;
            }
        }
        if (count != len || (k < to && (isAlnum(b[k]) || b[k] == '_'))) return -1;
        String compact = new String(ibanChars, 0, len, ISO_8859_1);
        if (!Ibans.isValid(compact)) return -1;
        emit(Entity.IBAN_CODE, p, k, text(p, k), compact, compact.substring(0, 2));
        return k;
    }

    // ---- '@': e-mail addresses ----

    /**
     * An e-mail address whose at-sign is escaped, as in URLs ({@code jane%40example.com}) and JSON
     * ({@code jane\u0040example.com}): {@code d} is the first digit of the escape. Answers the end of
     * the address, or -1.
     */
    private int escapedAt(int d) {
        if (b[d] == '4' && d > from && b[d - 1] == '%' && d + 1 < to && b[d + 1] == '0') {
            return email(d - 1, d + 2);
        }
        if (b[d] == '0'
                && d - 2 >= from
                && b[d - 1] == 'u'
                && b[d - 2] == '\\'
                && d + 3 < to
                && b[d + 1] == '0'
                && b[d + 2] == '4'
                && b[d + 3] == '0') {
            return email(d - 2, d + 4);
        }
        return -1;
    }

    /**
     * The address whose local part ends at {@code localEnd} (the at-sign, or its escape) and whose
     * domain starts at {@code domainStart}; answers its end, or -1.
     */
    private int email(int localEnd, int domainStart) {
        int lo = Math.max(from, lastEnd);
        if (localEnd - 1 < lo || domainStart >= to) return -1;
        int p = localEnd - 1;
        while (p >= lo && is(b[p], EMAIL_LOCAL)) {
            p--;
            if (localEnd - p > 65) return -1;
        }
        int ls = p + 1;
        while (ls < localEnd && (b[ls] == '.' || b[ls] == '-' || b[ls] == '+' || b[ls] == '%')) ls++;
        if (ls == localEnd || b[localEnd - 1] == '.') return -1;
        for (int k = ls; k < localEnd - 1; k++) if (b[k] == '.' && b[k + 1] == '.') return -1;
        if (ls > from && b[ls - 1] < 0 && letterEndsAt(ls - 1)) return -1;
        int q = domainStart;
        while (q < to && is(b[q], DOMAIN)) {
            q++;
            if (q - domainStart > 253) return -1;
        }
        int de = q;
        while (de > domainStart && (b[de - 1] == '.' || b[de - 1] == '-')) de--;
        if (de - domainStart < 4) return -1;
        for (int k = domainStart; k < de - 1; k++) if (b[k] == '.' && b[k + 1] == '.') return -1;
        String domain = text(domainStart, de);
        Boolean known = domains.get(domain);
        if (known == null) {
            known = EmailAddresses.isValidDomain(domain);
            domains.put(domain, known);
        }
        if (!known) return -1;
        String value = domainStart == localEnd + 1
                ? text(ls, de)
                : localPart(ls, localEnd) + "@" + domain; // as written, decoded
        emit(Entity.EMAIL_ADDRESS, ls, de, value, value.toLowerCase(Locale.ROOT), null);
        return de;
    }

    /** {@code b[start, end)} with its {@code %XX} escapes decoded (an escaped local part: "a%2Bb"). */
    private String localPart(int start, int end) {
        PercentDecoded d = PercentDecoded.of(b, start, end);
        return d == null ? text(start, end) : new String(d.bytes(), ISO_8859_1);
    }

    /** Whether the UTF-8 sequence ending at {@code last} encodes a letter or digit (e.g. "müller@..."). */
    private boolean letterEndsAt(int last) {
        int st = last;
        while (st > from && last - st < 3 && (b[st] & 0xC0) == 0x80) st--;
        String s = new String(b, st, last - st + 1, java.nio.charset.StandardCharsets.UTF_8);
        if (s.isEmpty()) return false;
        int cp = s.codePointBefore(s.length());
        return Character.isLetterOrDigit(cp);
    }

    // ---- ':': IPv6 ----

    private int ipv6(int c) {
        int lo = Math.max(from, lastEnd);
        boolean leftHex = c - 1 >= lo && (is(b[c - 1], HEX) || b[c - 1] == ':');
        boolean rightHex = c + 1 < to && (is(b[c + 1], HEX) || b[c + 1] == ':');
        if (!leftHex && !rightHex) return c + 1;
        int st = c;
        while (st - 1 >= lo && c - st < 40 && (is(b[st - 1], HEX) || b[st - 1] == ':')) st--;
        if (st > from && (isAlnum(b[st - 1]) || b[st - 1] == '_' || b[st - 1] == '.')) return c + 1;
        int q = c + 1;
        while (q < to && q - st < 46 && (is(b[q], HEX) || b[q] == ':' || b[q] == '.')) q++;
        while (q > c + 1 && b[q - 1] == '.') q--;
        if (q < to && (isAlnum(b[q]) || b[q] == '_')) return c + 1;
        int colons = 0;
        int dots = 0;
        int lastColon = -1;
        boolean doubled = false;
        for (int k = st; k < q; k++) {
            if (b[k] == ':') {
                colons++;
                if (k > st && b[k - 1] == ':') doubled = true;
                lastColon = k;
            } else if (b[k] == '.') {
                dots++;
            }
        }
        if (colons < 2 || (colons < 7 && !doubled && dots == 0)) return c + 1;
        if (dots != 0 && dots != 3) return c + 1;
        if (dots == 3) {
            for (int k = st; k < lastColon; k++) if (b[k] == '.') return c + 1;
        }
        String t = text(st, q);
        String canon = IpAddresses.canonicalIpv6(t);
        if (canon == null) return c + 1;
        emit(Entity.IP_ADDRESS, st, q, t, canon, null);
        return q;
    }
}
