package dev.prompttracker.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The jar's entry point. Started plainly to serve, it runs the product in a {@link ChildJvm} with the
 * production flags and a class-data cache, passing the console through and returning the child's exit
 * code; a signal that stops this JVM stops the child first, and a child whose launcher is killed outright
 * stops too. Otherwise (an operator command, flags of the user's own, {@code JAVA_LAUNCHER=off}) it is
 * {@link Main} in this JVM. Loads only the JDK and these few classes before deciding, so it costs little.
 */
public final class Launcher {
    private static final long LAUNCHER_POLL_MILLIS = 200;
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Optional<ChildJvm> child = plan(List.of(args));
        if (child.isEmpty()) {
            Main.main(args);
            return;
        }
        Process process;
        try {
            prepareCacheFolder(child.get());
            ProcessBuilder builder = new ProcessBuilder(child.get().command()).inheritIO();
            builder.environment().putAll(child.get().environment());
            process = builder.start();
        } catch (IOException | RuntimeException cannotRelaunch) {
            Main.main(args);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("launcher-stop").unstarted(() -> {
            // SIGTERM/SIGINT here, or the normal exit below: the child stops first, then the cache is made.
            process.destroy();
            int exitCode = process.onExit().join().exitValue();
            // A run that stopped as asked (0, SIGINT, SIGTERM) trains the cache; a failed start does not.
            boolean stoppedCleanly = exitCode == 0 || exitCode == 128 + 2 || exitCode == 128 + 15;
            child.get().training().ifPresent(training -> assembleCache(training, stoppedCleanly));
        }));
        // This JVM only waits from now on: what deciding allocated (the jar's directory above all) goes back.
        System.gc();
        System.exit(process.waitFor());
    }

    private static Optional<ChildJvm> plan(List<String> args) {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            ProcessHandle.Info info = ProcessHandle.current().info();
            String stamp = Long.toHexString(Files.size(jar)) + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
            ChildJvm.Start start = new ChildJvm.Start(info.command(), info.arguments().map(List::of),
                    jar.toAbsolutePath(), stamp, System.getenv(), Environment.load(System.getenv(), Path.of(".dev.vars")),
                    Runtime.version(), ProcessHandle.current().pid(), Files::isRegularFile);
            return ChildJvm.plan(start, args);
        } catch (Exception notKnowable) {
            // Not started from a jar, or a .dev.vars that Main will report: serve here.
            return Optional.empty();
        }
    }

    /** DATA_DIR/jvm owner-only like the rest of DATA_DIR; files of another JDK or jar removed. */
    private static void prepareCacheFolder(ChildJvm child) throws IOException {
        Files.createDirectories(child.cacheFolder(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try (Stream<Path> files = Files.list(child.cacheFolder())) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().startsWith(child.cacheName())) {
                    Files.deleteIfExists(file);
                }
            }
        }

    }

    /** Runs JDK 25's assembly step on what the child recorded; a failure leaves no cache and the next run records again. */
    private static void assembleCache(ChildJvm.Training training, boolean stoppedCleanly) {
        if (!Files.isRegularFile(training.configuration())) {
            return;
        }
        try {
            if (!stoppedCleanly) {
                Files.deleteIfExists(training.configuration());
                return;
            }
            Files.deleteIfExists(training.log());
            Files.createFile(training.log(), OWNER_ONLY_FILE);
            Process assemble = new ProcessBuilder(training.assemble()).redirectErrorStream(true)
                    .redirectOutput(training.log().toFile()).start();
            if (assemble.waitFor(5, TimeUnit.MINUTES) && assemble.exitValue() == 0
                    && Files.isRegularFile(training.temporary())) {
                Files.setPosixFilePermissions(training.temporary(), OWNER_ONLY_FILE.value());
                Files.move(training.temporary(), training.cache(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                assemble.destroyForcibly();
            }
            Files.deleteIfExists(training.configuration());
            Files.deleteIfExists(training.temporary());
        } catch (IOException | InterruptedException | RuntimeException e) {
            // No cache this time; the product itself has stopped as it should.
        }
    }

    /**
     * In the child: stops at once when the launcher is gone (killed with SIGKILL, which it could not
     * pass on), as if killed with it, rather than linger holding the port and the database.
     */
    static void followLauncher(Environment env) {
        Optional<Long> launcherPid = env.get(ChildJvm.LAUNCHER_PID).map(Long::parseLong);
        if (launcherPid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != launcherPid.get() || !parent.get().isAlive()) {
            killSelf();
        }
        Thread.ofPlatform().daemon().name("launcher-watch").start(() -> {
            while (parent.get().isAlive()) {
                try {
                    Thread.sleep(LAUNCHER_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            killSelf();
        });
    }

    /**
     * SIGKILL, as the launcher got: {@code Runtime.halt} would still run the JVM's exit work, which for a
     * run that records the AOT configuration means writing ~100 MB first.
     */
    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(1000);
        } catch (IOException | InterruptedException noKillCommand) {
            // halt below
        }
        Runtime.getRuntime().halt(1);
    }

    /**
     * In the child: the recording JVM creates its configuration file with the umask's mode before any
     * Java code runs; like all of DATA_DIR it is made owner-only, before the product serves.
     */
    static void tightenRecording(Environment env) {
        if (env.get(ChildJvm.LAUNCHER_PID).isEmpty()) {
            return;
        }
        try (Stream<Path> files = Files.list(ChildJvm.cacheFolder(env))) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE.value());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No folder (opted out) or no POSIX permissions: nothing to tighten.
        }
    }

    /**
     * In the child: a cache the JVM could not map (made by another JDK build, damaged) is removed, so
     * that the next run records a new one instead of starting slowly for good. Returns whether it was.
     */
    static boolean dropUnusableCache(Environment env) {
        Optional<Path> cache = env.get(ChildJvm.CLASS_CACHE).map(Path::of);
        // The JVM says "sharing" when it maps a class-data archive; an AOT cache it rejected leaves none.
        if (cache.isEmpty() || System.getProperty("java.vm.info", "").contains("sharing")) {
            return false;
        }
        try {
            return Files.deleteIfExists(cache.get());
        } catch (IOException e) {
            return false;
        }
    }
}
