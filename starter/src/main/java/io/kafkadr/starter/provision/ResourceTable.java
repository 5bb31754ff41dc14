package io.kafkadr.starter.provision;

import io.kafkadr.workflows.provision.ProvisionedResource;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The resources a provisioning, plan or teardown touched, one line each: kind, id, region, action. */
final class ResourceTable {

    private ResourceTable() {
    }

    static void print(PrintStream out, List<ProvisionedResource> resources) {
        int kind = width("KIND", resources.stream().map(ProvisionedResource::kind).toList());
        int region = width("REGION", resources.stream().map(ProvisionedResource::region).toList());
        int action = width("ACTION", resources.stream().map(ProvisionedResource::action).toList());
        String format = "%-" + kind + "s  %-" + region + "s  %-" + action + "s  %s%n";
        out.printf(format, "KIND", "REGION", "ACTION", "ID");
        for (ProvisionedResource r : resources) {
            out.printf(format, r.kind(), r.region(), r.action(), r.id());
        }
        Map<String, Integer> byAction = new TreeMap<>();
        resources.forEach(r -> byAction.merge(r.action(), 1, Integer::sum));
        out.println(byAction.isEmpty() ? "(no resources)" : String.join(", ", byAction.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).toList()));
    }

    private static int width(String header, List<String> values) {
        return Math.max(header.length(), values.stream().mapToInt(v -> v == null ? 0 : v.length()).max().orElse(0));
    }
}
