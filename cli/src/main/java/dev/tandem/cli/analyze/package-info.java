/** {@code tandem analyze}, {@code tandem generate crm-org} and {@code tandem bench analyze}. */
@NullMarked
package dev.tandem.cli.analyze;

import org.jspecify.annotations.NullMarked;
