package dev.excalibur.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link MappingBenchmark} with the GC profiler and prints throughput, allocation and ratios. */
public final class RunMappingBenchmark {

    private RunMappingBenchmark() {}

    public static void main(String[] args) throws Exception {
        var results = new Runner(new OptionsBuilder()
                        .include(MappingBenchmark.class.getName())
                        .addProfiler(GCProfiler.class)
                        .build())
                .run();

        Map<String, Double> opsPerMs = new HashMap<>();
        System.out.println();
        System.out.println(
                "Mapping one order document -> item -> document (JMH, 1 fork, 3 x 1 s warm-up, 5 x 1 s measured)");
        for (RunResult run : results) {
            String name = run.getParams()
                    .getBenchmark()
                    .substring(MappingBenchmark.class.getName().length() + 1);
            Result<?> primary = run.getPrimaryResult();
            Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
            opsPerMs.put(name, primary.getScore());
            System.out.printf(
                    Locale.ROOT,
                    "  %-26s %,10.1f ops/ms  ± %,.1f   %,8.0f B allocated per op%n",
                    name,
                    primary.getScore(),
                    primary.getScoreError(),
                    allocation == null ? Double.NaN : allocation.getScore());
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
}
