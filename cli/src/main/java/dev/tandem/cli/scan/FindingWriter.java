package dev.tandem.cli.scan;

import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import dev.tandem.pii.Finding;
import dev.tandem.pii.FindingView;
import dev.tandem.pii.InputProblem;
import dev.tandem.pii.PartedSink;
import dev.tandem.pii.PiiScanner;
import dev.tandem.pii.ScanSink;
import dev.tandem.pii.Scope;
import dev.tandem.pii.ScopeCounter;
import dev.tandem.pii.SubjectRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes findings as they arrive, then the scope and the summary (docs/contracts.md §4). In
 * {@code jsonl} the summary is the last line and the scope line comes just before it; problems
 * go to stderr so stdout stays one JSON object a line. Lines are formatted and values hashed for
 * the scope on the scanning threads ({@link Part}); this writer only appends parts in order.
 * Every finding carries its {@code confidence}, and its {@code doubt} when something lowered it;
 * the summary's counts are the findings in scope, and {@code leftOut} counts the others by entity
 * and why.
 */
final class FindingWriter implements PartedSink<FindingWriter.Part> {
    private final PrintWriter out;
    private final java.io.@Nullable PrintStream raw;
    private final PrintWriter err;
    private final boolean jsonl;
    private final boolean reveal;
    private final ScopeCounter scope;
    private final StringBuilder sb = new StringBuilder(256);
    /**
     * Parts already merged, for the next parts: a part's lines (~2,048 findings, about 400 KB) and
     * tallies go into buffers that have held a part before, not into new ones grown from small.
     */
    private final java.util.concurrent.ArrayBlockingQueue<Part> spare =
            new java.util.concurrent.ArrayBlockingQueue<>(64);

    private Runnable beforeProblem = () -> {};
    private long findings;

    /** {@code raw}: the process's standard output, written in UTF-8 bytes directly; null: all through {@code out}. */
    FindingWriter(
            PrintWriter out,
            java.io.@Nullable PrintStream raw,
            PrintWriter err,
            boolean jsonl,
            boolean reveal,
            ScopeCounter scope) {
        this.out = out;
        this.scope = scope;
        this.raw = raw;
        this.err = err;
        this.jsonl = jsonl;
        this.reveal = reveal;
    }

    long findings() {
        return findings;
    }

    /** Run before a problem is printed on stderr (to clear a progress line). */
    void beforeProblem(Runnable r) {
        this.beforeProblem = r;
    }

    /** Findings formatted and subjects tallied on one scanning thread. */
    final class Part implements ScanSink {
        private final Utf8Lines lines = new Utf8Lines(64 * 1024);
        private final ScopeCounter.Part tally = scope.newPart();
        private final Repeated repeated = new Repeated();
        private final StringBuilder text = new StringBuilder(256);
        /** A finding given as a record, seen as a view: one way of formatting and counting both. */
        private final FindingView view = new FindingView();

        private long count;

        @Override
        public void finding(Finding f) {
            found(view.of(f));
        }

        /** Formats and counts the view's finding from its bytes: no {@code Finding} and no string of the value. */
        @Override
        public void found(FindingView f) {
            count++;
            format(lines, text, f, repeated);
            lines.ascii('\n');
            tally.found(f);
        }

        @Override
        public void subject(SubjectRecord s) {
            tally.subject(s);
        }
    }

    @Override
    public Part newPart() {
        Part p = spare.poll();
        return p != null ? p : new Part();
    }

    @Override
    public void merge(Part p) {
        findings += p.count;
        if (raw != null) raw.write(p.lines.array(), 0, p.lines.size());
        else out.append(p.lines.toString());
        scope.merge(p.tally);
        p.lines.clear();
        p.tally.clear();
        p.count = 0;
        spare.offer(p);
    }

    /**
     * What repeats from finding to finding, formatted once: the file's JSON member (every finding
     * of a file names it), the entities' names and the last confidences (a handful of values,
     * {@link dev.tandem.pii.Confidence}).
     */
    private static final class Repeated {
        private static final byte[][] ENTITY = new byte[Entity.values().length][];

        static {
            for (Entity e : Entity.values()) {
                ENTITY[e.ordinal()] =
                        (",\"entity\":\"" + e.name() + "\",\"masked\":").getBytes(StandardCharsets.US_ASCII);
            }
        }

        private char[] masked = new char[64];
        private @Nullable String file;
        private byte[] fileJson = new byte[0];
        private final double[] confidences = new double[8];
        private final byte[][] confidenceText = new byte[8][];
        private int next;
        private int last;

