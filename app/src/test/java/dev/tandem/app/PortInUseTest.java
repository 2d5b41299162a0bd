package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;

/** {@code tandem serve} and {@code demo} on a port another program holds (docs/contracts.md §4). */
class PortInUseTest {
    @TempDir
    Path dir;

    @Test
    void aTakenPortIsOneLineNamingItAndTheOptionExitsTwoAndCreatesNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            for (String command : new String[] {"demo", "serve"}) {
                Path data = dir.resolve(command + "-data");
                String[] args = {command, "--data-dir", data.toString(), "--port", Integer.toString(port)};
                StringWriter err = new StringWriter();
                assertThat(Commands.execute(args, err)).as(command).isEqualTo(TandemCommand.EXIT_USAGE);
                assertThat(err.toString())
                        .isEqualTo("tandem " + command + ": port " + port + " is already in use by another program;"
                                + " stop it, or choose another port with --port P (--port 0 picks a free one)"
                                + System.lineSeparator());
                assertThat(data).doesNotExist();
            }
        }
    }

    @Test
    void aPortFromServerPortIsCheckedAndSaidToComeFromThere() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            String port = Integer.toString(taken.getLocalPort());
            ServerOptions options = new ServerOptions();
            Map<String, String> env = Map.of("SERVER_PORT", port);
            assertThat(options.busyPort("serve", env::get))
                    .startsWith("tandem serve: port " + port + " is already in use")
                    .endsWith("(the port came from SERVER_PORT)");
            options.port = 0;
            assertThat(options.busyPort("serve", env::get))
                    .as("--port 0 picks a free one")
                    .isNull();
        }
        assertThat(new ServerOptions().busyPort("serve", name -> null))
                .as("no port given: Spring's configuration decides")
                .isNull();
    }

    @Test
    void aPortTakenWhileSpringStartedIsFoundAmongTheCauses() {
        assertThat(ServerOptions.portInUse(
                        new ApplicationContextException("Failed to start bean", new PortInUseException(8093))))
                .hasValue(8093);
        assertThat(ServerOptions.portInUse(new IllegalStateException("other"))).isEmpty();
    }
}
