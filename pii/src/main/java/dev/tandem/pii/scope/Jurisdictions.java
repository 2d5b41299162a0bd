package dev.tandem.pii.scope;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Country and state values as found in exports ("DE", "DEU", "Germany", "California", "CA") to
 * ISO 3166-1 alpha-2 and ISO 3166-2 codes, the form {@code tandem deadlines --subjects} reads.
 */
public final class Jurisdictions {
    private Jurisdictions() {}

    private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
    private static final Map<String, String> COUNTRIES = new HashMap<>();
    private static final Map<String, Map<String, String>> SUBDIVISIONS = new HashMap<>();

    static {
        for (String cc : Locale.getISOCountries()) {
            Locale l = Locale.of("", cc);
            COUNTRIES.put(key(l.getDisplayCountry(Locale.ENGLISH)), cc);
            try {
                COUNTRIES.put(key(l.getISO3Country()), cc);
            } catch (java.util.MissingResourceException ignored) {
                // no alpha-3 code for this entry: the alpha-2 and the name still map
            }
        }
        String[][] aliases = {
            {"USA", "US"},
            {"U.S.", "US"},
            {"U.S.A.", "US"},
            {"United States of America", "US"},
            {"America", "US"},
            {"UK", "GB"},
            {"U.K.", "GB"},
            {"Great Britain", "GB"},
            {"England", "GB"},
            {"Scotland", "GB"},
            {"Wales", "GB"},
            {"Northern Ireland", "GB"},
            {"Deutschland", "DE"},
            {"Holland", "NL"},
            {"The Netherlands", "NL"},
            {"España", "ES"},
            {"Espana", "ES"},
            {"Österreich", "AT"},
            {"Schweiz", "CH"},
            {"Suisse", "CH"},
            {"Italia", "IT"},
            {"Brasil", "BR"},
            {"Czech Republic", "CZ"},
            {"South Korea", "KR"},
            {"Korea", "KR"},
            {"Russia", "RU"},
            {"Türkiye", "TR"},
            {"Turkey", "TR"},
        };
        for (String[] a : aliases) COUNTRIES.put(key(a[0]), a[1]);
        subdivisions(
                "US",
                "AL Alabama;AK Alaska;AZ Arizona;AR Arkansas;CA California;CO Colorado;CT Connecticut;"
                        + "DE Delaware;FL Florida;GA Georgia;HI Hawaii;ID Idaho;IL Illinois;IN Indiana;IA Iowa;"
                        + "KS Kansas;KY Kentucky;LA Louisiana;ME Maine;MD Maryland;MA Massachusetts;MI Michigan;"
                        + "MN Minnesota;MS Mississippi;MO Missouri;MT Montana;NE Nebraska;NV Nevada;"
                        + "NH New Hampshire;NJ New Jersey;NM New Mexico;NY New York;NC North Carolina;"
                        + "ND North Dakota;OH Ohio;OK Oklahoma;OR Oregon;PA Pennsylvania;RI Rhode Island;"
                        + "SC South Carolina;SD South Dakota;TN Tennessee;TX Texas;UT Utah;VT Vermont;"
                        + "VA Virginia;WA Washington;WV West Virginia;WI Wisconsin;WY Wyoming;"
                        + "DC District of Columbia;PR Puerto Rico;GU Guam;VI U.S. Virgin Islands;"
                        + "AS American Samoa;MP Northern Mariana Islands");
        subdivisions(
                "CA",
                "AB Alberta;BC British Columbia;MB Manitoba;NB New Brunswick;NL Newfoundland and Labrador;"
                        + "NS Nova Scotia;NT Northwest Territories;NU Nunavut;ON Ontario;PE Prince Edward Island;"
                        + "QC Quebec;SK Saskatchewan;YT Yukon");
        subdivisions(
                "AU",
                "NSW New South Wales;VIC Victoria;QLD Queensland;WA Western Australia;SA South Australia;"
                        + "TAS Tasmania;ACT Australian Capital Territory;NT Northern Territory");
    }

    private static void subdivisions(String country, String list) {
        Map<String, String> m = new HashMap<>();
        for (String item : list.split(";")) {
            int sp = item.indexOf(' ');
            String code = item.substring(0, sp);
            m.put(key(code), country + "-" + code);
            m.put(key(item.substring(sp + 1)), country + "-" + code);
        }
        SUBDIVISIONS.put(country, m);
    }

    private static String key(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') continue;
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

    /** ISO 3166-1 alpha-2 for a country value, or null. */
    public static @Nullable String country(String value) {
        String v = value.strip();
        if (v.length() == 2 && ALPHA2.contains(v.toUpperCase(Locale.ROOT))) return v.toUpperCase(Locale.ROOT);
        return COUNTRIES.get(key(v));
    }

    /**
     * ISO 3166-2 code for a state or province value. Without a known country, a US state (name or
     * postal code) is assumed: US exports often omit the country.
     */
    public static @Nullable String subdivision(@Nullable String country, String value) {
        String v = value.strip();
        int dash = v.indexOf('-');
        if (dash == 2 && v.length() <= 6) {
            String cc = v.substring(0, 2).toUpperCase(Locale.ROOT);
            Map<String, String> m = SUBDIVISIONS.get(cc);
            if (m != null) return m.get(key(v.substring(3)));
        }
        Map<String, String> m = SUBDIVISIONS.get(country == null ? "US" : country);
        return m == null ? null : m.get(key(v));
    }
}