        /** {@code {"kind":"finding","file":"NAME","start":}} in UTF-8. */
        byte[] head(String name) {
            if (name != file && !name.equals(file)) {
                Utf8Lines t = new Utf8Lines(name.length() * 2 + 48);
                t.bytes(FINDING_HEAD);
                t.jsonString(name);
                t.bytes(START);
                fileJson = java.util.Arrays.copyOf(t.array(), t.size());
                file = name;
            }
            return fileJson;
        }

        /** Room for the masked form of the view's value. */
        char[] masked(FindingView f) {
            int n = f.maxMaskedLength();
            if (n > masked.length) masked = new char[Math.max(n, masked.length * 2)];
            return masked;
        }

        static byte[] entity(Entity e) {
            return ENTITY[e.ordinal()];
        }

        /** {@code Double.toString(c)}, as {@code StringBuilder.append(double)} writes it, in ASCII. */
        byte[] confidence(double c) {
            // most findings of a stretch share their confidence: compare with the last answer first
            int l = last;
            if (Double.doubleToRawLongBits(confidences[l]) == Double.doubleToRawLongBits(c)
                    && confidenceText[l] != null) {
                return confidenceText[l];
            }
            for (int i = 0; i < confidenceText.length; i++) {
                if (confidenceText[i] != null && Double.compare(confidences[i], c) == 0) {
                    last = i;
                    return confidenceText[i];
                }
            }
            byte[] t = Double.toString(c).getBytes(StandardCharsets.US_ASCII);
            confidences[next] = c;
            confidenceText[next] = t;
            last = next;
            next = (next + 1) % confidenceText.length;
            return t;
        }
    }

    private static final byte[] FINDING_HEAD = "{\"kind\":\"finding\",\"file\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] START = ",\"start\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = ",\"end\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINE = ",\"line\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONFIDENCE = ",\"confidence\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DOUBT = ",\"doubt\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);

    private void format(Utf8Lines b, StringBuilder sb, FindingView f, Repeated repeated) {
        if (jsonl) {
            byte[] head = repeated.head(f.file());
            byte[] entity = Repeated.entity(f.entity());
            char[] masked = repeated.masked(f);
            int maskedLength = f.mask(masked);
            byte[] confidence = repeated.confidence(f.confidence());
            // the fields every finding has, with one check for room
            byte[] out = b.reserve(head.length
                    + 3 * Utf8Lines.MAX_DECIMAL
                    + END.length
                    + LINE.length
                    + entity.length
                    + Utf8Lines.maxJsonString(maskedLength)
                    + CONFIDENCE.length
                    + confidence.length);
            int n = Utf8Lines.put(out, b.size(), head);
            n = Utf8Lines.putDecimal(out, n, f.start());
            n = Utf8Lines.put(out, n, END);
            n = Utf8Lines.putDecimal(out, n, f.end());
            n = Utf8Lines.put(out, n, LINE);
            n = Utf8Lines.putDecimal(out, n, f.line());
            n = Utf8Lines.put(out, n, entity);
            n = Utf8Lines.putJsonString(out, n, masked, maskedLength);
            n = Utf8Lines.put(out, n, CONFIDENCE);
            b.commit(Utf8Lines.put(out, n, confidence));
            Doubt doubt = f.doubt();
            if (doubt != null) {
                b.bytes(DOUBT);
                b.jsonString(doubt.code());
            }
            if (reveal) {
                b.bytes(VALUE);
                b.jsonString(f.value());
            }
            b.ascii('}');
        } else {
            sb.setLength(0);
            sb.append(f.file())
                    .append(':')
                    .append(f.line())
                    .append(": ")
                    .append(f.entity().name())
                    .append(' ');
            if (reveal) {
                sb.append(f.value());
            } else {
                char[] masked = repeated.masked(f);
                sb.append(masked, 0, f.mask(masked));
            }
            sb.append("  [bytes ").append(f.start()).append('-').append(f.end()).append(']');
            Doubt doubt = f.doubt();
            if (doubt != null) {
                sb.append("  confidence ").append(f.confidence()).append(", ").append(doubt.code());
            }
            b.utf8(sb.toString());
        }
    }

    @Override
    public void problem(InputProblem p) {
        beforeProblem.run();
        err.println("tandem scan: " + p.file() + ": " + p.reason());
        err.flush();
    }

