package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.SubjectRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * JSON (RFC 8259) and JSON Lines, streamed by a lenient byte tokenizer: it tracks objects,
 * arrays and the current key, and hands every string (raw, between its quotes) and scalar to the
 * candidate scanner with the key's {@link FieldContext}; offsets stay exact in the file. It does
 * not validate: malformed JSON is still scanned. Escapes are not decoded, so a value hidden
 * behind {@code \\u0040} is not seen (documented in docs/pii-scanner.md). Each object is a
 * record; a nested object's country or state (Salesforce {@code MailingAddress}) goes to its
 * parent when it names nobody itself.
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
        final RecordScope record;
        FieldContext context;
        boolean expectKey;

        Frame(boolean object, RecordScope record, FieldContext context) {
            this.object = object;
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
    private final RecordScope topLevel = new RecordScope();
    private final StringBuilder key = new StringBuilder();
    /** Keys repeat in every record; their context is worked out once. */
    private final java.util.Map<String, FieldContext> contexts = new java.util.HashMap<>();

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
        return t == null || tooDeep > 0 ? FieldContext.NONE : t.context;
    }

    private void push(boolean object) {
        if (stack.size() >= MAX_DEPTH) {
            tooDeep++;
            return;
        }
        Frame parent = top();
        RecordScope r = object ? new RecordScope() : parent == null ? topLevel : parent.record;
        FieldContext inherited = object || parent == null ? FieldContext.NONE : parent.context;
        stack.push(new Frame(object, r, inherited));
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
        if (f.object) {
            SubjectRecord s = f.record.finish(file);
            if (s != null) ctx.out().subject(s);
            else if (parent != null && f.record.hasJurisdiction()) parent.record.inherit(f.record);
        }
        values.record(parent == null ? topLevel : parent.record);
        if (parent != null && parent.object) parent.expectKey = false;
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
                            if (stringIsKey) key.setLength(0);
                            else values.start(vs, valueContext());
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
                    int j = i;
                    while (j < len && buf[j] != '"' && buf[j] != '\\') j++;
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
                    int j = i;
                    while (j < len && !scalarEnd(buf[j])) j++;
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

    static boolean scalarEnd(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"'
                || c == '{' || c == '[' || c == ':';
    }

    private void piece(byte[] buf, int from, int to) {
        if (to <= from) return;
        if (stringIsKey && state != SCALAR) {
            if (key.length() < MAX_KEY) key.append(new String(buf, from, Math.min(to - from, MAX_KEY), UTF_8));
        } else {
            values.piece(buf, from, to);
        }
    }

    private void endString() {
        if (stringIsKey) {
            Frame t = top();
            if (t != null) {
                t.context = contexts.computeIfAbsent(key.toString(), FieldContext::of);
                t.expectKey = false;
            }
        } else {
            values.end();
        }
    }
}
