package org.frisson.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This process's footprint as a soak samples it: heap after the last GC, resident memory, threads, open files. */
final class ProcessStats {

    private ProcessStats() {
    }

    /**
     * Bytes of heap in use right after the most recent collection, young or old (what survived it, not garbage);
     * 0 before the first collection.
     */
    static long heapAfterGc() {
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        com.sun.management.GcInfo newest = null;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean g) {
                com.sun.management.GcInfo info = g.getLastGcInfo();
                if (info != null && (newest == null || info.getEndTime() > newest.getEndTime())) {
                    newest = info;
                }
            }
        }
        long used = 0;
        if (newest != null) {
            for (java.util.Map.Entry<String, MemoryUsage> e : newest.getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    used += e.getValue().getUsed();
                }
            }
        }
        return used;
    }

    /** Collections so far, all collectors. */
    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum();
    }

    /** Resident set size in bytes (Linux {@code /proc/self/status}); -1 elsewhere. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Open file descriptors (Linux {@code /proc/self/fd}); -1 elsewhere. */
    static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
