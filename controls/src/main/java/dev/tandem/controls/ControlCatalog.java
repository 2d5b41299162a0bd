package dev.tandem.controls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The controls Tandem knows, read once from {@code catalog.tsv} beside this class: the SOC 2 Trust
 * Services Criteria (2017, points of focus revised 2022), ISO/IEC 27001:2022 Annex A, and the 2013
 * A.16 incident controls that A.5.24 to A.5.28 and A.6.8 replace. Ids are matched exactly after
 * trimming and upper-casing ({@code cc6.1} is {@code CC6.1}); an ISO id may be written without its
 * {@code A.} prefix ({@code 5.24}).
 */
public final class ControlCatalog {
    private static final ControlCatalog STANDARD = load();

    private final Map<String, Control> byId;

    private ControlCatalog(Map<String, Control> byId) {
        this.byId = byId;
    }

    /** The catalog shipped with Tandem. */
    public static ControlCatalog standard() {
        return STANDARD;
    }

    public Collection<Control> all() {
        return byId.values();
    }

    public List<Control> of(Framework framework) {
        return byId.values().stream().filter(c -> c.framework() == framework).toList();
    }

    /** The control an id names, in its canonical spelling. */
    public Optional<Control> find(String id) {
        String key = id.strip().toUpperCase(Locale.ROOT);
        Control c = byId.get(key);
        if (c == null && !key.startsWith("A.") && !key.isEmpty() && Character.isDigit(key.charAt(0))) {
            c = byId.get("A." + key);
        }
        return Optional.ofNullable(c);
    }

    public boolean knows(String id) {
        return find(id).isPresent();
    }

    /**
     * The canonical id of every one of {@code ids}, in order.
     *
     * @throws UnknownControlException naming the first id the catalog does not hold
     */
    public List<String> canonical(Collection<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(find(id).orElseThrow(() -> new UnknownControlException(id)).id());
        }
        return out;
    }

    /** The 2022 control that replaced a 2013 A.16 control, if any. */
    public Optional<Control> replacementOf(String id2013) {
        String key = id2013.strip().toUpperCase(Locale.ROOT);
        return byId.values().stream().filter(c -> c.replaces().contains(key)).findFirst();
    }

    /** A control id the catalog does not hold. */
    public static final class UnknownControlException extends IllegalArgumentException {
        private final String id;

        public UnknownControlException(String id) {
            super("unknown control id \"" + id + "\": not a SOC 2 criterion (CC1.1 … P8.1) nor an ISO/IEC 27001"
                    + " Annex A control (A.5.1 … A.8.34, or A.16.1.1 … A.16.1.7 of the 2013 edition)");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private static ControlCatalog load() {
        Map<String, Control> byId = new LinkedHashMap<>();
        try (InputStream in = ControlCatalog.class.getResourceAsStream("catalog.tsv")) {
            if (in == null) {
                throw new IllegalStateException("catalog.tsv is missing from the controls module");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 4) {
                    throw new IllegalStateException("catalog.tsv line " + n + ": expected 4 or 5 fields");
                }
                List<String> replaces = f.length > 4 && !f[4].isBlank()
                        ? Arrays.asList(f[4].strip().split(" "))
                        : List.of();
                Control c = new Control(f[1], Framework.ofLabel(f[0]), f[2], f[3], replaces);
                if (byId.put(c.id().toUpperCase(Locale.ROOT), c) != null) {
                    throw new IllegalStateException("catalog.tsv line " + n + ": " + c.id() + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ControlCatalog(java.util.Collections.unmodifiableMap(byId));
    }
}
