package io.kafkadr.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** The API's TLS identity from PEM files: a certificate (chain) and its PKCS#8 private key. */
final class PemKeyStore {

    static final String ALIAS = "kafka-dr-api";

    private PemKeyStore() {
    }

    /** A key store holding the key and chain under {@link #ALIAS}, protected by {@code password}. */
    static KeyStore load(Path certFile, Path keyFile, char[] password) {
        try {
            List<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certFile)) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert " + certFile + " holds no certificate (PEM, BEGIN CERTIFICATE)");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey(keyFile), password, chain.toArray(new Certificate[0]));
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS files: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-cert " + certFile + " is not a PEM certificate, or does not "
                    + "fit the key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path keyFile) throws IOException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new IllegalArgumentException("--tls-key " + keyFile + " is a PKCS#1/SEC1 key: convert it to PKCS#8 "
                    + "with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out key.pem");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("--tls-key " + keyFile + " holds no unencrypted PKCS#8 key (PEM, BEGIN "
                    + "PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("--tls-key " + keyFile + " is no RSA, EC or Ed25519 key");
    }
}
