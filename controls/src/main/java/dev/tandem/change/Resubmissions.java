package dev.tandem.change;

import dev.tandem.controls.ConfigItems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Requests for the same configuration items (docs/change-control.md "Resubmissions"): a change
 * requested again after it was refused, or while an identical request is still open, is linked to
 * the earlier request so that the answer, the page and the audit-continuity report name it and its
 * decision, and two identical requests open at once are flagged (one approval could be carried out
 * twice, or the refusal of one overtaken by the approval of the other).
 */
public final class Resubmissions {
    private Resubmissions() {}

    /** A change request as resubmissions see it: its configuration items and where it stands. */
    public record Request(String id, List<String> configItems, ChangeStatus status) {
        public Request {
            configItems = List.copyOf(configItems);
        }

        /** Neither executed, rejected nor withdrawn: it may still be approved or carried out. */
        public boolean open() {
            return status == ChangeStatus.REQUESTED || status == ChangeStatus.APPROVED;
        }
    }

    /**
     * Whether two requests name the same configuration items, in any order, blanks and repeats aside,
     * each compared as the register and the diffs compare items ({@link ConfigItems#key}): ignoring
     * case and the spacing around the type, the colon and the {@code #}. A whole item and one of its
     * parts are two items: a request for either is no request for the other.
     */
    public static boolean sameItems(List<String> a, List<String> b) {
        return items(a).equals(items(b));
    }

    private static Set<String> items(List<String> l) {
        Set<String> out = new HashSet<>();
        for (String s : l) {
            if (!s.isBlank()) {
                out.add(ConfigItems.key(s));
            }
        }
        return out;
    }

    /**
     * The requests before {@code self} in {@code inOrder} (the incident's requests, oldest first) for
     * the same items that were rejected or are still open: {@code self} requests again what was
     * refused, or what awaits its decision. An earlier one executed or withdrawn is no resubmission.
     */
    public static List<Request> earlier(String self, List<Request> inOrder) {
        Request me = find(self, inOrder);
        List<Request> out = new ArrayList<>();
        if (me == null) {
            return out;
        }
        for (Request r : inOrder) {
            if (r.id().equals(self)) {
                break;
            }
            if ((r.status() == ChangeStatus.REJECTED || r.open()) && sameItems(r.configItems(), me.configItems())) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The other requests open for the same items while {@code self} is open: two identical requests
     * open at once, flagged on both. Empty when {@code self} is closed.
     */
    public static List<Request> openTwins(String self, List<Request> all) {
        Request me = find(self, all);
        if (me == null || !me.open()) {
            return List.of();
        }
        return all.stream()
                .filter(r -> !r.id().equals(self) && r.open() && sameItems(r.configItems(), me.configItems()))
                .toList();
    }

    private static @org.jspecify.annotations.Nullable Request find(String id, List<Request> all) {
        return all.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }
}
