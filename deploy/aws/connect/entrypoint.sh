#!/usr/bin/env bash
# Kafka Connect (distributed) for kafka-dr on ECS Fargate: writes connect-distributed.properties
# from the environment, then runs Apache Kafka's connect-distributed.sh on it.
#
#   CONNECT_BOOTSTRAP_SERVERS   (required) the cluster this Connect group lives next to and writes into
#   CONNECT_GROUP_ID            (required) the Connect group, e.g. kafka-dr-<pair>-<alias>
#   CONNECT_CONFIG_STORAGE_TOPIC, CONNECT_OFFSET_STORAGE_TOPIC, CONNECT_STATUS_STORAGE_TOPIC
#                               internal topics; default connect-{configs,offsets,status}.<group>.internal
#                               (.internal: MM2 never mirrors them)
#   CONNECT_REPLICATION_FACTOR  internal topics' replication factor (3)
#   CONNECT_SASL_MECHANISM      SCRAM-SHA-512 (default), SCRAM-SHA-256 or AWS_MSK_IAM (MSK's IAM listener, port 9098)
#   KAFKADR_SCRAM_USERNAME, KAFKADR_SCRAM_PASSWORD
#                               SCRAM credentials, from the task definition's `secrets` (the AmazonMSK_<name>
#                               secret's JSON keys). The file holds ${env:...} references, never the values.
#   CONNECT_REST_PORT           REST port (8083)
#   CONNECT_REST_ADVERTISED_HOST_NAME
#                               how the other workers reach this one; default the task's IP from the ECS task
#                               metadata endpoint ($ECS_CONTAINER_METADATA_URI_V4)
#   CONNECT_PLUGIN_PATH         (/opt/kafka-dr/plugins: MM2 and kafka-dr's replication policy)
#   KAFKADR_SECRETS_DIR         the only folder the file: and dir: config providers may read (/etc/kafka-dr)
#   KAFKADR_CONNECT_PROPERTIES  where to write the file (/opt/kafka-dr/config/connect-distributed.properties)
#
# `entrypoint.sh --render-only` writes the file, prints its path and exits (what the tests run).
set -euo pipefail

fail() {
  echo "kafka-dr connect: $*" >&2
  exit 2
}

require() {
  [ -n "${!1:-}" ] || fail "$1 is not set: $2"
}

require CONNECT_BOOTSTRAP_SERVERS "give the bootstrap servers of the cluster this Connect group writes into (task definition environment)"
require CONNECT_GROUP_ID "give the Connect group id, e.g. kafka-dr-<pair>-<alias> (task definition environment)"
[[ "$CONNECT_GROUP_ID" =~ ^[A-Za-z0-9._-]+$ ]] \
  || fail "CONNECT_GROUP_ID '$CONNECT_GROUP_ID' may hold only letters, digits, '.', '_' and '-' (it names topics)"
[[ "$CONNECT_BOOTSTRAP_SERVERS" =~ ^[A-Za-z0-9.-]+:[0-9]+(,[A-Za-z0-9.-]+:[0-9]+)*$ ]] \
  || fail "CONNECT_BOOTSTRAP_SERVERS '$CONNECT_BOOTSTRAP_SERVERS' is not host:port[,host:port...]"

group="$CONNECT_GROUP_ID"
rf="${CONNECT_REPLICATION_FACTOR:-3}"
[[ "$rf" =~ ^[1-9][0-9]*$ ]] || fail "CONNECT_REPLICATION_FACTOR '$rf' is not a positive whole number"
rest_port="${CONNECT_REST_PORT:-8083}"
[[ "$rest_port" =~ ^[0-9]+$ ]] || fail "CONNECT_REST_PORT '$rest_port' is not a port number"
mechanism="${CONNECT_SASL_MECHANISM:-SCRAM-SHA-512}"
plugin_path="${CONNECT_PLUGIN_PATH:-/opt/kafka-dr/plugins}"
secrets_dir="${KAFKADR_SECRETS_DIR:-/etc/kafka-dr}"
out="${KAFKADR_CONNECT_PROPERTIES:-/opt/kafka-dr/config/connect-distributed.properties}"

