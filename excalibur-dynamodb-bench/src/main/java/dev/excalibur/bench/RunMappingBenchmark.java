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
 * Runs {@link MappingBenchmark} with the GC and {@link CpuTimeProfiler CPU time} profilers and prints
 * throughput and CPU time per operation (means ± 99.9% confidence errors over the measured iterations of all
 * forks), allocation, and ratios by both. The machine is shared with other work, so the
 * benchmarks' forks are interleaved: each round runs one fork of every benchmark, and a burst of load from
 * elsewhere falls on all of them rather than on one.
 */
public final class RunMappingBenchmark {

    private static final int ROUNDS = 2;

    private RunMappingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Map<String, List<Double>> cpuTimes = new LinkedHashMap<>();
        Map<String, List<Double>> allocations = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (RunResult run : new Runner(new OptionsBuilder()
                            .include(MappingBenchmark.class.getName())
                            .addProfiler(GCProfiler.class)
                            .addProfiler(CpuTimeProfiler.class)
                            .build())
                    .run()) {
                String name = run.getParams()
                        .getBenchmark()
                        .substring(MappingBenchmark.class.getName().length() + 1);
                for (BenchmarkResult fork : run.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        scores.computeIfAbsent(name, key -> new ArrayList<>())
                                .add(iteration.getPrimaryResult().getScore());
                        cpuTimes.computeIfAbsent(name, key -> new ArrayList<>())
                                .add(iteration
                                        .getSecondaryResults()
                                        .get(CpuTimeProfiler.RESULT)
                                        .getScore());
                    }
                }
                Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
                if (allocation != null) {
                    allocations.computeIfAbsent(name, key -> new ArrayList<>()).add(allocation.getScore());
                }
            }
        }

        Map<String, Double> opsPerMs = new LinkedHashMap<>();
        Map<String, Double> opsPerCpuMs = new LinkedHashMap<>();
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Mapping one order document -> item -> document (JMH, %d interleaved forks, 5 x 1 s warm-up,"
                        + " 8 x 1 s measured each; errors: 99.9%% confidence)%n",
                ROUNDS);
        for (Map.Entry<String, List<Double>> benchmark : scores.entrySet()) {
            String name = benchmark.getKey();
            ListStatistics throughput = statistics(benchmark.getValue());
            ListStatistics cpu = statistics(cpuTimes.get(name));
            opsPerMs.put(name, throughput.getMean());
            opsPerCpuMs.put(name, 1e6 / cpu.getMean());
            System.out.printf(
                    Locale.ROOT,
                    "  %-20s %,8.1f ops/ms ± %,6.1f   %,8.0f ns CPU/op ± %,6.0f   %,7.0f B allocated/op%n",
                    name,
                    throughput.getMean(),
                    throughput.getMeanErrorAt(0.999),
                    cpu.getMean(),
                    cpu.getMeanErrorAt(0.999),
                    mean(allocations.get(name)));
        }
        for (String codec : new String[] {"excaliburJackson3", "excaliburJackson2"}) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s ratios (throughput | per CPU time): ours/bean schema = %.2f | %.2f   ours/EnhancedDocument"
                            + " = %.2f | %.2f   ours/hand-written = %.2f | %.2f%n",
                    codec,
                    opsPerMs.get(codec) / opsPerMs.get("enhancedBeanSchema"),
                    opsPerCpuMs.get(codec) / opsPerCpuMs.get("enhancedBeanSchema"),
                    opsPerMs.get(codec) / opsPerMs.get("enhancedDocument"),
                    opsPerCpuMs.get(codec) / opsPerCpuMs.get("enhancedDocument"),
                    opsPerMs.get(codec) / opsPerMs.get("handWritten"),
                    opsPerCpuMs.get(codec) / opsPerCpuMs.get("handWritten"));
        }
    }

    private static ListStatistics statistics(List<Double> values) {
        ListStatistics statistics = new ListStatistics();
        values.forEach(statistics::addValue);
        return statistics;
    }

    private static double mean(List<Double> values) {
        return values == null
                ? Double.NaN
                : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
