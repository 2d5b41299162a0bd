package dev.tandem.regulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks ISO 3166-1 alpha-2 country codes (the JDK's list) and the ISO 3166-2 subdivisions Tandem
 * knows ({@code subdivisions.txt}), and names the value when one is unknown.
 */
public final class RegionCodes {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Map<String, Set<String>> SUBDIVISIONS = loadSubdivisions();

    /**
     * Codes the EU writes for a country whose ISO 3166-1 code differs (the EU's interinstitutional
     * style guide: UK, EL), with the ISO code named in the refusal.
     */
    private static final Map<String, String> NOT_ISO =
            Map.of("UK", "the United Kingdom as GB", "EL", "Greece as GR (EL is the EU's own code)");

    private RegionCodes() {}

    /** The country of an ISO 3166-1 or -2 code: {@code DE} of {@code DE-BE}. */
    public static String countryOf(String code) {
        int dash = code.indexOf('-');
        return dash < 0 ? code : code.substring(0, dash);
    }

    /**
     * The upper-cased, checked code; {@code PR} becomes {@code US-PR}; {@code ZZ} ({@link
     * Subjects#UNKNOWN}, no known country) is accepted as it is.
     */
    public static String normalise(String raw) {
        String code = raw.strip().toUpperCase(Locale.ROOT);
        int dash = code.indexOf('-');
        if (dash < 0) {
            if (code.equals(Subjects.UNKNOWN)) return code;
            requireCountry(code, "country");
            return code.equals("PR") ? "US-PR" : code;
        }
        String country = code.substring(0, dash);
        String sub = code.substring(dash + 1);
        requireCountry(country, "subdivision");
        Set<String> known = SUBDIVISIONS.get(country);
        if (known == null) {
            throw new InvalidScopeException("subdivision '" + raw.strip() + "': Tandem lists no subdivisions of "
                    + country + "; give the country code " + country);
        }
        if (!known.contains(sub)) {
            throw new InvalidScopeException("unknown subdivision code '" + raw.strip() + "' (ISO 3166-2)");
        }
        return code;
    }

    static void requireCountry(String code, String what) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        String iso = NOT_ISO.get(c);
        if (iso != null) {
            throw new InvalidScopeException("unknown " + what + " code '" + c + "': ISO 3166-1 writes " + iso);
        }
        if (c.equals("EU")) {
            throw new InvalidScopeException("'EU' is not a country code: name the member states (e.g. DE=1200,FR=300)");
        }
        if (c.length() != 2 || !COUNTRIES.contains(c)) {
            throw new InvalidScopeException("unknown " + what + " code '" + code.strip() + "' (ISO 3166-1 alpha-2)");
        }
    }

    public static boolean isCountry(String code) {
        return COUNTRIES.contains(code);
    }

    private static Map<String, Set<String>> loadSubdivisions() {
        Map<String, Set<String>> m = new HashMap<>();
        try (InputStream in = RegionCodes.class.getResourceAsStream("subdivisions.txt")) {
            if (in == null) {
                throw new IllegalStateException("subdivisions.txt missing from the classpath");
            }
            var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                m.put(
                        line.substring(0, colon).strip(),
                        new HashSet<>(Set.of(line.substring(colon + 1).strip().split("\\s+"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
