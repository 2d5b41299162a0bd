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

        ExportFile(String file, String object) {
            this.file = file;
            this.object = object;
        }
    }
}
