"""moto's server (moto[server] 5.x) plus what kafka-dr's provisioning needs of Amazon MSK that moto lacks.

RECORDED SHAPES, NOT AWS BEHAVIOUR. moto emulates MSK's CreateClusterV2, DescribeClusterV2, ListClustersV2,
DeleteCluster and tags, but not GetBootstrapBrokers, BatchAssociateScramSecret or ListScramSecrets, keeps a
cluster CREATING for ever and drops a provisioned cluster's clientAuthentication and encryptionInfo. This launcher
adds exactly that, answering with the response shapes of the AWS MSK API reference:
  - GET  /v1/clusters/{arn}/bootstrap-brokers  -> {"bootstrapBrokerStringSaslScram": "b-1.<name>.<id>.c2.kafka.<region>.amazonaws.com:9096,...",
                                                  "bootstrapBrokerStringSaslIam": "...:9098" (IAM enabled only), "bootstrapBrokerStringTls": "...:9094"}
  - POST /v1/clusters/{arn}/scram-secrets      -> {"clusterArn": ..., "unprocessedScramSecrets": [...]} (a secret whose name does not
                                                  start with AmazonMSK_ is unprocessed, as MSK refuses it)
  - GET  /v1/clusters/{arn}/scram-secrets      -> {"secretArnList": [...]}
  - a cluster is CREATING the first time it is described and ACTIVE from then on (on AWS: 15-40 minutes);
  - DescribeClusterV2 of an unknown ARN is NotFoundException (moto answers 500), and the cluster keeps the
    clientAuthentication and encryptionInfo it was created with (the secondary-matches-primary check reads them).
Everything else is moto unchanged. Usage: python3 moto_msk_shapes.py [moto_server's arguments, e.g. -H 127.0.0.1 -p 5000]
"""
import json
import sys
from urllib.parse import unquote

from moto.kafka.exceptions import BadRequestException, NotFoundException
from moto.kafka.models import KafkaBackend
from moto.kafka.responses import KafkaResponse
from moto.server import main

_create_cluster_v2 = KafkaBackend.create_cluster_v2
_describe_cluster_v2 = KafkaBackend.describe_cluster_v2


def create_cluster_v2(self, cluster_name, tags, provisioned, serverless):
    created = _create_cluster_v2(self, cluster_name, tags, provisioned, serverless)
    cluster = self.clusters[created[0]]
    if provisioned:
        cluster.client_authentication = provisioned.get("clientAuthentication")
        cluster.encryption_info = provisioned.get("encryptionInfo")
    cluster.scram_secrets = []
    cluster.described = False
    return created


def describe_cluster_v2(self, cluster_arn):
    cluster = _cluster(self, cluster_arn)
    info = _describe_cluster_v2(self, cluster_arn)
    if cluster.state == "CREATING" and getattr(cluster, "described", False):
        cluster.state = "ACTIVE"
        info = _describe_cluster_v2(self, cluster_arn)
    cluster.described = True
    return info


def _cluster(backend, arn):
    if arn not in backend.clusters:
        raise NotFoundException(f"The specified cluster was not found: {arn}")
    return backend.clusters[arn]


def _arn(response, suffix):
    return unquote(response.parsed_url.path.split("/clusters/")[-1][: -len(suffix)])


def get_bootstrap_brokers(self):
    cluster = _cluster(self.kafka_backend, _arn(self, "/bootstrap-brokers"))
    if cluster.state != "ACTIVE":
        raise BadRequestException("The cluster is not ACTIVE: it has no bootstrap brokers yet")
    region = cluster.region_name
    short = cluster.cluster_id.replace("-", "")[:6]
    hosts = [f"b-{i}.{cluster.cluster_name}.{short}.c2.kafka.{region}.amazonaws.com"
             for i in range(1, (cluster.number_of_broker_nodes or 1) + 1)]
    sasl = ((cluster.client_authentication or {}).get("sasl") or {})
    answer = {"bootstrapBrokerStringTls": ",".join(h + ":9094" for h in hosts)}
    if (sasl.get("scram") or {}).get("enabled"):
        answer["bootstrapBrokerStringSaslScram"] = ",".join(h + ":9096" for h in hosts)
    if (sasl.get("iam") or {}).get("enabled"):
        answer["bootstrapBrokerStringSaslIam"] = ",".join(h + ":9098" for h in hosts)
    return json.dumps(answer)


def batch_associate_scram_secret(self):
    cluster = _cluster(self.kafka_backend, _arn(self, "/scram-secrets"))
    unprocessed = []
    for secret_arn in self._get_param("secretArnList") or []:
        name = secret_arn.split(":secret:")[-1]
        if not name.startswith("AmazonMSK_"):
            unprocessed.append({"errorCode": "InvalidSecretName", "errorMessage":
                                "The secret name must begin with AmazonMSK_", "secretArn": secret_arn})
        elif secret_arn not in cluster.scram_secrets:
            cluster.scram_secrets.append(secret_arn)
    return json.dumps({"clusterArn": cluster.arn, "unprocessedScramSecrets": unprocessed})


def list_scram_secrets(self):
    cluster = _cluster(self.kafka_backend, _arn(self, "/scram-secrets"))
    return json.dumps({"secretArnList": list(getattr(cluster, "scram_secrets", []))})


KafkaBackend.create_cluster_v2 = create_cluster_v2
KafkaBackend.describe_cluster_v2 = describe_cluster_v2
KafkaResponse.get_bootstrap_brokers = get_bootstrap_brokers
KafkaResponse.batch_associate_scram_secret = batch_associate_scram_secret
KafkaResponse.list_scram_secrets = list_scram_secrets

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
