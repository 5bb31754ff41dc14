package io.kafkadr.temporal.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM under the keyring's current key. The whole payload
 * (its metadata included: encoding, type) is encrypted; the result carries the encoding
 * {@value #ENCODING} and the key id in metadata {@value #KEY_ID}, which is also authenticated
 * (GCM associated data), so a payload cannot be passed off as encrypted under another key.
 * Data: a 12-byte random nonce followed by the ciphertext and its 16-byte tag.
 *
 * <p>Decoding leaves payloads of any other encoding untouched (histories written before the
 * codec was turned on stay readable) and fails with a message naming the key id when the key is
 * not in the keyring.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

    public static final String ENCODING = "binary/encrypted";
    public static final String KEY_ID = "encryption-key-id";
    public static final String CIPHER = "encryption-cipher";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final CodecKeyring keyring;
    private final SecureRandom random = new SecureRandom();

    public AesGcmPayloadCodec(CodecKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        String keyId = keyring.currentKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyring.current(), nonce, keyId);
            byte[] sealed = cipher.doFinal(payload.toByteArray());
            return Payload.newBuilder()
                    .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, utf8(ENCODING))
                    .putMetadata(KEY_ID, utf8(keyId))
                    .putMetadata(CIPHER, utf8(TRANSFORMATION))
                    .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("cannot encrypt a payload with key '" + keyId + "': " + e.getMessage(), e);
        }
    }

    private Payload decrypt(Payload payload) {
        if (!ENCODING.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY).toStringUtf8())) {
            return payload;
        }
        ByteString id = payload.getMetadataMap().get(KEY_ID);
        if (id == null || id.isEmpty()) {
            throw new PayloadCodecException("an encrypted payload (" + ENCODING + ") has no metadata '" + KEY_ID
                    + "': it was not written by kafka-dr's codec, or was altered");
        }
        String keyId = id.toStringUtf8();
        SecretKey key = keyring.key(keyId).orElseThrow(() -> new PayloadCodecException("payload encrypted with key '"
                + keyId + "', which is not in the keyring " + keyring.keys().keySet() + " of " + keyring.source()
                + ": add that key back (keep retired keys listed as long as histories encrypted with them are kept)"));
        byte[] data = payload.getData().toByteArray();
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PayloadCodecException("an encrypted payload (key '" + keyId + "') is too short to be one: altered or truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(data, NONCE_BYTES), keyId);
            return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            throw new PayloadCodecException("payload encrypted with key '" + keyId + "' does not decrypt with the key of that id in "
                    + keyring.source() + ": the key was changed under the same id, or the payload was altered", e);
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new PayloadCodecException("cannot decrypt a payload with key '" + keyId + "': " + e.getMessage(), e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
