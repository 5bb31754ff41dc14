package io.kafkadr.starter.codec;

import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.temporal.TemporalSettings;
import io.kafkadr.temporal.codec.AesGcmPayloadCodec;
import io.kafkadr.temporal.codec.CodecKeyring;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drctl codec-server}: the Temporal UI's remote codec endpoint for kafka-dr's encrypted payloads. */
@Command(name = "codec-server", mixinStandardHelpOptions = true,
        description = {"Serve the Temporal UI's remote codec endpoint (POST /encode, /decode) with the payload keys,",
                "so operators read encrypted runs in the UI (Settings > Codec Server) or the Temporal CLI (--codec-endpoint).",
                "Runs in the foreground until stopped."})
public class CodecServerCommand implements Callable<Integer> {

    public static final String ENV_TOKEN = "KAFKADR_CODEC_SERVER_TOKEN";

    @Option(names = "--port", defaultValue = "8888", description = "port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--ui-origin", paramLabel = "URL",
            description = "the Temporal UI's origin, the only one browsers may call from, e.g. https://temporal.example.com "
                    + "(default: the local stack's UI)")
    String uiOrigin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "file holding the bearer token callers must send (env " + ENV_TOKEN + " holds the token itself)")
    Path tokenFile;

    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() throws IOException, InterruptedException {
        TemporalSettings settings = temporal.settings();
        CodecKeyring keys = settings.codecKeys().orElseThrow(() -> new OperationFailedException(
                "no payload keys: give --codec-keys-file FILE (or KAFKADR_CODEC_KEYS_FILE / KAFKADR_CODEC_KEYS), the keyring the worker uses",
                "BadInput"));
        String origin = uiOrigin != null ? uiOrigin : temporal.uiUrl();
        if (origin == null) {
            throw new OperationFailedException("give --ui-origin URL: the Temporal UI's origin (scheme://host[:port]), "
                    + "the only one browsers may call this server from", "BadInput");
        }
        if (!origin.matches("https?://[^/\\s]+")) {
            throw new OperationFailedException("--ui-origin " + origin + " is not an origin: scheme://host[:port], no path", "BadInput");
        }
        CodecServer.Config config = new CodecServer.Config(new InetSocketAddress(bind, port), origin, settings.namespace(),
                token(), new AesGcmPayloadCodec(keys));
        try (CodecServer server = CodecServer.start(config)) {
            System.err.println("codec server on http://" + bind + ":" + server.port() + " for namespace " + settings.namespace()
                    + ", UI origin " + origin + ", keys " + keys.keys().keySet() + " (current " + keys.currentKeyId()
                    + "); Ctrl-C to stop");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    private String token() {
        String value;
        String setting;
        if (tokenFile != null) {
            setting = "--token-file " + tokenFile;
            try {
                value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new OperationFailedException(setting + ": cannot read (" + e.getClass().getSimpleName() + ")", "BadInput");
            }
        } else {
            setting = ENV_TOKEN;
            value = System.getenv().getOrDefault(ENV_TOKEN, "").strip();
        }
        if (value.length() < 16) {
            throw new OperationFailedException("a bearer token of at least 16 characters is required: put one in --token-file FILE "
                    + "or " + ENV_TOKEN + " (" + setting + " " + (value.isEmpty() ? "is empty or unset" : "is too short")
                    + "); e.g. openssl rand -hex 24", "BadInput");
        }
        return value;
    }
}
