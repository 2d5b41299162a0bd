package dev.tandem.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses (an encoded {@code .}, {@code /} or {@code %}, a
 * {@code ..} segment, a method or header it does not accept, as {@code /api/v1/evidence/%2e%2e}):
 * 400 as before, but as the RFC 9457 problem ({@code bad-request}) for the API and any client that does
 * not prefer HTML, as {@link UnknownPages} answers an unknown address; a browser still gets the error
 * page. The firewall's own message may quote a header's value, so it is not passed on.
 */
@Component
class RefusedRequests implements RequestRejectedHandler {
    private static final int MAX_SHOWN = 200;

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        String uri = request.getRequestURI();
        String path = uri == null
                ? ""
                : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        if (!UnknownPages.isApi(path) && UnknownPages.prefersHtml(request.getHeader(HttpHeaders.ACCEPT))) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        boolean printable =
                uri != null && uri.length() <= MAX_SHOWN && uri.chars().allMatch(c -> c > 0x20 && c < 0x7F);
        Problems.write(
                response,
                HttpStatus.BAD_REQUEST,
                "bad-request",
                "Bad request",
                (printable ? "the request to " + uri : "the request") + " was refused: its address, method or a"
                        + " header holds what the server does not accept (an encoded '.', '/' or '%', a '..'"
                        + " segment, a control character)");
    }
}
