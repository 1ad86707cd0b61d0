#!/usr/bin/env python3
"""Reads `perf script` output of the product's JVM; prints the share of samples by thread kind and by what the top
frame is (a system call of the kernel, SQLite, the JIT, or the library the first Java frame belongs to)."""
import collections
import re
import sys

LIBRARIES = [  # first match from the top of the stack wins
    (r"com\.fasterxml\.jackson|com\.google\.protobuf|dev\.prompttracker\.proto", "Java: JSON/protobuf codecs"),
    (r"io\.netty|com\.linecorp\.armeria", "Java: Armeria/Netty HTTP"),
    (r"org\.jooq", "Java: jOOQ"),
    (r"org\.sqlite", "Java: SQLite JDBC"),
    (r"io\.grpc", "Java: grpc-java"),
    (r"io\.micrometer", "Java: metrics"),
    (r"ch\.qos\.logback|org\.slf4j", "Java: logging"),
    (r"com\.nimbusds|org\.bouncycastle|javax\.crypto|sun\.security", "Java: crypto/JWT"),
    (r"dev\.prompttracker", "Java: product code"),
    (r"java\.util\.concurrent|java\.lang\.VirtualThread|jdk\.internal\.vm", "Java: JDK concurrency, virtual threads"),
    (r"java\.|jdk\.|sun\.", "Java: JDK other"),
]
THREADS = [("C1 Compiler", "JIT compilers"), ("C2 Compiler", "JIT compilers"), ("armeria-common", "event loops"),
           ("ForkJoinPool", "virtual-thread carriers"), ("VM Thread", "GC and VM"), ("GC", "GC and VM")]


def method_of(frame):
    # "7f.. java.lang.Object com.x.Y.m(args)+0x1 (/tmp/perf-1.map)": the method name without its argument types
    match = re.search(r"\s([\w.$/]+)\(", frame)
    return match.group(1) if match else frame


def where(thread, frames):
    top = frames[0]
    if "Compiler" in thread:
        return "JIT compiling"
    if "kallsyms" in top:
        calls = re.findall(r"__x64_sys_(\w+)|__do_sys_(\w+)|(ksys_\w+)", "\n".join(frames))
        names = [a or b or c for a, b, c in calls]
        if not names:
            return "kernel: interrupts, scheduling, page faults"
        return "kernel: fsync" if names[0] in ("fsync", "fdatasync") else "kernel: " + names[0].replace("ksys_", "")
    if "libsqlitejdbc" in top:
        return "SQLite (native)"
    if "libc.so" in top:
        return "libc (memcpy, malloc)"
    if "libjvm.so" in top:
        return "exceptions (stack traces)" if "fill_in_stack_trace" in top else "JVM runtime (GC, stubs, interpreter)"
    for frame in frames:
        method = method_of(frame)
        for pattern, name in LIBRARIES:
            if re.match(pattern, method):
                return name
    return "other"


def main():
    total = 0
    threads, places = collections.Counter(), collections.Counter()
    for sample in sys.stdin.read().split("\n\n"):
        lines = [line.strip() for line in sample.strip().split("\n") if line.strip()]
        if len(lines) < 2:
            continue
        thread = re.split(r"\s+\d+\s", lines[0])[0]
        total += 1
        threads[next((kind for prefix, kind in THREADS if thread.startswith(prefix)), "other threads")] += 1
        places[where(thread, lines[1:])] += 1
    if total == 0:
        sys.exit("no samples")
    print(f"\n{total} samples\n\n| thread | share |\n|---|--:|")
    for name, count in threads.most_common():
        print(f"| {name} | {100 * count / total:.1f} % |")
    print("\n| top frame | share |\n|---|--:|")
    for name, count in places.most_common():
        if count / total >= 0.005:
            print(f"| {name} | {100 * count / total:.1f} % |")


if __name__ == "__main__":
    main()
