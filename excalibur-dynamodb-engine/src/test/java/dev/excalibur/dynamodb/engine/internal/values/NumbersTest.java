package dev.excalibur.dynamodb.engine.internal.values;

import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers: the service's canonical text, its 38-digit precision and its range (engine-surface.md R4). */
class NumbersTest {

    private static final String NINES_38 = "9".repeat(38);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0E-4, 0.0001",
        "129.90, 129.9",
        "-0, 0",
        "0.000, 0",
        "-0015.789e6, -15789000",
        "1E+1, 10",
        "1e1, 10",
        "42, 42",
        "-3.50, -3.5",
        "+7, 7",
        "100, 100",
        ".5, 0.5",
    })
    void storesNumbersInCanonicalPlainForm(String given, String canonical) {
        assertThat(AttributeValues.canonicalNumber(given)).isEqualTo(canonical);
    }

    @Test
    void keepsTheLargestNumberWithAllItsZeros() {
        assertThat(AttributeValues.canonicalNumber("9." + "9".repeat(37) + "E+125"))
                .isEqualTo(NINES_38 + "0".repeat(88));
        assertThat(AttributeValues.canonicalNumber("-1E-130")).isEqualTo("-0." + "0".repeat(129) + "1");
        assertThat(AttributeValues.canonicalNumber("0001.000e-130")).isEqualTo("0." + "0".repeat(129) + "1");
    }

    @Test
    void acceptsThirtyEightSignificantDigitsAndRefusesThirtyNine() {
        assertThat(AttributeValues.canonicalNumber(NINES_38)).isEqualTo(NINES_38);
        assertThat(AttributeValues.canonicalNumber("1" + "0".repeat(37) + "00")).isEqualTo("1" + "0".repeat(39));
        refuses(
                () -> AttributeValues.canonicalNumber("1" + "0".repeat(37) + "1"),
                "Attempting to store more than 38 significant digits in a Number");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1E126",
                "-1E126",
                "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            })
    void refusesMagnitudesAboveTheRange(String number) {
        refuses(
                () -> AttributeValues.canonicalNumber(number),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E-131", "-1E-131", "0.9E-130"})
    void refusesMagnitudesBelowTheRange(String number) {
        refuses(
                () -> AttributeValues.canonicalNumber(number),
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.2.3", "1e", " 1", "NaN", "Infinity", "0x10", "1,5"})
    void refusesTextThatIsNotANumber(String text) {
        refuses(
                () -> AttributeValues.canonicalNumber(text),
                "The parameter cannot be converted to a numeric value: " + text);
    }

    @Test
    void refusesAnEmptyNumber() {
        refuses(() -> AttributeValues.canonicalNumber(""), "The parameter cannot be converted to a numeric value");
    }
}
