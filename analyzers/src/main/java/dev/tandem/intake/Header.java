package dev.tandem.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of a CSV table. Columns are found by name, case-insensitively and with a space
 * taken for an underscore, never by position: the Event Log File schema changes from release to release (EventLogFile,
 * LogFileFieldNames).
 */
public final class Header {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    public Header(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(normalize(names.get(i)), i);
        }
    }

    private static String normalize(String name) {
        String n = name.strip();
        if (!n.isEmpty() && n.charAt(0) == '\uFEFF') {
            n = n.substring(1);
        }
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1);
        }
        // a header relabelled in a spreadsheet ("Event Type", "User ID") names the same columns
        return n.toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    /** The index of the first of the given names present, or -1. */
    public int find(String... candidates) {
        for (String c : candidates) {
            Integer i = index.get(normalize(c));
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String... candidates) {
        return find(candidates) >= 0;
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }
}
