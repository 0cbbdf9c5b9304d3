package dev.excalibur.sample;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuickstartDemoTest {

    @Test
    void demoShowsTheStaleEtagRefusedWith412AndEndsCleanly() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        boolean ok = QuickstartDemo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String report = buffer.toString(StandardCharsets.UTF_8);

        assertThat(ok).as(report).isTrue();
        assertThat(report)
                .contains("2. create  -> 200")
                .contains("-> 412 Precondition Failed")
                .contains("stored order is unchanged: status SHIPPED")
                .contains("read again -> 404 Not Found")
                .contains("7. change feed from the beginning -> [CREATED ORDER#1001 (PLACED), UPDATED ORDER#1001 (SHIPPED),"
                        + " DELETED ORDER#1001]")
                .contains("demo finished: every step behaved as documented")
                .doesNotContain("UNEXPECTED");
    }
}
