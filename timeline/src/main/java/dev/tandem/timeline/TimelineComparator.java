package dev.tandem.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compares our timeline with theirs (docs/timeline-comparison.md). Every pair within the window
 * is scored ({@link Method}); candidates are then assigned one to one, greedily: the best-scoring
 * pair first, ties broken by the smaller time distance, then our ledger index, then their line, so
 * the result is the same for the same input. Greedy rather than an optimal assignment: each match
 * can be explained on its own ("the best pair left"), it runs in O(E log E) for E candidate pairs,
 * and where one event has two near-equal counterparts the one left over is reported as missing,
 * with its closest counterpart shown, for a person to settle.
 */
public final class TimelineComparator {
    private TimelineComparator() {}

    public static Comparison compare(List<Ours> ours, List<Theirs> theirs, Method method) {
        List<Map<CharSequence, Integer>> ourStems =
                ours.stream().map(o -> Similarity.stems(o.description())).toList();
        List<Integer> byTime = new ArrayList<>();
        for (int j = 0; j < theirs.size(); j++) {
            byTime.add(j);
        }
        byTime.sort(Comparator.comparing(j -> theirs.get(j).at()));
        List<Instant> times = byTime.stream().map(j -> theirs.get(j).at()).toList();
        List<Map<CharSequence, Integer>> theirStems =
                theirs.stream().map(t -> Similarity.stems(t.description())).toList();

        List<Pair> candidates = new ArrayList<>();
        Pair[] closestHere = new Pair[theirs.size()];
        Pair[] closestThere = new Pair[ours.size()];
        for (int i = 0; i < ours.size(); i++) {
            Ours o = ours.get(i);
            Instant from = o.at().minus(method.window());
            Instant to = o.at().plus(o.precision()).plus(method.window());
            for (int k = firstAtOrAfter(times, from);
                    k < times.size() && !times.get(k).isAfter(to);
                    k++) {
                int j = byTime.get(k);
                Theirs t = theirs.get(j);
                double text = Similarity.text(ourStems.get(i), theirStems.get(j));
                if (text == 0) {
                    continue;
                }
                Duration distance = Similarity.distance(o.at(), o.precision(), t.at());
                double time = Similarity.time(distance, method.window());
                double score = method.textWeight() * text + (1 - method.textWeight()) * time;
                Pair p = new Pair(
                        i,
                        j,
                        new Match(
                                o,
                                t,
                                Duration.between(t.at(), o.at()),
                                distance,
                                round(text),
                                round(time),
                                round(score)));
                if (closestThere[i] == null || ORDER.compare(p, closestThere[i]) < 0) {
                    closestThere[i] = p;
                }
                if (closestHere[j] == null || ORDER.compare(p, closestHere[j]) < 0) {
                    closestHere[j] = p;
                }
                if (text >= method.minText() && score >= method.minScore()) {
                    candidates.add(p);
                }
            }
        }
        candidates.sort(ORDER);
        Match[] ourMatch = new Match[ours.size()];
        Match[] theirMatch = new Match[theirs.size()];
        for (Pair p : candidates) {
            if (ourMatch[p.ours()] == null && theirMatch[p.theirs()] == null) {
                ourMatch[p.ours()] = p.match();
                theirMatch[p.theirs()] = p.match();
            }
        }

        List<Comparison.MissingHere> missingHere = new ArrayList<>();
        List<Match> timeDiffers = new ArrayList<>();
        List<Match> matched = new ArrayList<>();
        List<Integer> inFileOrder = new ArrayList<>(byTime);
        inFileOrder.sort(Comparator.comparingLong(j -> theirs.get(j).line()));
        for (int j : inFileOrder) {
            Match m = theirMatch[j];
            if (m == null) {
                missingHere.add(new Comparison.MissingHere(
                        theirs.get(j), closestHere[j] == null ? null : closestHere[j].match()));
                continue;
            }
            matched.add(m);
            if (m.distance().compareTo(method.tolerance()) > 0) {
                timeDiffers.add(m);
            }
        }
        List<Comparison.MissingThere> missingThere = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            if (ourMatch[i] == null) {
                missingThere.add(new Comparison.MissingThere(
                        ours.get(i), closestThere[i] == null ? null : closestThere[i].match()));
            }
        }
        missingThere.sort(
                Comparator.comparing((Comparison.MissingThere m) -> m.here().at())
                        .thenComparingLong(m -> m.here().ledgerIndex()));
        return new Comparison(missingHere, missingThere, timeDiffers, matched, method);
    }

    private record Pair(int ours, int theirs, Match match) {}

    /** Best first: higher score, then smaller distance, then lower ledger index, then lower line. */
    private static final Comparator<Pair> ORDER = Comparator.comparingDouble(
                    (Pair p) -> -p.match().score())
            .thenComparing(p -> p.match().distance())
            .thenComparingLong(p -> p.match().here().ledgerIndex())
            .thenComparingInt(Pair::ours)
            .thenComparingLong(p -> p.match().there().line());

    private static int firstAtOrAfter(List<Instant> times, Instant from) {
        int lo = 0;
        int hi = times.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times.get(mid).isBefore(from)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Three decimals: what is shown, and what is compared, so that the order matches the display. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
