package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.Confidence;
import dev.tandem.pii.Entity;
import dev.tandem.pii.FindingView;
import dev.tandem.pii.detect.PhoneNumbers;
import dev.tandem.pii.detect.SocialSecurityNumbers;
import java.util.Locale;

/**
 * One value of structured data (a CSV field, a JSON string or scalar), possibly split over
 * blocks: every piece goes through the candidate scanner; the whole value, when it is short
 * enough to be a name, address or date (1 KiB), is judged by the context of its column or key.
 */
final class FieldValues implements Forwarder.Listener {
    private static final int MAX_CONTEXT_VALUE = 1024;

    private final Context ctx;
    private final Forwarder forwarder;
    private RecordScope record = new RecordScope();
    private final byte[] acc = new byte[MAX_CONTEXT_VALUE];
    private int accLen;
    private boolean overflow;
    private FieldContext context = FieldContext.NONE;
    private long startOffset;
    private long startLine;
    private boolean sawPhone;
    private boolean sawSsn;

    FieldValues(Context ctx, Forwarder forwarder) {
        this.ctx = ctx;
        this.forwarder = forwarder;
        forwarder.listener(this);
    }

    void record(RecordScope r) {
        this.record = r;
    }

    @Override
    public void found(Entity entity, FindingView view) {
        if (entity == Entity.PHONE_NUMBER) sawPhone = true;
        if (entity == Entity.US_SSN) sawSsn = true;
        record.found(entity, view);
    }

    @Override
    public boolean inRecord() {
        return record.isRecord();
    }

    /** A value starts at {@code buf[pos]} of the current block. */
    void start(int pos, FieldContext fc) {
        context = fc;
        forwarder.field(fc);
        accLen = 0;
        overflow = false;
        sawPhone = false;
        sawSsn = false;
        if (fc != FieldContext.NONE) {
            startOffset = forwarder.offset(pos);
            startLine = forwarder.lineAt(pos);
        }
    }

    /** The bytes {@code buf[from, to)} of the value lie in the current block. */
    void piece(byte[] buf, int from, int to) {
        if (to > from) ctx.scanner().scan(buf, from, to, forwarder);
        if (context != FieldContext.NONE && !overflow) {
            int n = to - from;
            if (accLen + n > MAX_CONTEXT_VALUE) overflow = true;
            else {
                System.arraycopy(buf, from, acc, accLen, n);
                accLen += n;
            }
        }
    }

    /** The value is complete. */
    void end() {
        forwarder.field(FieldContext.NONE);
        if (context == FieldContext.NONE || overflow || accLen == 0) return;
        int l = 0;
        int t = accLen;
        while (l < t && isSpace(acc[l])) l++;
        while (t > l && isSpace(acc[t - 1])) t--;
        if (t == l) return;
        if ((context == FieldContext.PERSON || context == FieldContext.LOCATION || context == FieldContext.NAME)
                && isPlainAscii(l, t)) {
            plainAscii(l, t);
            return;
        }
        String v = new String(acc, l, t - l, UTF_8);
        if (isPlaceholder(v)) return;
        long s = startOffset + l;
        long e = startOffset + t;
        long line = startLine;
        for (int i = 0; i < l; i++) if (acc[i] == '\n') line++;
        switch (context) {
            case PERSON -> {
                if (hasLetter(v) && !FieldContext.looksLikeCompany(v)) person(s, e, line, v);
            }
            case NAME -> {
                if (FieldContext.looksLikePersonName(v)) {
                    forwarder.emit(Entity.PERSON, s, e, line, v, collapse(v), null, Confidence.NAME_BY_SHAPE, null);
                }
            }
            case LOCATION -> {
                if (hasLetter(v) || digits(v).length() >= 4) {
                    forwarder.emit(Entity.LOCATION, s, e, line, v, collapse(v), null);
                }
            }
            case DATE_OF_BIRTH -> {
                String d = v.length() <= 40 ? digits(v) : "";
                if (d.length() >= 4) forwarder.emit(Entity.DATE_OF_BIRTH, s, e, line, v, d, null);
            }
            case PHONE -> {
                if (!sawPhone && v.length() <= 40) {
                    PhoneNumbers.Valid p = ctx.scanner().phones().validate(v);
                    if (p != null) {
                        forwarder.emit(
                                Entity.PHONE_NUMBER, s, e, line, v, p.e164(), p.region(), Confidence.NAMED, null);
                    } else {
                        // "030 901820" is no number of the default region; its record may say DE
                        record.pendingPhone(new RecordScope.PendingPhone(s, e, line, v));
                    }
                }
            }
            case SSN -> {
                String d = digits(v);
                if (!sawSsn && v.length() <= 11 && SocialSecurityNumbers.isValid(d)) {
                    forwarder.emit(Entity.US_SSN, s, e, line, v, d, "US", Confidence.NAMED, null);
                }
            }
            case COUNTRY -> record.country(v);
            case STATE -> record.state(v);
            case NONE, ACCESS_PLACE -> {}
        }
    }

