/** The sample incident of {@code tandem demo}, with a member in every role. */
@NullMarked
package dev.tandem.server.demo;

import org.jspecify.annotations.NullMarked;
