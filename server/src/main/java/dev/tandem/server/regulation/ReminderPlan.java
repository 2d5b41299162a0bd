package dev.tandem.server.regulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which reminders are due at a moment: for a pending obligation with a fixed deadline, lead time L
 * is reached once {@code now >= due - L}. Each (obligation, lead time, due instant) is reminded once.
 * When several lead times are reached together and none of them was sent (the obligation appeared
 * close to its deadline, or the server was down) one message is sent, for the nearest, and the
 * others are recorded as covered by it rather than posted as a burst.
 */
final class ReminderPlan {
    private ReminderPlan() {}

    /** One message to post: for {@code leadTime}, recording also {@code covers} (which includes it). */
    record Reminder(StoredObligation obligation, Duration leadTime, List<Duration> covers) {}

    static String key(String obligationId, Duration leadTime, Instant due) {
        return obligationId + "|" + leadTime + "|" + due;
    }

    static List<Reminder> due(List<StoredObligation> pending, List<Duration> leadTimes, Set<String> sent, Instant now) {
        List<StoredObligation> owed = pending.stream()
                .filter(o -> o.due() != null
                        && o.placement() == StoredObligation.Placement.OWED
                        && o.status() == Lifecycle.Status.PENDING)
                .toList();
        return reached(owed, StoredObligation::id, o -> java.util.Objects.requireNonNull(o.due()), leadTimes, sent, now)
                .stream()
                .map(t -> new Reminder(t.item(), t.leadTime(), t.covers()))
                .toList();
    }

    /** One message for an item of any kind with a deadline: for {@code leadTime}, recording {@code covers}. */
    record Timed<T>(T item, Duration leadTime, List<Duration> covers) {}

    /**
     * The rule for any items with a deadline (obligations, evidence requests): an item whose lead
     * times not yet sent are reached gets one message, for the nearest of them.
     */
    static <T> List<Timed<T>> reached(
            List<T> items,
            Function<T, String> id,
            Function<T, Instant> dueOf,
            List<Duration> leadTimes,
            Set<String> sent,
            Instant now) {
        List<Duration> nearestFirst =
                leadTimes.stream().sorted(Comparator.naturalOrder()).distinct().toList();
        List<Timed<T>> out = new ArrayList<>();
        for (T item : items) {
            Instant due = dueOf.apply(item);
            List<Duration> reached = new ArrayList<>();
            for (Duration lead : nearestFirst) {
                if (!now.isBefore(due.minus(lead)) && !sent.contains(key(id.apply(item), lead, due))) {
                    reached.add(lead);
                }
            }
            if (!reached.isEmpty()) {
                out.add(new Timed<>(item, reached.getFirst(), List.copyOf(reached)));
            }
        }
        return out;
    }
}
