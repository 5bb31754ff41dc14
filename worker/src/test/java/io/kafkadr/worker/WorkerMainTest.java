package io.kafkadr.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WorkerMainTest {

    /** A bad --aws-endpoint-url stops the worker before it connects anywhere, naming the flag (exit code 2). */
    @Test
    void aBadAwsEndpointIsAUsageErrorBeforeAnythingStarts() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new CommandLine(new WorkerMain()).execute("--aws-endpoint-url", "https://vpce.internal,vpce-2.internal",
                    "--temporal", "127.0.0.1:1");
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("drctl worker: --aws-endpoint-url: "
                + "'vpce-2.internal' is not an http(s) URL with a host"), captured.toString(StandardCharsets.UTF_8));
    }
}
