package dev.wsnio.benchmarks.load;

import java.lang.management.ManagementFactory;

/** This process's CPU time, user plus system, as the JVM reports it. */
final class CpuClock {

    private CpuClock() {
    }

    /**
     * The CPU time this process has used.
     *
     * @return nanoseconds, or -1 when the platform does not say
     */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
