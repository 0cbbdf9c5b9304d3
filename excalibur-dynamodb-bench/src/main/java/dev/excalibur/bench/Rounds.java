package dev.excalibur.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interleaved, rotated measuring rounds: every workload runs one round in turn, so drift (JIT,
 * GC, the engine's tables growing) hits each alike; warm-up rounds are dropped and the median of
 * the measured rounds counts.
 */
final class Rounds {

    /** One way of doing the measured unit of work; call {@code n} must touch distinct items from every other call. */
    interface Workload {
        String name();

        CompletableFuture<?> call(int n);
    }

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int inFlight;
    private final int warmUp;
    private final int measured;
    private final long roundMillis;

    Rounds(int inFlight, int warmUp, int measured, long roundMillis) {
        this.inFlight = inFlight;
        this.warmUp = warmUp;
        this.measured = measured;
        this.roundMillis = roundMillis;
    }

    /** Runs the rounds and prints one row per workload; returns the medians (units per second). */
    double[] run(PrintStream out, List<? extends Workload> workloads, double unitsPerCall, String unit)
            throws Exception {
        AtomicInteger[] next = counters(workloads.size());
        return interleaved(
                out,
                workloads.stream().map(Workload::name).toList(),
                warmUp,
                measured,
                w -> callsPerSecond(workloads.get(w), next[w]).perSecond() * unitsPerCall,
                unit);
    }

    /**
     * Median rates per workload, wall clock and per second of the whole process's CPU time; and
     * each measured round's wall-clock rate ({@code roundRates[workload][round]}).
     */
    record Medians(double[] rates, double[] perCpuSecond, double[][] roundRates) {}

    /**
     * As {@link #run}, also measuring each round's CPU time of the whole process (callers, SDK
     * threads, GC, JIT): units per CPU second depend far less on other load on the machine than
     * units per second do. Prints a second row per workload with those medians.
     */
    Medians runWithCpu(PrintStream out, List<? extends Workload> workloads, double unitsPerCall, String unit)
            throws Exception {
        AtomicInteger[] next = counters(workloads.size());
        List<String> names = workloads.stream().map(Workload::name).toList();
        double[][] perCpu = new double[workloads.size()][warmUp + measured];
        double[][] wall = new double[workloads.size()][warmUp + measured];
        int[] roundOf = new int[workloads.size()];
        double[] rates = interleaved(
                out,
                names,
                warmUp,
                measured,
                w -> {
                    Round round = callsPerSecond(workloads.get(w), next[w]);
                    perCpu[w][roundOf[w]] = round.perCpuSecond() * unitsPerCall;
                    wall[w][roundOf[w]++] = round.perSecond() * unitsPerCall;
                    return round.perSecond() * unitsPerCall;
                },
                unit);
        double[] cpuMedians = new double[workloads.size()];
        double[][] measuredWall = new double[workloads.size()][];
        for (int w = 0; w < workloads.size(); w++) {
            measuredWall[w] = Arrays.copyOfRange(wall[w], warmUp, warmUp + measured);
            cpuMedians[w] = printMedian(
                    out, names.get(w), Arrays.copyOfRange(perCpu[w], warmUp, warmUp + measured), unit + " per CPU-s");
        }
        return new Medians(rates, cpuMedians, measuredWall);
    }

    /** The next call number of each workload. */
    private static AtomicInteger[] counters(int workloads) {
        AtomicInteger[] next = new AtomicInteger[workloads];
        Arrays.setAll(next, i -> new AtomicInteger());
        return next;
    }

    /** One measured round of one workload: its rate. */
    @FunctionalInterface
    interface RoundRate {
        double rate(int workload) throws Exception;
    }

    /**
     * Rotated rounds of any measure: each round runs every workload once, starting one further
     * each time; warm-up rounds are dropped. Prints the median and range per workload; returns the medians.
     */
    static double[] interleaved(
            PrintStream out, List<String> names, int warmUp, int measured, RoundRate round, String unit)
            throws Exception {
        double[][] rates = new double[names.size()][measured];
        for (int r = 0; r < warmUp + measured; r++) {
            for (int k = 0; k < names.size(); k++) {
                int w = (k + r) % names.size();
                double rate = round.rate(w);
                if (r >= warmUp) {
                    rates[w][r - warmUp] = rate;
                }
            }
        }
        double[] medians = new double[names.size()];
        for (int w = 0; w < names.size(); w++) {
            medians[w] = printMedian(out, names.get(w), rates[w], unit);
        }
        return medians;
    }

    /** Prints the median and range of one workload's measured rounds; returns the median. */
    private static double printMedian(PrintStream out, String name, double[] rounds, String unit) {
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        out.printf(
                Locale.ROOT,
                "  %-72s %,10.0f %s  (rounds %,.0f .. %,.0f)%n",
                name,
                median,
                unit,
                sorted[0],
                sorted[sorted.length - 1]);
        return median;
    }

    /** One round's calls per second of wall clock and per second of the process's CPU time. */
    private record Round(double perSecond, double perCpuSecond) {}

    /** Calls the workload from {@link #inFlight} threads for one round. */
    private Round callsPerSecond(Workload workload, AtomicInteger next) throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        long cpuStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        long deadline = start + roundMillis * 1_000_000L;
        Thread[] lanes = new Thread[inFlight];
        RuntimeException[] failure = new RuntimeException[1];
        for (int i = 0; i < inFlight; i++) {
            lanes[i] = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        workload.call(next.getAndIncrement()).join();
                        calls.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            lanes[i].start();
        }
        for (Thread lane : lanes) {
            lane.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException(workload.name() + " failed", failure[0]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuStart) / 1e9;
        return new Round(calls.get() / seconds, calls.get() / cpuSeconds);
    }
}
