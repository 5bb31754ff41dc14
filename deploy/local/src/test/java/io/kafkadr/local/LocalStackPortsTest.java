package io.kafkadr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackPortsTest {

    @TempDir
    Path home;

    @Test
    void aTakenPortIsNamedWithItsOwnerBeforeAnythingStarts() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            LocalStack stack = new LocalStack(new StackLayout(home),
                    LocalPorts.fromEnvironment("kafka-primary=" + port), TemporalServer::javaTestServer,
                    new PrintStream(new ByteArrayOutputStream()));

            IllegalStateException e = assertThrows(IllegalStateException.class, stack::up);

            assertTrue(e.getMessage().contains("port " + port + " (for kafka-primary) is taken by"), e.getMessage());
            assertTrue(e.getMessage().contains("KAFKADR_PORTS"), e.getMessage());
            assertTrue(stack.status().processes().isEmpty(), "nothing may have started");
        }
    }

    @Test
    void portOverridesAreParsed() {
        LocalPorts ports = LocalPorts.fromEnvironment("kafka-primary=19192, connect-secondary-1=8183");
        assertEquals(19192, ports.get("kafka-primary"));
        assertEquals(8183, ports.get("connect-secondary-1"));
        assertEquals(29092, ports.get("kafka-secondary"));
    }

    @Test
    void unknownPortNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalPorts.fromEnvironment("kafka-tertiary=1"));
        assertTrue(e.getMessage().contains("kafka-tertiary=1"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka-primary"), e.getMessage());
    }

    @Test
    void nonNumericPortIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalPorts.fromEnvironment("temporal=abc"));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }
}
