/** Background jobs with progress, persisted so that queued work survives a restart. */
@NullMarked
package dev.tandem.server.job;

import org.jspecify.annotations.NullMarked;
