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
    double[] run(PrintStream out, List<? extends Workload> workloads, double unitsPerCall, String unit) throws InterruptedException {
        AtomicInteger[] next = new AtomicInteger[workloads.size()];
        Arrays.setAll(next, i -> new AtomicInteger());
        double[][] rates = new double[workloads.size()][measured];
        for (int round = 0; round < warmUp + measured; round++) {
            for (int k = 0; k < workloads.size(); k++) {
                int w = (k + round) % workloads.size();
                double rate = callsPerSecond(workloads.get(w), next[w]) * unitsPerCall;
                if (round >= warmUp) {
                    rates[w][round - warmUp] = rate;
                }
            }
        }
        double[] medians = new double[workloads.size()];
        for (int w = 0; w < workloads.size(); w++) {
            double[] sorted = rates[w].clone();
            Arrays.sort(sorted);
            medians[w] = sorted[sorted.length / 2];
            out.printf(Locale.ROOT, "  %-72s %,10.0f %s  (rounds %,.0f .. %,.0f)%n",
                    workloads.get(w).name(), medians[w], unit, sorted[0], sorted[sorted.length - 1]);
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
