package dev.tandem.ledger;

import java.util.Set;

/** A {@link NodeStore} was asked for nodes it does not hold: the stored tree is incomplete or the size is wrong. */
public final class MissingNodesException extends IllegalStateException {

    private final Set<NodeId> missing;

    public MissingNodesException(Set<NodeId> missing) {
        super("the node store lacks " + missing.size() + " node(s), e.g. "
                + missing.stream().limit(5).map(NodeId::toString).toList());
        this.missing = Set.copyOf(missing);
    }

    public Set<NodeId> missing() {
        return missing;
    }
}
