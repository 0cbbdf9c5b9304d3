package dev.excalibur.bench;

import java.io.PrintStream;
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
        AtomicInteger[] next = new AtomicInteger[workloads.size()];
        Arrays.setAll(next, i -> new AtomicInteger());
        return interleaved(
                out,
                workloads.stream().map(Workload::name).toList(),
                warmUp,
                measured,
                w -> callsPerSecond(workloads.get(w), next[w]) * unitsPerCall,
                unit);
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
            double[] sorted = rates[w].clone();
            Arrays.sort(sorted);
            medians[w] = sorted[sorted.length / 2];
            out.printf(
                    Locale.ROOT,
                    "  %-72s %,10.0f %s  (rounds %,.0f .. %,.0f)%n",
                    names.get(w),
                    medians[w],
                    unit,
                    sorted[0],
                    sorted[sorted.length - 1]);
        }
        return medians;
    }

    /** Calls the workload from {@link #inFlight} threads for one round; calls per second. */
    private double callsPerSecond(Workload workload, AtomicInteger next) throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
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
        return calls.get() / ((System.nanoTime() - start) / 1e9);
    }
}
