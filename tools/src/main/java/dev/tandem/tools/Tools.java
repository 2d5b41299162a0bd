package dev.tandem.tools;

import dev.tandem.tools.crm.BenchAnalyzeCommand;
import dev.tandem.tools.crm.GenerateCrmOrgCommand;
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
        // a group is absent when the command line was built for another subcommand only
        CommandLine generate = tandem.getSubcommands().get("generate");
        if (generate != null) {
            generate.addSubcommand(new GenerateCrmOrgCommand());
            generate.addSubcommand(new dev.tandem.tools.pii.PiiCorpusCommand());
        }
        CommandLine bench = tandem.getSubcommands().get("bench");
        if (bench != null) {
            bench.addSubcommand(new BenchAnalyzeCommand());
            bench.addSubcommand(new dev.tandem.tools.bench.ScanBench());
        }
        CommandLine eval = tandem.getSubcommands().get("eval");
        if (eval != null) {
            eval.addSubcommand(new dev.tandem.tools.pii.EvalPiiCommand());
        }
        return tandem;
    }
}