    /**
     * The record {@code r} ends: a phone column's value that was no number of the default region is
     * read again as a number of the record's country (a CRM export mixes countries), before the
     * record's identity is taken.
     */
    void endRecord(RecordScope r, @org.jspecify.annotations.Nullable RecordScope enclosing) {
        String country = r.country();
        if (country == null && enclosing != null) {
            // {"Country":"DE","contact":{"Phone":"030 901820"}}: the enclosing record may say
            for (RecordScope.PendingPhone p : r.takePendingPhones()) enclosing.pendingPhone(p);
            return;
        }
        for (RecordScope.PendingPhone p : r.takePendingPhones()) {
            if (country == null) {
                // nothing places it: said at the scan's end when it looks national (tandem scan's hint)
                ctx.scanner().unplaced(p.text());
                continue;
            }
            if (country.equals(ctx.scanner().phones().defaultRegion())) continue;
            PhoneNumbers.Valid valid = PhoneNumbers.validateIn(p.text(), country);
            if (valid == null) continue;
            forwarder.emit(
                    Entity.PHONE_NUMBER,
                    p.start(),
                    p.end(),
                    p.line(),
                    p.text(),
                    valid.e164(),
                    valid.region(),
                    Confidence.NAMED,
                    null);
            r.found(Entity.PHONE_NUMBER, valid.e164(), valid.region());
        }
    }

    private void person(long s, long e, long line, String v) {
        forwarder.emit(Entity.PERSON, s, e, line, v, collapse(v), null);
    }

