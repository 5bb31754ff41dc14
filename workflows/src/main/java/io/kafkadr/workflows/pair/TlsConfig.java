package io.kafkadr.workflows.pair;

/**
 * The certificate authority a cluster's clients (kafka-dr's worker, MM2 on the Connect workers)
 * trust, for a cluster whose certificates a private CA signed. Either a PEM file of CA
 * certificates or a JKS/PKCS12 truststore with its password; the paths must exist on the worker
 * and on every Connect worker that replicates from or into the cluster.
 *
 * @param caFile                see {@link #CA_FILE_DOC}
 * @param truststoreFile        see {@link #TRUSTSTORE_FILE_DOC}
 * @param truststoreType        see {@link #TRUSTSTORE_TYPE_DOC}
 * @param truststorePasswordRef see {@link #TRUSTSTORE_PASSWORD_REF_DOC}
 */
public record TlsConfig(String caFile, String truststoreFile, String truststoreType, String truststorePasswordRef) {

    public static final String CA_FILE = "caFile";
    public static final String CA_FILE_DOC = "PEM file of the CA certificate(s) that signed the brokers' certificates; "
            + "Kafka's ssl.truststore.type=PEM, no password";
    public static final String TRUSTSTORE_FILE = "truststoreFile";
    public static final String TRUSTSTORE_FILE_DOC = "a JKS or PKCS12 truststore holding that CA, instead of caFile";
    public static final String TRUSTSTORE_TYPE = "truststoreType";
    public static final String TRUSTSTORE_TYPE_DOC = "JKS or PKCS12, the type of truststoreFile";
    public static final String TRUSTSTORE_TYPE_DEFAULT = "PKCS12";
    public static final String TRUSTSTORE_PASSWORD_REF = "truststorePasswordRef";
    public static final String TRUSTSTORE_PASSWORD_REF_DOC = "secret reference (env:, file:, aws-secretsmanager:) to "
            + "JSON {\"password\": ...}: the truststore's password for the worker; the Connect workers read it as key "
            + "truststore.password of the cluster's connectSecretRef";

    public boolean hasTruststorePassword() {
        return truststoreFile != null && !truststoreFile.isBlank();
    }

    public String truststoreTypeOrDefault() {
        return truststoreType == null || truststoreType.isBlank() ? TRUSTSTORE_TYPE_DEFAULT : truststoreType;
    }
}
