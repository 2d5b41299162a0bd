/**
 * Witnesses (C2SP tlog-witness, tlog-cosignature v1): a {@link dev.tandem.witness.Witness} co-signs a
 * log's checkpoint only when it is consistent with the last one it co-signed for that log, so a log
 * that shows two histories is caught; {@link dev.tandem.witness.WitnessClient} is the log's side of
 * {@code POST /add-checkpoint}. Plain Java (the JDK's HTTP server and client).
 */
@NullMarked
package dev.tandem.witness;

import org.jspecify.annotations.NullMarked;
