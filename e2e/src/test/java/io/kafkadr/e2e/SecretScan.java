package io.kafkadr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks for secret values where none may be: text, JSON (every string also base64-decoded, as
 * Temporal payloads and Kafka records are), files and folders (read as bytes). A hit names the
 * place and the secret's name, never its value.
 */
final class SecretScan {

    private final Map<String, String> secrets;
    private final List<String> hits = new ArrayList<>();

    /** @param secrets name of each secret to its value */
    SecretScan(Map<String, String> secrets) {
        secrets.forEach((name, value) -> {
            if (value == null || value.length() < 8) {
                throw new IllegalArgumentException("secret " + name + " is too short to search for without false hits");
            }
        });
        this.secrets = Map.copyOf(secrets);
    }

    /** Where a secret was found: {@code place: secret <name>}. */
    List<String> hits() {
        return List.copyOf(hits);
    }

    SecretScan text(String place, String text) {
        secrets.forEach((name, value) -> {
            if (text.contains(value)) {
                hits.add(place + ": secret " + name);
            }
        });
        return this;
    }

    SecretScan json(String place, JsonNode node) {
        text(place, node.toString());
        scanStrings(place, node);
        return this;
    }

    private void scanStrings(String place, JsonNode node) {
        if (node.isTextual()) {
            decoded(node.asText()).ifPresent(t -> text(place + " (base64)", t));
        }
        node.forEach(child -> scanStrings(place, child));
    }

    private static java.util.Optional<String> decoded(String s) {
        if (s.length() < 12 || !s.matches("[A-Za-z0-9+/=_-]+")) {
            return java.util.Optional.empty();
        }
        try {
            byte[] bytes = s.contains("-") || s.contains("_") ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
            return java.util.Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    /** Every file under {@code root} but those under {@code skip}, read as bytes (ISO-8859-1 keeps them 1:1). */
    SecretScan tree(Path root, Set<Path> skip) {
        try {
            // the brokers delete log folders while the scan walks (a deleted topic's "-delete" folder, rolled
            // segments): what is gone meanwhile holds nothing left to read
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                                                                       java.nio.file.attribute.BasicFileAttributes a) {
                    return skip.stream().anyMatch(dir::startsWith) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                            : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                    if (a.isRegularFile() && skip.stream().noneMatch(f::startsWith)) {
                        file(f);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                        throw e;
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SecretScan file(Path f) {
        try {
            text(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        } catch (java.nio.file.NoSuchFileException e) {
            // a log rolled or a segment deleted meanwhile: nothing left to read
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return this;
    }
}
