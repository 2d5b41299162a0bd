package dev.tandem.controls;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which tests of the register an executed change undoes. A register row becomes a retest when the
 * change was executed on or after the day of the test (a test on the day of the change may have
 * seen either configuration, so it counts as before, unless it was imported after the change was
 * executed: then it was reported after it) and the change touches the row's configuration item
 * ({@link ConfigItems#touches}), whether the item was approved or only touched by its diffs (a change
 * beyond its approval is retested all the same). A control the change names reaches a row of that
 * control only when the row's item is no Salesforce metadata item ({@link ConfigItems#metadata}: a
 * system or process the register tests, {@code SIEM:Alerts}), which no diff can tell about: a change
 * naming CC6.3 does not retest the CC6.3 test of a permission set it never touched
 * (docs/adr/103-a-named-control-retests-only-what-the-change-touches.md). One retest per control, item
 * and change (items compared ignoring case, {@link ConfigItems#key}: rows spelling one item in
 * different case are one control test, shown as the first of them spells it), citing the latest test
 * of that control and item before the change (the one it undoes, whatever the register's order), in the order of the changes and then of the register. With an
 * {@link ObservationPeriod}, a change executed outside it undoes no test of the period. A retest is closed (done) by the
 * register's first test of the same control and the same item (or one containing it) after the
 * change, by the rule above: dated after its day, or on its day and imported after it ran
 * (docs/change-control.md "Retests and the fee").
 */
public final class Retests {
    private Retests() {}

    /**
     * An executed change, as the rule needs it.
     *
     * @param configItems the items it was requested and approved for
     * @param touchedItems the items its diffs show it changed (docs/change-control.md): retested as
     *     the approved ones are, whether or not the approval covered them
     * @param unchangedItems the approved items its diffs show no change to, where every diff names the
     *     items it changed ({@code ChangeScope.namesEveryItem}); empty where the diffs cannot tell, or
     *     are not shown to the reader
     */
    public record Executed(
            String id,
            String title,
            Instant executedAt,
            List<String> configItems,
            List<String> controls,
            List<String> touchedItems,
            List<String> unchangedItems) {
        public Executed {
            configItems = List.copyOf(configItems);
            controls = List.copyOf(controls);
            touchedItems = List.copyOf(touchedItems);
            unchangedItems = List.copyOf(unchangedItems);
        }

        public Executed(
                String id,
                String title,
                Instant executedAt,
                List<String> configItems,
                List<String> controls,
                List<String> touchedItems) {
            this(id, title, executedAt, configItems, controls, touchedItems, List.of());
        }

        public Executed(String id, String title, Instant executedAt, List<String> configItems, List<String> controls) {
            this(id, title, executedAt, configItems, controls, List.of(), List.of());
        }

        /** The approved items, then the touched ones not among them. */
        List<String> items() {
            Set<String> all = new LinkedHashSet<>(configItems);
            all.addAll(touchedItems);
            return List.copyOf(all);
        }
    }

    public static List<Retest> of(List<ControlTest> register, List<Executed> changes) {
        return of(register, changes, null);
    }

    /** As {@link #of(List, List)}, leaving out the changes executed outside {@code period} (when known). */
    public static List<Retest> of(
            List<ControlTest> register, List<Executed> changes, @Nullable ObservationPeriod period) {
        List<Retest> out = new ArrayList<>();
        for (Executed c : changes) {
            if (period != null && !period.contains(day(c))) {
                continue;
            }
            // per control and item (its names compared ignoring case), the latest test before the
            // change: the one it undoes, shown with the item as the register first spells it
            Map<String, ControlTest> undone = new LinkedHashMap<>();
            Map<String, String> spelling = new LinkedHashMap<>();
            for (ControlTest t : register) {
                if (after(t, c)) {
                    continue;
                }
                boolean item = c.items().stream().anyMatch(i -> ConfigItems.touches(i, t.configItem()));
                // a named control reaches only the rows no diff could tell about (not a metadata item)
                boolean named = c.controls().contains(t.control()) && !ConfigItems.metadata(t.configItem());
                if (item || named) {
                    String key = test(t.control(), t.configItem());
                    undone.merge(key, t, Retests::latest);
                    spelling.putIfAbsent(key, t.configItem());
                }
            }
            for (Map.Entry<String, ControlTest> e : undone.entrySet()) {
                ControlTest t = e.getValue();
                ControlTest done = closing(register, t, c);
                out.add(new Retest(
                        t.control(),
                        spelling.get(e.getKey()),
                        t.testedOn(),
                        t.tester(),
                        c.id(),
                        c.title(),
                        c.executedAt(),
                        reason(c, t),
                        done == null ? null : done.testedOn(),
                        done == null ? null : done.tester()));
            }
        }
        return out;
    }

    /** The key of a control test, its control and item: the item compared as {@link ConfigItems#key} does. */
    private static String test(String control, String configItem) {
        return control + "\n" + ConfigItems.key(configItem);
    }

    /** Of two tests of one control and item, the later one; on the same day the one listed later (imported later). */
    private static ControlTest latest(ControlTest listed, ControlTest next) {
        return next.testedOn().isBefore(listed.testedOn()) ? listed : next;
    }

    /** The day a change was executed, as the register's dates are read: UTC. */
    static LocalDate day(Executed c) {
        return c.executedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Whether the test ran after the change: dated after the day of its execution, or on that day and
     * imported after it was executed (a test on the day reported before the change may have seen either
     * configuration, so it counts as before).
     */
    static boolean after(ControlTest t, Executed c) {
        LocalDate executedOn = day(c);
        if (t.testedOn().isAfter(executedOn)) {
            return true;
        }
        Instant recorded = t.recordedAt();
        return t.testedOn().equals(executedOn) && recorded != null && recorded.isAfter(c.executedAt());
    }

    /**
     * The earliest test of the register after the change of {@code tested}'s control on its item (or
     * on one containing it, a whole item's test covering its parts): the retest done; null if none.
     */
    private static @Nullable ControlTest closing(List<ControlTest> register, ControlTest tested, Executed c) {
        ControlTest first = null;
        for (ControlTest t : register) {
            if (t.control().equals(tested.control())
                    && ConfigItems.covers(t.configItem(), tested.configItem())
                    && after(t, c)
                    && (first == null || t.testedOn().isBefore(first.testedOn()))) {
                first = t;
            }
        }
        return first;
    }

    /**
     * What a change not yet executed would put up for retest if it ran on {@code at}: the register's
     * tests it would undo (as {@link #of} finds them from its requested items and controls), the
     * controls it names that the register has no test of at all, and whether {@code at} falls outside
     * the observation period (then nothing is retested).
     */
    public record Preview(List<Retest> retests, List<String> notInRegister, boolean outsidePeriod) {
        public Preview {
            retests = List.copyOf(retests);
            notInRegister = List.copyOf(notInRegister);
        }
    }

    public static Preview preview(
            List<ControlTest> register,
            String id,
            String title,
            List<String> configItems,
            List<String> controls,
            Instant at,
            @Nullable ObservationPeriod period) {
        Executed c = new Executed(id, title, at, configItems, controls);
        List<Retest> retests = of(register, List.of(c), period).stream()
                .map(r -> new Retest(
                        r.control(),
                        r.configItem(),
                        r.testedOn(),
                        r.tester(),
                        r.change(),
                        r.changeTitle(),
                        r.executedAt(),
                        // told before it runs: what it would modify (no diffs yet, the requested items)
                        r.reason().replaceFirst("^the change modified ", "the change would modify ")))
                .toList();
        Set<String> tested = new LinkedHashSet<>();
        register.forEach(t -> tested.add(t.control()));
        List<String> missing =
                controls.stream().filter(k -> !tested.contains(k)).distinct().toList();
        return new Preview(retests, missing, period != null && !period.contains(day(c)));
    }

    /**
     * Why a register row is retested for a change, as its diffs tell it: the items of the test's that
     * the diffs show the change modified, those beyond the approval said so (the approved items stand
     * for them where the diffs are not shown or cannot tell); the approved items of the test's the
     * diffs show no change to (not carried out, or outside the snapshots); or the control the change names.
     */
    private static String reason(Executed c, ControlTest t) {
        List<String> unchanged = matching(c.unchangedItems(), t);
        // what the diffs show changed; the approved items stand for them where the diffs tell nothing
        List<String> shown = matching(c.touchedItems(), t);
        List<String> modified = new ArrayList<>(shown);
        for (String a : matching(c.configItems(), t)) {
            if (!unchanged.contains(a) && !ConfigItems.touchesAny(a, shown) && !modified.contains(a)) {
                modified.add(a);
            }
        }
        String test = "the test of " + t.control() + " on " + t.testedOn();
        String notChanged = unchanged.isEmpty()
                ? ""
                : "approved for " + String.join(", ", unchanged) + ", which " + test + " covered, but its diffs show"
                        + " no change to " + (unchanged.size() == 1 ? "it" : "them");
        if (!modified.isEmpty()) {
            List<String> approved = modified.stream()
                    .filter(i -> ConfigItems.coveredBy(i, c.configItems()))
                    .toList();
            List<String> beyond =
                    modified.stream().filter(i -> !approved.contains(i)).toList();
            String what = approved.isEmpty()
                    ? String.join(", ", beyond) + " beyond its approval"
                    : beyond.isEmpty()
                            ? String.join(", ", approved)
                            : String.join(", ", approved) + " and, beyond its approval, " + String.join(", ", beyond);
            return "the change modified " + what + ", which " + test + " covered"
                    + (notChanged.isEmpty() ? "" : "; it was also " + notChanged);
        }
        if (!notChanged.isEmpty()) {
            return (c.controls().contains(t.control())
                            ? "the change names control " + t.control() + "; it was "
                            : "the change was ")
                    + notChanged;
        }
        return "the change affects control " + t.control() + ", tested on " + t.testedOn();
    }

    /** The items of {@code items} that touch the test's configuration item. */
    private static List<String> matching(List<String> items, ControlTest t) {
        return items.stream()
                .filter(i -> ConfigItems.touches(i, t.configItem()))
                .distinct()
                .toList();
    }

    /**
     * How many retests there are, in words that stay true: a retest item is one control test (a
     * register row: control and configuration item) redone for one change, so the same control test
     * touched by two changes is two items but one control test to retest. The counts are of the
     * outstanding items; {@code done} counts those the register shows redone after their change.
     */
    public record Tally(int items, int controlTests, int changes, int done) {
        public Tally(int items, int controlTests, int changes) {
            this(items, controlTests, changes, 0);
        }

        public static Tally of(List<Retest> retests) {
            Set<String> tests = new LinkedHashSet<>();
            Set<String> changes = new LinkedHashSet<>();
            int items = 0;
            for (Retest r : retests) {
                if (!r.outstanding()) {
                    continue;
                }
                items++;
                tests.add(test(r.control(), r.configItem()));
                changes.add(r.change());
            }
            return new Tally(items, tests.size(), changes.size(), retests.size() - items);
        }

        /** E.g. "8 retest items (5 control tests, 3 changes)": the outstanding ones. */
        public String words() {
            return count(items, "retest item") + " (" + count(controlTests, "control test") + ", "
                    + count(changes, "change") + ")";
        }

        /** E.g. "5 control tests to retest (8 items)": the outstanding ones. */
        public String toRetest() {
            return count(controlTests, "control test") + " to retest (" + count(items, "item") + ")";
        }

        /** E.g. "; 2 retest items done (tested again after their change)"; empty when none is. */
        public String doneWords() {
            return done == 0 ? "" : "; " + count(done, "retest item") + " done (tested again after their change)";
        }

        private static String count(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }

    /** How many of {@code retests} are outstanding: what the fee estimate counts. */
    public static int outstanding(List<Retest> retests) {
        return (int) retests.stream().filter(Retest::outstanding).count();
    }

    /** The controls the register tested on any of {@code items}: what a change request suggests. */
    public static List<String> suggestedControls(List<ControlTest> register, List<String> items) {
        Set<String> out = new LinkedHashSet<>();
        for (ControlTest t : register) {
            if (ConfigItems.touchesAny(t.configItem(), items)) {
                out.add(t.control());
            }
        }
        return List.copyOf(out);
    }
}
