package dev.tandem.app;

import dev.tandem.server.TandemServer;
import dev.tandem.server.demo.DemoData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem demo}: the server on embedded storage with a realistic sample incident. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the server with a sample incident loaded (embedded storage in ./tandem-demo-data).")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options = new ServerOptions();

    @Override
    public Integer call() throws Exception {
        List<String> args = options.arguments(Path.of("tandem-demo-data"));
        args.add("--tandem.demo=true");
        ConfigurableApplicationContext ctx = TandemServer.start(args.toArray(String[]::new));
        DemoData.Loaded demo = ctx.getBean(DemoData.class).load();
        String url = ServeCommand.url(ctx);
        String t = demo.adminToken();
        String id = demo.incident().id();
        System.out.printf(
                """

                Tandem demo is running at %s   (Ctrl-C stops it)
                  data directory  %s
                  admin token     %s
                  incident        %s
                                  %s%s
                  leak analysis   job %s; findings at /api/v1/incidents/%s/findings

                Try:
                  curl -s %s/api/v1/ledger/checkpoint
                  curl -s -H 'Authorization: Bearer %s' %s/api/v1/incidents/%s/timeline
                  ./tandem ledger verify --server %s --token %s
                  ./tandem evidence add --server %s --token %s --incident %s --repository AUDIT --kind DOCUMENT README.md
                %n""",
                url,
                ctx.getEnvironment().getProperty("tandem.data-dir"),
                t,
                id,
                demo.incident().title(),
                demo.fresh() ? "" : " (loaded earlier)",
                demo.analysisJob() == null ? "none" : demo.analysisJob(),
                id,
                url,
                t,
                url,
                id,
                url,
                t,
                url,
                t,
                id);
        return Running.awaitClose(ctx);
    }
}
