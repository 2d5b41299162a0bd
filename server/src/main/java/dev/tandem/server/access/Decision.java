package dev.tandem.server.access;

/** The policy's answer: permit, forbidden (403), or hidden (404: the caller may not know it exists). */
public sealed interface Decision permits Decision.Permit, Decision.Forbidden, Decision.Hidden {

    record Permit() implements Decision {}

    /** The caller may know the item exists but may not do this; {@code reason} is shown to them. */
    record Forbidden(String reason) implements Decision {}

    /** Answered exactly as an item that does not exist. */
    record Hidden() implements Decision {}

    Decision PERMIT = new Permit();
    Decision HIDDEN = new Hidden();

    static Decision forbidden(String reason) {
        return new Forbidden(reason);
    }
}
