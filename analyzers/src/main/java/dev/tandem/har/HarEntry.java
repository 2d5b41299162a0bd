package dev.tandem.har;

import java.util.Locale;

/**
 * One request and its response from a HAR capture, bodies decoded (base64 when the HAR says so).
 *
 * @param line the line of the capture on which the entry starts
 * @param pageref the entry's {@code pageref} (HAR 1.2 §entries), or "" (proxies write none)
 * @param pageUrl the URL of the page the entry belongs to, from {@code log.pages[].title} when that
 *     title is a URL (Chrome DevTools writes the page's URL there), or ""
 * @param navigation whether the request loaded a top-level document: {@code _resourceType}
 *     "document" (Chrome), {@code Sec-Fetch-Mode: navigate} with {@code Sec-Fetch-Dest: document}
 *     (Fetch Metadata, sent by current browsers and kept by proxies), or, when neither is present,
 *     a GET answered with an HTML page
 * @param referer the Referer request header, or ""
 * @param requestBody {@code request.postData.text} (or its params as a form), possibly empty
 * @param responseBody {@code response.content.text}, decoded, possibly empty
 */
public record HarEntry(
        String file,
        long line,
        String pageref,
        String pageUrl,
        boolean navigation,
        String method,
        String url,
        String referer,
        String requestContentType,
        byte[] requestBody,
        int status,
        String responseContentType,
        byte[] responseBody) {

    /** The URL without its query and fragment. */
    public String urlWithoutQuery() {
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }

    /** True when the URL's scheme is plain {@code http}. */
    public boolean cleartext() {
        return url.regionMatches(true, 0, "http:", 0, 5);
    }

    static boolean isHtml(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/html") || t.startsWith("application/xhtml");
    }
}
