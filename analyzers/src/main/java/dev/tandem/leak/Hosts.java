package dev.tandem.leak;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Host names, registrable domains and URL paths, without a network look-up. */
final class Hosts {
    /**
     * Second-level labels under which registrations happen one level deeper (co.uk, com.au ...): a
     * small stand-in for the Public Suffix List, enough to tell first from third parties.
     */
    private static final Set<String> SECOND_LEVEL =
            Set.of("co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "gob", "gv");

    private Hosts() {}

    static String host(String url) {
        try {
            String h = URI.create(url.strip().replace(" ", "%20")).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            int start = url.indexOf("://");
            if (start < 0) {
                return "";
            }
            String rest = url.substring(start + 3);
            int end = rest.length();
            for (char c : new char[] {'/', '?', '#', ':'}) {
                int i = rest.indexOf(c);
                if (i >= 0) {
                    end = Math.min(end, i);
                }
            }
            return rest.substring(0, end).toLowerCase(Locale.ROOT);
        }
    }

    /** The URL's port, or 80 when it names none (a plain-HTTP URL's default port) or cannot be read. */
    static int httpPort(String url) {
        try {
            int p = URI.create(url.strip().replace(" ", "%20")).getPort();
            return p < 0 ? 80 : p;
        } catch (IllegalArgumentException e) {
            return 80;
        }
    }

    /** The egress proxy's item for a host's plain-HTTP ports: {@code Egress:host:80} or {@code Egress:host:80,8080}. */
    static String egressItem(String host, java.util.Collection<Integer> ports) {
        java.util.SortedSet<Integer> sorted = new java.util.TreeSet<>(ports);
        if (sorted.isEmpty()) sorted.add(80);
        StringBuilder b = new StringBuilder("Egress:").append(host).append(':');
        boolean first = true;
        for (int p : sorted) {
            if (!first) b.append(',');
            first = false;
            b.append(p);
        }
        return b.toString();
    }

    static String path(String url) {
        try {
            String p = URI.create(url.strip().replace(" ", "%20")).getRawPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    /** scheme://host[:port] of a URL, lower-cased, or "" when it has none. */
    static String origin(String url) {
        try {
            URI u = URI.create(url.strip().replace(" ", "%20"));
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                    + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static String query(String url) {
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q + 1);
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** example.co.uk for shop.example.co.uk, example.com for api.example.com. */
    static String registrable(String host) {
        String[] labels = host.split("\\.");
        if (labels.length <= 2) {
            return host;
        }
        int keep = 2;
        if (labels[labels.length - 1].length() == 2 && SECOND_LEVEL.contains(labels[labels.length - 2])) {
            keep = 3;
        }
        StringBuilder b = new StringBuilder();
        for (int i = labels.length - keep; i < labels.length; i++) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(labels[i]);
        }
        return b.toString();
    }

    /** True when {@code host} is {@code domain} or one of its subdomains. */
    static boolean within(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    /**
     * The path with identifiers replaced by {id}, so that one endpoint is one subject:
     * /v1/products/trail-shoe-42/recommendations → /v1/products/{id}/recommendations.
     */
    static String template(String path) {
        StringBuilder b = new StringBuilder();
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            b.append('/');
            boolean version = seg.matches("v\\d+(\\.\\d+)*");
            boolean hasDigit = seg.chars().anyMatch(Character::isDigit);
            if (!version && (seg.matches("\\d+") || (hasDigit && seg.length() >= 6) || seg.length() > 40)) {
                b.append("{id}");
            } else {
                b.append(seg);
            }
        }
        return b.isEmpty() ? "/" : b.toString();
    }
}
