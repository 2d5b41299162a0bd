/** PII scans of evidence as background jobs; results stored against the evidence hash. */
@NullMarked
package dev.tandem.server.pii;

import org.jspecify.annotations.NullMarked;
