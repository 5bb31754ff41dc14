package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/** Waits on admin futures and turns Kafka errors into failures that say what to do. */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    public static <T> T await(KafkaFuture<T> future, ClusterConfig cluster, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted while " + what, ActivityFailures.UNREACHABLE);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), cluster, what);
        }
    }

    /** Who kafka-dr connects as, told without resolving a secret (an error path reads none). */
    static String principal(SecurityConfig security) {
        if (security.usesPassword()) {
            return "the " + security.saslMechanism() + " user of secretRef '" + security.secretRef() + "'";
        }
        if (security.usesSasl()) {
            return "the worker's AWS identity (" + security.saslMechanism() + ")";
        }
        return "an unauthenticated " + security.protocol() + " client (User:ANONYMOUS)";
    }

    /** What failed and what the operator does about it. */
    static String securityFault(Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return "TLS handshake failed, the broker's certificate is not trusted or does not name the host: give "
                    + "security.tls.caFile (or truststoreFile) the CA that signed the brokers' certificates";
        }
        if (cause instanceof SaslAuthenticationException) {
            return "authentication failed, wrong password or unknown user (SCRAM does not say which): check the "
                    + "username and password that secretRef holds and that the user exists on this cluster";
        }
        if (cause instanceof AuthenticationException) {
            return "authentication failed: check the cluster's security settings and the credentials of its secretRef";
        }
        if (cause instanceof TopicAuthorizationException t) {
            return "no ACL allows it on " + (t.unauthorizedTopics().isEmpty() ? "the topics involved (Kafka does not name "
                    + "them here)" : "topics " + new java.util.TreeSet<>(t.unauthorizedTopics()))
                    + ": grant that principal the operation on them (kafka-acls --add)";
        }
        if (cause instanceof GroupAuthorizationException g) {
            return "no ACL allows it on group '" + g.groupId() + "': grant that principal the operation on the group";
        }
        if (cause instanceof ClusterAuthorizationException) {
            return "no ACL allows it on the cluster resource: grant that principal the operation on the cluster";
        }
        if (cause instanceof TransactionalIdAuthorizationException) {
            return "no ACL allows it on the transactional id: grant that principal WRITE on kafka-dr's transactional ids";
        }
        return "not authorized: grant that principal the ACL the operation needs";
    }

    public static ApplicationFailure translate(Throwable cause, ClusterConfig cluster, String what) {
        String where = "cluster '" + cluster.alias() + "' (" + cluster.bootstrapServers() + ")";
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            return ApplicationFailure.newNonRetryableFailure(where + " refused " + what + " by "
                    + principal(cluster.securityOrPlaintext()) + ": " + securityFault(cause) + " (Kafka: "
                    + cause.getMessage() + ")", ActivityFailures.BAD_INPUT);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof TimeoutException) {
            return ApplicationFailure.newFailure(where + " did not answer while " + what + " within "
                    + KafkaClientConfigs.API_TIMEOUT_MS / 1000 + " s: check that its brokers are up and the "
                    + "bootstrap address is right", ActivityFailures.UNREACHABLE);
        }
        if (cause instanceof RetriableException) {
            return ApplicationFailure.newFailure(where + ": " + what + " failed, will retry: " + cause.getMessage(),
                    ActivityFailures.NOT_READY);
        }
        return ApplicationFailure.newFailure(where + ": " + what + " failed: " + cause, ActivityFailures.NOT_READY);
    }
}
