package dev.tandem.har;

/**
 * One request and its response from a HAR capture, bodies decoded (base64 when the HAR says so).
 *
 * @param line the line of the capture on which the entry starts
 * @param pageUrl the URL of the page the entry belongs to (from {@code log.pages}), or ""
 * @param referer the Referer request header, or ""
 * @param requestBody {@code request.postData.text} (or its params as a form), possibly empty
 * @param responseBody {@code response.content.text}, decoded, possibly empty
 */
public record HarEntry(
        String file,
        long line,
        String pageUrl,
        String method,
        String url,
        String referer,
        String requestContentType,
        byte[] requestBody,
        int status,
        String responseContentType,
        byte[] responseBody) {}
