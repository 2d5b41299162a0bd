package dev.tandem.leak;

import dev.tandem.har.HarEntry;
import dev.tandem.payload.PayloadInspector;
import dev.tandem.payload.PayloadPii;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What HTTP captures show, aggregated per third-party host that storefront pages send personal
 * data to and per product/discovery endpoint that answers with it.
 *
 * <p>The page a request was made from is not always written down: browsers send only the origin
 * as {@code Referer} on cross-origin requests (the default policy {@code
 * strict-origin-when-cross-origin}, W3C Referrer Policy §3), and proxies (mitmproxy, Charles,
 * Fiddler) write HARs without {@code pages} or {@code pageref}. The page is then inferred from the
 * capture itself ({@link Pages}): the top-level navigation that preceded the request in the same
 * file.
 */
final class Captures {
    private final Thresholds t;
    private final PayloadInspector inspector;
    final Map<String, Flow> thirdParty = new LinkedHashMap<>();
    final Map<String, Flow> productApis = new LinkedHashMap<>();
    long entries;
    private Pages pages = new Pages("");

    /** Personal data seen going to one host or coming from one endpoint. */
    static final class Flow {
        final String id;
        final String host;
        final Set<String> pages = new LinkedHashSet<>();
        final Set<String> checkoutPages = new LinkedHashSet<>();
        final Set<String> inferredFrom = new LinkedHashSet<>();
        PayloadPii pii = PayloadPii.NONE;
        long entries;
        boolean cleartext;
        final Behaviour.Top top = new Behaviour.Top();

        Flow(String id, String host) {
            this.id = id;
            this.host = host;
        }

        boolean fromCheckout() {
            return !checkoutPages.isEmpty();
        }
    }

    /** Where a page came from, for the rationale. */
    enum PageSource {
        REFERER("the Referer header"),
        PAGE("the capture's pages"),
        NAVIGATION("the navigation before it in the capture"),
        REFERER_ORIGIN("the Referer origin");

        final String text;

        PageSource(String text) {
            this.text = text;
        }
    }

    record Page(String url, PageSource source) {}

    /** The navigations of one capture file, in the order they were written. */
    static final class Pages {
        final String file;
        private final Map<String, String> firstOfPageref = new HashMap<>();
        private final Map<String, String> lastOfOrigin = new HashMap<>();
        private String last = "";

        Pages(String file) {
            this.file = file;
        }

        void navigated(HarEntry e) {
            String url = e.urlWithoutQuery();
            if (!e.pageref().isEmpty()) {
                firstOfPageref.putIfAbsent(e.pageref(), url);
            }
            lastOfOrigin.put(Hosts.origin(url), url);
            last = url;
        }

        /**
         * The page a request came from: a Referer naming a path in a site the capture navigated
         * to (same-origin requests and the {@code no-referrer-when-downgrade} or {@code
         * unsafe-url} policies send the whole URL, which also follows client-side route changes),
         * else the page the capture names, else the navigation that preceded it in the Referer's
         * origin, else the Referer's origin alone when the capture has no navigation in another
         * site, else the last navigation. A Referer from a site the capture never navigated to is
         * an embedded frame's (a payment field, a chat widget): its requests belong to the page
         * around it.
         */
        Page of(HarEntry e) {
            String ref = e.referer().strip();
            String refOrigin = ref.isEmpty() ? "" : Hosts.origin(ref);
            boolean navigatedThere = !refOrigin.isEmpty() && lastOfOrigin.containsKey(refOrigin);
            boolean frame = !refOrigin.isEmpty() && !lastOfOrigin.isEmpty() && !navigatedThere;
            if (!refOrigin.isEmpty() && !frame && !Hosts.path(ref).equals("/")) {
                return new Page(Hosts.withoutQuery(ref), PageSource.REFERER);
            }
            if (!e.pageUrl().isEmpty()) {
                return new Page(Hosts.withoutQuery(e.pageUrl()), PageSource.PAGE);
            }
            String fromPageref = e.pageref().isEmpty() ? null : firstOfPageref.get(e.pageref());
            if (fromPageref != null) {
                return new Page(fromPageref, PageSource.PAGE);
            }
            if (navigatedThere) {
                return new Page(lastOfOrigin.get(refOrigin), PageSource.NAVIGATION);
            }
            if (!refOrigin.isEmpty() && !frame) {
                return new Page(Hosts.withoutQuery(ref), PageSource.REFERER_ORIGIN);
            }
            return new Page(last, PageSource.NAVIGATION);
        }
    }

    Captures(Thresholds t, PayloadInspector inspector) {
        this.t = t;
        this.inspector = inspector;
    }

    void accept(HarEntry e) {
        entries++;
        if (!pages.file.equals(e.file())) {
            pages = new Pages(e.file());
        }
        String host = Hosts.host(e.url());
        if (host.isEmpty()) {
            return;
        }
        // the page of a navigation is the one it leaves, so infer before recording it
        Page page = pages.of(e);
        if (e.navigation()) {
            pages.navigated(e);
        }
        String pageHost = Hosts.host(page.url());
        if (!pageHost.isEmpty() && !e.navigation() && isThirdParty(host, pageHost)) {
            PayloadPii sent = inspector.inspect(e.requestBody(), e.requestContentType());
            String query = Hosts.query(e.url());
            if (!query.isEmpty()) {
                sent = sent.plus(
                        inspector.inspect(query.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
            }
            if (sent.any()) {
                Flow f = thirdParty.computeIfAbsent(host, h -> new Flow(h, h));
                f.pages.add(page.url());
                if (isCheckout(page.url())) {
                    f.checkoutPages.add(page.url());
                }
                if (page.source() != PageSource.PAGE) {
                    f.inferredFrom.add(page.source().text);
                }
                f.pii = f.pii.plus(sent);
                f.entries++;
                f.cleartext |= e.cleartext();
                f.top.offer(Math.max(1, sent.records()), e.file(), e.line());
            }
        }
        String path = Hosts.path(e.url());
        if (isProductApi(path) && e.responseBody().length > 0 && e.status() < 400) {
            PayloadPii returned = inspector.inspect(e.responseBody(), e.responseContentType());
            if (returned.records() > 0) {
                String id = e.method().toUpperCase(Locale.ROOT) + " " + host + Hosts.template(path);
                Flow f = productApis.computeIfAbsent(id, k -> new Flow(k, host));
                f.pii = f.pii.plus(returned);
                f.entries++;
                f.top.offer(Math.max(1, returned.records()), e.file(), e.line());
            }
        }
    }

    /** Checkout and payment pages (URL fragments in {@link Thresholds#checkoutMarkers()}). */
    boolean isCheckout(String pageUrl) {
        String u = pageUrl.toLowerCase(Locale.ROOT);
        for (String m : t.checkoutMarkers()) {
            if (u.contains(m)) {
                return true;
            }
        }
        return false;
    }

    boolean isProductApi(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        for (String m : t.productApiMarkers()) {
            if (p.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** A host outside the page's registrable domain, the configured first parties and processors. */
    boolean isThirdParty(String host, String pageHost) {
        if (Hosts.registrable(host).equals(Hosts.registrable(pageHost))) {
            return false;
        }
        for (String d : t.firstPartyDomains()) {
            if (Hosts.within(host, d)) {
                return false;
            }
        }
        for (String d : t.approvedProcessors()) {
            if (Hosts.within(host, d)) {
                return false;
            }
        }
        return true;
    }
}