# The task's own IP in its awsvpc network: the Networks[0].IPv4Addresses[0] of the container metadata.
advertised_host() {
  if [ -n "${CONNECT_REST_ADVERTISED_HOST_NAME:-}" ]; then
    echo "$CONNECT_REST_ADVERTISED_HOST_NAME"
    return
  fi
  [ -n "${ECS_CONTAINER_METADATA_URI_V4:-}" ] \
    || fail "neither CONNECT_REST_ADVERTISED_HOST_NAME nor ECS_CONTAINER_METADATA_URI_V4 is set: outside ECS, give the host name the other Connect workers reach this one at"
  local metadata ip attempt
  for attempt in 1 2 3 4 5; do
    if metadata="$(curl -fsS --max-time 5 "$ECS_CONTAINER_METADATA_URI_V4")"; then
      break
    fi
    [ "$attempt" -lt 5 ] || fail "the ECS task metadata endpoint $ECS_CONTAINER_METADATA_URI_V4 did not answer"
    sleep 2
  done
  ip="$(tr -d ' \n\r\t' <<<"$metadata" | grep -o '"IPv4Addresses":\["[0-9.]*"' | head -n 1 | cut -d '"' -f 4 || true)"
  [ -n "$ip" ] || fail "the ECS task metadata at $ECS_CONTAINER_METADATA_URI_V4 has no Networks[].IPv4Addresses (is the task in awsvpc network mode?)"
  echo "$ip"
}

# The client settings of the worker itself and of its producers, consumers and admin clients.
client_security() {
  case "$mechanism" in
    SCRAM-SHA-512 | SCRAM-SHA-256)
      require KAFKADR_SCRAM_USERNAME "map it from the AmazonMSK_<name> secret's username in the task definition's secrets (valueFrom <secret-arn>:username::)"
      require KAFKADR_SCRAM_PASSWORD "map it from the AmazonMSK_<name> secret's password in the task definition's secrets (valueFrom <secret-arn>:password::)"
      echo "security.protocol=SASL_SSL"
      echo "sasl.mechanism=$mechanism"
      # references, resolved by the EnvVarConfigProvider below: the password never lands in the file
      echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"\${env:KAFKADR_SCRAM_USERNAME}\" password=\"\${env:KAFKADR_SCRAM_PASSWORD}\";"
      ;;
    AWS_MSK_IAM)
      echo "security.protocol=SASL_SSL"
      echo "sasl.mechanism=AWS_MSK_IAM"
      echo "sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;"
      echo "sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler"
      ;;
    *) fail "CONNECT_SASL_MECHANISM '$mechanism' is not SCRAM-SHA-512, SCRAM-SHA-256 or AWS_MSK_IAM" ;;
  esac
}

security="$(client_security)"
host="$(advertised_host)"
mkdir -p "$(dirname "$out")"
{
  echo "# written by kafka-dr's entrypoint.sh from the task's environment; no secret values in here"
  echo "bootstrap.servers=$CONNECT_BOOTSTRAP_SERVERS"
  echo "group.id=$group"
  echo "config.storage.topic=${CONNECT_CONFIG_STORAGE_TOPIC:-connect-configs.$group.internal}"
  echo "offset.storage.topic=${CONNECT_OFFSET_STORAGE_TOPIC:-connect-offsets.$group.internal}"
  echo "status.storage.topic=${CONNECT_STATUS_STORAGE_TOPIC:-connect-status.$group.internal}"
  echo "config.storage.replication.factor=$rf"
  echo "offset.storage.replication.factor=$rf"
  echo "status.storage.replication.factor=$rf"
  echo "key.converter=org.apache.kafka.connect.converters.ByteArrayConverter"
  echo "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter"
  echo "listeners=http://0.0.0.0:$rest_port"
  echo "rest.advertised.host.name=$host"
  echo "rest.advertised.port=$rest_port"
  echo "plugin.path=$plugin_path"
  echo "connector.client.config.override.policy=All"
  # kafka-dr's connector configs reference secrets through these providers (README, Cluster security)
  echo "config.providers=file,dir,env"
  echo "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider"
  echo "config.providers.file.param.allowed.paths=$secrets_dir"
  echo "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider"
  echo "config.providers.dir.param.allowed.paths=$secrets_dir"
  echo "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider"
  for prefix in "" producer. consumer. admin.; do
    while IFS= read -r line; do
      echo "$prefix$line"
    done <<<"$security"
  done
} >"$out"
chmod 600 "$out"

if [ "${1:-}" = "--render-only" ]; then
  echo "$out"
  exit 0
fi
exec /opt/kafka/bin/connect-distributed.sh "$out"
