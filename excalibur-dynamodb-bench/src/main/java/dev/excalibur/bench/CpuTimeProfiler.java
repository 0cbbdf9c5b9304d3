package dev.excalibur.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the benchmark JVM's CPU time per operation ({@code cpu.time.norm}, ns/op): the
 * benchmark thread's work plus what the JVM spends for it (garbage collection, the rest of JIT compilation).
 * Unlike throughput it does not count time spent waiting for a core, so it stays comparable when other work
 * shares the machine.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** The name of the result this profiler adds. */
    public static final String RESULT = "cpu.time.norm";

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    /** Called by JMH. */
    public CpuTimeProfiler() {}

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<ScalarResult> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long operations = result.getMetadata().getAllOps();
        double perOperation =
                operations == 0 ? Double.NaN : (os.getProcessCpuTime() - cpuAtStart) / (double) operations;
        return List.of(new ScalarResult(RESULT, perOperation, "ns/op", AggregationPolicy.AVG));
    }
}
