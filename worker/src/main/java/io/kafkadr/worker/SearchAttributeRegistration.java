package io.kafkadr.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes sure the namespace knows kafka-dr's search attributes before the worker runs workflows
 * that set them: a workflow setting an unknown one would fail its workflow tasks over and over.
 * Registers the missing ones itself where the server lets it (dev server, self-hosted); where it
 * does not (Temporal Cloud, no operator permission) the worker refuses to start and says how.
 */
public final class SearchAttributeRegistration {

    private final OperatorServiceStubs operator;

    public SearchAttributeRegistration(OperatorServiceStubs operator) {
        this.operator = operator;
    }

    /** Returns the names it registered (empty when all were there already). */
    public List<String> ensure(String namespace) {
        List<String> registered = new ArrayList<>();
        for (String name : missing(namespace)) {
            try {
                operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder().setNamespace(namespace)
                        .putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD).build());
                registered.add(name);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw cannotRegister(namespace, name, e);
                }
            }
        }
        return registered;
    }

    /** The names the namespace lacks; all of them when the server cannot list (Temporal's Java test server). */
    private List<String> missing(String namespace) {
        List<String> all = DrSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList();
        ListSearchAttributesResponse known;
        try {
            known = operator.blockingStub().listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return all;
            }
            throw new IllegalStateException("cannot list the search attributes of namespace '" + namespace + "' ("
                    + e.getStatus().getCode() + ": " + e.getStatus().getDescription()
                    + "): is the Temporal address right and does the namespace exist?", e);
        }
        return all.stream()
                .filter(n -> !known.getCustomAttributesMap().containsKey(n) && !known.getSystemAttributesMap().containsKey(n))
                .toList();
    }

    private static IllegalStateException cannotRegister(String namespace, String name, StatusRuntimeException e) {
        return new IllegalStateException("namespace '" + namespace + "' lacks the search attribute " + name
                + " and it could not be registered (" + e.getStatus().getCode() + ": " + e.getStatus().getDescription()
                + "); register kafka-dr's search attributes once: "
                + DrSearchAttributes.ALL.stream().map(k -> "temporal operator search-attribute create --namespace "
                        + namespace + " --name " + k.getName() + " --type Keyword").collect(Collectors.joining(" ; "))
                + " (on Temporal Cloud: tcld namespace search-attributes add), then start the worker again", e);
    }
}
