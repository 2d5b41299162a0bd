/** The one place where failures become RFC 9457 problem details. */
@NullMarked
package dev.tandem.server.web;

import org.jspecify.annotations.NullMarked;
