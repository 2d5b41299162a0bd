package dev.tandem.tools;

import dev.tandem.tools.crm.BenchAnalyzeCommand;
import dev.tandem.tools.crm.GenerateCrmOrgCommand;
import dev.tandem.tools.pii.BenchScanCommand;
import dev.tandem.tools.pii.EvalPiiCommand;
import dev.tandem.tools.pii.PiiCorpusCommand;
import picocli.CommandLine;

/**
 * Registers the tools' commands in the {@code tandem} command line: they keep their names
 * ({@code tandem generate crm-org}, {@code tandem bench analyze}, {@code tandem generate
 * pii-corpus}, {@code tandem eval pii}, {@code tandem bench scan}) while living outside the product
 * modules.
 */
public final class Tools {
    private Tools() {}

    /** Adds the generators under {@code generate}, the benchmarks under {@code bench} and the evaluations under {@code eval}. */
    public static CommandLine register(CommandLine tandem) {
        tandem.getSubcommands().get("generate").addSubcommand(new GenerateCrmOrgCommand());
        tandem.getSubcommands().get("bench").addSubcommand(new BenchAnalyzeCommand());
        tandem.getSubcommands().get("generate").addSubcommand(new PiiCorpusCommand());
        tandem.getSubcommands().get("eval").addSubcommand(new EvalPiiCommand());
        tandem.getSubcommands().get("bench").addSubcommand(new BenchScanCommand());
        return tandem;
    }
}
