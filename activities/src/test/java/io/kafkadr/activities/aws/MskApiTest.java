package io.kafkadr.activities.aws;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.provision.ProvisionNames;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * MskApi against MockWebServer answering as the AWS MSK API reference documents it, for the calls
 * moto does not emulate (GetBootstrapBrokers, BatchAssociateScramSecret, ListScramSecrets): the
 * wire names are the model's {@code locationName}s (camelCase: {@code bootstrapBrokerStringSaslScram},
 * {@code unprocessedScramSecrets[].errorCode}, ...), errors carry their type in {@code x-amzn-ErrorType}
 * and {@code {"message": ...}}. Every request is checked to be SigV4-signed for service {@code kafka}
 * and its region, by recomputing the signature here from what arrived.
 */
class MskApiTest {

    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String REGION = "us-west-2";
    private static final String CLUSTER = "arn:aws:kafka:us-west-2:123456789012:cluster/aws-example-secondary/"
            + "6b7a1a2c-1f1e-4bd4-a3f6-6f4b0f0c1d2e-2";
    private static final String SECRET = "arn:aws:secretsmanager:us-west-2:123456789012:secret:AmazonMSK_aws-example-secondary-AbCdEf";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger beats = new AtomicInteger();
    private AwsClients clients;
    private MskApi api;

