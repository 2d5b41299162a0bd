/**
 * Who may do what: per-incident roles, LEGAL's grants of FORENSIC items to responders, and the one
 * {@link dev.tandem.server.access.AccessPolicy} every handler is checked against before it runs
 * ({@link dev.tandem.server.access.Guard}, enforced by {@link dev.tandem.server.access.AccessInterceptor}).
 * The policy and its vocabulary are plain Java; only the interceptor and the stores touch Spring.
 */
@NullMarked
package dev.tandem.server.access;

import org.jspecify.annotations.NullMarked;
