/** {@code tandem witness serve}: a C2SP tlog-witness an auditor runs on their own side. */
@NullMarked
package dev.tandem.cli.witness;

import org.jspecify.annotations.NullMarked;
