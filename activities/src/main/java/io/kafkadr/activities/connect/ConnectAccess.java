package io.kafkadr.activities.connect;

import io.kafkadr.activities.secrets.Credentials;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * How the worker reaches one Connect group's REST API: the HTTP client that trusts its CA (one
 * per CA file, all sharing one connection pool and dispatcher; a CA file replaced on disk is read
 * again) and the basic-auth header from its secret reference, resolved on every call so a rotated
 * password is used at once. The header value never leaves this class but in the request.
 */
final class ConnectAccess {

    /** A CA file as it was when read: a file replaced on disk gets a client of its own. */
    private record CaFile(Path path, FileTime modified) {
    }

    private final OkHttpClient base;
    private final SecretResolver secrets;
    private final Map<CaFile, OkHttpClient> byCa = new ConcurrentHashMap<>();

    ConnectAccess(OkHttpClient base, SecretResolver secrets) {
        this.base = base;
        this.secrets = secrets;
    }

    OkHttpClient client(ConnectEndpoint endpoint) {
        if (endpoint.caFile() == null) {
            return base;
        }
        Path path = Path.of(endpoint.caFile());
        CaFile key;
        try {
            key = new CaFile(path, Files.getLastModifiedTime(path));
        } catch (IOException e) {
            throw unreadableCa(endpoint, e);
        }
        return byCa.computeIfAbsent(key, k -> trusting(endpoint, k.path()));
    }

    /** {@code Basic ...} for an endpoint with a secret reference. */
    Optional<String> authorization(ConnectEndpoint endpoint) {
        if (endpoint.secretRef() == null) {
            return Optional.empty();
        }
        Credentials c;
        try {
            c = secrets.resolve(endpoint.secretRef());
        } catch (IllegalArgumentException e) {
            // SecretResolver's messages name the reference, never the secret
            throw new ConnectRestException(endpoint.key("connectAuth.secretRef") + ": " + e.getMessage(),
                    ConnectRestException.MISCONFIGURED, null);
        }
        return Optional.of(okhttp3.Credentials.basic(c.username(), c.password(), StandardCharsets.UTF_8));
    }

    private OkHttpClient trusting(ConnectEndpoint endpoint, Path caFile) {
        try {
            X509TrustManager trust = PemTrust.of(caFile);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            return base.newBuilder().sslSocketFactory(tls.getSocketFactory(), trust).build();
        } catch (IOException e) {
            throw unreadableCa(endpoint, e);
        } catch (GeneralSecurityException e) {
            throw new ConnectRestException(endpoint.key("connectTls.caFile") + " " + caFile + ": not a PEM file of "
                    + "CA certificates (" + e.getMessage() + "); give the CA certificate(s) that signed Connect's REST "
                    + "certificate, each between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----",
                    ConnectRestException.MISCONFIGURED, e);
        }
    }

    private static ConnectRestException unreadableCa(ConnectEndpoint endpoint, IOException e) {
        return new ConnectRestException(endpoint.key("connectTls.caFile") + " " + endpoint.caFile()
                + ": cannot read it on the worker (" + e.getClass().getSimpleName() + "); put the PEM file with the "
                + "CA certificate(s) of Connect's REST listener there, readable by the worker",
                ConnectRestException.MISCONFIGURED, e);
    }
}
