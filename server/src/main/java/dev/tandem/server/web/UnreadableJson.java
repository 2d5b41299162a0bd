package dev.tandem.server.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Why a request's JSON body could not be read, in words for the caller (400 {@code bad-request}): where
 * (line and column, and the field for a value of the wrong type) and what was wrong, without
 * Jackson's exception names, the server's class names or a stack trace.
 */
final class UnreadableJson {
    private static final int MAX_REASON = 200;
    private static final int MAX_VALUE = 60;

    private UnreadableJson() {}

    /** The first Jackson failure among {@code e}'s causes, or null when the body failed otherwise. */
    static @Nullable JacksonException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                return j;
            }
        }
        return null;
    }

    /** The problem's detail for {@code e}, starting {@code body:}. */
    static String detail(JacksonException e) {
        String at = at(e.getLocation());
        if (e instanceof PropertyBindingException p) {
            return "body: " + where(field(e.getPath(), p.getPropertyName()), at) + "not a known field";
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty() && String.valueOf(m.getOriginalMessage()).startsWith("No content to map")) {
                return "body: empty, a JSON value is required";
            }
            String got = m instanceof InvalidFormatException f && f.getValue() != null ? got(f.getValue()) : "";
            return "body: " + where(field(m.getPath(), null), at) + "expected " + expected(m.getTargetType()) + got;
        }
        if (e instanceof DatabindException) {
            return "body: " + where(field(e.getPath(), null), at) + "not a value this call takes";
        }
        if (e instanceof StreamConstraintsException) {
            return "body: not valid JSON" + at
                    + ": it exceeds the reader's limits (nesting depth, length of a number, string or name)";
        }
        return "body: not valid JSON" + at + reason(e.getOriginalMessage());
    }

    /** {@code field "a.b" at line L, column C: }, either part left out when unknown. */
    private static String where(String field, String at) {
        String w = ((field.isEmpty() ? "" : "field \"" + field + "\"") + at).strip();
        return w.isEmpty() ? "" : w + ": ";
    }

    /** {@code " at line L, column C"}, or nothing when Jackson did not know. */
    private static String at(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr()
                + (location.getColumnNr() < 1 ? "" : ", column " + location.getColumnNr());
    }

    /** The field's path as a caller writes it: {@code changes[2].title}. */
    private static String field(List<JacksonException.Reference> path, @Nullable String last) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        if (b.isEmpty() && last != null) {
            b.append(last);
        }
        return b.toString();
    }

    /** What a value of {@code type} is in JSON's words. */
    static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == char.class || type == Character.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "a date or time as a string";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String got(Object value) {
        String s = String.valueOf(value);
        if (s.length() > MAX_VALUE) {
            s = s.substring(0, MAX_VALUE) + "…";
        }
        return value instanceof CharSequence ? ", got \"" + s + "\"" : ", got " + s;
    }

    /**
     * Jackson's words for a syntax error ("unexpected character ('}'): was expecting double-quote to
     * start property name"), without its character codes and source descriptions; nothing when they
     * name more than the JSON.
     */
    private static String reason(@Nullable String original) {
        if (original == null || original.isBlank()) {
            return "";
        }
        String r = original;
        for (String cut : List.of("\n", " (start marker at", " at [Source")) {
            int i = r.indexOf(cut);
            if (i >= 0) {
                r = r.substring(0, i);
            }
        }
        r = r.replaceAll("\\s*\\(code \\d+\\)", "").strip();
        if (r.isEmpty() || r.contains("`") || r.contains("Feature") || r.contains("Exception")) {
            return "";
        }
        if (r.length() > MAX_REASON) {
            r = r.substring(0, MAX_REASON) + "…";
        }
        return ": " + r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }
}
