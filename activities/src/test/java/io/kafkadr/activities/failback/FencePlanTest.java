package io.kafkadr.activities.failback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.failback.FenceAcl;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FencePlanTest {

    private static FencePlan.Acl allowWrite(String pattern, String principal) {
        return new FencePlan.Acl(pattern, false, principal, true, true);
    }

    @Test
    void everyPrincipalAllowedToWriteIsDeniedButThePairsOwn() {
        FencePlan plan = FencePlan.of(List.of("orders", "payments"), List.of(
                allowWrite("orders", "User:orders-app"),
                new FencePlan.Acl("pay", true, "User:payments-app", true, true),
                new FencePlan.Acl("*", false, "User:mm2", true, true),
                new FencePlan.Acl("orders", false, "User:reader", true, false)), Set.of("User:mm2"));

        assertEquals(List.of(new FenceAcl("orders", "User:orders-app"), new FenceAcl("payments", "User:payments-app")),
                plan.add(), "prefixed and literal ALLOWs found, MM2 exempt, a READ-only principal not denied");
        assertEquals(List.of(), plan.unfenced());
    }

    @Test
    void aWildcardPrincipalCannotBeFencedWithoutStoppingMm2AndTheTopicIsNamed() {
        FencePlan plan = FencePlan.of(List.of("orders"), List.of(allowWrite("orders", "User:*"),
                allowWrite("orders", "User:app")), Set.of("User:mm2"));

        assertEquals(List.of(), plan.add());
        assertTrue(plan.unfenced().get(0).startsWith("orders: an ALLOW lets every principal (User:*) write it"),
                plan.unfenced().toString());
    }

    @Test
    void aDenyThatAlreadyExistsIsNotAddedSoTheLiftLeavesItAlone() {
        FencePlan plan = FencePlan.of(List.of("orders"), List.of(allowWrite("orders", "User:app"),
                new FencePlan.Acl("orders", false, "User:app", false, true)), Set.of());

        assertEquals(List.of(), plan.add());
    }

    @Test
    void aTopicNoAclLetsAnyoneWriteIsNamedNotFenced() {
        FencePlan plan = FencePlan.of(List.of("orders"), List.of(), Set.of());

        assertEquals(List.of(), plan.add());
        assertTrue(plan.unfenced().get(0).startsWith("orders: no ACL allows anyone to write it"));
    }
}
