package dev.tandem.tools.pii;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes such as {@code 100MB} (10^6) or {@code 1GiB} (2^30), as picocli option values. */
final class Sizes {
    private Sizes() {}

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?)B?", Pattern.CASE_INSENSITIVE);

    static long parse(String s) {
        Matcher m = SIZE.matcher(s.strip());
        if (!m.matches()) throw new IllegalArgumentException("not a size: " + s + " (e.g. 100MB, 1GiB)");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        long base = m.group(3).isEmpty() ? 1000 : 1024;
        int power = "KMGT".indexOf(unit) + 1;
        for (int i = 0; i < power && !unit.isEmpty(); i++) n *= base;
        return n;
    }

    static final class Converter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value);
        }
    }
}
