package dev.tandem.server;

/**
 * A CSV cell a spreadsheet opens as text, never as a formula: one that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return (what Excel, LibreOffice and Google
 * Sheets take for the start of a formula) gets a leading apostrophe, as OWASP's "CSV Injection"
 * guidance says. Used for every CSV the server writes from text people typed (the retests,
 * docs/change-control.md; the timeline, docs/contracts.md "Additions").
 */
public final class SpreadsheetCell {
    private SpreadsheetCell() {}

    /** {@code text}, with a leading {@code '} when a spreadsheet would run it. */
    public static String of(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }
}
