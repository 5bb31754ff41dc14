package io.kafkadr.activities.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few Kafka Connect REST calls kafka-dr needs, each to one cluster's {@link ConnectEndpoint}:
 * http or https (trusting the CA file it names, else the JVM's trust store), with basic auth when
 * it names a secret reference. Errors carry Connect's own message
 * ({@code {"error_code": 400, "message": "..."}}) so the operator sees what Connect objected to;
 * a certificate the worker does not trust, a login Connect refuses and an unreadable CA file or
 * secret are not retried and say what to fix.
 */
public class ConnectRestClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectAccess access;

    /** {@code secrets} resolves the endpoints' basic-auth references. */
    public ConnectRestClient(SecretResolver secrets) {
        this(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .build(), secrets);
    }

    /** {@code http}: the base of every endpoint's client (timeouts, connection pool). */
    public ConnectRestClient(OkHttpClient http, SecretResolver secrets) {
        this.access = new ConnectAccess(http, secrets);
    }

    /** Creates or updates a connector; idempotent. */
    public void putConfig(ConnectEndpoint connect, String connector, Map<String, String> config) {
        HttpUrl url = url(connect, "connectors", connector, "config");
        call(connect, new Request.Builder().url(url).put(RequestBody.create(writeJson(config), JSON_TYPE)), false);
    }

    /** Names of the connectors on a Connect group. */
    public List<String> connectors(ConnectEndpoint connect) {
        List<String> names = new ArrayList<>();
        call(connect, new Request.Builder().url(url(connect, "connectors")), false)
                .ifPresent(list -> list.forEach(n -> names.add(n.asText())));
        return names;
    }

    /** A connector's config as Connect stores it, or empty if the connector is unknown (404). */
    public Optional<JsonNode> config(ConnectEndpoint connect, String connector) {
        return call(connect, new Request.Builder().url(url(connect, "connectors", connector, "config")), true);
    }

    /** Status of a connector and its tasks, or empty while Connect does not know it (404). */
    public Optional<JsonNode> status(ConnectEndpoint connect, String connector) {
        return call(connect, new Request.Builder().url(url(connect, "connectors", connector, "status")), true);
    }

    /** Source offsets committed by a connector (KIP-875), or empty if the connector is unknown. */
    public Optional<JsonNode> offsets(ConnectEndpoint connect, String connector) {
        return call(connect, new Request.Builder().url(url(connect, "connectors", connector, "offsets")), true);
    }

    /** Creates a connector that does not run until resumed (KIP-980); 409 if it exists. */
    public void createStopped(ConnectEndpoint connect, String connector, Map<String, String> config) {
        String body = writeJson(Map.of("name", connector, "config", config, "initial_state", "STOPPED"));
        call(connect, new Request.Builder().url(url(connect, "connectors")).post(RequestBody.create(body, JSON_TYPE)), false);
    }

    public void resume(ConnectEndpoint connect, String connector) {
        call(connect, new Request.Builder().url(url(connect, "connectors", connector, "resume"))
                .put(RequestBody.create(new byte[0], JSON_TYPE)), false);
    }

    /** Forgets a stopped connector's source offsets (KIP-875). */
    public void deleteOffsets(ConnectEndpoint connect, String connector) {
        call(connect, new Request.Builder().url(url(connect, "connectors", connector, "offsets")).delete(), false);
    }

    /** Sets a stopped connector's source offsets (KIP-875): {@code {"offsets": [{"partition", "offset"}]}}. */
    public void patchOffsets(ConnectEndpoint connect, String connector, Object offsets) {
        call(connect, new Request.Builder().url(url(connect, "connectors", connector, "offsets"))
                .patch(RequestBody.create(writeJson(offsets), JSON_TYPE)), false);
    }

    /** Deletes a connector; an unknown connector is already deleted. */
    public void delete(ConnectEndpoint connect, String connector) {
        call(connect, new Request.Builder().url(url(connect, "connectors", connector)).delete(), true);
    }

    /** Stops a connector but keeps its config and offsets (KIP-875); unknown is a no-op. */
    public void stop(ConnectEndpoint connect, String connector) {
        HttpUrl url = url(connect, "connectors", connector, "stop");
        call(connect, new Request.Builder().url(url).put(RequestBody.create(new byte[0], JSON_TYPE)), true);
    }

    public void restartTask(ConnectEndpoint connect, String connector, int task) {
        HttpUrl url = url(connect, "connectors", connector, "tasks", Integer.toString(task), "restart");
        call(connect, new Request.Builder().url(url).post(RequestBody.create(new byte[0], JSON_TYPE)), false);
    }

    /** Restarts a failed connector instance together with its failed tasks. */
    public void restartConnector(ConnectEndpoint connect, String connector) {
        HttpUrl url = url(connect, "connectors", connector, "restart").newBuilder()
                .addQueryParameter("includeTasks", "true").addQueryParameter("onlyFailed", "true").build();
        call(connect, new Request.Builder().url(url).post(RequestBody.create(new byte[0], JSON_TYPE)), false);
    }

    private Optional<JsonNode> call(ConnectEndpoint connect, Request.Builder builder, boolean notFoundIsEmpty) {
        access.authorization(connect).ifPresent(value -> builder.header("Authorization", value));
        Request request = builder.build();
        try (Response response = access.client(connect).newCall(request).execute()) {
            String body = response.body().string();
            if (response.isSuccessful()) {
                return body.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(body));
            }
            if (response.code() == 404 && notFoundIsEmpty) {
                return Optional.empty();
            }
            throw new ConnectRestException(describe(request) + " failed with HTTP " + response.code() + ": "
                    + connectMessage(body) + hint(connect, response.code()), response.code(), null);
        } catch (SSLPeerUnverifiedException e) {
            throw new ConnectRestException(describe(request) + ": Connect's certificate is not valid for host '"
                    + request.url().host() + "' (" + e.getMessage() + "); give " + connect.key("connectUrl")
                    + " a host name its certificate names, or reissue the certificate for this host",
                    ConnectRestException.MISCONFIGURED, e);
        } catch (SSLHandshakeException e) {
            if (!untrusted(e)) {
                throw unreachable(connect, request, e);
            }
            throw new ConnectRestException(describe(request) + ": the worker does not trust the certificate of "
                    + "Connect at " + connect.url() + " (" + rootMessage(e) + "); " + (connect.caFile() == null
                    ? "set " + connect.key("connectTls.caFile") + " to the PEM file of the CA that signed it"
                    : "the CA in " + connect.key("connectTls.caFile") + " (" + connect.caFile() + ") did not sign "
                    + "it: give the CA that did, or check that connectUrl names the right Connect group"),
                    ConnectRestException.MISCONFIGURED, e);
        } catch (SSLException e) {
            if (!String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message")) {
                throw unreachable(connect, request, e);
            }
            throw new ConnectRestException(describe(request) + ": Connect at " + connect.url() + " does not speak "
                    + "TLS (" + e.getMessage() + "); use an http:// " + connect.key("connectUrl")
                    + ", or serve its REST API with listeners=https://...", ConnectRestException.MISCONFIGURED, e);
        } catch (IOException e) {
            throw unreachable(connect, request, e);
        }
    }

    private static ConnectRestException unreachable(ConnectEndpoint connect, Request request, IOException e) {
        return new ConnectRestException(describe(request) + ": Connect REST did not answer (" + e.getMessage()
                + "); check that the Connect workers are running and " + connect.key("connectUrl") + " ("
                + connect.url() + ") is right", ConnectRestException.UNREACHABLE, e);
    }

    /** A handshake that failed on the certificate (not trusted, expired), not on the connection. */
    private static boolean untrusted(SSLHandshakeException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String hint(ConnectEndpoint connect, int code) {
        return switch (code) {
            case 409 -> " (Connect is rebalancing; retried)";
            case 400 -> " (fix the connector settings in the pair config)";
            case 401 -> connect.secretRef() == null
                    ? " (Connect's REST API asks for a login: give " + connect.key("connectAuth.secretRef")
                    + " with the username and password of its basic auth)"
                    : " (Connect refused the login: check the username and password that "
                    + connect.key("connectAuth.secretRef") + " '" + connect.secretRef() + "' holds)";
            case 403 -> " (Connect's REST API refuses this user; give " + connect.key("connectAuth.secretRef")
                    + " a user it allows)";
            default -> "";
        };
    }

    private static String connectMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: show the start of the body instead
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String describe(Request request) {
        return request.method() + " " + request.url().encodedPath();
    }

    private static HttpUrl url(ConnectEndpoint connect, String... segments) {
        HttpUrl base = HttpUrl.parse(connect.url());
        if (base == null) {
            throw new ConnectRestException("'" + connect.url() + "' is not an http(s) URL; fix "
                    + connect.key("connectUrl") + " in the pair", 400, null);
        }
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
