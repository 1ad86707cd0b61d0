package dev.prompttracker.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The JVM that serves when the jar is started plainly ({@code java -jar prompt-tracker.jar [serve]}):
 * the same jar again, with the flags that keep it small (a capped heap and code cache, the serial
 * collector, few glibc arenas) and a class-data cache in {@code DATA_DIR/jvm} that makes later starts
 * quick. On JDK 25 the first run records a training configuration and the launcher assembles the
 * AOT cache from it once that run has ended; on JDK 21–24 the JVM keeps a dynamic AppCDS archive itself.
 *
 * @param command     the child's command line
 * @param environment what the child gets on top of the launcher's environment
 * @param cacheFolder where the class-data files live
 * @param cacheName   what their names start with for this JDK and jar; other files there are stale
 * @param training    JDK 25 without a cache yet: how to assemble it once the child has ended
 */
record ChildJvm(List<String> command, Map<String, String> environment, Path cacheFolder, String cacheName,
                Optional<Training> training) {
    /** Set in the child: the launcher it must not outlive. */
    static final String LAUNCHER_PID = "PROMPT_TRACKER_LAUNCHER_PID";
    /** Set in the child when it was given a cache: if the JVM could not map it, the child removes it. */
    static final String CLASS_CACHE = "PROMPT_TRACKER_CLASS_CACHE";
    /** {@code off}: serve in the JVM the user started, with its flags as they are. */
    static final String OPT_OUT = "JAVA_LAUNCHER";
    static final String CACHE_FOLDER = "jvm";

    /** The flags of README's "Running it in production", without the class-data ones. */
    static List<String> memoryFlags(Runtime.Version jdk) {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx72m",
                "-XX:ReservedCodeCacheSize=64m"));
        if (jdk.compareToIgnoreOptional(Runtime.Version.parse("21.0.1")) >= 0) {
            // Hands the C heap that SQLite and the JIT freed back to the system.
            flags.add("-XX:TrimNativeHeapInterval=2000");
        }
        if (jdk.feature() >= 23) {
            // Armeria's shaded JCTools and Netty still use sun.misc.Unsafe: no warning on every start.
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    /**
     * How the launcher was started, as far as deciding goes.
     *
     * @param java          the running java executable, when the OS tells
     * @param arguments     the arguments after it (JVM flags, {@code -jar}, the jar, the product's arguments), when known
     * @param environment   the process environment
     * @param configuration the product's configuration (the environment over {@code .dev.vars})
     * @param jarStamp      what changes when the jar is rebuilt (its size and modification time)
     * @param isFile        whether a file exists (the cache, once assembled)
     */
    record Start(Optional<String> java, Optional<List<String>> arguments, Path jar, String jarStamp,
                 Map<String, String> environment, Environment configuration, Runtime.Version jdk, long pid,
                 Predicate<Path> isFile) {
    }

    /**
     * The child to start, or empty to serve in this JVM: when the user chose flags of their own
     * (on the command line or in {@code JDK_JAVA_OPTIONS}/{@code JAVA_TOOL_OPTIONS}), opted out with
     * {@code JAVA_LAUNCHER=off}, runs an operator command, is the child already, or the OS does not say
     * how this JVM was started.
     */
    static Optional<ChildJvm> plan(Start start, List<String> productArguments) {
        boolean serving = productArguments.isEmpty() || productArguments.equals(List.of("serve"));
        boolean plainJar = start.arguments()
                .map(arguments -> arguments.size() >= 2 && arguments.get(0).equals("-jar")
                        && arguments.subList(2, arguments.size()).equals(productArguments))
                .orElse(false);
        boolean userFlags = start.environment().containsKey("JDK_JAVA_OPTIONS")
                || start.environment().containsKey("JAVA_TOOL_OPTIONS");
        if (!serving || !plainJar || userFlags || start.java().isEmpty()
                || start.environment().containsKey(LAUNCHER_PID)
                || start.configuration().get(OPT_OUT).map("off"::equalsIgnoreCase).orElse(false)) {
            return Optional.empty();
        }
        Path folder = cacheFolder(start.configuration());
        String name = "prompt-tracker-" + start.jdk().version().stream().map(String::valueOf)
                .reduce((a, b) -> a + "." + b).orElseThrow() + "-" + start.jarStamp();
        List<String> command = new ArrayList<>();
        command.add(start.java().orElseThrow());
        command.addAll(memoryFlags(start.jdk()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(LAUNCHER_PID, Long.toString(start.pid()));
        if (!start.environment().containsKey("MALLOC_ARENA_MAX")) {
            // SQLite allocates natively from many threads: glibc gives each its own arena otherwise.
            environment.put("MALLOC_ARENA_MAX", "2");
        }
        Optional<Training> training = Optional.empty();
        if (start.jdk().feature() >= 25) {
            Path cache = folder.resolve(name + ".aot");
            Path configuration = folder.resolve(name + ".aotconf");
            // A cache the JVM cannot use (corrupt, another JDK build) is skipped without a word; the child removes it.
            command.addAll(List.of("-Xlog:aot=off", "-Xlog:cds=off"));
            if (start.isFile().test(cache)) {
                command.add("-XX:AOTCache=" + cache);
                environment.put(CLASS_CACHE, cache.toString());
            } else {
                // The recording JVM says "AOTConfiguration recorded" on stdout at exit: not in the product's log.
                command.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration,
                        "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput"));
                List<String> assemble = new ArrayList<>();
                assemble.add(start.java().orElseThrow());
                assemble.addAll(memoryFlags(start.jdk()));
                assemble.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                        "-XX:AOTCache=" + folder.resolve(name + ".aot.tmp"), "-cp", start.jar().toString()));
                training = Optional.of(new Training(assemble, configuration, folder.resolve(name + ".aot.tmp"), cache,
                        folder.resolve("assemble.log")));
            }
        } else {
            // The JVM makes the archive at exit and remakes it when it no longer matches the JDK or the jar.
            command.addAll(List.of("-Xlog:cds=off", "-XX:SharedArchiveFile=" + folder.resolve(name + ".jsa"),
                    "-XX:+AutoCreateSharedArchive"));
        }
        command.addAll(List.of("-jar", start.jar().toString()));
        command.addAll(productArguments);
        return Optional.of(new ChildJvm(List.copyOf(command), Map.copyOf(environment), folder, name, training));
    }

    static Path cacheFolder(Environment configuration) {
        return Path.of(configuration.get("DATA_DIR", "./data")).toAbsolutePath().normalize().resolve(CACHE_FOLDER);
    }

    /**
     * JDK 25's second step: {@code -XX:AOTMode=create} turns the recorded configuration into the cache,
     * written to {@code temporary} and moved into place, its output kept in {@code log}.
     */
    record Training(List<String> assemble, Path configuration, Path temporary, Path cache, Path log) {
    }
}