    @BeforeEach
    void start() throws Exception {
        server.start();
        clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET_KEY)),
                Optional.of(URI.create(server.url("/").toString())), beats::incrementAndGet);
        api = new MskApi(clients);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void getBootstrapBrokersReadsTheDocumentedShape() throws Exception {
        answer(200, """
                {"bootstrapBrokerStringTls": "b-1.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9094,b-2.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9094",
                 "bootstrapBrokerStringSaslScram": "b-1.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9096,b-2.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9096",
                 "bootstrapBrokerStringSaslIam": "b-1.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9098,b-2.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9098"}
                """);
        MskClusters msk = clusters();
        assertEquals("b-1.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9096,"
                + "b-2.aws-example-secondary.x1y2z3.c2.kafka.us-west-2.amazonaws.com:9096", msk.scramBrokers(CLUSTER));

        RecordedRequest request = signedRequest("GET");
        assertEquals("/v1/clusters/" + encoded(CLUSTER) + "/bootstrap-brokers", request.getTarget());
        assertEquals(1, beats.get(), "the request heartbeats the activity sending it");
    }

    @Test
    void noScramBrokersYetIsRetried() throws Exception {
        answer(200, "{\"bootstrapBrokerStringTls\": \"b-1.x.c2.kafka.us-west-2.amazonaws.com:9094\"}");
        ApplicationFailure notYet = assertThrows(ApplicationFailure.class, () -> clusters().scramBrokers(CLUSTER));
        assertFalse(notYet.isNonRetryable());
        assertEquals(ActivityFailures.NOT_READY, notYet.getType());
    }

    @Test
    void associatingSendsTheSecretOnceAndListsFirst() throws Exception {
        answer(200, "{\"secretArnList\": [], \"nextToken\": \"page-2\"}");
        answer(200, "{\"secretArnList\": [\"arn:aws:secretsmanager:us-west-2:123456789012:secret:AmazonMSK_other-XyZ\"]}");
        answer(200, "{\"clusterArn\": \"" + CLUSTER + "\", \"unprocessedScramSecrets\": []}");
        assertTrue(clusters().associate(CLUSTER, SECRET));

        assertEquals("/v1/clusters/" + encoded(CLUSTER) + "/scram-secrets", signedRequest("GET").getTarget());
        assertEquals("/v1/clusters/" + encoded(CLUSTER) + "/scram-secrets?nextToken=page-2", signedRequest("GET").getTarget());
        RecordedRequest associate = signedRequest("POST");
        assertEquals("{\"secretArnList\":[\"" + SECRET + "\"]}", associate.getBody().utf8());
        assertEquals("application/json", associate.getHeaders().get("Content-Type"));

        answer(200, "{\"secretArnList\": [\"" + SECRET + "\"]}");
        assertFalse(clusters().associate(CLUSTER, SECRET), "already associated: not sent again");
        signedRequest("GET");
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void anUnprocessedSecretFailsTheStepNamingMsksReason() throws Exception {
        answer(200, "{\"secretArnList\": []}");
        answer(200, "{\"clusterArn\": \"" + CLUSTER + "\", \"unprocessedScramSecrets\": [{\"errorCode\": "
                + "\"InvalidSecretKmsKey\", \"errorMessage\": \"The secret is encrypted with the AWS managed key; use a "
                + "customer managed key\", \"secretArn\": \"" + SECRET + "\"}]}");
        ApplicationFailure refused = assertThrows(ApplicationFailure.class, () -> clusters().associate(CLUSTER, SECRET));
        assertTrue(refused.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, refused.getType());
        assertContains(refused.getOriginalMessage(), "MSK did not associate the SCRAM secret with " + CLUSTER + ": "
                + SECRET + ": InvalidSecretKmsKey The secret is encrypted with the AWS managed key; use a customer managed key");
        assertContains(refused.getOriginalMessage(), "encrypted with a customer-managed KMS key");
    }

    @Test
    void accessDeniedIsNotRetriedAndSaysWhichPolicyToFix() throws Exception {
        server.enqueue(new MockResponse.Builder().code(403)
                .addHeader("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/")
                .addHeader("Content-Type", "application/json")
                .body("{\"Message\": \"User: arn:aws:sts::123456789012:assumed-role/kafka-dr-worker/i-0abc is not authorized "
                        + "to perform: kafka:GetBootstrapBrokers on resource: " + CLUSTER + "\"}").build());
        ApplicationFailure denied = assertThrows(ApplicationFailure.class, () -> api.bootstrapBrokers(REGION, CLUSTER));
        assertTrue(denied.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, denied.getType());
        assertContains(denied.getOriginalMessage(), "AccessDeniedException (HTTP 403): User: "
                + "arn:aws:sts::123456789012:assumed-role/kafka-dr-worker/i-0abc is not authorized to perform: "
                + "kafka:GetBootstrapBrokers");
        assertContains(denied.getOriginalMessage(), "grant the worker's AWS principal this action "
                + "(deploy/aws/iam/worker-policy.json)");
        signedRequest("GET");
    }

    @Test
    void throttlingAndServerErrorsAreRetried() throws Exception {
        record Case(int code, String type) { }
        for (Case c : List.of(new Case(429, "TooManyRequestsException"), new Case(500, "InternalServerErrorException"),
                new Case(503, "ServiceUnavailableException"))) {
            server.enqueue(new MockResponse.Builder().code(c.code()).addHeader("x-amzn-ErrorType", c.type())
                    .body("{\"message\": \"try again\"}").build());
            ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> api.scramSecrets(REGION, CLUSTER));
            assertFalse(failure.isNonRetryable(), c + ": " + failure.getOriginalMessage());
            assertEquals(ActivityFailures.NOT_READY, failure.getType());
            assertContains(failure.getOriginalMessage(), c.type() + " (HTTP " + c.code() + "): try again; retried");
            signedRequest("GET");
        }
    }

    @Test
    void anUnknownClusterIsEmptyOnDescribeAndAClearFailureOnTheOthers() throws Exception {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(404).addHeader("x-amzn-ErrorType", "NotFoundException")
                    .body("{\"message\": \"The specified cluster was not found\"}").build());
        }
        assertEquals(Optional.empty(), api.describeClusterV2(REGION, CLUSTER));
        ApplicationFailure gone = assertThrows(ApplicationFailure.class, () -> api.bootstrapBrokers(REGION, CLUSTER));
        assertTrue(gone.isNonRetryable());
        assertContains(gone.getOriginalMessage(), "no cluster " + CLUSTER);
    }

    @Test
    void everyRequestOfTheSdkClientsHeartbeatsToo() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/xml")
                .body("<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId>"
                        + "<vpcSet/></DescribeVpcsResponse>").build());
        assertEquals(0, clients.ec2(REGION).describeVpcs().vpcs().size());
        assertEquals(1, beats.get());
    }

    private MskClusters clusters() {
        return new MskClusters(api, REGION, new ProvisionNames("aws-example"), Map.of());
    }

    private void answer(int code, String json) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(json).build());
    }

    private static String encoded(String arn) {
        return arn.replace(":", "%3A").replace("/", "%2F");
    }

    /**
     * The next request, checked to carry a SigV4 signature by these credentials for service kafka
     * in {@value #REGION} that matches what arrived (method, path, query, signed headers, body),
     * recomputed here by the algorithm AWS documents (path segments URI-encoded twice, as for every
     * service but S3).
     */
    private RecordedRequest signedRequest(String method) throws Exception {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request arrived");
        assertEquals(method, request.getMethod());
        String authorization = request.getHeaders().get("Authorization");
        Matcher m = Pattern.compile("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/(\\d{8})/" + REGION
                + "/kafka/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})").matcher(String.valueOf(authorization));
        assertTrue(m.matches(), "not a SigV4 signature for kafka in " + REGION + ": " + authorization);
        String date = m.group(1);
        List<String> signed = List.of(m.group(2).split(";"));
        assertTrue(signed.containsAll(List.of("host", "x-amz-date")), "signed headers: " + signed);

        String target = request.getTarget();
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
        List<String> params = new ArrayList<>(query.isEmpty() ? List.of() : List.of(query.split("&")));
        params.sort(null);
        StringBuilder canonical = new StringBuilder(method).append('\n')
                .append(path.replace("%", "%25")).append('\n')
                .append(String.join("&", params)).append('\n');
        for (String header : signed) {
            canonical.append(header).append(':').append(request.getHeaders().get(header).trim()).append('\n');
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        canonical.append('\n').append(String.join(";", signed)).append('\n').append(hex(sha256(body)));
        String scope = date + "/" + REGION + "/kafka/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + request.getHeaders().get("x-amz-date") + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        for (String part : List.of(REGION, "kafka", "aws4_request")) {
            key = hmac(key, part);
        }
        assertEquals(hex(hmac(key, toSign)), m.group(3), "the signature does not match the request that arrived:\n" + canonical);
        return request;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