    /**
     * A name, full name or place in plain ASCII ({@link #isPlainAscii}): what {@link #end} does with
     * its string, from its bytes. Such a value decodes to one char a byte, its {@link #collapse} is its ASCII
     * lower case, and it is a placeholder when that lower case is one; so the finding goes out with
     * the value as {@code acc[l, t)} and its normalized form in {@link #lower}, no string made.
     */
    private void plainAscii(int l, int t) {
        int n = t - l;
        int letters = 0;
        int digits = 0;
        for (int i = 0; i < n; i++) {
            byte c = acc[l + i];
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
                letters++;
            } else if (c >= 'a' && c <= 'z') {
                letters++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            }
            lower[i] = c;
        }
        if (n <= LONGEST_PLACEHOLDER && isPlaceholder(lower, n)) return;
        if (context == FieldContext.NAME) {
            if (!isPersonNameShape(l, t) || FieldContext.looksLikeCompany(ascii.of(acc, l, t))) return;
            send(Entity.PERSON, l, t, Confidence.NAME_BY_SHAPE);
            return;
        }
        boolean person = context == FieldContext.PERSON;
        if (letters == 0 && (person || digits < 4)) return;
        if (person && FieldContext.looksLikeCompany(ascii.of(acc, l, t))) return;
        Entity entity = person ? Entity.PERSON : Entity.LOCATION;
        send(entity, l, t, Confidence.base(entity));
    }

    /** Sends the finding {@code acc[l, t)}, its normalized form in {@link #lower}. */
    private void send(Entity entity, int l, int t, double confidence) {
        long line = startLine;
        for (int i = 0; i < l; i++) if (acc[i] == '\n') line++;
        forwarder
                .view(entity, startOffset + l, startOffset + t, line, null, confidence, null)
                .value(acc, l, t)
                .normalized(lower, 0, t - l);
        forwarder.send();
    }

    /**
     * {@link FieldContext#looksLikePersonName}'s shape for a plain ASCII value ({@link #isPlainAscii}:
     * words one space apart): two to four words, each starting with a capital, of letters,
     * apostrophes, hyphens and dots. The company check is the caller's.
     */
    private boolean isPersonNameShape(int l, int t) {
        int words = 1;
        boolean wordStart = true;
        for (int i = l; i < t; i++) {
            byte c = acc[i];
            if (c == ' ') {
                words++;
                wordStart = true;
                continue;
            }
            if (wordStart && (c < 'A' || c > 'Z')) return false;
            wordStart = false;
            boolean letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            if (!letter && c != '\'' && c != '-' && c != '.') return false;
        }
        return words >= 2 && words <= 4;
    }

    /** A plain ASCII value read as chars, for {@link #plainAscii}. */
    private final AsciiChars ascii = new AsciiChars();

    /** Bytes of ASCII as a {@link CharSequence}, reused from value to value: no string made. */
    private static final class AsciiChars implements CharSequence {
        private byte[] b = new byte[0];
        private int from;
        private int to;

        AsciiChars of(byte[] b, int from, int to) {
            this.b = b;
            this.from = from;
            this.to = to;
            return this;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int i) {
            return (char) b[from + i];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** The lower case of a plain ASCII value, for {@link #plainAscii}. */
    private final byte[] lower = new byte[MAX_CONTEXT_VALUE];

    /**
     * {@code acc[l, t)} is ASCII with no white space but single spaces between words (it is trimmed
     * already): the ASCII case of what {@code collapse} leaves as it is but for lower case.
     */
    private boolean isPlainAscii(int l, int t) {
        byte previous = 'x';
        for (int i = l; i < t; i++) {
            byte c = acc[i];
            if (c < 0 || (c == ' ' ? previous == ' ' : Character.isWhitespace(c))) return false;
            previous = c;
        }
        return true;
    }

    /** Whether {@code lower[0, n)} is a placeholder (lower case, as {@link #isPlaceholder(String)} compares). */
    private static boolean isPlaceholder(byte[] lower, int n) {
        for (byte[] p : PLACEHOLDER_BYTES) if (java.util.Arrays.equals(p, 0, p.length, lower, 0, n)) return true;
        return false;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean hasLetter(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c)) return true;
        }
        return false;
    }

    /** Values that stand for no value, compared lower-cased. */
    private static final java.util.Set<String> PLACEHOLDERS =
            java.util.Set.of("null", "n/a", "na", "none", "-", "unknown", "true", "false", "[not provided]");

    private static final int LONGEST_PLACEHOLDER =
            PLACEHOLDERS.stream().mapToInt(String::length).max().orElse(0);

    /** The placeholders' first characters: an ASCII value starting otherwise is none, without lower-casing it. */
    private static final String PLACEHOLDER_STARTS =
            PLACEHOLDERS.stream().map(p -> p.substring(0, 1)).distinct().collect(java.util.stream.Collectors.joining());

    /** The placeholders in ASCII, for {@link #isPlaceholder(byte[], int)} (after {@link #PLACEHOLDERS}, which it reads). */
    private static final byte[][] PLACEHOLDER_BYTES = PLACEHOLDERS.stream()
            .map(p -> p.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    private static boolean isPlaceholder(String v) {
        if (v.length() > LONGEST_PLACEHOLDER) return false;
        char c = v.charAt(0);
        if (c < 0x80 && PLACEHOLDER_STARTS.indexOf(Character.toLowerCase(c)) < 0) return false;
        return PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT));
    }

    static String collapse(String v) {
        return isPlainLatin1(v) ? v.toLowerCase(Locale.ROOT) : collapseEachChar(v);
    }

    /**
     * Lower case, white space trimmed and each run of it one space: the definition of {@link
     * #collapse}, char by char (a test compares the two).
     */
    static String collapseEachChar(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !sb.isEmpty();
            } else {
                if (space) sb.append(' ');
                space = false;
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /**
     * Latin-1 with no white space but single spaces between words: what {@link #collapse} leaves as
     * it is but for lower case (most names and addresses). Below U+0100 every char lower-cases to one
     * char, so {@code toLowerCase(Locale.ROOT)} gives what {@link Character#toLowerCase(char)} gives
     * char by char (not so for U+0130 or a final sigma).
     */
    private static boolean isPlainLatin1(String v) {
        int n = v.length();
        if (n == 0 || v.charAt(0) == ' ' || v.charAt(n - 1) == ' ') return false;
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c >= 0x100 || (c == ' ' ? previous == ' ' : Character.isWhitespace(c))) return false;
            previous = c;
        }
        return true;
    }

    static String digits(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) if (Character.isDigit(v.charAt(i))) sb.append(v.charAt(i));
        return sb.toString();
    }
}
