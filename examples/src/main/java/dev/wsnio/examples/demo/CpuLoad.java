package dev.wsnio.examples.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The machine's CPU load in percent, from the best source the JVM offers: the HotSpot
 * extension {@code com.sun.management.OperatingSystemMXBean#getCpuLoad()} (recent CPU use of the
 * whole machine), else the one-minute load average divided by the number of processors.
 */
final class CpuLoad {

    /**
     * One reading.
     *
     * @param percent the load, 0–100, or NaN when no source has a value
     * @param source what was measured, for the page's legend
     */
    record Reading(double percent, String source) {
    }

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /**
     * Reads the load now.
     *
     * @return the load and its source
     */
    Reading read() {
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            double load = hotspot.getCpuLoad();
            if (load >= 0) {
                return new Reading(load * 100, "whole machine");
            }
        }
        double average = os.getSystemLoadAverage();
        if (average >= 0) {
            return new Reading(Math.min(100, 100 * average / os.getAvailableProcessors()), "load average per processor");
        }
        return new Reading(Double.NaN, "not available");
    }
}
