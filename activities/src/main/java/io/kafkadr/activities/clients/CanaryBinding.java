package io.kafkadr.activities.clients;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;

/**
 * The drill's canary group ({@value ClientBinding#CANARY}): nothing runs between the drill's
 * activities, so stop and start do nothing; healthy once its committed offsets are at or past
 * the hand-over (it has no members).
 */
public class CanaryBinding implements BindingPlugin {

    @Override
    public String type() {
        return ClientBinding.CANARY;
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
    }

    @Override
    public void start(PairConfig pair, ClientRef client, ClusterConfig target) {
    }

    @Override
    public KafkaCheck kafkaCheck() {
        return KafkaCheck.COMMITTED;
    }
}
