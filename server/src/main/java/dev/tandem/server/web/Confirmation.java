package dev.tandem.server.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The question a destructive action asks before it is done (docs/web.md, "Actions that ask
 * first"): what is about to happen, to whom, and what follows from it, and a form that alone does
 * it, carrying {@code confirm=yes}; a post without it draws this page again and changes nothing.
 * Drawn by {@code templates/confirm.html}, without script.
 *
 * @param title the page's title (before " · Tandem")
 * @param question the heading: the question, e.g. "Revoke the token cli?"
 * @param consequences sentences saying what follows, each a paragraph
 * @param action where the form posts
 * @param fields hidden fields the form sends besides {@code confirm=yes} (a form token among them)
 * @param button the button that does it, e.g. "Revoke cli"
 * @param back where the other choice leads, with nothing done
 * @param backLabel that choice's words, e.g. "Keep it"
 * @param note a notice below the consequences (e.g. that it concerns the caller themself), or null
 */
public record Confirmation(
        String title,
        String question,
        List<String> consequences,
        String action,
        Map<String, String> fields,
        String button,
        String back,
        String backLabel,
        @Nullable String note) {
    /** The view that draws it; the handler puts it in the model as {@code confirmation}. */
    public static final String VIEW = "confirm";

    /** The field whose value {@code yes} confirms. */
    public static final String CONFIRM = "confirm";

    /** Whether a post carried the confirmation. */
    public static boolean confirmed(@Nullable String confirm) {
        return "yes".equals(confirm);
    }
}
