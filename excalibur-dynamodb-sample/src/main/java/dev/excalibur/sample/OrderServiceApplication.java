package dev.excalibur.sample;

import dev.excalibur.sample.demo.DemoReport;
import dev.excalibur.sample.demo.DemoScript;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample order service on DynamoDB (the embedded Excalibur engine by default). With the argument
 * {@code demo} it starts on a free port, runs the scripted demo against its own HTTP interface,
 * prints the report and exits 0 when every check passed (1 otherwise); without it, it serves on
 * port 8080 until stopped.
 */
@SpringBootApplication
public class OrderServiceApplication {

    public static void main(String[] args) {
        boolean demo = Arrays.asList(args).contains("demo");
        String[] arguments = demo
                ? Stream.concat(Arrays.stream(args), Stream.of("--server.port=0"))
                        .toArray(String[]::new)
                : args;
        ConfigurableApplicationContext context = SpringApplication.run(OrderServiceApplication.class, arguments);
        if (demo) {
            DemoReport report = context.getBean(DemoScript.class).run(System.out);
            System.exit(SpringApplication.exit(context, () -> report.passed() ? 0 : 1));
        }
    }
}
