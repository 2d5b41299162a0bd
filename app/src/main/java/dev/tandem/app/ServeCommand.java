package dev.tandem.app;

import dev.tandem.cli.TandemCommand;
import dev.tandem.server.identity.Accounts;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem serve}: the server, on embedded storage unless a datasource is configured. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Tandem server.",
            "Embedded H2 and file blobs in the folder tandem-data (or TANDEM_DATA_DIR) unless --data-dir is given;"
                    + " SPRING_DATASOURCE_URL selects PostgreSQL."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "2:a bad setting (one line names it), a port in use, or a data directory whose embedded database"
                    + " another server holds (docs/operations.md, Start-up)"
        })
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options = new ServerOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ConfigurableApplicationContext ctx = options.start("serve", Map.of(), options.arguments(null), err);
        if (ctx == null) return TandemCommand.EXIT_USAGE;
        String url = url(ctx);
        System.out.println("Tandem is running at " + url);
        System.out.print(FirstStart.hint(ctx.getBean(Accounts.class).users(), url));
        System.out.flush();
        return Running.awaitClose(ctx);
    }

    static String url(ConfigurableApplicationContext ctx) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return "http://localhost:" + port;
    }
}
