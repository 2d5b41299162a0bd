package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.SubjectRecord;
import dev.tandem.pii.detect.ByteClasses;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * JSON (RFC 8259) and JSON Lines, streamed by a lenient byte tokenizer: it tracks objects,
 * arrays and the current key, and hands every string (raw, between its quotes) and scalar to the
 * candidate scanner with the key's {@link FieldContext}; offsets stay exact in the file. It does
 * not validate: malformed JSON is still scanned. Escapes are not decoded, so a value hidden
 * behind {@code \\u0040} is not seen (documented in docs/pii-scanner.md). A record is an object
 * that is no key's value (a JSON Lines line, an object of an array); the objects under its keys
 * ({@code billing_address}, Salesforce {@code MailingAddress}) are part of it, and so are the
 * objects of its arrays that name no other person ({@link RecordScope#owns}).
 */
final class JsonInput {
    private static final int OUTSIDE = 0;
    private static final int STRING = 1;
    private static final int ESCAPE = 2;
    private static final int SCALAR = 3;
    private static final int MAX_DEPTH = 256;
    private static final int MAX_KEY = 128;

    private static final class Frame {
        final boolean object;
        /** An object under a key of an enclosing object: part of that object's record. */
        final boolean nested;

        final RecordScope record;
        FieldContext context;
        boolean expectKey;
        /**
         * An object under a geolocation's key ({@link FieldContext#ACCESS_PLACE}, Salesforce {@code
         * LoginGeo}): its country and state keys are a login's place, not its person's.
         */
        boolean accessPlace;

        Frame(boolean object, boolean nested, RecordScope record, FieldContext context) {
            this.object = object;
            this.nested = nested;
            this.record = record;
            this.context = context;
            this.expectKey = object;
        }
    }

    private final Context ctx;
    private final String file;
    private final Forwarder forwarder;
    private final FieldValues values;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final RecordScope topLevel = RecordScope.outside();
    private final StringBuilder key = new StringBuilder();
    /** Keys repeat in every record; their context is worked out once. */
    private final java.util.Map<String, FieldContext> contexts = new java.util.HashMap<>();
    /** The same, looked up by a key's bytes when it came in one piece (nearly always): no string made. */
    private final KeyContexts keyContexts = new KeyContexts();
    /** The first piece of the current key: the bytes the string of {@link #key} is decoded from. */
    private final byte[] keyBytes = new byte[MAX_KEY];

    private int keyLength;
    /** Pieces of the current key so far; past one, {@link #key} holds it as before. */
    private int keyPieces;

    private int state = OUTSIDE;
    private boolean stringIsKey;
    private int tooDeep;

    private JsonInput(Context ctx, String file) {
        this.ctx = ctx;
        this.file = file;
        this.forwarder = new Forwarder(file, ctx.out());
        this.values = new FieldValues(ctx, forwarder);
        values.record(topLevel);
    }

    static long scan(Blocks blocks, String file, Context ctx) throws IOException, InterruptedException {
        return scan(blocks, file, ctx, 1);
    }

    /** Reads {@code blocks}, which start at a record boundary (outside any value) on line {@code firstLine}. */
    static long scan(Blocks blocks, String file, Context ctx, long firstLine) throws IOException, InterruptedException {
        JsonInput json = new JsonInput(ctx, file);
        long line = firstLine;
        long total = 0;
        while (blocks.next()) {
            Out.checkInterrupted();
            byte[] buf = blocks.buf();
            int len = blocks.length();
            json.forwarder.block(buf, 0, blocks.offset(), line);
            json.block(buf, len);
            line = json.forwarder.lineAt(len);
            total += len;
            ctx.out().advanced(len);
        }
        if (json.state != OUTSIDE && !json.stringIsKey) json.values.end();
        return total;
    }

    private @Nullable Frame top() {
        return stack.peek();
    }

    private FieldContext valueContext() {
        Frame t = top();
        return t == null || tooDeep > 0 || t.context == FieldContext.ACCESS_PLACE ? FieldContext.NONE : t.context;
    }

    private void push(boolean object) {
        if (stack.size() >= MAX_DEPTH) {
            tooDeep++;
            return;
        }
        Frame parent = top();
        boolean nested = object && parent != null && parent.object;
        RecordScope r = object && !nested ? new RecordScope() : parent == null ? topLevel : parent.record;
        if (nested) r.enter();
        FieldContext inherited = object || parent == null ? FieldContext.NONE : parent.context;
        Frame f = new Frame(object, nested, r, inherited);
        f.accessPlace = nested && parent != null && parent.context == FieldContext.ACCESS_PLACE;
        stack.push(f);
        values.record(r);
    }

    private void pop() {
        if (tooDeep > 0) {
            tooDeep--;
            return;
        }
        Frame f = stack.poll();
        if (f == null) return;
        Frame parent = top();
        RecordScope enclosing = parent == null ? topLevel : parent.record;
        if (f.nested) {
            f.record.leave();
        } else if (f.object) {
            values.endRecord(f.record, enclosing);
            for (RecordScope e : f.record.takeElements()) {
                if (f.record.owns(e)) f.record.absorb(e);
                else count(e, f.record);
            }
            // an object of an array in a record waits for the record's end: is it the record's person?
            if (!enclosing.isRecord() || !enclosing.keep(f.record)) {
                for (RecordScope e : enclosing.takeElements()) count(e, enclosing);
                count(f.record, enclosing);
            }
        }
        values.record(parent == null ? topLevel : parent.record);
        if (parent != null && parent.object) parent.expectKey = false;
    }

    /** A record's person is counted, or when it names nobody its country goes to the record around it. */
    private void count(RecordScope r, RecordScope enclosing) {
        SubjectRecord s = r.finish(file);
        if (s != null) ctx.out().subject(s);
        else if (r.hasJurisdiction()) enclosing.inherit(r);
    }

    private int vs;

    private void block(byte[] buf, int len) {
        int i = 0;
        vs = 0;
        while (i < len) {
            switch (state) {
                case OUTSIDE -> {
                    byte c = buf[i];
                    Frame t = top();
                    switch (c) {
                        case '{' -> push(true);
                        case '[' -> push(false);
                        case '}', ']' -> pop();
                        case ',' -> {
                            if (t != null && t.object) t.expectKey = true;
                        }
                        case ':' -> {
                            if (t != null && t.object) t.expectKey = false;
                        }
                        case '"' -> {
                            state = STRING;
                            stringIsKey = t != null && t.object && t.expectKey && tooDeep == 0;
                            vs = i + 1;
                            if (stringIsKey) {
                                key.setLength(0);
                                keyPieces = 0;
                            } else values.start(vs, valueContext());
                        }
                        case ' ', '\t', '\r', '\n' -> {}
                        default -> {
                            state = SCALAR;
                            vs = i;
                            values.start(vs, valueContext());
                            continue;
                        }
                    }
                    i++;
                }
                case STRING -> {
                    int j = ByteClasses.indexOfEither(buf, i, len, (byte) '"', (byte) '\\');
                    if (j == len) {
                        i = j;
                    } else if (buf[j] == '\\') {
                        state = ESCAPE;
                        i = j + 1;
                    } else {
                        piece(buf, vs, j);
                        endString();
                        state = OUTSIDE;
                        i = j + 1;
                    }
                }
                case ESCAPE -> {
                    state = STRING;
                    i++;
                }
                default -> { // SCALAR
                    int j = scalarEnd(buf, i, len);
                    if (j == len) {
                        i = j;
                    } else {
                        piece(buf, vs, j);
                        values.end();
                        state = OUTSIDE;
                        i = j;
                    }
                }
            }
        }
        if (state != OUTSIDE) piece(buf, vs, len);
    }

    /** The first index in {@code [from, to)} whose byte ends a scalar, or {@code to}. */
    static int scalarEnd(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && !scalarEnd(buf[i])) i++;
        return i;
    }

    static boolean scalarEnd(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"'
                || c == '{' || c == '[' || c == ':';
    }

    private void piece(byte[] buf, int from, int to) {
        if (to <= from) return;
        if (stringIsKey && state != SCALAR) {
            int n = Math.min(to - from, MAX_KEY);
            if (keyPieces++ == 0) {
                System.arraycopy(buf, from, keyBytes, 0, n);
                keyLength = n;
            } else {
                // a key split over blocks: each piece decoded and appended, as always
                if (keyPieces == 2) key.append(new String(keyBytes, 0, keyLength, UTF_8));
                if (key.length() < MAX_KEY) key.append(new String(buf, from, n, UTF_8));
            }
        } else {
            values.piece(buf, from, to);
        }
    }

    private void endString() {
        if (stringIsKey) {
            Frame t = top();
            if (t != null) {
                FieldContext c = keyPieces <= 1
                        ? keyContexts.of(keyBytes, keyPieces == 0 ? 0 : keyLength, contexts)
                        : contexts.computeIfAbsent(key.toString(), FieldContext::of);
                t.context =
                        t.accessPlace && (c == FieldContext.COUNTRY || c == FieldContext.STATE) ? FieldContext.NONE : c;
                t.expectKey = false;
            }
        } else {
            values.end();
        }
    }

    /**
     * Field contexts by a key's UTF-8 bytes, in an open-addressing table of at most 128 keys (a
     * record's keys, and their nested objects'); keys beyond those go to the map by their string.
     * Gives what {@code FieldContext.of(new String(bytes, UTF_8))} gives.
     */
    static final class KeyContexts {
        private static final int SLOTS = 256;
        private final byte[][] keys = new byte[SLOTS][];
        private final FieldContext[] values = new FieldContext[SLOTS];
        private int used;

        FieldContext of(byte[] k, int len, java.util.Map<String, FieldContext> more) {
            int h = 0x811C9DC5;
            for (int i = 0; i < len; i++) h = (h ^ k[i]) * 0x01000193;
            int i = (h ^ (h >>> 16)) & (SLOTS - 1);
            for (byte[] x; (x = keys[i]) != null; i = (i + 1) & (SLOTS - 1)) {
                if (java.util.Arrays.equals(x, 0, x.length, k, 0, len)) return values[i];
            }
            String key = new String(k, 0, len, UTF_8);
            if (used >= SLOTS / 2) return more.computeIfAbsent(key, FieldContext::of);
            FieldContext c = FieldContext.of(key);
            keys[i] = java.util.Arrays.copyOf(k, len);
            values[i] = c;
            used++;
            return c;
        }
    }
}
