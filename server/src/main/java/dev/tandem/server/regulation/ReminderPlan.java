package dev.tandem.server.regulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

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
        List<Duration> nearestFirst =
                leadTimes.stream().sorted(Comparator.naturalOrder()).distinct().toList();
        List<Reminder> out = new ArrayList<>();
        for (StoredObligation o : pending) {
            Instant due = o.due();
            if (due == null
                    || o.placement() != StoredObligation.Placement.OWED
                    || o.status() != Lifecycle.Status.PENDING) {
                continue;
            }
            List<Duration> reached = new ArrayList<>();
            for (Duration lead : nearestFirst) {
                if (!now.isBefore(due.minus(lead)) && !sent.contains(key(o.id(), lead, due))) {
                    reached.add(lead);
                }
            }
            if (!reached.isEmpty()) {
                out.add(new Reminder(o, reached.getFirst(), List.copyOf(reached)));
            }
        }
        return out;
    }
}
