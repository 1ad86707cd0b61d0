package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTest {
    private static final String JAVA = "/opt/jdk/bin/java";
    private static final Path JAR = Path.of("/srv/prompt-tracker.jar");
    private static final Path CACHE_FOLDER = Path.of("/var/lib/pt/jvm");
    private static final String NAME = "prompt-tracker-25.0.3-abc";

    private static ChildJvm.Start start(List<String> arguments, Map<String, String> environment, String jdk,
                                        Predicate<Path> isFile) {
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", "/var/lib/pt"));
        env.putAll(environment);
        return new ChildJvm.Start(Optional.of(JAVA), Optional.of(arguments), JAR, "abc", Map.copyOf(env),
                Environment.of(env), Runtime.Version.parse(jdk), 4242, isFile);
    }

    private static Optional<ChildJvm> plainStart(List<String> productArguments, Map<String, String> env, String jdk,
                                                 Predicate<Path> isFile) {
        List<String> arguments = new java.util.ArrayList<>(List.of("-jar", JAR.toString()));
        arguments.addAll(productArguments);
        return ChildJvm.plan(start(arguments, env, jdk, isFile), productArguments);
    }

    @Test
    void aPlainFirstStartOnJdk25RecordsTheAotConfigurationInDataDirWithTheProductionFlags() {
        ChildJvm child = plainStart(List.of(), Map.of(), "25.0.3", path -> false).orElseThrow();

        assertThat(child.command()).startsWith(JAVA, "-XX:+UseSerialGC", "-Xms32m", "-Xmx72m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:TrimNativeHeapInterval=2000");
        assertThat(child.command()).contains("-Xlog:aot=off", "-Xlog:cds=off", "-XX:AOTMode=record",
                "-XX:AOTConfiguration=" + CACHE_FOLDER.resolve(NAME + ".aotconf"), "-XX:-DisplayVMOutput");
        assertThat(child.command()).endsWith("-jar", JAR.toString());
        assertThat(child.command()).noneMatch(flag -> flag.startsWith("-XX:AOTCache="));
        assertThat(child.environment()).containsEntry(ChildJvm.LAUNCHER_PID, "4242").containsEntry("MALLOC_ARENA_MAX", "2")
                .doesNotContainKey(ChildJvm.CLASS_CACHE);
        ChildJvm.Training training = child.training().orElseThrow();
        assertThat(training.cache()).isEqualTo(CACHE_FOLDER.resolve(NAME + ".aot"));
        assertThat(training.assemble()).contains("-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + CACHE_FOLDER.resolve(NAME + ".aotconf"),
                "-XX:AOTCache=" + training.temporary(), "-cp", JAR.toString(), "-Xmx72m");
        assertThat(training.temporary().getParent()).isEqualTo(CACHE_FOLDER);
    }

    @Test
    void onceTheCacheExistsLaterStartsMapItAndTellTheChildWhereItIs() {
        Path cache = CACHE_FOLDER.resolve(NAME + ".aot");
        ChildJvm child = plainStart(List.of("serve"), Map.of(), "25.0.3", cache::equals).orElseThrow();

        assertThat(child.command()).contains("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off")
                .doesNotContain("-XX:AOTMode=record");
        assertThat(child.command()).endsWith("-jar", JAR.toString(), "serve");
        assertThat(child.environment()).containsEntry(ChildJvm.CLASS_CACHE, cache.toString());
        assertThat(child.training()).isEmpty();
    }

    @Test
    void anotherJdkOrJarNamesAnotherCache() {
        Path cache = CACHE_FOLDER.resolve(NAME + ".aot");
        assertThat(plainStart(List.of(), Map.of(), "25.0.4", cache::equals).orElseThrow().command())
                .contains("-XX:AOTMode=record").noneMatch(flag -> flag.contains(NAME));
    }

    @Test
    void onJdk21To24TheJvmKeepsADynamicAppCdsArchiveItself() {
        ChildJvm child = plainStart(List.of(), Map.of(), "21.0.1", path -> false).orElseThrow();

        assertThat(child.command()).contains("-XX:SharedArchiveFile=" + CACHE_FOLDER.resolve("prompt-tracker-21.0.1-abc.jsa"),
                "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off", "-XX:TrimNativeHeapInterval=2000")
                .doesNotContain("-Xlog:aot=off", "--sun-misc-unsafe-memory-access=allow")
                .noneMatch(flag -> flag.startsWith("-XX:AOT"));
        assertThat(child.training()).isEmpty();
        assertThat(plainStart(List.of(), Map.of(), "21", path -> false).orElseThrow().command())
                .as("TrimNativeHeapInterval came with 21.0.1").noneMatch(flag -> flag.startsWith("-XX:TrimNativeHeap"));
    }

    @Test
    void theUsersOwnMallocArenaMaxIsKept() {
        ChildJvm child = plainStart(List.of(), Map.of("MALLOC_ARENA_MAX", "4"), "25.0.3", path -> false).orElseThrow();
        assertThat(child.environment()).doesNotContainKey("MALLOC_ARENA_MAX");
    }

    @Test
    void noChildWhenTheUserChoseFlagsOptedOutRunsACommandOrIsTheChildAlready() {
        Predicate<Path> none = path -> false;
        assertThat(ChildJvm.plan(start(List.of("-Xmx1g", "-jar", JAR.toString()), Map.of(), "25.0.3", none), List.of()))
                .as("flags on the command line").isEmpty();
        assertThat(plainStart(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g"), "25.0.3", none)).as("JAVA_TOOL_OPTIONS").isEmpty();
        assertThat(plainStart(List.of(), Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"), "25.0.3", none)).as("JDK_JAVA_OPTIONS").isEmpty();
        assertThat(plainStart(List.of(), Map.of("JAVA_LAUNCHER", "off"), "25.0.3", none)).as("opted out").isEmpty();
        assertThat(plainStart(List.of("migrate", "status"), Map.of(), "25.0.3", none)).as("operator command").isEmpty();
        assertThat(plainStart(List.of(), Map.of(ChildJvm.LAUNCHER_PID, "1"), "25.0.3", none)).as("the child").isEmpty();
        assertThat(ChildJvm.plan(start(List.of("-cp", JAR.toString(), Main.class.getName()), Map.of(), "25.0.3", none),
                List.of())).as("not started with -jar").isEmpty();
        assertThat(ChildJvm.plan(new ChildJvm.Start(Optional.of(JAVA), Optional.empty(), JAR, "abc", Map.of(),
                Environment.of(Map.of()), Runtime.version(), 1, none), List.of())).as("arguments unknown").isEmpty();
        assertThat(plainStart(List.of(), Map.of("JAVA_LAUNCHER", "on"), "25.0.3", none)).isPresent();
    }
}
