package dev.excalibur.dynamodb.engine.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The runnable jar's command line. */
class ServerMainTest {

    @Test
    void defaultsToPort8000InUsEast1() {
        assertThat(ServerMain.Options.parse())
                .isEqualTo(new ServerMain.Options(8000, "us-east-1", "123456789012", false));
    }

    @Test
    void readsPortRegionAndAccount() {
        assertThat(ServerMain.Options.parse("--port", "0", "--region", "eu-west-1", "--account-id", "000000000042"))
                .isEqualTo(new ServerMain.Options(0, "eu-west-1", "000000000042", false));
    }

    @Test
    void refusesAPortThatIsNotANumberInRange() {
        assertThatThrownBy(() -> ServerMain.Options.parse("--port", "eighty")).hasMessageContaining("--port");
        assertThatThrownBy(() -> ServerMain.Options.parse("--port", "70000")).hasMessageContaining("70000");
    }

    @Test
    void refusesUnknownArgumentsAndMissingValues() {
        assertThatThrownBy(() -> ServerMain.Options.parse("--inMemory")).hasMessage("unknown argument: --inMemory");
        assertThatThrownBy(() -> ServerMain.Options.parse("--region")).hasMessage("missing value for --region");
    }

    @Test
    void recognisesHelp() {
        assertThat(ServerMain.Options.parse("--help").help()).isTrue();
    }
}
