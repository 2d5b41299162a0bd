package dev.tandem.leak;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * What each input of an analysis contributed, by its position in the list given to
 * {@link LeakAnalyzer#analyze}: the file names its reading produced (its own name, its archive
 * members, the files its problems name) and its volumes. It lets a caller attribute lines, problems
 * and statistics to the input they came from, never to whatever input merely has a similar name.
 */
public final class Contributions {
    private final Map<String, BitSet> origins;
    private final long[][] volumes;
    private final List<BitSet> users;
    private final List<BitSet> sessions;

    Contributions(Map<String, BitSet> origins, long[][] volumes, List<BitSet> users, List<BitSet> sessions) {
        this.origins = Map.copyOf(origins);
        this.volumes = volumes.clone();
        this.users = List.copyOf(users);
        this.sessions = List.copyOf(sessions);
    }

    /** Nothing known: every file is of no known input. */
    public static Contributions unknown() {
        return new Contributions(Map.of(), new long[0][], List.of(), List.of());
    }

    /**
     * The positions of the inputs whose reading produced {@code file} (an evidence line's or a
     * problem's file); empty when none did. Two inputs can only share a file name when one's name
     * looks like the other's archive member; then both are answered.
     */
    public Set<Integer> inputsOf(String file) {
        BitSet b = origins.get(file);
        Set<Integer> out = new TreeSet<>();
        if (b != null) {
            b.stream().forEach(out::add);
        }
        return out;
    }

    /** The statistics of the inputs {@code selected} answers true for, as if only they had been read. */
    public AnalysisResult.Stats statsOf(IntPredicate selected) {
        long events = 0;
        long har = 0;
        long bytes = 0;
        BitSet chosen = new BitSet();
        for (int i = 0; i < volumes.length; i++) {
            if (selected.test(i)) {
                chosen.set(i);
                events += volumes[i][0];
                har += volumes[i][1];
                bytes += volumes[i][2];
            }
        }
        return new AnalysisResult.Stats(events, touching(users, chosen), touching(sessions, chosen), har, bytes);
    }

    private static long touching(List<BitSet> sets, BitSet chosen) {
        return sets.stream().filter(s -> s.intersects(chosen)).count();
    }

    /** Collects contributions while an analysis reads its inputs. */
    static final class Recorder {
        private final Map<String, BitSet> origins = new HashMap<>();
        private final long[][] volumes;

        Recorder(int inputs) {
            volumes = new long[inputs][3];
        }

        void produced(String file, int input) {
            origins.computeIfAbsent(file, f -> new BitSet()).set(input);
        }

        /** The inputs whose reading produced {@code file} so far (a new set, empty for none). */
        BitSet inputsOf(String file) {
            BitSet b = origins.get(file);
            return b == null ? new BitSet() : (BitSet) b.clone();
        }

        void volumes(int input, long events, long harEntries, long bytes) {
            volumes[input][0] += events;
            volumes[input][1] += harEntries;
            volumes[input][2] += bytes;
        }

        Contributions done(List<BitSet> users, List<BitSet> sessions) {
            return new Contributions(origins, volumes, users, sessions);
        }
    }
}
