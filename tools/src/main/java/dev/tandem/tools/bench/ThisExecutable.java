package dev.tandem.tools.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start another {@code tandem} process the way a user does: the checkout's launcher when
 * this process was started by it ({@code TANDEM_LAUNCHER}, set by {@code ./tandem}), otherwise the
 * running JVM's binary with the same JVM options (an ahead-of-time cache among them), class path and
 * main class or jar. Benchmarks time these processes from start to exit.
 */
public final class ThisExecutable {
    private ThisExecutable() {}

    /** The command that starts tandem, before its arguments. */
    public static List<String> command() {
        String launcher = System.getenv("TANDEM_LAUNCHER");
        if (launcher != null && Files.isExecutable(Path.of(launcher))) return List.of(launcher);
        return javaCommand();
    }

    /** The JVM command of this process (binary, options, class path or jar, main class), without the launcher. */
    public static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a training run's output option would make every child write a cache of its own
            if (a.startsWith("-XX:AOTCacheOutput") || a.startsWith("-XX:AOTMode=record")) continue;
            if (a.startsWith("-agentlib") || a.startsWith("-javaagent")) continue;
            cmd.add(a);
        }
        String cp = System.getProperty("java.class.path", "");
        String self = System.getProperty("sun.java.command", "dev.tandem.app.Main");
        String first = self.split(" ", 2)[0];
        if (first.endsWith(".jar")) {
            cmd.add("-jar");
            cmd.add(first);
        } else {
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add(first);
        }
        return cmd;
    }

    /** The java binary of the running JVM (a child runs on the same JDK). */
    public static String javaBinary() {
        Optional<String> self = ProcessHandle.current().info().command();
        return self.orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The load averages (1, 5, 15 minutes) from /proc/loadavg, or "?" off Linux. */
    public static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return "load " + f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "load ?";
        }
    }
}
