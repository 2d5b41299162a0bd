package dev.tandem.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Per-endpoint figures of {@code tandem bench load}: requests, throughput, latency, errors. */
final class LoadReport {
    private LoadReport() {}

    /** The requests of one endpoint (or all) in one window, summarised. */
    record Row(
            String name,
            long requests,
            double perSecond,
            double p50Ms,
            double p99Ms,
            double maxMs,
            long non2xx,
            long connectionErrors,
            long badProofs,
            String statuses) {
        long errors() {
            return non2xx + connectionErrors + badProofs;
        }
    }

    static Row row(String name, List<LoadSample> samples, double seconds) {
        long[] latencies = samples.stream()
                .filter(s -> !s.connectionError())
                .mapToLong(LoadSample::latencyNanos)
                .toArray();
        Arrays.sort(latencies);
        Map<Integer, Long> unexpected = new TreeMap<>();
        long non2xx = 0;
        long connection = 0;
        long badProofs = 0;
        for (LoadSample s : samples) {
            if (s.connectionError()) {
                connection++;
            } else if (s.status() == LoadSample.BAD_PROOF) {
                badProofs++;
            } else if (!s.ok()) {
                non2xx++;
                unexpected.merge(s.status(), 1L, Long::sum);
            }
        }
        return new Row(
                name,
                samples.size(),
                samples.size() / seconds,
                percentile(latencies, 50),
                percentile(latencies, 99),
                percentile(latencies, 100),
                non2xx,
                connection,
                badProofs,
                unexpected.isEmpty() ? "" : unexpected.toString());
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** A table: one row per endpoint, then all together, over the requests {@code which} selects. */
    static List<String> table(List<LoadSample> all, Predicate<LoadSample> which, double seconds) {
        List<Row> rows = new ArrayList<>();
        for (LoadEndpoint e : LoadEndpoint.values()) {
            rows.add(row(
                    e.label,
                    all.stream().filter(which).filter(s -> s.endpoint() == e).toList(),
                    seconds));
        }
        rows.add(row("all", all.stream().filter(which).toList(), seconds));
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT,
                "  %-40s %9s %9s %9s %9s %9s %8s %8s %8s",
                "endpoint",
                "requests",
                "req/s",
                "p50 ms",
                "p99 ms",
                "max ms",
                "non-2xx",
                "conn err",
                "bad prf"));
        for (Row r : rows) {
            out.add(String.format(
                    Locale.ROOT,
                    "  %-40s %9d %9.1f %9.2f %9.2f %9.1f %8d %8d %8d%s",
                    r.name(),
                    r.requests(),
                    r.perSecond(),
                    r.p50Ms(),
                    r.p99Ms(),
                    r.maxMs(),
                    r.non2xx(),
                    r.connectionErrors(),
                    r.badProofs(),
                    r.statuses().isEmpty() ? "" : "  statuses " + r.statuses()));
        }
        return out;
    }
}
