package dev.tandem.leak;

import dev.tandem.payload.JsonPayloadInspector;
import dev.tandem.payload.PiiField;
import java.util.ArrayList;
import java.util.List;

/** Data export files (CSV, JSON) and how many of their records carry personal data. */
final class Exports {
    final List<ExportFile> files = new ArrayList<>();

    /** One export file; {@code piiColumns} are the columns (or fields) that hold personal data. */
    static final class ExportFile {
        final String file;
        final String object;
        final List<String> piiColumns = new ArrayList<>();
        long rows;
        long piiRows;
        long firstLine;
        /**
         * The columns whose name says card and whose values hold card numbers (13 to 19 digits
         * passing the Luhn check), with how many rows hold one in each; in column order.
         */
        final java.util.Map<String, Long> cardColumns = new java.util.LinkedHashMap<>();
        /** Rows holding a card number in any of {@link #cardColumns}. */
        long cardRows;

        ExportFile(String file, String object) {
            this.file = file;
            this.object = object;
        }

        /** Counts {@code rows} more holding a card number in {@code column}, which is then named as personal data. */
        void cards(String column, long rows) {
            cardColumns.merge(column, rows, Long::sum);
            if (!piiColumns.contains(column)) {
                piiColumns.add(column);
            }
        }
    }

    /**
     * Whether a CSV column or a JSON field named {@code name} (of {@code kind}, {@link PiiField#of}) is
     * judged by its values for card numbers: a card number by its name, or one whose name says card
     * ({@link PiiField#mayHoldCards}), since a card's last four digits or a token is no card number.
     */
    static boolean mayHoldCards(String name, PiiField kind) {
        return kind == PiiField.CARD || (kind == PiiField.NONE && PiiField.mayHoldCards(name));
    }

    /** Whether {@code value} is a card number in clear text: 13 to 19 digits, spaces and dashes aside, passing the Luhn check. */
    static boolean cardNumber(String value) {
        return JsonPayloadInspector.luhnCard(JsonPayloadInspector.cardDigits(value));
    }
}
