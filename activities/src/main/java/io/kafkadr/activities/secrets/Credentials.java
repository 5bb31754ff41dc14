package io.kafkadr.activities.secrets;

/** SASL credentials. {@link #toString()} never prints the password. */
public record Credentials(String username, String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
