package io.kafkadr.temporal.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;

/**
 * The codec of a worker or drctl without payload keys: encodes nothing, and refuses an encrypted
 * payload with a message saying which key it needs and how to give it, instead of the SDK's
 * "no PayloadConverter is registered for an encoding".
 */
public final class EncryptedPayloadGuard implements PayloadCodec {

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        for (Payload p : payloads) {
            if (AesGcmPayloadCodec.ENCODING.equals(p.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY).toStringUtf8())) {
                throw new PayloadCodecException("this run's payloads are encrypted (key '"
                        + p.getMetadataOrDefault(AesGcmPayloadCodec.KEY_ID, ByteString.EMPTY).toStringUtf8()
                        + "'): give the keys the worker uses, --codec-keys-file FILE or KAFKADR_CODEC_KEYS_FILE / KAFKADR_CODEC_KEYS");
            }
        }
        return payloads;
    }
}
