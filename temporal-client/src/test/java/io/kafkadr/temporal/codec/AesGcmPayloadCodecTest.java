package io.kafkadr.temporal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

    private static final String PLAIN = "{\"pair\":\"orders-dr\",\"bootstrap\":\"primary-broker:9092\"}";

    private static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static final String K1 = key();
    private static final String K2 = key();

    private static Payload plain() {
        return DataConverter.getDefaultInstance().toPayload(PLAIN).orElseThrow();
    }

    private static AesGcmPayloadCodec codec(String keys) {
        return new AesGcmPayloadCodec(CodecKeyring.parse(keys, "test keys"));
    }

    @Test
    void roundTripAndNoPlaintextInTheEncodedBytes() {
        AesGcmPayloadCodec codec = codec("k1:" + K1);
        Payload encoded = codec.encode(List.of(plain())).get(0);
        assertEquals("binary/encrypted", encoded.getMetadataOrThrow("encoding").toStringUtf8());
        assertEquals("k1", encoded.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
        String bytes = new String(encoded.toByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("orders-dr") || bytes.contains("primary-broker") || bytes.contains("json/plain"), bytes);
        assertEquals(plain(), codec.decode(List.of(encoded)).get(0));
        // a fresh nonce each time
        assertNotEquals(encoded.getData(), codec.encode(List.of(plain())).get(0).getData());
    }

    @Test
    void unencryptedPayloadsPassThrough() {
        assertEquals(plain(), codec("k1:" + K1).decode(List.of(plain())).get(0));
    }

    @Test
    void rotationKeepsOldPayloadsReadable() {
        Payload underK1 = codec("k1:" + K1).encode(List.of(plain())).get(0);
        AesGcmPayloadCodec rotated = codec("k2:" + K2 + "\nk1:" + K1);
        assertEquals(plain(), rotated.decode(List.of(underK1)).get(0));
        Payload underK2 = rotated.encode(List.of(plain())).get(0);
        assertEquals("k2", underK2.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8());
        PayloadCodecException e = assertThrows(PayloadCodecException.class,
                () -> codec("k1:" + K1).decode(List.of(underK2)));
        assertTrue(e.getMessage().contains("'k2'") && e.getMessage().contains("not in the keyring [k1]")
                && e.getMessage().contains("test keys"), e.getMessage());
    }

    @Test
    void missingKeyIdIsAClearError() {
        Payload encoded = codec("k1:" + K1).encode(List.of(plain())).get(0);
        Payload noId = encoded.toBuilder().removeMetadata(AesGcmPayloadCodec.KEY_ID).build();
        PayloadCodecException e = assertThrows(PayloadCodecException.class, () -> codec("k1:" + K1).decode(List.of(noId)));
        assertTrue(e.getMessage().contains("no metadata 'encryption-key-id'"), e.getMessage());
    }

    @Test
    void anotherKeyUnderTheSameIdOrAlteredDataOrSwappedIdDoNotDecrypt() {
        Payload encoded = codec("k1:" + K1).encode(List.of(plain())).get(0);
        PayloadCodecException wrongKey = assertThrows(PayloadCodecException.class,
                () -> codec("k1:" + K2).decode(List.of(encoded)));
        assertTrue(wrongKey.getMessage().contains("does not decrypt with the key of that id"), wrongKey.getMessage());
        byte[] data = encoded.getData().toByteArray();
        data[data.length - 1] ^= 1;
        Payload altered = encoded.toBuilder().setData(ByteString.copyFrom(data)).build();
        assertThrows(PayloadCodecException.class, () -> codec("k1:" + K1).decode(List.of(altered)));
        // the key id is authenticated: relabelled under another id holding the same key, it is refused
        Payload relabelled = encoded.toBuilder().putMetadata(AesGcmPayloadCodec.KEY_ID, ByteString.copyFromUtf8("k9")).build();
        assertThrows(PayloadCodecException.class, () -> codec("k9:" + K1).decode(List.of(relabelled)));
    }

    @Test
    void keyringRefusesBadEntriesNamingTheSource() {
        String[][] cases = {
                {"", "no key"},
                {"k1", "is not <key id>:<base64 key>"},
                {"k1:!!!", "not valid base64"},
                {"k1:" + Base64.getEncoder().encodeToString(new byte[24]), "24 bytes, AES-256 needs 32"},
                {"k1:" + K1 + ",k1:" + K2, "listed twice"},
                {"bad id:" + K1, "key id 'bad id'"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodecKeyring.parse(c[0], "KEYS"));
            assertTrue(e.getMessage().startsWith("KEYS: ") && e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains(K1), e.getMessage());
        }
    }
}
