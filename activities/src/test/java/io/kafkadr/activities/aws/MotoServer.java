package io.kafkadr.activities.aws;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * moto's server (PyPI {@code moto[server]}, installed by deploy/local/setup.sh): AWS APIs emulated
 * on a free localhost port for the real aws-sdk-java-v2, for as long as a test class runs.
 */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    public MotoServer() throws IOException, InterruptedException {
        this(List.of("moto_server"));
    }

    /**
     * moto started through deploy/local/moto/moto_msk_shapes.py: moto plus the MSK calls it lacks
     * (GetBootstrapBrokers, the SCRAM secret calls, CREATING -> ACTIVE), answered with the recorded
     * shapes of the AWS MSK API reference. What provisioning's tests run against.
     */
    public static MotoServer withMskShapes() throws IOException, InterruptedException {
        return new MotoServer(List.of("python3", launcher().toString()));
    }

    /** The launcher, found from the working directory up (a module's folder, or the checkout). */
    public static Path launcher() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(LAUNCHER);
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException(LAUNCHER + " not found above " + Path.of("").toAbsolutePath());
    }

    static final String LAUNCHER = "deploy/local/moto/moto_msk_shapes.py";

    private MotoServer(List<String> command) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        try {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
            process = new ProcessBuilder(args)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is not installed: run deploy/local/setup.sh "
                    + "(pip install 'moto[server]')", e);
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("moto_server did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource moto holds (moto's {@code /moto-api/reset}), so a test starts from an empty account. */
    public void reset() throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
        c.setRequestMethod("POST");
        if (c.getResponseCode() != 200) {
            throw new IOException("moto did not reset: HTTP " + c.getResponseCode());
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