    /** Writes the scope and the summary; returns the scope. */
    Scope finish(PiiScanner.Report report) {
        if (raw != null) raw.flush();
        Scope scope = this.scope.scope();
        if (jsonl) {
            sb.setLength(0);
            sb.append("{\"kind\":\"scope\",\"subjects\":");
            Json.string(sb, scope.subjects());
            sb.append(",\"people\":").append(scope.people()).append(",\"jurisdictions\":{");
            boolean first = true;
            for (Map.Entry<String, Long> e : scope.jurisdictions().entrySet()) {
                if (!first) sb.append(',');
                first = false;
                Json.string(sb, e.getKey());
                sb.append(':').append(e.getValue());
            }
            sb.append("},\"unplaced\":").append(scope.unplaced()).append('}');
            out.println(sb);
            sb.setLength(0);
            sb.append("{\"kind\":\"summary\",\"files\":")
                    .append(report.files())
                    .append(",\"bytes\":")
                    .append(report.bytes())
                    .append(",\"counts\":{");
            appendCounts(scope.counts());
            sb.append("},\"unique\":{");
            appendCounts(scope.unique());
            sb.append("},\"minConfidence\":").append(scope.minConfidence()).append(",\"leftOut\":{");
            boolean firstEntity = true;
            for (Entity e : Entity.values()) {
                Map<String, Long> why = scope.leftOut().get(e);
                if (why == null) continue;
                if (!firstEntity) sb.append(',');
                firstEntity = false;
                sb.append('"').append(e.name()).append("\":{");
                boolean firstWhy = true;
                for (Map.Entry<String, Long> w : why.entrySet()) {
                    if (!firstWhy) sb.append(',');
                    firstWhy = false;
                    Json.string(sb, w.getKey());
                    sb.append(':').append(w.getValue());
                }
                sb.append('}');
            }
            sb.append("}}");
            out.println(sb);
        } else {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "Scanned %d file(s), %d bytes; %d problem(s).%n",
                    report.files(),
                    report.bytes(),
                    report.problems().size());
            out.printf(Locale.ROOT, "%-15s %10s %10s%n", "entity", "found", "distinct");
            for (Entity e : Entity.values()) {
                Number c = scope.counts().get(e);
                if (c == null) continue;
                out.printf(
                        Locale.ROOT,
                        "%-15s %10d %10d%n",
                        e.name(),
                        c.longValue(),
                        scope.unique().get(e));
            }
            if (!scope.leftOut().isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "Left out of the scope (confidence below %s): %s%n",
                        scope.minConfidence(),
                        leftOutText(scope));
            }
            out.printf(
                    Locale.ROOT,
                    "People affected (estimate): %d, of whom %d without a known jurisdiction.%n",
                    scope.people(),
                    scope.unplaced());
            if (!scope.jurisdictions().isEmpty()) {
                out.println("By jurisdiction: " + scope.subjects());
            }
            if (!scope.jurisdictions().isEmpty() || scope.unplaced() > 0) {
                out.println("  next: " + nextCommand(scope));
            }
        }
        out.flush();
        return scope;
    }

    /**
     * The regulatory clock's command for what the scan found: the people per jurisdiction, those of no
     * known one as {@code ZZ} (the laws that follow the company's establishment count them,
     * docs/regulation.md), and the data categories of the entities in scope (without {@code --data}
     * the laws limited to some data, most US states and the card brands, would not trigger).
     */
    static String nextCommand(Scope scope) {
        String subjects = scope.subjects();
        if (scope.unplaced() > 0) {
            subjects += (subjects.isEmpty() ? "" : ",") + "ZZ=" + scope.unplaced();
        }
        String command = "tandem deadlines --aware <when you became aware> --subjects " + subjects;
        java.util.Set<dev.tandem.regulation.DataCategory> data = dev.tandem.regulation.DataCategory.ofScannerEntities(
                scope.counts().keySet().stream().map(Entity::name).toList());
        if (!data.isEmpty()) {
            command +=
                    " --data " + String.join(",", data.stream().map(Enum::name).toList());
        }
        return command;
    }

    /** "CREDIT_CARD 3 (commerce-context 2, gs1-code 1)", entity by entity. */
    static String leftOutText(Scope scope) {
        StringBuilder t = new StringBuilder();
        for (Entity e : Entity.values()) {
            Map<String, Long> why = scope.leftOut().get(e);
            if (why == null) continue;
            long total = why.values().stream().mapToLong(Long::longValue).sum();
            if (!t.isEmpty()) t.append("; ");
            t.append(e.name()).append(' ').append(total).append(" (");
            boolean first = true;
            for (Map.Entry<String, Long> w : why.entrySet()) {
                if (!first) t.append(", ");
                first = false;
                t.append(w.getKey()).append(' ').append(w.getValue());
            }
            t.append(')');
        }
        return t.toString();
    }

    private void appendCounts(Map<Entity, ? extends Number> m) {
        boolean first = true;
        for (Entity e : Entity.values()) {
            Number n = m.get(e);
            if (n == null) continue;
            if (!first) sb.append(',');
            first = false;
            sb.append('"').append(e.name()).append("\":").append(n.longValue());
        }
    }
}
