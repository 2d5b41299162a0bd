package dev.tandem.server.ledger.fact;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change was carried out ({@code change.executed}): its post-change snapshots, the notes, whether
 * it was made before its approvals (an emergency change, or a post-change snapshot received before
 * the approval: {@code snapshotsBeforeApproval}), each pre/post diff in short, the configuration
 * items the diffs touched and those beyond the approved ones ({@code unapprovedItems}), the approved
 * items the diffs show no change to where every diff names the items it changed ({@code
 * unchangedItems}: not carried out, or outside the snapshots), and the retests it caused as the register stood. Privileged when a snapshot is FORENSIC: the diff tells
 * its content. What everyone may know of it then (docs/change-control.md) is recorded as flags and
 * counts beside the lists: {@code madeBeforeApproval} (a post-change snapshot predates the
 * approval), {@code unapprovedCount} (how many items went beyond it) and {@code publicRetests} (the
 * retests from the approved items alone, as whoever may not read the snapshots is shown them).
 * {@code executorApproved}: the approver roles in which the executor approved the change, a
 * segregation-of-duties observation (docs/adr/106-emergency-approval-and-segregation-of-duties.md); absent when none.
 */
public record ChangeExecuted(
        String incident,
        String change,
        List<String> postSnapshots,
        String notes,
        boolean beforeApproval,
        List<DiffSummary> diffs,
        int retests,
        boolean restsOnForensic,
        List<String> touchedItems,
        List<String> unapprovedItems,
        List<String> snapshotsBeforeApproval,
        int publicRetests,
        List<String> unchangedItems,
        List<String> executorApproved)
        implements Fact {
    public ChangeExecuted {
        executorApproved = List.copyOf(executorApproved);
        postSnapshots = List.copyOf(postSnapshots);
        diffs = List.copyOf(diffs);
        touchedItems = List.copyOf(touchedItems);
        unapprovedItems = List.copyOf(unapprovedItems);
        snapshotsBeforeApproval = List.copyOf(snapshotsBeforeApproval);
        unchangedItems = List.copyOf(unchangedItems);
    }

    /** One compared pair: the formats and the first differences in words. */
    public record DiffSummary(@Nullable String pre, String post, String format, int differences, List<String> first) {
        public DiffSummary {
            first = List.copyOf(first);
        }
    }

    @Override
    public String type() {
        return "change.executed";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = Fact.object().put("change", change);
        postSnapshots.forEach(b.putArray("postSnapshots")::add);
        b.put("notes", notes).put("beforeApproval", beforeApproval);
        b.put("madeBeforeApproval", !snapshotsBeforeApproval.isEmpty());
        snapshotsBeforeApproval.forEach(b.putArray("snapshotsBeforeApproval")::add);
        var diffs = b.putArray("diffs");
        for (DiffSummary d : this.diffs) {
            ObjectNode o = diffs.addObject();
            if (d.pre() != null) {
                o.put("pre", d.pre());
            }
            o.put("post", d.post()).put("format", d.format()).put("differences", d.differences());
            d.first().forEach(o.putArray("first")::add);
        }
        touchedItems.forEach(b.putArray("touchedItems")::add);
        unapprovedItems.forEach(b.putArray("unapprovedItems")::add);
        b.put("unapprovedCount", unapprovedItems.size());
        unchangedItems.forEach(b.putArray("unchangedItems")::add);
        b.put("retests", retests).put("publicRetests", publicRetests);
        // the approver roles its executor approved it in: a segregation-of-duties observation
        executorApproved.forEach(b.putArray("executorApproved")::add);
        return b;
    }

    @Override
    public boolean privileged() {
        return restsOnForensic;
    }
}
