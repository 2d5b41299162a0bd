package dev.tandem.app.bench;

import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.bench.ThisExecutable;
import dev.tandem.tools.bench.TimedProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench startup}: how long a user waits for the CLI to answer, side by side with a
 * JVM that prints "hi" (a class written with the JDK's class-file API, run with the same
 * {@code java}). Each command runs {@code --runs} times, interleaved; the median wall-clock time
 * and CPU time count, and their ratios to "hi". Tandem is started the way the user started this
 * process ({@code ./tandem}: the launcher, its extracted class path and ahead-of-time cache).
 * {@code --server} also times {@code tandem serve} from start until its checkpoint answers.
 */
@Command(
        name = "startup",
        mixinStandardHelpOptions = true,
        description = "tandem --version and tandem deadlines against a JVM printing \"hi\"; the server's start.")
public final class StartupBench implements Callable<Integer> {
    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "7",
            description = "Runs of each command (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--server", description = "Also time the server's start (tandem serve, embedded storage).")
    boolean server;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final List<String> DEADLINES =
            List.of("deadlines", "--aware", "2026-11-26T10:00:00Z", "--subjects", "DE=1200,US-CA=300,FR=40");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("tandem-bench-startup");
        try {
            return measure(out, dir);
        } finally {
            LedgerAppendBench.deleteTree(dir);
        }
    }

    private Integer measure(PrintWriter out, Path dir) throws Exception {
        Files.write(dir.resolve("Hi.class"), hiClass());
        List<String> tandem = ThisExecutable.command();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("java Hi (prints hi)", List.of(ThisExecutable.javaBinary(), "-cp", dir.toString(), "Hi"));
        commands.put("tandem --version", concat(tandem, List.of("--version")));
        commands.put("tandem deadlines …", concat(tandem, DEADLINES));
        out.printf(Locale.ROOT, "tandem bench startup: %d runs each, interleaved; %s%n", runs, ThisExecutable.load());
        out.println("tandem: " + String.join(" ", tandem));
        out.println("deadlines: " + String.join(" ", DEADLINES));
        out.flush();
        Map<String, double[][]> times = new LinkedHashMap<>();
        for (String k : commands.keySet()) times.put(k, new double[2][runs]);
        for (int r = 0; r < runs; r++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                TimedProcess.Result res = TimedProcess.run(c.getValue());
                if (res.exit() > 1) {
                    throw new IllegalStateException(c.getKey() + " exited with " + res.exit() + ":\n" + res.stderr());
                }
                times.get(c.getKey())[0][r] = res.seconds();
                times.get(c.getKey())[1][r] = res.cpuSeconds();
            }
            out.printf(Locale.ROOT, "  round %d done (%s)%n", r + 1, ThisExecutable.load());
            out.flush();
        }
        double hiWall = median(times.get("java Hi (prints hi)")[0]);
        double hiCpu = median(times.get("java Hi (prints hi)")[1]);
        out.printf(
                "%-24s %10s %10s %10s %10s %10s %s%n",
                "command", "median s", "min s", "x hi", "CPU s", "CPU x hi", "target");
        for (Map.Entry<String, double[][]> e : times.entrySet()) {
            double w = median(e.getValue()[0]);
            double c = median(e.getValue()[1]);
            String target =
                    e.getKey().contains("--version") ? "<= 5x hi" : e.getKey().contains("deadlines") ? "<= 8x hi" : "";
            out.printf(
                    Locale.ROOT,
                    "%-24s %10.3f %10.3f %9.2fx %10.3f %9.2fx %s%n",
                    e.getKey(),
                    w,
                    Arrays.stream(e.getValue()[0]).min().orElse(0),
                    w / hiWall,
                    c,
                    c < 0 ? 0 : c / hiCpu,
                    target);
        }
        out.println("CPU s: user + system time of the process (GNU time), less disturbed than wall-clock time by"
                + " other work on a shared machine.");
        out.flush();
        if (server) serverStart(out, dir);
        return TandemCommand.EXIT_OK;
    }

    private void serverStart(PrintWriter out, Path dir) throws IOException, InterruptedException {
        // as the user starts it: through the launcher when there is one, which gives the server the
        // cache trained on its own start (docs/adr/138-the-servers-own-start-up-cache.md)
        List<String> java = ThisExecutable.command();
        for (int r = 1; r <= Math.min(runs, 3); r++) {
            Path data = dir.resolve("server-data-" + r);
            ServerProcess.Launch launch =
                    new ServerProcess.Launch(java, List.of(), data, Map.of(), dir.resolve("server-" + r + ".log"), 0);
            long t0 = System.nanoTime();
            try (ServerProcess s = ServerProcess.start(launch, Duration.ofMinutes(5))) {
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = ProcCpu.process(s.pid()) / 1e9;
                out.printf(
                        Locale.ROOT,
                        "tandem serve (fresh data dir, H2), start until the checkpoint answers: %.2f s, %.2f CPU s  (%s)%n",
                        secs,
                        cpu,
                        ThisExecutable.load());
                out.flush();
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code public class Hi { public static void main(String[] a) { System.out.println("hi"); } }} */
    static byte[] hiClass() {
        ClassDesc system = ClassDesc.of("java.lang.System");
        ClassDesc printStream = ClassDesc.of("java.io.PrintStream");
        return ClassFile.of()
                .build(
                        ClassDesc.of("Hi"),
                        cb -> cb.withFlags(ClassFile.ACC_PUBLIC)
                                .withMethodBody(
                                        "main",
                                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String.arrayType()),
                                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                                        code -> code.getstatic(system, "out", printStream)
                                                .ldc("hi")
                                                .invokevirtual(
                                                        printStream,
                                                        "println",
                                                        MethodTypeDesc.of(
                                                                ConstantDescs.CD_void, ConstantDescs.CD_String))
                                                .return_()));
    }
}
