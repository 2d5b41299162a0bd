/**
 * The witnesses this server asks to co-sign its checkpoints (C2SP tlog-witness, docs/export.md "Witnesses"):
 * configured as {@code tandem.witnesses}, asked when the signed checkpoint has moved, their
 * cosignatures served with the checkpoint and carried in export bags.
 */
@NullMarked
package dev.tandem.server.witness;

import org.jspecify.annotations.NullMarked;
