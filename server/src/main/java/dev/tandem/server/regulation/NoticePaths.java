package dev.tandem.server.regulation;

import dev.tandem.regulation.notice.Art33Notice;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/** Which Art. 33 notice a request is for: one rule for the API ({@link NoticeController}) and the pages. */
final class NoticePaths {
    private NoticePaths() {}

    /**
     * The notice named by the path the request was mapped by, API or page ({@code …/notices/{notice}…}):
     * the notice of that segment, else the GDPR one's.
     */
    static Art33Notice notice(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = pattern == null ? "" : pattern.toString();
        int at = path.indexOf("/notices/");
        if (at < 0) {
            return Art33Notice.EU_GDPR;
        }
        String rest = path.substring(at + "/notices/".length());
        int end = rest.indexOf('/');
        return Art33Notice.byId(end < 0 ? rest : rest.substring(0, end)).orElse(Art33Notice.EU_GDPR);
    }
}
