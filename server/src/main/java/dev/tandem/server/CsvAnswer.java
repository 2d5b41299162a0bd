package dev.tandem.server;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a caller asks a list the API answers as JSON for CSV instead, and the download's name
 * (docs/contracts.md "Additions"; ADR 124 for the timeline, ADR 140 for the changes): one rule for
 * every such list, so a link, the command line and an HTTP client ask each of them the same way.
 */
public final class CsvAnswer {
    private CsvAnswer() {}

    /** The media type of a CSV answer. */
    public static final String MEDIA_TYPE = "text/csv";

    /**
     * Whether the caller asked for CSV: {@code format=csv} (or {@code format=json}) decides when
     * given, any other value is 400 {@code bad-format}; without it, an {@code Accept} header that
     * names {@code text/csv} with a q-value above 0 and not below that of {@code application/json}
     * (if it names that too). Everything else is JSON.
     */
    public static boolean asked(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw DomainException.badRequest("bad-format", "format: must be json or csv, got " + format);
            };
        }
        if (accept == null) {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals(MEDIA_TYPE)) {
                csv = Math.max(csv, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return csv > 0 && csv >= json;
    }

    /** The {@code q} parameter of a media range (RFC 9110 §12.4.2), 1 without one, 0 when unreadable. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * The {@code Content-Disposition} of an incident's download: {@code attachment;
     * filename="incident-<id>-<what>.csv"}, any character of the id outside letters, digits, dot,
     * dash and underscore written {@code _} (incident ids are UUIDs, so none is).
     */
    public static String attachment(String incident, String what) {
        return "attachment; filename=\"incident-" + incident.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + what + ".csv\"";
    }
}
