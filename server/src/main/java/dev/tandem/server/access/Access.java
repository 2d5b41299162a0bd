package dev.tandem.server.access;

import dev.tandem.evidence.Repository;

/**
 * The permitted request as the handler sees it: who is calling, with their role in the incident
 * and their grants, and what the path resolved to. Handlers take it as a parameter and use it to
 * redact their answers ({@link #mayRead}) and for decisions that depend on the body.
 */
public record Access(Caller caller, Resource resource) {

    public String username() {
        return caller.username();
    }

    /** May the caller read this evidence item's content and full metadata? */
    public boolean mayRead(String evidenceId, Repository repository) {
        return caller.mayRead(evidenceId, repository);
    }

    /** Asks the policy about a further action on a further resource (an item named in the body). */
    public void require(Action action, Resource other, String what, String id) {
        Decision d = AccessPolicy.decide(caller, action, other);
        if (!(d instanceof Decision.Permit)) {
            throw AccessDenied.of(d, what, id);
        }
    }
}
