/**
 * {@code tandem account}: the people of a server and their API tokens from a terminal, one API call
 * each (docs/contracts.md §2 and §4, docs/access.md): an administrator adds and lists people, each
 * person issues their own tokens.
 */
@NullMarked
package dev.tandem.cli.account;

import org.jspecify.annotations.NullMarked;
