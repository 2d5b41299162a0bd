package dev.tandem.server.access;

/**
 * The policy refused: 403 with the reason, or 404 answered exactly as for an item that does not
 * exist ({@code what} and {@code id} name what the path asked for).
 */
public final class AccessDenied extends RuntimeException {
    private final boolean hidden;
    private final String what;
    private final String id;

    private AccessDenied(boolean hidden, String what, String id, String message) {
        super(message);
        this.hidden = hidden;
        this.what = what;
        this.id = id;
    }

    public static AccessDenied forbidden(String reason) {
        return new AccessDenied(false, "", "", reason);
    }

    public static AccessDenied hidden(String what, String id) {
        return new AccessDenied(true, what, id, "no " + what + " " + id);
    }

    public static AccessDenied of(Decision decision, String what, String id) {
        return switch (decision) {
            case Decision.Forbidden f -> forbidden(f.reason());
            case Decision.Hidden h -> hidden(what, id);
            case Decision.Permit p -> throw new IllegalArgumentException("a permit is not a denial");
        };
    }

    public boolean hidden() {
        return hidden;
    }

    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
