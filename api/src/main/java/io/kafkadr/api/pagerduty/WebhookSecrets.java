package io.kafkadr.api.pagerduty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook subscription's signing secrets, resolved from their references once, when the API
 * starts: {@code env:VAR} (the variable holds the secret) or {@code file:/path} (the file holds
 * it, surrounding whitespace dropped). The values are held as HMAC keys only; nothing here prints
 * them (no {@code toString} of a value, no message quoting one).
 *
 * <p>Unlike the worker's Kafka credentials ({@code {"username","password"}} JSON, which may also
 * come from AWS Secrets Manager), the value is the secret as PagerDuty shows it; the API does not
 * depend on the AWS SDK: on ECS or EKS, inject the Secrets Manager secret as an environment
 * variable or a mounted file and reference that.
 */
final class WebhookSecrets {

    private static final String HMAC = "HmacSHA256";
    /** More signatures than this in one header are refused rather than each checked against every secret. */
    static final int MAX_SIGNATURES = 8;
    private final List<SecretKeySpec> keys;

    private WebhookSecrets(List<SecretKeySpec> keys) {
        this.keys = keys;
    }

    /** Resolves every reference, or fails naming the reference (never its value) and how to fix it. */
    static WebhookSecrets resolve(List<String> refs, Function<String, String> env) {
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String ref : refs) {
            String value = value(ref, env).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("PagerDuty webhook secret " + ref + " is empty: put the "
                        + "subscription's signing secret there");
            }
            keys.add(new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), HMAC));
        }
        return new WebhookSecrets(List.copyOf(keys));
    }

    private static String value(String ref, Function<String, String> env) {
        if (ref.startsWith("env:")) {
            String value = env.apply(ref.substring(4));
            if (value == null) {
                throw new IllegalArgumentException("PagerDuty webhook secret " + ref + ": environment variable "
                        + ref.substring(4) + " is not set for the API: export it with the subscription's signing secret");
            }
            return value;
        }
        if (ref.startsWith("file:")) {
            Path file = Path.of(ref.substring(5));
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("PagerDuty webhook secret " + ref + ": cannot read " + file + " ("
                        + e.getClass().getSimpleName() + "): create it with the subscription's signing secret, "
                        + "readable by the API only");
            }
        }
        throw new IllegalArgumentException("PagerDuty webhook secret reference '" + ref + "': write env:VAR or file:/path");
    }

    /**
     * Whether {@code header} ({@code v1=<hex>[,v1=<hex>...]}) holds an HMAC-SHA256 of {@code body}
     * under one of the secrets. Every candidate is compared with {@link MessageDigest#isEqual} (constant
     * time) against every secret, with no early exit; signatures of another version are skipped.
     */
    boolean verify(String header, byte[] body) {
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String s = part.strip();
            if (s.startsWith("v1=")) {
                try {
                    signatures.add(HexFormat.of().parseHex(s.substring(3)));
                } catch (IllegalArgumentException notHex) {
                    // not a signature: it cannot match
                }
            }
        }
        if (signatures.size() > MAX_SIGNATURES) {
            return false;
        }
        boolean match = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = hmac(key, body);
            for (byte[] signature : signatures) {
                match |= MessageDigest.isEqual(expected, signature);
            }
        }
        return match;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM cannot compute " + HMAC, e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + keys.size() + " secret(s)]";
    }
}
