package io.kafkadr.workflows.pair;

/**
 * HTTP basic auth for a Connect group's REST API (Connect's
 * {@code BasicAuthSecurityRestExtension}).
 *
 * @param secretRef where the username and password live, resolved inside activities only, as a
 *                  cluster's {@code security.secretRef}: {@code env:VAR}, {@code file:/path}
 *                  (JSON {"username","password"}) or {@code aws-secretsmanager:<arn>}
 */
public record ConnectAuth(String secretRef) {
}
