package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Files that may sit in a pairs folder without being pairs: an AWS provisioning spec (top-level
 * {@code kind: aws-provision}, read by {@code drctl provision}) lives next to the pairs it makes.
 * The pairs folders skip such a file silently; {@code drctl pair register} says what it is.
 */
public final class AwsKinds {

    /** The {@code kind} of a provisioning spec ({@code io.kafkadr.workflows.provision.AwsProvisionSpec}). */
    public static final String PROVISION = "aws-provision";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AwsKinds() {
    }

    /** Whether {@code text} is a mapping whose top-level {@code kind} is {@value #PROVISION}. */
    public static boolean isProvisionSpec(String text) {
        try {
            JsonNode root = YAML.readTree(text);
            return root != null && root.isObject() && PROVISION.equals(root.path("kind").asText(null));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
