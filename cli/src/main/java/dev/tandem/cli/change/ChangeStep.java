package dev.tandem.cli.change;

import dev.tandem.cli.ServerCommand;

/** One call of the change-control API (docs/contracts.md §3) and its answer ({@link ServerCommand}). */
abstract class ChangeStep extends ServerCommand {}
