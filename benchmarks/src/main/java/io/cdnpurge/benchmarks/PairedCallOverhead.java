package io.cdnpurge.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The comparison of {@link CallOverheadBenchmark}, made side by side in one JVM: rounds of a thousand operations of
 * each kind, in turn, so that whatever else the machine does in a round (two cores are shared by the client, the
 * server, the JIT and the collector) falls on all three alike. Prints the median time per operation, the median
 * bytes the calling thread allocated per operation, and the median of the rounds' ratios to the raw OkHttp POST.
 * Arguments: rounds (default 40) and operations per round (default 1000).
 */
public final class PairedCallOverhead {
    private PairedCallOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        CallOverheadBenchmark bench = new CallOverheadBenchmark();
        bench.start();
        try {
            String[] names = {"cdnPurge", "cdnPurgeWithDefaultListener", "rawOkHttp"};
            Op[] ops = {bench::cdnPurge, bench::cdnPurgeWithDefaultListener, bench::rawOkHttp};
            for (Op op : ops) {
                run(op, 20_000);
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            double[][] micros = new double[ops.length][rounds];
            double[][] bytes = new double[ops.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < ops.length; k++) {
                    // a different one first in each round
                    int i = (k + round) % ops.length;
                    long allocated = threads.getThreadAllocatedBytes(self);
                    long start = System.nanoTime();
                    run(ops[i], perRound);
                    micros[i][round] = (System.nanoTime() - start) / 1000.0 / perRound;
                    bytes[i][round] = (threads.getThreadAllocatedBytes(self) - allocated) / (double) perRound;
                }
            }
            int raw = ops.length - 1;
            System.out.printf(Locale.ROOT, "%-30s %12s %14s %18s%n", "operation", "µs/op", "bytes/op", "ratio to raw");
            for (int i = 0; i < ops.length; i++) {
                double[] ratios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    ratios[round] = micros[i][round] / micros[raw][round];
                }
                System.out.printf(Locale.ROOT, "%-30s %12.1f %14.0f %18.2f%n", names[i], median(micros[i]),
                        median(bytes[i]), median(ratios));
            }
            System.out.printf(Locale.ROOT, "medians of %d rounds of %d operations each, in turn; bytes are the "
                    + "calling thread's%n", rounds, perRound);
        } finally {
            bench.stop();
        }
    }

    private interface Op {
        Object call() throws Exception;
    }

    private static void run(Op op, int times) throws Exception {
        List<Object> sink = new ArrayList<>(1);
        for (int i = 0; i < times; i++) {
            sink.clear();
            sink.add(op.call());
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
