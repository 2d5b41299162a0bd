package dev.tandem.cli.scan;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers the scheduling priority of the calling thread alone, as {@code nice} does a process's:
 * Linux keeps a nice value for each thread, and {@code setpriority(PRIO_PROCESS, 0, n)} sets the
 * calling thread's (setpriority(2), "Bugs"). Any user may raise a nice value; none but a privileged
 * one may lower it again, so it is set once, when the thread starts.
 *
 * <p>Why the scan's reading and scanning threads run at a nice value above the JIT compilers' (0):
 * a scan of a few hundred MiB spends a third of its CPU compiling its own code, on the same cores as
 * the scan, and every second the compilers wait the scan runs interpreted or C1 code; yielding to
 * them makes the scan's whole CPU time smaller (docs/adr/120-scan-threads-yield-to-the-compilers.md).
 * Off Linux, where libc has no {@code setpriority}, or where native access is not enabled (the
 * executable jar's manifest enables it; a bare class path needs {@code --enable-native-access=ALL-UNNAMED}),
 * nothing happens.
 */
public final class ThreadNice {
    private ThreadNice() {}

    /** {@code PRIO_PROCESS} of sys/resource.h. */
    private static final int PRIO_PROCESS = 0;

    /** Looked up at the first call: a scan that lowers no priority never links to libc. */
    private static final class Libc {
        static final Optional<MethodHandle> SETPRIORITY = find();
    }

    private static Optional<MethodHandle> find() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return Optional.empty();
        // without native access (a class path started with no --enable-native-access) the JDK would
        // warn on standard error at the first downcall: then the priority is left as it is
        if (!ThreadNice.class.getModule().isNativeAccessEnabled()) return Optional.empty();
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("setpriority")
                    .map(f -> linker.downcallHandle(
                            f,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (0 to 19); answers whether it was set.
     * A value below the thread's present one is refused by the kernel to an unprivileged user.
     */
    public static boolean set(int nice) {
        if (nice < 0 || nice > 19) throw new IllegalArgumentException("nice must be 0 to 19, not " + nice);
        if (Libc.SETPRIORITY.isEmpty()) return false;
        try {
            return (int) Libc.SETPRIORITY.get().invokeExact(PRIO_PROCESS, 0, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
