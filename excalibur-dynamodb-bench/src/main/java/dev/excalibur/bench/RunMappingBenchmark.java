package dev.excalibur.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link MappingBenchmark} with the GC profiler and prints throughput (mean ± 99.9% confidence error over
 * the measured iterations of all forks), allocation and ratios. The machine is shared with other work, so the
 * benchmarks' forks are interleaved: each round runs one fork of every benchmark, and a burst of load from
 * elsewhere falls on all of them rather than on one.
 */
public final class RunMappingBenchmark {

    private static final int ROUNDS = 2;

    private RunMappingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Map<String, List<Double>> allocations = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (RunResult run : new Runner(new OptionsBuilder()
                            .include(MappingBenchmark.class.getName())
                            .addProfiler(GCProfiler.class)
                            .build())
                    .run()) {
                String name = run.getParams()
                        .getBenchmark()
                        .substring(MappingBenchmark.class.getName().length() + 1);
                for (BenchmarkResult fork : run.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        scores.computeIfAbsent(name, key -> new ArrayList<>())
                                .add(iteration.getPrimaryResult().getScore());
                    }
                }
                Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
                if (allocation != null) {
                    allocations.computeIfAbsent(name, key -> new ArrayList<>()).add(allocation.getScore());
                }
            }
        }

        Map<String, Double> opsPerMs = new LinkedHashMap<>();
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Mapping one order document -> item -> document (JMH, %d interleaved forks, 5 x 1 s warm-up,"
                        + " 8 x 1 s measured each; error: 99.9%% confidence)%n",
                ROUNDS);
        for (Map.Entry<String, List<Double>> benchmark : scores.entrySet()) {
            ListStatistics statistics = new ListStatistics();
            benchmark.getValue().forEach(statistics::addValue);
            opsPerMs.put(benchmark.getKey(), statistics.getMean());
            System.out.printf(
                    Locale.ROOT,
                    "  %-26s %,10.1f ops/ms  ± %,6.1f   %,8.0f B allocated per op%n",
                    benchmark.getKey(),
                    statistics.getMean(),
                    statistics.getMeanErrorAt(0.999),
                    mean(allocations.get(benchmark.getKey())));
        }
        for (String codec : new String[] {"excaliburJackson3", "excaliburJackson2"}) {
            double ours = opsPerMs.get(codec);
            System.out.printf(
                    Locale.ROOT,
                    "  %s: ratio ours/bean schema = %.2f   ours/EnhancedDocument = %.2f   ours/hand-written = %.2f%n",
                    codec,
                    ours / opsPerMs.get("enhancedBeanSchema"),
                    ours / opsPerMs.get("enhancedDocument"),
                    ours / opsPerMs.get("handWritten"));
        }
    }

    private static double mean(List<Double> values) {
        return values == null
                ? Double.NaN
                : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
