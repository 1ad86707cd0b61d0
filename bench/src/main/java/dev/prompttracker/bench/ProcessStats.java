package dev.prompttracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU time and resident memory of a process, read from Linux's /proc, and its Java heap, from jcmd. */
final class ProcessStats {
    private static final long TICKS_PER_SECOND = ticksPerSecond();
    private static final Pattern HEAP_USED = Pattern.compile("\\bused (\\d+)K");

    private ProcessStats() {
    }

    /** User plus system CPU time of the process so far, in milliseconds. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** The same, or empty once the process has gone (its /proc entry with it). */
    static OptionalLong cpuMillisWhileRunning(long pid) {
        try {
            return OptionalLong.of(cpuMillis(pid));
        } catch (IllegalStateException gone) {
            return OptionalLong.empty();
        }
    }

    /** Resident set size in MiB. */
    static double rssMiB(long pid) {
        return statusMiB(pid, "VmRSS:");
    }

    /** The resident memory of the process's own (anonymous) pages in MiB: heap, metaspace, code, stacks, malloc. */
    static double anonymousRssMiB(long pid) {
        return statusMiB(pid, "RssAnon:");
    }

    /**
     * The Java heap in use in MiB, from {@code jcmd PID GC.heap_info} of the JDK running the harness (the
     * product runs on the same one), or NaN when it cannot be read. {@code afterFullGc} first asks for a
     * full collection ({@code GC.run}), leaving what the process keeps alive.
     */
    static double heapUsedMiB(long pid, boolean afterFullGc) {
        try {
            if (afterFullGc) {
                jcmd(pid, "GC.run");
            }
            return heapUsedMiB(jcmd(pid, "GC.heap_info"));
        } catch (IOException | IllegalStateException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Sums "used NK" of the generations or regions: GC.heap_info's unindented lines (Metaspace is indented). */
    static double heapUsedMiB(String heapInfo) {
        long kib = 0;
        boolean found = false;
        for (String line : heapInfo.lines().toList()) {
            Matcher used = HEAP_USED.matcher(line);
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && used.find()) {
                kib += Long.parseLong(used.group(1));
                found = true;
            }
        }
        return found ? kib / 1024.0 : Double.NaN;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static double statusMiB(long pid, String field) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : status) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
