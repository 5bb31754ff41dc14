package io.kafkadr.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against Temporal's in-process test server, which cannot list search attributes but can add them. */
class SearchAttributeRegistrationTest {

    @Test
    void registersWhatIsMissingOnceAndThenNothing() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            SearchAttributeRegistration registration = new SearchAttributeRegistration(env.getOperatorServiceStubs());

            assertEquals(List.of("DrPair", "DrOperation", "DrPhase"), registration.ensure(env.getNamespace()));
            assertEquals(List.of(), registration.ensure(env.getNamespace()));
        }
    }

    @Test
    void anUnreachableServerIsAClearError() {
        OperatorServiceStubs nowhere = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:1").setRpcTimeout(Duration.ofSeconds(2)).validateAndBuildWithDefaults());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new SearchAttributeRegistration(nowhere).ensure("default"));
            assertTrue(e.getMessage().contains("cannot list the search attributes of namespace 'default'"), e.getMessage());
            assertTrue(e.getMessage().contains("Temporal address"), e.getMessage());
        } finally {
            nowhere.shutdownNow();
        }
    }
}
