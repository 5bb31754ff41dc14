package io.kafkadr.temporal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a server certificate for localhost / 127.0.0.1 and a client certificate, all PEM, made by
 * openssl in a temp dir (keys PKCS#8, as OpenSSL 3 writes them).
 */
record TestCertificates(Path dir) {

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        c.ca("ca");
        c.leaf("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth", "ca");
        c.leaf("client", "kafka-dr-worker", "extendedKeyUsage=clientAuth", "ca");
        c.ca("other-ca");
        c.leaf("stranger", "stranger", "extendedKeyUsage=clientAuth", "other-ca");
        return c;
    }

    Path cert(String name) {
        return dir.resolve(name + ".pem");
    }

    Path key(String name) {
        return dir.resolve(name + ".key");
    }

    private void ca(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key(name).toString(), "-out",
                cert(name).toString(), "-days", "2", "-subj", "/CN=" + name);
    }

    private void leaf(String name, String cn, String extensions, String ca) throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extensions + "\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key(name).toString(), "-out", csr.toString(),
                "-subj", "/CN=" + cn);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", cert(ca).toString(), "-CAkey", key(ca).toString(),
                "-CAcreateserial", "-out", cert(name).toString(), "-days", "2", "-extfile", ext.toString());
    }

    static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
    }
}
