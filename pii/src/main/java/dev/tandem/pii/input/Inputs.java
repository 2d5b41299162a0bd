package dev.tandem.pii.input;

import dev.tandem.pii.Finding;
import dev.tandem.pii.FindingView;
import dev.tandem.pii.Format;
import dev.tandem.pii.InputProblem;
import dev.tandem.pii.SubjectRecord;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Detects an input's format (magic bytes, then name, then first bytes) and reads it with the
 * matching reader, in the calling thread. Archives are read as streams: entries are never written
 * anywhere, so a zip-slip name cannot escape; such names are still refused, and the
 * {@link InflationBudget} stops bombs.
 */
public final class Inputs {
    private Inputs() {}

    private static final int HEAD = 4096;

    /** Reads {@code in} as {@code name}; returns the bytes read at this level. */
    public static long scanSync(InputStream raw, String name, Format hint, Context ctx, int depth)
            throws IOException, InterruptedException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        byte[] head = peek(in);
        if (Utf16.hasBom(head)) {
            in = new BufferedInputStream(Utf16.toUtf8(in), 1 << 16);
            head = peek(in);
        }
        Format f = detect(name, hint, head);
        return switch (f) {
            case GZIP -> gzip(in, name, ctx, depth);
            case ZIP -> zip(in, name, ctx, depth);
            case CSV -> CsvInput.scan(blocks(in, ctx), name, false, ctx);
            case TSV -> CsvInput.scan(blocks(in, ctx), name, true, ctx);
            case JSON -> JsonInput.scan(blocks(in, ctx), name, ctx);
            case HAR -> HarInput.scan(in, name, ctx);
            default -> TextInput.scan(blocks(in, ctx), name, ctx);
        };
    }

    /**
     * Reads part of a CSV, TSV or JSON file that {@link RecordBoundaries} cut: {@code buf[0, len)}
     * begins at a record boundary at file offset {@code offset}, on line {@code line}, and ends at
     * one (or at the end of the file). {@code header} is the file's CSV header record when the
     * part does not begin the file. Answers the bytes read.
     */
    public static long scanPart(
            Context ctx, String name, Format f, byte @Nullable [] header, byte[] buf, int len, long offset, long line)
            throws IOException, InterruptedException {
        return scanFrom(ctx, name, f, header, Blocks.of(buf, len, offset), line);
    }

    /**
     * Reads the rest of such a file as one part, block by block: {@code in} begins at a record
     * boundary at {@code offset} (used where no boundary came within a part's size, as in one large
     * JSON document).
     */
    public static long scanRest(
            Context ctx, String name, Format f, byte @Nullable [] header, InputStream in, long offset, long line)
            throws IOException, InterruptedException {
        Blocks blocks = new Blocks(in, ctx.options().chunkSize(), ctx.options().splitWindow(), offset);
        return scanFrom(ctx, name, f, header, blocks, line);
    }

    private static long scanFrom(Context ctx, String name, Format f, byte @Nullable [] header, Blocks blocks, long line)
            throws IOException, InterruptedException {
        return switch (f) {
            case CSV -> CsvInput.scan(blocks, name, false, ctx, header, line);
            case TSV -> CsvInput.scan(blocks, name, true, ctx, header, line);
            case JSON -> JsonInput.scan(blocks, name, ctx, line);
            default -> throw new IllegalArgumentException("not cut at records: " + f);
        };
    }

    private static Blocks blocks(InputStream in, Context ctx) {
        return new Blocks(in, ctx.options().chunkSize(), ctx.options().splitWindow());
    }

    /**
     * An in-memory value (a HAR string or body, a payload): text and JSON are scanned in place as
     * one block; anything else (an archive in a body) goes through the stream readers.
     */
    public static long scanBytes(byte[] bytes, String name, Format hint, Context ctx)
            throws IOException, InterruptedException {
        Format f = hint == Format.TEXT || hint == Format.JSON ? hint : detect(name, hint, head(bytes));
        return switch (f) {
            case TEXT -> TextInput.scan(Blocks.of(bytes), name, ctx);
            case JSON -> JsonInput.scan(Blocks.of(bytes), name, ctx);
            case CSV -> CsvInput.scan(Blocks.of(bytes), name, false, ctx);
            case TSV -> CsvInput.scan(Blocks.of(bytes), name, true, ctx);
            default -> scanSync(new java.io.ByteArrayInputStream(bytes), name, f, ctx, 1);
        };
    }

    private static byte[] head(byte[] b) {
        return b.length <= HEAD ? b : java.util.Arrays.copyOf(b, HEAD);
    }

    static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        return head;
    }

    /** The format of an input: magic numbers win over names, names over content sniffing. */
    public static Format detect(String name, Format hint, byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return Format.GZIP;
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) return Format.ZIP;
        if (hint != Format.AUTO && hint != Format.GZIP && hint != Format.ZIP) return hint;
        Format byName = Format.fromName(name);
        if (byName == Format.JSON && looksLikeHar(head)) return Format.HAR;
        if (byName != Format.AUTO && byName != Format.GZIP && byName != Format.ZIP) return byName;
        Format sniffed = sniffJson(head);
        if (sniffed == Format.JSON && looksLikeHar(head)) return Format.HAR;
        return sniffed;
    }

    /** JSON when the first byte after white space (and a UTF-8 BOM) opens an object or array. */
    public static Format sniffJson(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) i = 3;
        while (i < head.length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) i++;
        return i < head.length && (head[i] == '{' || head[i] == '[') ? Format.JSON : Format.TEXT;
    }

    private static boolean looksLikeHar(byte[] head) {
        String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("\\s", "");
        return s.startsWith("{\"log\":{");
    }

    /**
     * The compressed bytes of an archive at nesting {@code depth}, counted; the outermost archive's
     * are also charged to the inflation budget. Refuses archives nested too deep.
     */
    private static CountingInputStream archive(InputStream in, Context ctx, int depth) throws IOException {
        if (depth >= ctx.options().maxNesting()) {
            throw new InflationBudget.LimitExceeded(
                    "archive nested deeper than " + ctx.options().maxNesting() + " levels");
        }
        return new CountingInputStream(depth == 0 ? ctx.budget().countCompressed(in) : in);
    }

    private static long gzip(InputStream in, String name, Context ctx, int depth)
            throws IOException, InterruptedException {
        CountingInputStream raw = archive(in, ctx, depth);
        String base = name.substring(name.lastIndexOf('/') + 1);
        String innerName =
                base.replaceFirst("(?i)\\.(gz|gzip|tgz)$", base.toLowerCase().endsWith(".tgz") ? ".tar" : "");
        GZIPInputStream gz;
        try {
            gz = new GZIPInputStream(raw, 1 << 16);
        } catch (EOFException | ZipException e) {
            ctx.out().advanced(raw.count());
            throw new DamagedArchive("gzip archive " + DamagedArchive.what(e) + ": nothing could be inflated", true, e);
        }
        DamagedArchive.Guard guard = new DamagedArchive.Guard(gz);
        InputStream inflated = ctx.budget().countInflated(guard);
        scanSync(inflated, name + "!/" + innerName, Format.AUTO, quiet(ctx), depth + 1);
        ctx.out().advanced(raw.count());
        IOException damage = guard.damage();
        if (damage != null) {
            long n = guard.delivered();
            throw new DamagedArchive(
                    "gzip archive " + DamagedArchive.what(damage)
                            + (n == 0
                                    ? ": nothing could be inflated"
                                    : ": its content ends after byte " + n + ", and what came before was scanned"),
                    n == 0,
                    damage);
        }
        return raw.count();
    }

    private static long zip(InputStream in, String name, Context ctx, int depth)
            throws IOException, InterruptedException {
        CountingInputStream raw = archive(in, ctx, depth);
        long reported = 0;
        Context inner = quiet(ctx);
        BufferedInputStream head = new BufferedInputStream(raw, 1 << 16);
        boolean localHeader = peek(head).length >= 4 && peek(head)[2] == 3;
        int entries = 0;
        String damagedEntry = null;
        IOException damage = null;
        long damagedAfter = 0;
        long inflatedTotal = 0;
        try (ZipInputStream zis = new ZipInputStream(head)) {
            DamagedArchive.Guard guard = new DamagedArchive.Guard(zis);
            while (true) {
                ZipEntry e;
                try {
                    e = zis.getNextEntry();
                } catch (EOFException | ZipException z) {
                    damage = z;
                    break;
                }
                if (e == null) break;
                entries++;
                Out.checkInterrupted();
                if (e.isDirectory()) continue;
                String entryName = e.getName();
                String refusal = refusal(entryName);
                String full = name + "!/" + entryName;
                if (refusal != null) {
                    ctx.out().problem(new InputProblem(name + "!/" + printable(entryName), refusal, false));
                    continue;
                }
                long before = guard.delivered();
                InputStream entry = ctx.budget().countInflated(new FilterInputStream(guard) {
                    @Override
                    public void close() {
                        // the archive stays open for the next entry
                    }
                });
                try {
                    scanSync(entry, full, Format.AUTO, inner, depth + 1);
                } catch (MalformedInput m) {
                    ctx.out().problem(new InputProblem(full, m.getMessage(), false));
                }
                ctx.out().advanced(raw.count() - reported);
                reported = raw.count();
                inflatedTotal = guard.delivered();
                if (guard.damage() != null) {
                    damage = guard.damage();
                    damagedEntry = printable(entryName);
                    damagedAfter = guard.delivered() - before;
                    break;
                }
            }
        }
        ctx.out().advanced(raw.count() - reported);
        if (damage != null) {
            String what = "zip archive " + DamagedArchive.what(damage);
            if (damagedEntry != null && inflatedTotal > 0)
                throw new DamagedArchive(
                        what + " in entry " + damagedEntry + " after byte " + damagedAfter
                                + " of it; what came before was scanned",
                        false,
                        damage);
            if (inflatedTotal > 0)
                throw new DamagedArchive(
                        what + " after its entry " + entries + "; the entries before were scanned", false, damage);
        }
        if (damage != null || (entries == 0 && localHeader)) {
            // an early end this soon may as well be garbage after a zip signature
            String what = damage == null || damage instanceof EOFException
                    ? "corrupt or truncated"
                    : DamagedArchive.what(damage);
            throw new DamagedArchive("zip archive " + what + ": no entry could be read", true, damage);
        }
        return raw.count();
    }

    /** Why an entry name is refused, or null. Entries are only read; the names are refused anyway. */
    static String refusal(String n) {
        if (n.length() > 1024) return "entry name longer than 1024 characters refused";
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) < 0x20 || n.charAt(i) == 0x7f) return "entry name with control characters refused";
        }
        String s = n.replace('\\', '/');
        if (s.startsWith("/")
                || s.matches("^[A-Za-z]:.*")
                || s.equals("..")
                || s.startsWith("../")
                || s.contains("/../")
                || s.endsWith("/..")) {
            return "entry name escaping the archive (zip slip) refused";
        }
        return null;
    }

    private static String printable(String n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length() && i < 200; i++) {
            char c = n.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    /** The same context whose progress reports are dropped (the outer reader reports raw bytes). */
    static Context quiet(Context ctx) {
        return new Context(ctx.scanner(), ctx.options(), quiet(ctx.out()), ctx.budget());
    }

    static Out quiet(Out out) {
        return new Quiet(out) {
            @Override
            public void finding(Finding finding) {
                out.finding(finding);
            }

            @Override
            public void found(FindingView view) {
                out.found(view);
            }
        };
    }

    /** Like {@link #quiet(Out)}, each finding made a {@link Finding} and passed through {@code map} on its way. */
    static Out quiet(Out out, java.util.function.UnaryOperator<Finding> map) {
        return new Quiet(out) {
            @Override
            public void finding(Finding finding) {
                out.finding(map.apply(finding));
            }
        };
    }

    /** Passes results on to {@code out}, progress reports not. */
    private abstract static class Quiet implements Out {
        private final Out out;

        Quiet(Out out) {
            this.out = out;
        }

        @Override
        public void advanced(long bytes) {}

        @Override
        public void subject(SubjectRecord subject) {
            out.subject(subject);
        }

        @Override
        public void problem(InputProblem problem) {
            out.problem(problem);
        }
    }
}
