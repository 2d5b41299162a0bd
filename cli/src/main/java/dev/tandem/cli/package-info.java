/** The {@code tandem} command line, without Spring: one subcommand per package below. */
@NullMarked
package dev.tandem.cli;

import org.jspecify.annotations.NullMarked;
