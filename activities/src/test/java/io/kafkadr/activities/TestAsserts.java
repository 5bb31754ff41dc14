package io.kafkadr.activities;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** String assertions that print the whole text when they fail. */
public final class TestAsserts {

    private TestAsserts() {
    }

    public static void assertContains(String text, String expected) {
        assertTrue(text != null && text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
    }

    public static void assertNotContains(String text, String unexpected) {
        assertFalse(text != null && text.contains(unexpected), () -> "did not expect '" + unexpected + "' in:\n" + text);
    }
}
