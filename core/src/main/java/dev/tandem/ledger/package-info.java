@NullMarked
package dev.tandem.ledger;

import org.jspecify.annotations.NullMarked;
