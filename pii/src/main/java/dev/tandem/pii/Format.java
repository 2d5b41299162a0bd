package dev.tandem.pii;

import java.util.Locale;

/** Input formats; {@link #AUTO} detects from the name and the first bytes. */
public enum Format {
    AUTO,
    TEXT,
    CSV,
    TSV,
    JSON,
    HAR,
    GZIP,
    ZIP;

    /** The format a file name suggests, or AUTO. */
    public static Format fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int bang = n.lastIndexOf("!/");
        if (bang >= 0) n = n.substring(bang + 2);
        if (n.endsWith(".csv")) return CSV;
        if (n.endsWith(".tsv") || n.endsWith(".tab")) return TSV;
        if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson")) return JSON;
        if (n.endsWith(".har")) return HAR;
        if (n.endsWith(".gz") || n.endsWith(".gzip")) return GZIP;
        if (n.endsWith(".zip")) return ZIP;
        return AUTO;
    }
}
