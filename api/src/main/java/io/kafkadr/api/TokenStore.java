package io.kafkadr.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's bearer tokens, from a file of lines {@code name:scopes:sha256hex} ({@code #} comments
 * and blank lines ignored): only the SHA-256 of each token is stored, and a presented token is
 * compared by its hash, in constant time, with every line.
 */
public final class TokenStore {

    /** A token's name: what the audit trail records; no colon, no spaces. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "kdr_";

    private record Entry(String name, Set<Scope> scopes, byte[] hash) {
    }

    private final List<Entry> entries;

    private TokenStore(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The tokens in {@code file}; a clear error naming the line for anything else. */
    public static TokenStore load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the tokens file " + file + ": " + e.getMessage()
                    + "; make one with: drctl api token --name NAME --scopes read,operate,approve --out " + file);
        }
        return parse(lines, file.toString());
    }

    static TokenStore parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] parts = line.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException(where + ": expected name:scopes:sha256hex (as drctl api token writes it)");
            }
            if (!NAME.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException(where + ": bad token name '" + parts[0] + "' (letters, digits, . _ @ -)");
            }
            if (!HASH.matcher(parts[2]).matches()) {
                throw new IllegalArgumentException(where + ": the hash is not 64 lowercase hex digits (a SHA-256); "
                        + "make the line with drctl api token");
            }
            Set<Scope> scopes;
            try {
                scopes = Scope.parse(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (entries.stream().anyMatch(e -> e.name().equals(parts[0]))) {
                throw new IllegalArgumentException(where + ": token name '" + parts[0] + "' is given twice: names "
                        + "are the audit trail, keep them unique");
            }
            entries.add(new Entry(parts[0], scopes, HexFormat.of().parseHex(parts[2])));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no token: make one with drctl api token --name NAME "
                    + "--scopes read,operate,approve --out " + source);
        }
        return new TokenStore(entries);
    }

    /** The caller {@code token} belongs to, or empty; every line is compared, in constant time. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        Entry found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), hash) && found == null) {
                found = e;
            }
        }
        return Optional.ofNullable(found).map(e -> new Caller(e.name(), e.scopes()));
    }

    /** A new random token (256 bits). */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The line that stores {@code token} under {@code name}: its hash, never the token. */
    public static String line(String name, Set<Scope> scopes, String token) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad token name '" + name + "': letters, digits, . _ @ - (at most 64)");
        }
        return name + ":" + Scope.labels(scopes) + ":" + HexFormat.of().formatHex(sha256(token));
    }

    /** Appends {@code line} to {@code file} (made, readable by its owner only, when missing). */
    public static void append(Path file, String line) {
        try {
            if (Files.exists(file) && parseNames(file).contains(line.split(":", 2)[0])) {
                throw new IllegalArgumentException("token name '" + line.split(":", 2)[0] + "' is in " + file
                        + " already: pick another name, or remove its line first");
            }
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> parseNames(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split(":", 2)[0]).toList();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
