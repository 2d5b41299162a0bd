package dev.tandem.leak;

import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import dev.tandem.salesforce.ActivityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event log rows read before from another file: Salesforce writes the events of a day both into
 * hourly and into 24-hour Event Log Files (EventLogFile {@code Interval}: Hourly, Daily; Object
 * Reference, "EventLogFile"), so a collection that holds both for the same hours holds each of those
 * events twice. A row is the same event when its {@code REQUEST_ID}, {@code EVENT_TYPE} and time are
 * those of a row of another file; rows repeated within one file are not touched (one transaction
 * may log several events of a type). Rows without a {@code REQUEST_ID} (real-time events) are all
 * kept.
 *
 * <p>Each row's identity is kept as a 64-bit hash with the file it came from, 12 bytes in an
 * open-addressing table kept at most three quarters full: 16 to 32 bytes a row, the price of telling
 * repeats apart whatever order the files come in (two rows of 3.6 million share a hash with odds
 * under one in a million). Not thread-safe: the aggregating thread asks, in the order of the rows.
 */
final class RepeatedRows {
    private long[] keys = new long[1 << 12];
    private int[] files = new int[1 << 12];
    private int size;
    private final Map<String, Integer> fileIds = new HashMap<>();
    private final List<String> fileNames = new ArrayList<>();
    private String lastFile = "";
    private int lastFileId = -1;

    /** Per file, the rows left out and the earlier file that held each, in the order met. */
    private final Map<String, Map<String, long[]>> repeated = new LinkedHashMap<>();

    /** True when {@code e} repeats a row of another file read before; it is then counted for the report. */
    boolean repeats(ActivityEvent e) {
        if (e.requestId().isEmpty()) {
            return false;
        }
        int file = fileId(e.file());
        long key = key(e);
        int mask = keys.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (keys[i] != 0) {
            if (keys[i] == key) {
                if (files[i] == file) {
                    return false;
                }
                repeated.computeIfAbsent(e.file(), f -> new LinkedHashMap<>())
                        .computeIfAbsent(fileNames.get(files[i]), f -> new long[1])[0]++;
                return true;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        files[i] = file;
        if (++size * 4L > keys.length * 3L) {
            grow();
        }
        return false;
    }

    /** Reports, as a problem of {@code file}, the rows of it left out as repeats; once. */
    void report(String file, Problems problems) {
        Map<String, long[]> from = repeated.remove(file);
        if (from == null) {
            return;
        }
        for (var e : from.entrySet()) {
            problems.report(new Problem(
                    file,
                    0,
                    Problem.Kind.REPEATED_ROWS,
                    e.getValue()[0] + " row(s) already read from " + e.getKey()
                            + " (same REQUEST_ID, EVENT_TYPE and TIMESTAMP: an hourly and a 24-hour log of the"
                            + " same hours); counted once",
                    e.getKey()));
        }
    }

    private int fileId(String file) {
        if (!file.equals(lastFile)) {
            lastFile = file;
            lastFileId = fileIds.computeIfAbsent(file, f -> {
                fileNames.add(f);
                return fileNames.size() - 1;
            });
        }
        return lastFileId;
    }

    /** A 64-bit hash of the row's identity (FNV-1a over type and request, mixed with the time), never 0. */
    static long key(ActivityEvent e) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, e.eventType());
        h = (h ^ '|') * 0x100000001b3L;
        h = fnv(h, e.requestId());
        h ^= e.epochMillis() * 0x9E3779B97F4A7C15L;
        // the finaliser of MurmurHash3: every bit of the input moves every bit of the key
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldFiles = files;
        keys = new long[oldKeys.length * 2];
        files = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != 0) {
                int i = (int) (key ^ (key >>> 32)) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                files[i] = oldFiles[j];
            }
        }
    }
}
