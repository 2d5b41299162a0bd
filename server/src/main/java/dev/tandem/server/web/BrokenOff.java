package dev.tandem.server.web;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Field;
import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaks off an answer whose status and first bytes are already sent, so that the client sees a
 * broken transfer (fewer bytes than its Content-Length, or no last chunk) rather than an answer that
 * looks complete. The servlet API has no such call; Tomcat, the embedded server, does it with
 * {@code CLOSE_NOW}, which its own error valve uses for a failure after the answer is committed.
 * Throwing instead does not serve: Spring's exception handlers take any exception first, and treat
 * a client-abort exception as handled, so the container would end the answer normally.
 */
final class BrokenOff {
    private static final Logger log = LoggerFactory.getLogger(BrokenOff.class);

    private BrokenOff() {}

    /**
     * True when {@code response} was under way and has been broken off because of {@code cause}
     * (logged by whoever threw it); false when nothing was sent yet, with the answer's headers and
     * buffer cleared for a problem in their place.
     */
    static boolean ifCommitted(Exception cause, HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.reset();
            return false;
        }
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper w) {
            r = w.getResponse();
        }
        try {
            if (r instanceof ResponseFacade facade) {
                Field f = ResponseFacade.class.getDeclaredField("response");
                f.setAccessible(true);
                ((Response) f.get(facade)).getCoyoteResponse().action(ActionCode.CLOSE_NOW, cause);
                return true;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("could not break off the answer ({}); it ends short of its content", e.toString());
            return true;
        }
        log.warn("could not break off the answer (not Tomcat); it ends short of its content");
        return true;
    }
}
