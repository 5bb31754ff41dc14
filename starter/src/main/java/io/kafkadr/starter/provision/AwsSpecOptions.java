package io.kafkadr.starter.provision;

import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.ProvisionSpecs;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --pair FILE [--endpoint-url URL]} of {@code drctl provision} and {@code drctl teardown}:
 * the provisioning spec, read and checked before anything starts (a bad key is named, exit code 2),
 * and where AWS answers.
 */
public class AwsSpecOptions {

    @Option(names = "--pair", required = true, paramLabel = "FILE",
            description = "the provisioning spec (kind: aws-provision, YAML or JSON), e.g. pairs/aws-example.yaml")
    Path file;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "where AWS answers instead of AWS itself (an "
            + "emulator such as moto: http://127.0.0.1:PORT). The worker sends requests only to loopback or to the "
            + "endpoints it was started with (drctl worker --aws-endpoint-url URL, or $KAFKADR_AWS_ENDPOINT_URLS)")
    String endpointUrl;

    /** The spec, parsed and validated; a {@code PairConfigException} naming every bad key otherwise. */
    public AwsProvisionSpec spec() {
        return ProvisionSpecs.parseFile(file);
    }

    /** The endpoint as given (null: AWS), checked to be an http(s) URL. */
    public String endpointUrl() {
        if (endpointUrl == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(endpointUrl);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new OperationFailedException("--endpoint-url: not an http(s) URL with a host (got '" + endpointUrl
                    + "'; e.g. http://127.0.0.1:5000)", "BadInput");
        }
        return endpointUrl;
    }
}
