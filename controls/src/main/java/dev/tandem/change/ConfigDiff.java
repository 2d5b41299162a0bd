package dev.tandem.change;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The differences between a pre- and a post-change snapshot, by format:
 *
 * <ul>
 *   <li>Salesforce metadata (XML in the {@code http://soap.sforce.com/2006/04/metadata} namespace)
 *       and other XML, element by element: repeated elements are matched by their key child
 *       ({@code userPermissions} by {@code name}, {@code objectPermissions} by {@code object},
 *       {@code fieldPermissions} by {@code field}, …), so a permission set's removed user permission
 *       is named as such ({@code removed userPermissions ViewAllData}) rather than as shifted lines;
 *   <li>JSON and YAML structurally: objects by key, arrays by position (arrays of plain values as
 *       sets of values), a number and its string never confused;
 *   <li>anything else as text, line by line (Myers' O(ND) difference algorithm, 1986);
 *   <li>a zip (a retrieved metadata folder) entry by entry, each entry by its own format.
 * </ul>
 *
 * Plain Java, in memory: snapshots of configuration are small, and larger inputs are refused by
 * the caller's limits.
 */
public final class ConfigDiff {
    public static final int MAX_DIFFERENCES = 1000;
    static final long MAX_ZIP_BYTES = 64L << 20;
    static final int MAX_ZIP_ENTRIES = 10_000;
    static final int MAX_EDIT_DISTANCE = 4000;
    static final String SALESFORCE_NS = "http://soap.sforce.com/2006/04/metadata";

    /** The key child of repeated Salesforce metadata elements; others fall back to name, fullName, position. */
    static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("userPermissions", List.of("name")),
            Map.entry("objectPermissions", List.of("object")),
            Map.entry("fieldPermissions", List.of("field")),
            Map.entry("classAccesses", List.of("apexClass")),
            Map.entry("pageAccesses", List.of("apexPage")),
            Map.entry("applicationVisibilities", List.of("application")),
            Map.entry("tabSettings", List.of("tab")),
            Map.entry("tabVisibilities", List.of("tab")),
            Map.entry("recordTypeVisibilities", List.of("recordType")),
            Map.entry("layoutAssignments", List.of("layout", "recordType")),
            Map.entry("customPermissions", List.of("name")),
            Map.entry("customMetadataTypeAccesses", List.of("name")),
            Map.entry("customSettingAccesses", List.of("name")),
            Map.entry("externalDataSourceAccesses", List.of("externalDataSource")),
            Map.entry("flowAccesses", List.of("flow")),
            Map.entry("loginIpRanges", List.of("startAddress", "endAddress")),
            Map.entry("loginHours", List.of()),
            Map.entry("sharingCriteriaRules", List.of("fullName")),
            Map.entry("sharingOwnerRules", List.of("fullName")),
            Map.entry("sharingGuestRules", List.of("fullName")),
            Map.entry("fields", List.of("fullName")),
            Map.entry("validationRules", List.of("fullName")),
            Map.entry("listViews", List.of("fullName")));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConfigDiff() {}

    public enum Format {
        SALESFORCE_METADATA,
        XML,
        JSON,
        YAML,
        TEXT,
        ZIP,
        BINARY
    }

    /** The comparison of one pair. {@code truncated} when more than {@link #MAX_DIFFERENCES} were found. */
    public record Result(Format format, List<Difference> differences, boolean truncated) {
        public Result {
            differences = List.copyOf(differences);
        }

        /** The differences in words, one a line, at most {@code max}. */
        public List<String> summary(int max) {
            return differences.stream()
                    .limit(max)
                    .map(d -> d.path() + ": " + d.description())
                    .toList();
        }
    }

    /** Compares two snapshots; the format is recognised from the names and the first bytes. */
    public static Result diff(String beforeName, byte[] before, String afterName, byte[] after) {
        Sink sink = new Sink("");
        Format format = compare(beforeName, before, afterName, after, sink);
        return new Result(format, sink.out, sink.truncated[0]);
    }

    /** What a snapshot is, from its name and first bytes. */
    public static Format detect(String name, byte[] bytes) {
        String n = name.toLowerCase(Locale.ROOT);
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return Format.ZIP;
        }
        String head = head(bytes);
        if (n.endsWith(".json") || head.startsWith("{") || head.startsWith("[")) {
            return Format.JSON;
        }
        if (n.endsWith(".xml") || head.startsWith("<")) {
            return head.contains(SALESFORCE_NS) || n.endsWith("-meta.xml") ? Format.SALESFORCE_METADATA : Format.XML;
        }
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return Format.YAML;
        }
        return text(bytes) == null ? Format.BINARY : Format.TEXT;
    }

    /** Collects differences with a path prefix (a zip entry's name) and a cap shared by all prefixes. */
    private static final class Sink {
        final String prefix;
        final List<Difference> out;
        final boolean[] truncated;

        Sink(String prefix) {
            this(prefix, new ArrayList<>(), new boolean[1]);
        }

        private Sink(String prefix, List<Difference> out, boolean[] truncated) {
            this.prefix = prefix;
            this.out = out;
            this.truncated = truncated;
        }

        Sink under(String entry) {
            return new Sink(prefix + entry + "!/", out, truncated);
        }

        void add(Difference d) {
            if (out.size() >= MAX_DIFFERENCES) {
                truncated[0] = true;
                return;
            }
            out.add(new Difference(d.kind(), prefix + d.path(), d.before(), d.after(), d.description()));
        }

        void add(Difference.Kind kind, String path, @Nullable String before, @Nullable String after, String what) {
            add(new Difference(kind, path, before, after, what));
        }
    }

    private static Format compare(String beforeName, byte[] before, String afterName, byte[] after, Sink sink) {
        Format fb = detect(beforeName, before);
        Format fa = detect(afterName, after);
        Format format = fb == fa ? fb : (fb == Format.BINARY || fa == Format.BINARY ? Format.BINARY : Format.TEXT);
        try {
            switch (format) {
                case ZIP -> zip(before, after, sink);
                case SALESFORCE_METADATA, XML -> {
                    XmlTree.Node b = XmlTree.parse(before);
                    XmlTree.Node a = XmlTree.parse(after);
                    element(b.name(), b, a, sink);
                }
                case JSON ->
                    structure("$", JSON.readValue(before, Object.class), JSON.readValue(after, Object.class), sink);
                case YAML -> structure("$", yaml(before), yaml(after), sink);
                case TEXT -> lines(Objects.requireNonNull(text(before)), Objects.requireNonNull(text(after)), sink);
                case BINARY -> {
                    if (!java.util.Arrays.equals(before, after)) {
                        sink.add(
                                Difference.Kind.CHANGED,
                                "(content)",
                                before.length + " bytes",
                                after.length + " bytes",
                                "binary content changed");
                    }
                }
            }
            return format;
        } catch (XmlTree.Unreadable | JacksonException | org.yaml.snakeyaml.error.YAMLException e) {
            // not what its name promised: fall back to lines, saying so
            String tb = text(before);
            String ta = text(after);
            if (tb == null || ta == null) {
                sink.add(
                        Difference.Kind.CHANGED,
                        "(content)",
                        null,
                        null,
                        "unreadable as " + format + ": " + e.getMessage());
                return Format.BINARY;
            }
            lines(tb, ta, sink);
            return Format.TEXT;
        } catch (IOException e) {
            sink.add(Difference.Kind.CHANGED, "(content)", null, null, "unreadable zip: " + e.getMessage());
            return Format.ZIP;
        }
    }

    // ------------------------------------------------------------------ XML

    private static void element(String path, XmlTree.Node b, XmlTree.Node a, Sink sink) {
        if (!b.name().equals(a.name())) {
            sink.add(
                    Difference.Kind.CHANGED,
                    path,
                    b.name(),
                    a.name(),
                    "root element " + b.name() + " became " + a.name());
            return;
        }
        if (b.leaf() && a.leaf()) {
            if (!b.text().equals(a.text())) {
                sink.add(
                        Difference.Kind.CHANGED,
                        path,
                        b.text(),
                        a.text(),
                        b.name() + " changed from " + quote(b.text()) + " to " + quote(a.text()));
            }
            return;
        }
        Map<String, XmlTree.Node> before = keyed(b.children());
        Map<String, XmlTree.Node> after = keyed(a.children());
        for (var e : before.entrySet()) {
            XmlTree.Node other = after.get(e.getKey());
            String childPath = path + "/" + e.getKey();
            if (other == null) {
                XmlTree.Node n = e.getValue();
                sink.add(Difference.Kind.REMOVED, childPath, content(n), null, "removed " + named(n));
            } else {
                element(childPath, e.getValue(), other, sink);
            }
        }
        for (var e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                XmlTree.Node n = e.getValue();
                sink.add(Difference.Kind.ADDED, path + "/" + e.getKey(), null, content(n), "added " + named(n));
            }
        }
    }

    /** Children by their key: {@code name} once, {@code userPermissions[name=X]} when repeated or keyed. */
    private static Map<String, XmlTree.Node> keyed(List<XmlTree.Node> children) {
        Map<String, Integer> counts = new TreeMap<>();
        children.forEach(c -> counts.merge(c.name(), 1, Integer::sum));
        Map<String, XmlTree.Node> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (XmlTree.Node c : children) {
            String key = key(c);
            String k;
            if (key != null) {
                k = c.name() + "[" + key + "]";
            } else if (counts.get(c.name()) == 1) {
                k = c.name();
            } else {
                k = c.name() + "[" + (seen.merge(c.name(), 1, Integer::sum)) + "]";
            }
            while (out.containsKey(k)) {
                k = k + "'";
            }
            out.put(k, c);
        }
        return out;
    }

    private static @Nullable String key(XmlTree.Node n) {
        if (n.leaf()) {
            return null;
        }
        List<String> fields = KEYS.get(n.name());
        if (fields == null) {
            for (String f : List.of("fullName", "name")) {
                if (!n.childText(f).isEmpty()) {
                    return f + "=" + n.childText(f);
                }
            }
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            if (!n.childText(f).isEmpty()) {
                parts.add(f + "=" + n.childText(f));
            }
        }
        return parts.isEmpty() ? null : String.join(",", parts);
    }

    /** An element in words: {@code userPermissions ViewAllData}, {@code description}. */
    private static String named(XmlTree.Node n) {
        List<String> fields = KEYS.getOrDefault(n.name(), List.of("fullName", "name"));
        List<String> values = new ArrayList<>();
        for (String f : fields) {
            if (!n.childText(f).isEmpty()) {
                values.add(n.childText(f));
            }
        }
        if (values.isEmpty()) {
            return n.leaf() ? n.name() + " " + quote(n.text()) : n.name();
        }
        return n.name() + " " + String.join(" ", values);
    }

    /** An element's content in short: its text, or its leaf children as {@code name=value; …}. */
    private static String content(XmlTree.Node n) {
        if (n.leaf()) {
            return n.text();
        }
        List<String> parts = new ArrayList<>();
        for (XmlTree.Node c : n.children()) {
            parts.add(c.name() + "=" + (c.leaf() ? c.text() : "…"));
        }
        return String.join("; ", parts);
    }

    // ------------------------------------------------------------------ JSON and YAML

    private static @Nullable Object yaml(byte[] bytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(16 << 20);
        Yaml y = new Yaml(new SafeConstructor(options));
        return y.load(new String(bytes, StandardCharsets.UTF_8));
    }

    private static void structure(String path, @Nullable Object b, @Nullable Object a, Sink sink) {
        if (b instanceof Map<?, ?> mb && a instanceof Map<?, ?> ma) {
            Set<Object> keys = new LinkedHashSet<>(mb.keySet());
            keys.addAll(ma.keySet());
            for (Object k : keys) {
                String p = path + member(String.valueOf(k));
                boolean inB = mb.containsKey(k);
                boolean inA = ma.containsKey(k);
                if (inB && !inA) {
                    sink.add(Difference.Kind.REMOVED, p, show(mb.get(k)), null, "removed " + String.valueOf(k));
                } else if (!inB) {
                    sink.add(Difference.Kind.ADDED, p, null, show(ma.get(k)), "added " + String.valueOf(k));
                } else {
                    structure(p, mb.get(k), ma.get(k), sink);
                }
            }
            return;
        }
        if (b instanceof List<?> lb && a instanceof List<?> la) {
            if (scalars(lb) && scalars(la)) {
                List<String> sb = lb.stream().map(ConfigDiff::show).toList();
                List<String> sa = la.stream().map(ConfigDiff::show).toList();
                for (String v : sb) {
                    if (!sa.contains(v)) {
                        sink.add(Difference.Kind.REMOVED, path, v, null, "removed value " + v);
                    }
                }
                for (String v : sa) {
                    if (!sb.contains(v)) {
                        sink.add(Difference.Kind.ADDED, path, null, v, "added value " + v);
                    }
                }
                return;
            }
            int n = Math.max(lb.size(), la.size());
            for (int i = 0; i < n; i++) {
                String p = path + "[" + i + "]";
                if (i >= la.size()) {
                    sink.add(Difference.Kind.REMOVED, p, show(lb.get(i)), null, "removed item " + i);
                } else if (i >= lb.size()) {
                    sink.add(Difference.Kind.ADDED, p, null, show(la.get(i)), "added item " + i);
                } else {
                    structure(p, lb.get(i), la.get(i), sink);
                }
            }
            return;
        }
        if (!Objects.equals(normal(b), normal(a))) {
            sink.add(Difference.Kind.CHANGED, path, show(b), show(a), "changed from " + show(b) + " to " + show(a));
        }
    }

    /** Numbers compared by value (1 and 1.0 are equal; 1 and "1" are not). */
    private static @Nullable Object normal(@Nullable Object o) {
        if (o instanceof Number n && !(o instanceof java.math.BigDecimal)) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (o instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros();
        }
        return o;
    }

    private static boolean scalars(List<?> l) {
        return l.stream().noneMatch(v -> v instanceof Map || v instanceof List);
    }

    private static String member(String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? "." + key : "[" + quote(key) + "]";
    }

    private static String show(@Nullable Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return quote(s);
        }
        if (o instanceof Map || o instanceof List) {
            String s = JSON.writeValueAsString(o);
            return s.length() > 200 ? s.substring(0, 200) + "…" : s;
        }
        return o.toString();
    }

    // ------------------------------------------------------------------ text

    /** Myers (1986), "An O(ND) difference algorithm and its variations": the shortest edit script. */
    private static void lines(String before, String after, Sink sink) {
        String[] a = before.split("\r?\n", -1);
        String[] b = after.split("\r?\n", -1);
        int n = a.length;
        int m = b.length;
        int max = n + m;
        int off = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x].equals(b[y])) {
                    x++;
                    y++;
                }
                v[off + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            sink.add(
                    Difference.Kind.CHANGED,
                    "(content)",
                    n + " lines",
                    m + " lines",
                    "more than " + MAX_EDIT_DISTANCE + " lines differ; not compared line by line");
            return;
        }
        List<Difference> edits = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] vd = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && vd[off + k - 1] < vd[off + k + 1])) ? k + 1 : k - 1;
            int prevX = vd[off + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
            }
            if (x == prevX) {
                edits.add(new Difference(
                        Difference.Kind.ADDED,
                        "line " + (prevY + 1),
                        null,
                        b[prevY],
                        "added line " + (prevY + 1) + ": " + b[prevY]));
            } else {
                edits.add(new Difference(
                        Difference.Kind.REMOVED,
                        "line " + (prevX + 1),
                        a[prevX],
                        null,
                        "removed line " + (prevX + 1) + ": " + a[prevX]));
            }
            x = prevX;
            y = prevY;
        }
        for (int i = edits.size() - 1; i >= 0; i--) {
            sink.add(edits.get(i));
        }
    }

    // ------------------------------------------------------------------ zip

    private static void zip(byte[] before, byte[] after, Sink sink) throws IOException {
        Map<String, byte[]> b = entries(before);
        Map<String, byte[]> a = entries(after);
        for (var e : b.entrySet()) {
            byte[] other = a.get(e.getKey());
            if (other == null) {
                sink.add(
                        Difference.Kind.REMOVED,
                        e.getKey(),
                        e.getValue().length + " bytes",
                        null,
                        "removed file " + e.getKey());
            } else if (!java.util.Arrays.equals(e.getValue(), other)) {
                compare(e.getKey(), e.getValue(), e.getKey(), other, sink.under(e.getKey()));
            }
        }
        for (var e : a.entrySet()) {
            if (!b.containsKey(e.getKey())) {
                sink.add(
                        Difference.Kind.ADDED,
                        e.getKey(),
                        null,
                        e.getValue().length + " bytes",
                        "added file " + e.getKey());
            }
        }
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (out.size() >= MAX_ZIP_ENTRIES) {
                    throw new IOException("more than " + MAX_ZIP_ENTRIES + " entries");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                total += copy(in, bytes, MAX_ZIP_BYTES - total);
                out.put(e.getName(), bytes.toByteArray());
            }
        }
        return out;
    }

    private static long copy(InputStream in, ByteArrayOutputStream out, long budget) throws IOException {
        byte[] buf = new byte[8192];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > budget) {
                throw new IOException("expands to more than " + (MAX_ZIP_BYTES >> 20) + " MiB");
            }
            out.write(buf, 0, r);
        }
        return n;
    }

    // ------------------------------------------------------------------ plumbing

    private static @Nullable String text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (s.indexOf('\0') >= 0) {
                return null;
            }
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String head(byte[] bytes) {
        int n = Math.min(bytes.length, 4096);
        String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        return s.stripLeading();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
