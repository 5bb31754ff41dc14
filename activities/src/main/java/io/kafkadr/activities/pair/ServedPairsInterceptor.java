package io.kafkadr.activities.pair;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.drpair.ReplicationRecord;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks the arguments of every activity before it runs: a pair must only narrow a pair the
 * worker serves, a client must carry the binding the served pair gives it. Whatever workflow code
 * passes them (an operation started with an inline pair, a child started by hand, a signal to a
 * pair's entity), nothing runs a command, reads a secret or reaches an endpoint the worker's
 * registered pairs do not name.
 */
public final class ServedPairsInterceptor extends WorkerInterceptorBase {

    private final ServedPairs served;

    public ServedPairsInterceptor(ServedPairs served) {
        this.served = served;
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            @Override
            public ActivityOutput execute(ActivityInput input) {
                check(input.getArguments());
                return super.execute(input);
            }
        };
    }

    void check(Object[] arguments) {
        List<PairConfig> pairs = new ArrayList<>();
        List<ClientRef> clients = new ArrayList<>();
        for (Object argument : arguments) {
            if (argument instanceof PairConfig pair) {
                pairs.add(pair);
            } else if (argument instanceof ReplicationRecord record && record.pair() != null) {
                pairs.add(record.pair());
            } else if (argument instanceof ClientRef client) {
                clients.add(client);
            } else if (argument instanceof Collection<?> many) {
                many.stream().filter(ClientRef.class::isInstance).map(ClientRef.class::cast).forEach(clients::add);
            }
        }
        pairs.forEach(served::check);
        Optional<PairConfig> pair = pairs.stream().findFirst();
        for (ClientRef client : clients) {
            served.check(pair.orElseThrow(() -> new IllegalStateException(
                    "an activity got a client without its pair; every client activity takes the pair")), client);
        }
    }
}
