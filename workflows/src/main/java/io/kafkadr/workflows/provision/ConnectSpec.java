package io.kafkadr.workflows.provision;

/**
 * Kafka Connect on ECS Fargate, one service per region (the secondary's runs {@code tasks}, the
 * primary's is scaled to zero until a failback needs it).
 *
 * @param image            the Connect image (built from deploy/aws/connect, pushed by the operator)
 * @param cpu              Fargate task CPU units (256, 512, 1024, 2048, 4096, ...)
 * @param memory           Fargate task memory in MiB, a size Fargate accepts for {@code cpu}
 * @param tasks            Connect workers in the secondary's service, at least 2
 * @param taskRoleArn      the Connect tasks' role (deploy/aws/iam)
 * @param executionRoleArn the ECS task execution role, which reads the SCRAM secret for the task's {@code secrets}
 */
public record ConnectSpec(String image, int cpu, int memory, int tasks, String taskRoleArn, String executionRoleArn) {
}
