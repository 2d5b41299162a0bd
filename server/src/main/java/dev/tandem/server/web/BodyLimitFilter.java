package dev.tandem.server.web;

import dev.tandem.server.ByteSize;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are size-checked before they are read: a declared length over
 * {@code tandem.api.max-body-bytes} is refused at once (413), and a body streamed without one is
 * cut off when it passes the limit. Evidence uploads (the API's and the page's form) stream to the
 * vault and have their own limit ({@code tandem.evidence.max-bytes}); they are not counted here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitFilter extends OncePerRequestFilter {
    /** The API's upload and the web page's upload form. */
    private static final Pattern EVIDENCE_UPLOAD = Pattern.compile("(/api/v1)?/incidents/[^/]+/evidence/?");

    private final long maxBytes;

    BodyLimitFilter(@Value("${tandem.api.max-body-bytes:5242880}") ByteSize maxBytes) {
        this.maxBytes = maxBytes.bytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = "POST".equals(request.getMethod())
                && EVIDENCE_UPLOAD.matcher(request.getRequestURI()).matches();
        if (upload) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            Problems.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body-too-large",
                    "Body too large",
                    "the request body has " + declared + " bytes; at most " + maxBytes
                            + " are accepted (tandem.api.max-body-bytes)");
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    /** A body read past the limit fails the read; {@link Problems} answers 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long max) {
            super("the request body is larger than " + max + " bytes (tandem.api.max-body-bytes)");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream in;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                ServletInputStream raw = super.getRequest().getInputStream();
                in = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = raw.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = raw.read(buf, off, len);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLargeException(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        raw.setReadListener(listener);
                    }
                };
            }
            return in;
        }
    }
}
