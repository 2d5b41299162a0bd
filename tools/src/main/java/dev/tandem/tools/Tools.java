package dev.tandem.tools;

import dev.tandem.tools.crm.BenchAnalyzeCommand;
import dev.tandem.tools.crm.GenerateCrmOrgCommand;
import picocli.CommandLine;

/**
 * Registers the tools' commands in the {@code tandem} command line: they keep their names
 * ({@code tandem generate crm-org}, {@code tandem bench analyze}) while living outside the product
 * modules.
 */
public final class Tools {
    private Tools() {}

    /** Adds the generators under {@code generate} and the benchmarks under {@code bench}. */
    public static CommandLine register(CommandLine tandem) {
        tandem.getSubcommands().get("generate").addSubcommand(new GenerateCrmOrgCommand());
        tandem.getSubcommands().get("bench").addSubcommand(new BenchAnalyzeCommand());
        return tandem;
    }
}
