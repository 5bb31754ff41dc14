package io.kafkadr.workflows.provision;

/**
 * Both MSK clusters (provisioned; TLS client-broker and in-cluster, SASL/SCRAM, IAM optional).
 *
 * @param brokerCount  brokers per cluster, a multiple of the number of availability zones
 * @param instanceType e.g. {@code kafka.m5.large}
 * @param kafkaVersion e.g. {@code 3.6.0}
 * @param volumeGb     EBS storage per broker, in GiB (1 to 16384)
 * @param iam          whether IAM client authentication is enabled besides SCRAM
 */
public record MskSpec(int brokerCount, String instanceType, String kafkaVersion, int volumeGb, boolean iam) {
}
