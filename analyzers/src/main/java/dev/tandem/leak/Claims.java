package dev.tandem.leak;

import java.util.HashMap;
import java.util.Map;

/**
 * The users, sessions and hosts already explained by a finding of an earlier rule. Rules run in a
 * fixed order (docs/leak-patterns.md); a rule that explains a user, a session or a callout host
 * claims it, and later rules leave what is claimed alone, so that one leak is one finding, not one
 * per pattern it resembles (ADR 031).
 */
final class Claims {
    private final Map<String, LeakPattern> users = new HashMap<>();
    private final Map<String, LeakPattern> sessions = new HashMap<>();
    private final Map<String, LeakPattern> hosts = new HashMap<>();

    void claimUser(String userKey, LeakPattern by) {
        users.putIfAbsent(userKey, by);
    }

    void claimSession(String sessionKey, LeakPattern by) {
        sessions.putIfAbsent(sessionKey, by);
    }

    void claimHost(String host, LeakPattern by) {
        hosts.putIfAbsent(host, by);
    }

    boolean userClaimed(String userKey) {
        return users.containsKey(userKey);
    }

    boolean sessionClaimed(String sessionKey) {
        return sessions.containsKey(sessionKey);
    }

    boolean hostClaimed(String host) {
        return hosts.containsKey(host);
    }

    /** The pattern whose rule claimed a session, or null. */
    @org.jspecify.annotations.Nullable
    LeakPattern sessionClaimedBy(String sessionKey) {
        return sessions.get(sessionKey);
    }

    /** A session left to later rules: neither it nor its user is claimed. */
    boolean free(Behaviour.SessionStats s) {
        return !sessionClaimed(s.key) && !userClaimed(s.userKey);
    }
}
