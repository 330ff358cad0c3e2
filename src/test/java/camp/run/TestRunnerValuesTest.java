package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import camp.types.Type;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** How camp test compares a found value with an expected one: numbers by value, floats to the expected decimals. */
class TestRunnerValuesTest {
    @Test
    void decimalsCompareByValue() {
        assertEquals(TestRunner.shown(new BigDecimal("350.0000"), Type.DECIMAL, 0), TestRunner.shown(new BigDecimal("350"), Type.DECIMAL, 0));
        assertEquals("350", TestRunner.shown(new BigDecimal("350.00"), Type.DECIMAL, 0));
        assertEquals("0.5", TestRunner.shown(new BigDecimal("0.5000"), Type.DECIMAL, 0));
        assertEquals("1000", TestRunner.shown(new BigDecimal("1E+3"), Type.DECIMAL, 0), "no exponent");
        assertNotEquals(TestRunner.shown(new BigDecimal("350.01"), Type.DECIMAL, 0), TestRunner.shown(new BigDecimal("350"), Type.DECIMAL, 0));
    }

    @Test
    void floatsAreRoundedToTheDecimalsTheTestWrites() {
        assertEquals("83.33", TestRunner.shown(83.333333, Type.FLOAT, 2));
        assertEquals("83.34", TestRunner.shown(83.335, Type.FLOAT, 2));
        assertEquals("83", TestRunner.shown(83.4, Type.FLOAT, 0));
        assertEquals("83.3", TestRunner.shown(83.3, Type.FLOAT, 1));
    }

    @Test
    void textIsQuotedAndTimesReadAsWritten() {
        assertEquals("\"Ann \\\"A\\\"\"", TestRunner.shown("Ann \"A\"", Type.TEXT, 0));
        assertEquals("null", TestRunner.shown(null, Type.TEXT, 0));
        assertEquals("2026-03-10", TestRunner.shown(Date.valueOf(LocalDate.of(2026, 3, 10)), Type.DATE, 0));
        assertEquals("2026-03-10", TestRunner.shown(LocalDate.of(2026, 3, 10), Type.DATE, 0));
        assertEquals("2026-03-10 09:00", TestRunner.shown(Timestamp.valueOf(LocalDateTime.of(2026, 3, 10, 9, 0)), Type.TIMESTAMP, 0));
        assertEquals("2026-03-10 09:00:30", TestRunner.shown(LocalDateTime.of(2026, 3, 10, 9, 0, 30), Type.TIMESTAMP, 0));
        assertEquals("7", TestRunner.shown(7, Type.INT, 0));
    }

    @Test
    void aCsvErrorNamesTheLineAndTheValue() {
        String duck = "Conversion Error: CSV Error on Line: 3\nOriginal Line: 2,2,lots\n"
                + "Error when converting column \"amount\". Could not convert string \"lots\" to 'DECIMAL'\n\nColumn amount is ...";
        assertEquals(", line 3: could not convert string \"lots\" to 'DECIMAL' (column amount)", TestRunner.csvError(duck));
        assertEquals(": something else", TestRunner.csvError("something else\nmore"));
    }
}
