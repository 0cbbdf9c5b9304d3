package dev.excalibur.dynamodb.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecDiscoveryTest {

    private record Factory(int preference, boolean available) implements DocumentCodecFactory {
        @Override
        public DocumentCodec create() {
            throw new UnsupportedOperationException("not created in this test");
        }
    }

    @Test
    void withoutACodecModuleDiscoveryNamesBothArtifacts() {
        assertThatThrownBy(DocumentCodec::discover)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.excalibur:excalibur-dynamodb-codec-jackson3")
                .hasMessageContaining("dev.excalibur:excalibur-dynamodb-codec-jackson2");
    }

    @Test
    void theMostPreferredAvailableFactoryWins() {
        Factory jackson2 = new Factory(2, true);
        Factory jackson3 = new Factory(3, true);
        Factory missingJackson = new Factory(4, false);

        assertThat(CodecDiscovery.best(List.of(jackson2, missingJackson, jackson3)))
                .isSameAs(jackson3);
        assertThat(CodecDiscovery.best(List.of(new Factory(3, false), jackson2)))
                .isSameAs(jackson2);
    }

    @Test
    void aClassThatIsNotThereIsNotPresent() {
        assertThat(DocumentCodecFactory.present("no.such.Type", CodecDiscoveryTest.class))
                .isFalse();
        assertThat(DocumentCodecFactory.present("java.lang.String", CodecDiscoveryTest.class))
                .isTrue();
    }
}
