package dev.tandem.server.identity;

/** The authenticated caller: a user, and whether they hold the global ADMIN role. */
public record Actor(String username, boolean admin) {}
