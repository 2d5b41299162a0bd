package dev.tandem.server.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578, on the multipart syntax of
 * RFC 2046 §5.1.1): one part at a time, each part's body an {@link InputStream} that ends at the
 * next delimiter. Nothing is spooled: a form's file is read straight from the request into wherever
 * the caller streams it, in memory bounded by the buffer, whatever its size (ADR 071).
 *
 * <p>Call {@link #next()} for each part; reading the previous part's body to its end is not needed
 * (what is left of it is skipped). Text fields are read with {@link Part#text(int)}, which refuses
 * values longer than asked.
 */
public final class MultipartForm {
    /** RFC 2046 §5.1.1: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY = 70;

    private static final int MAX_HEADER_LINE = 8192;
    private static final int MAX_HEADERS = 32;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    /** CRLF "--" boundary: what ends every part's body (the first one included, see the constructor). */
    private final byte[] delimiter;

    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private @Nullable PartBody current;

    /** The body is malformed: the problem names what is wrong. */
    public static final class MalformedException extends IOException {
        public MalformedException(String message) {
            super(message);
        }
    }

    /**
     * @param contentType the request's {@code Content-Type}, which names the boundary
     * @throws MalformedException when it is not {@code multipart/form-data} with a valid boundary
     */
    public MultipartForm(@Nullable String contentType, InputStream in) throws MalformedException {
        String boundary = boundary(contentType);
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.buf = new byte[BUFFER + delimiter.length + 4];
        // The first delimiter has no CRLF before it (the body may start with it): a CRLF put in front
        // lets one search find it, after any preamble.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** Whether {@code contentType} is {@code multipart/form-data}, with or without parameters. */
    public static boolean isMultipart(@Nullable String contentType) {
        return contentType != null
                && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static String boundary(@Nullable String contentType) throws MalformedException {
        if (!isMultipart(contentType)) {
            throw new MalformedException("the body must be multipart/form-data, got " + contentType);
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                String b = p.substring(eq + 1).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (b.isEmpty()
                        || b.length() > MAX_BOUNDARY
                        || !b.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' ')) {
                    throw new MalformedException("the multipart boundary is not 1 to 70 printable characters");
                }
                return b;
            }
        }
        throw new MalformedException("the multipart/form-data content type names no boundary");
    }

    /** One part: its field name, the file name a browser gives a file field, its content type and body. */
    public record Part(
            String name,
            @Nullable String filename,
            @Nullable String contentType,
            InputStream body) {
        /** Whether this is a file field (it has a file name, perhaps empty when no file was chosen). */
        public boolean isFile() {
            return filename != null;
        }

        /**
         * The body as UTF-8 text (the pages are UTF-8, so browsers send their fields so).
         *
         * @throws MalformedException when it is longer than {@code maxBytes}
         */
        public String text(int maxBytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            int n;
            while ((n = body.read(chunk)) > 0) {
                out.write(chunk, 0, n);
                if (out.size() > maxBytes) {
                    throw new MalformedException(name + ": longer than " + maxBytes + " bytes");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The next part, or null after the last one.
     *
     * @throws MalformedException when the body does not follow RFC 2046 (or ends too early)
     */
    public @Nullable Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.skipRest();
        } else {
            // the preamble before the first delimiter, ignored (RFC 2046 §5.1.1)
            new PartBody().skipRest();
        }
        // after a delimiter: "--" closes the body, otherwise optional white space and CRLF
        fill(2);
        if (available() >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            current = null;
            return null;
        }
        String afterDelimiter = line();
        if (!afterDelimiter.isBlank()) {
            throw new MalformedException("a multipart delimiter is followed by text on its line");
        }
        String name = null;
        String filename = null;
        String contentType = null;
        for (int count = 0; ; count++) {
            String header = line();
            if (header.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                throw new MalformedException("a part has more than " + MAX_HEADERS + " header lines");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new MalformedException("a part's header line has no name: " + abbreviate(header));
            }
            String field = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (field.equals("content-disposition")) {
                name = parameter(value, "name");
                String star = parameter(value, "filename*");
                filename = star != null ? extended(star) : parameter(value, "filename");
            } else if (field.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            throw new MalformedException("a part has no Content-Disposition name (RFC 7578 §4.2)");
        }
        current = new PartBody();
        return new Part(name, filename, contentType, current);
    }

    /** A parameter's value in a header such as {@code form-data; name="kind"; filename="a b.txt"}. */
    static @Nullable String parameter(String header, String wanted) {
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int start = i + 1;
            int eq = header.indexOf('=', start);
            if (eq < 0) {
                return null;
            }
            String key = header.substring(start, eq).strip().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            while (v < header.length() && header.charAt(v) == ' ') {
                v++;
            }
            StringBuilder value = new StringBuilder();
            int end;
            if (v < header.length() && header.charAt(v) == '"') {
                end = v + 1;
                while (end < header.length() && header.charAt(end) != '"') {
                    // a backslash escapes the next character (RFC 2616 quoted-pair), as some clients send
                    if (header.charAt(end) == '\\' && end + 1 < header.length()) {
                        end++;
                    }
                    value.append(header.charAt(end));
                    end++;
                }
                end = header.indexOf(';', end);
            } else {
                end = header.indexOf(';', v);
                value.append(header, v, end < 0 ? header.length() : end);
            }
            if (key.equals(wanted)) {
                return key.endsWith("*") ? value.toString().strip() : decodePercent(value.toString());
            }
            i = end;
        }
        return null;
    }

    /**
     * Browsers percent-encode a double quote, CR and LF in names (the HTML standard's
     * multipart/form-data encoding): {@code %22}, {@code %0D}, {@code %0A}. Other percent signs are
     * left alone, as a name may hold them.
     */
    private static String decodePercent(String s) {
        return s.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }

    /** RFC 8187 {@code charset'lang'percent-encoded} (UTF-8 only). */
    private static String extended(String value) throws MalformedException {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0 || !value.substring(0, first).equalsIgnoreCase("UTF-8")) {
            throw new MalformedException("filename*: only UTF-8''… is understood (RFC 8187)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String encoded = value.substring(second + 1);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                try {
                    out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw new MalformedException("filename*: a bad percent escape (RFC 8187)");
                }
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private int available() {
        return limit - pos;
    }

    /** Tries to have at least {@code n} bytes buffered (fewer only at the end of the input). */
    private void fill(int n) throws IOException {
        if (available() >= n || eof) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, available());
            limit -= pos;
            pos = 0;
        }
        while (available() < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    /** A header line, CRLF (or a bare LF) removed, decoded as UTF-8. */
    private String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            fill(1);
            if (available() == 0) {
                throw new MalformedException("the body ends inside a part's headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                byte[] bytes = out.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            out.write(b);
            if (out.size() > MAX_HEADER_LINE) {
                throw new MalformedException("a part's header line is longer than " + MAX_HEADER_LINE + " bytes");
            }
        }
    }

    /**
     * Where the delimiter starts in {@code buf[from, limit)}, or -1. A delimiter that may begin in
     * the last {@code delimiter.length - 1} bytes is not yet decided: -2 then, at its start.
     */
    private int find(int from) {
        int last = limit - delimiter.length;
        outer:
        for (int i = from; i < limit; i++) {
            if (buf[i] != '\r') {
                continue;
            }
            if (i > last) {
                // too few bytes to tell: compare what there is
                for (int k = 1; i + k < limit; k++) {
                    if (buf[i + k] != delimiter[k]) {
                        continue outer;
                    }
                }
                return -2 - i;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A part's body: the bytes up to the next delimiter, which it consumes at its end. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                fill(delimiter.length);
                int at = find(pos);
                int end;
                if (at >= 0) {
                    end = at;
                } else if (at == -1) {
                    end = limit;
                } else {
                    end = -2 - at; // a possible delimiter begins there: not decided yet
                }
                if (end > pos) {
                    int n = Math.min(len, end - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (at >= 0) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
                if (eof) {
                    throw new EOFException("the multipart body ends before its closing delimiter");
                }
                // fewer bytes than a delimiter are left, all of them a delimiter's beginning: read on
                int before = available();
                fill(before + 1);
                if (available() == before && !eof) {
                    throw new MalformedException("the multipart body could not be read on");
                }
            }
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discarded
            }
        }
    }
}
