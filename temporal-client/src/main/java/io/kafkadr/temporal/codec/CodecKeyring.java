package io.kafkadr.temporal.codec;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payload codec's AES-256 keys by id. The first key listed is the current one: it encrypts
 * every new payload. Every listed key decrypts, so a rotation (a new key put first, the old ones
 * kept below it) leaves older histories readable.
 *
 * <p>Text form, one key per line (or separated by commas): {@code <id>:<base64 of 32 bytes>};
 * blank lines and lines starting with {@code #} are ignored. Generate a key with
 * {@code openssl rand -base64 32}.
 *
 * @param source where the keys come from (a setting's name, a file), for error messages
 */
public record CodecKeyring(String currentKeyId, Map<String, SecretKey> keys, String source) {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int KEY_BYTES = 32;

    public CodecKeyring {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException(source + ": the current key '" + currentKeyId + "' is not in the keyring");
        }
    }

    /** Parses the text form; every error names {@code source} and the entry at fault. */
    public static CodecKeyring parse(String text, String source) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String current = null;
        int entry = 0;
        for (String raw : text.split("[,\\n]")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entry++;
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(source + ": entry " + entry + " is not <key id>:<base64 key>; "
                        + "write one key per line, e.g. 2026-12:$(openssl rand -base64 32), the current key first");
            }
            String id = line.substring(0, colon).strip();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(source + ": key id '" + id + "' (entry " + entry
                        + ") must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": the key of '" + id + "' is not valid base64; "
                        + "generate one with: openssl rand -base64 32");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException(source + ": the key of '" + id + "' has " + key.length
                        + " bytes, AES-256 needs " + KEY_BYTES + "; generate one with: openssl rand -base64 32");
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException(source + ": key id '" + id + "' is listed twice; every key needs its own id");
            }
            if (current == null) {
                current = id;
            }
        }
        if (current == null) {
            throw new IllegalArgumentException(source + ": no key; write one per line as <key id>:<base64 key>, "
                    + "the current key first (generate one with: openssl rand -base64 32)");
        }
        return new CodecKeyring(current, keys, source);
    }

    public SecretKey current() {
        return keys.get(currentKeyId);
    }

    public Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** Ids only: the keys never reach a log. */
    @Override
    public String toString() {
        return "CodecKeyring[current=" + currentKeyId + ", ids=" + keys.keySet() + ", source=" + source + "]";
    }
}
