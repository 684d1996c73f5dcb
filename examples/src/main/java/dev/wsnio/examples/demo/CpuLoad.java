package dev.wsnio.examples.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The machine's CPU load in percent, from the best source the JVM offers: the HotSpot
 * extension {@code com.sun.management.OperatingSystemMXBean#getCpuLoad()} (recent CPU use of the
 * whole machine), else the one-minute load average divided by the number of processors.
 */
final class CpuLoad {

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /** The load in percent (0–100), or NaN when no source has a value. */
    double percent() {
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            double load = hotspot.getCpuLoad();
            if (load >= 0) {
                return load * 100;
            }
        }
        double average = os.getSystemLoadAverage();
        if (average >= 0) {
            return Math.min(100, 100 * average / os.getAvailableProcessors());
        }
        return Double.NaN;
    }

    /** What {@link #percent()} measures, for the page's legend. */
    String source() {
        return os instanceof com.sun.management.OperatingSystemMXBean ? "cpu load" : "load average";
    }
}
