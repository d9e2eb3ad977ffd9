package io.cdnpurge.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The end of a cold-start program: prints its name, the milliseconds since its JVM started, and the classes it
 * loaded. Each program is a class of its own, so that a JVM loads only what its scenario uses.
 */
final class ColdStart {
    private ColdStart() {
    }

    static void done(String scenario, Object answer) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println(scenario + " " + uptime + " " + classes + " " + answer);
    }
}
