/** Incidents and their timeline, the ledger filtered by incident and by what the caller may see. */
@NullMarked
package dev.tandem.server.incident;

import org.jspecify.annotations.NullMarked;
