package io.kafkadr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @Test
    void aTokenIsKnownByItsHashOnlyAndNamesItsCaller(@TempDir Path dir) throws Exception {
        String token = TokenStore.newToken(new SecureRandom());
        Path file = dir.resolve("tokens");
        TokenStore.append(file, TokenStore.line("oncall", EnumSet.of(Scope.READ, Scope.APPROVE), token));
        String stored = Files.readString(file);
        assertFalse(stored.contains(token), "the file stores the token itself: " + stored);
        assertTrue(stored.startsWith("oncall:read,approve:"), stored);
        Caller caller = TokenStore.load(file).authenticate(token).orElseThrow();
        assertEquals("oncall", caller.name());
        assertEquals(Set.of(Scope.READ, Scope.APPROVE), caller.scopes());
        assertTrue(TokenStore.load(file).authenticate(token + "x").isEmpty());
        assertTrue(TokenStore.load(file).authenticate("").isEmpty());
        assertTrue(TokenStore.load(file).authenticate(null).isEmpty());
        assertEquals(Set.of("rw-------"), Set.of(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file))));
    }

    @Test
    void aNameIsGivenOnce(@TempDir Path dir) {
        Path file = dir.resolve("tokens");
        TokenStore.append(file, TokenStore.line("bot", EnumSet.of(Scope.READ), "a"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> TokenStore.append(file, TokenStore.line("bot", EnumSet.of(Scope.READ), "b")));
        assertTrue(e.getMessage().contains("'bot' is in"), e.getMessage());
    }

    @Test
    void aBadLineIsNamedWithWhatIsWrong() {
        String hash = "0".repeat(64);
        assertTrue(message(List.of("bot:read")).contains("test line 1: expected name:scopes:sha256hex"));
        assertTrue(message(List.of("# comment", "bot:fly:" + hash)).contains("test line 2: unknown scope 'fly'"));
        assertTrue(message(List.of("bot:read:abc")).contains("not 64 lowercase hex digits"));
        assertTrue(message(List.of("bot:read:" + hash, "bot:approve:" + hash)).contains("given twice"));
        assertTrue(message(List.of()).contains("holds no token"));
        assertTrue(message(List.of("a b:read:" + hash)).contains("bad token name"));
    }

    @Test
    void scopesAreReadOperateApprove() {
        assertEquals(EnumSet.allOf(Scope.class), Scope.parse("read, operate,approve"));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("admin"));
    }

    private static String message(List<String> lines) {
        return assertThrows(IllegalArgumentException.class, () -> TokenStore.parse(lines, "test")).getMessage();
    }
}
