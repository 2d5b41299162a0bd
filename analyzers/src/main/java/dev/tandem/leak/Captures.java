package dev.tandem.leak;

import dev.tandem.har.HarEntry;
import dev.tandem.payload.PayloadInspector;
import dev.tandem.payload.PayloadPii;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What HAR captures show, aggregated per third-party host called from checkout pages and per
 * product/discovery endpoint. Only bodies in those two contexts are inspected for personal data.
 */
final class Captures {
    private final Thresholds t;
    private final PayloadInspector inspector;
    final Map<String, Flow> checkout = new LinkedHashMap<>();
    final Map<String, Flow> productApis = new LinkedHashMap<>();
    long entries;

    /** Personal data seen going to one host or coming from one endpoint. */
    static final class Flow {
        final String id;
        final String host;
        final Set<String> pages = new LinkedHashSet<>();
        PayloadPii pii = PayloadPii.NONE;
        long entries;
        boolean cleartext;
        final Behaviour.Top top = new Behaviour.Top();

        Flow(String id, String host) {
            this.id = id;
            this.host = host;
        }
    }

    Captures(Thresholds t, PayloadInspector inspector) {
        this.t = t;
        this.inspector = inspector;
    }

    void accept(HarEntry e) {
        entries++;
        String host = Hosts.host(e.url());
        if (host.isEmpty()) {
            return;
        }
        String page = !e.pageUrl().isEmpty() ? e.pageUrl() : e.referer();
        String pageHost = Hosts.host(page);
        if (!pageHost.isEmpty() && isCheckout(page) && isThirdParty(host, pageHost)) {
            PayloadPii sent = inspector.inspect(e.requestBody(), e.requestContentType());
            String query = Hosts.query(e.url());
            if (!query.isEmpty()) {
                sent = sent.plus(
                        inspector.inspect(query.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
            }
            if (sent.any()) {
                Flow f = checkout.computeIfAbsent(host, h -> new Flow(h, h));
                f.pages.add(Hosts.withoutQuery(page));
                f.pii = f.pii.plus(sent);
                f.entries++;
                f.cleartext |= e.url().toLowerCase(Locale.ROOT).startsWith("http:");
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
