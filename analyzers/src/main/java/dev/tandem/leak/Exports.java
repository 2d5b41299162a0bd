package dev.tandem.leak;

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
    }
}
