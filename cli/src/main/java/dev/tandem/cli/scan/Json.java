package dev.tandem.cli.scan;

/** JSON string literals (RFC 8259 §7) for the line-oriented outputs, without a tree in between. */
public final class Json {
    private Json() {}

    /** {@code s} as a JSON string literal: the escapes of {@link Utf8Lines#jsonString(String)}, one escaper for both. */
    public static void string(StringBuilder sb, String s) {
        Utf8Lines t = new Utf8Lines(s.length() + 2);
        t.jsonString(s);
        sb.append(t);
    }
}
