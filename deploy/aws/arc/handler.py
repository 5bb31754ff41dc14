"""kafka-dr failover as a step of a Route 53 ARC Region switch plan (custom action Lambda execution block).

ARC invokes this function with the step's payload (a JSON object) merged with its execution
metadata (InvokedBy, PlanArn, ExecutionId, StepName). The function asks kafka-dr's API to fail the
pair over under the incident id ``arc-<ExecutionId>`` and follows the operation until it completes.

* Success: the operation's phase is ``completed``; the function returns a summary.
* Failure (an exception): the operation failed, the API refused the request (bad token, unknown
  pair, another operation in flight: 409), or the operation is still running when this invocation's
  time is nearly up. ARC then runs the function again after the step's retry interval, until the
  step's timeout. A retry is safe: the same execution id is the same incident, so the API answers
  with the operation already started (200) and this function goes on following it.

Standard library only (urllib), plus boto3 when the token comes from Secrets Manager (boto3 is part
of AWS Lambda's Python runtimes).

Environment:
  KAFKA_DR_API_URL            the API's base URL, e.g. https://kafka-dr.internal:8443 (required)
  KAFKA_DR_TOKEN_SECRET_ARN   a Secrets Manager secret whose string is the bearer token (scope operate)
  KAFKA_DR_TOKEN              the token itself, when no secret ARN is given: for tests; in Lambda, anyone
                              allowed lambda:GetFunctionConfiguration can read it
  KAFKA_DR_CA_FILE            a PEM bundle to trust for the API's TLS certificate (a private CA), optional
  KAFKA_DR_POLL_SECONDS       seconds between polls of the operation (default 5)
"""

import json
import os
import re
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

PAIR = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
MODES = ("planned", "unplanned")
TERMINAL_FAILED = ("failed", "aborted", "cancelled", "canceled", "terminated", "timed_out")
# stop polling this long before Lambda's own timeout, to fail cleanly and let ARC retry
MARGIN_MILLIS = 10_000
HTTP_TIMEOUT_SECONDS = 10


class StepFailed(Exception):
    """The step cannot succeed as asked (ARC retries it anyway; the message says what to fix)."""


class StillRunning(Exception):
    """The operation is not done yet; ARC's next attempt joins it and goes on following it."""


def lambda_handler(event, context):
    request = failover_request(event)
    api = os.environ.get("KAFKA_DR_API_URL", "").rstrip("/")
    if not api.startswith(("https://", "http://")):
        raise StepFailed("set KAFKA_DR_API_URL to the kafka-dr API's base URL, e.g. https://kafka-dr.internal:8443")
    client = Client(api, bearer_token(), context)
    operation = client.start_failover(request["pair"], request["body"])
    return client.follow(operation)


def failover_request(event):
    """The API request this ARC invocation asks for: pair, and the body of POST /v1/pairs/{pair}/failover."""
    if not isinstance(event, dict):
        raise StepFailed("the step's payload must be a JSON object such as "
                         '{"pair": "orders", "mode": "unplanned"}')
    pair = event.get("pair")
    if not isinstance(pair, str) or not PAIR.match(pair):
        raise StepFailed("the step's payload must name the pair: \"pair\": \"orders\" "
                         "(letters, digits, '.', '_', '-'); got %r" % (pair,))
    mode = event.get("mode")
    if mode not in MODES:
        raise StepFailed('the step\'s payload must give "mode": "planned" or "unplanned"; got %r' % (mode,))
    require_approval = event.get("requireApproval", True)
    if not isinstance(require_approval, bool):
        raise StepFailed('"requireApproval" must be true or false; got %r' % (require_approval,))
    execution = event.get("ExecutionId")
    if not isinstance(execution, str) or not execution:
        raise StepFailed("no ExecutionId in the event: this function runs as an ARC Region switch step, "
                         "which adds it to the payload")
    incident = "arc-" + re.sub(r"[^A-Za-z0-9._-]", "-", execution)[:100]
    reason = event.get("reason") or "ARC Region switch plan %s, execution %s, step %s" % (
        event.get("PlanArn", "?"), execution, event.get("StepName", "?"))
    return {"pair": pair, "body": {"incidentId": incident, "mode": mode, "reason": reason,
                                   "requireApproval": require_approval}}


def bearer_token():
    arn = os.environ.get("KAFKA_DR_TOKEN_SECRET_ARN")
    if arn:
        try:
            import boto3  # in every AWS Lambda Python runtime
        except ImportError:
            raise StepFailed("KAFKA_DR_TOKEN_SECRET_ARN is set but boto3 is not installed: run in AWS Lambda's "
                             "Python runtime or install boto3") from None
        region = arn.split(":")[3] if arn.count(":") >= 6 else None
        return boto3.client("secretsmanager", region_name=region).get_secret_value(SecretId=arn)["SecretString"].strip()
    token = os.environ.get("KAFKA_DR_TOKEN")
    if not token:
        raise StepFailed("set KAFKA_DR_TOKEN_SECRET_ARN to the Secrets Manager secret holding the kafka-dr API token "
                         "(scope operate; made with drctl api token --scopes operate)")
    return token.strip()


class Client:
    def __init__(self, api, token, context):
        self.api = api
        self.token = token
        self.context = context
        self.poll_seconds = float(os.environ.get("KAFKA_DR_POLL_SECONDS", "5"))
        ca = os.environ.get("KAFKA_DR_CA_FILE")
        self.tls = ssl.create_default_context(cafile=ca) if ca else ssl.create_default_context()

    def remaining_millis(self):
        return self.context.get_remaining_time_in_millis() - MARGIN_MILLIS

    def call(self, method, url, body=None):
        """(status, headers, JSON answer or {}); the token is sent, never logged or raised."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(url, data=data, method=method, headers={
            "Authorization": "Bearer " + self.token, "Accept": "application/json",
            "User-Agent": "kafka-dr-arc-step/1"})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT_SECONDS,
                                        context=self.tls if url.startswith("https:") else None) as resp:
                return resp.status, resp.headers, parse(resp.read())
        except urllib.error.HTTPError as e:
            return e.code, e.headers, parse(e.read())
        except (urllib.error.URLError, OSError) as e:
            raise StillRunning("cannot reach the kafka-dr API at %s (%s); ARC retries the step"
                               % (self.api, getattr(e, "reason", e))) from None

    def start_failover(self, pair, body):
        url = "%s/v1/pairs/%s/failover" % (self.api, urllib.parse.quote(pair, safe=""))
        while True:
            status, headers, answer = self.call("POST", url, body)
            if status in (200, 202):
                operation = answer.get("operationId")
                if not operation:
                    raise StepFailed("the API answered %d without an operationId" % status)
                print("kafka-dr failover of %s: operation %s (%s, incident %s)"
                      % (pair, operation, "joined" if status == 200 else "started", body["incidentId"]))
                return answer
            if status == 503:
                wait = retry_after(headers)
                if self.remaining_millis() > wait * 1000:
                    print("kafka-dr API unavailable (503): retrying in %d s" % wait)
                    time.sleep(wait)
                    continue
                raise StillRunning("the kafka-dr API is unavailable (503: %s); ARC retries the step"
                                   % answer.get("message", "no message"))
            if status == 409:
                raise StepFailed("another operation is in flight on pair %s (%s): %s; let it finish or abort it, "
                                 "then ARC's retry starts the failover"
                                 % (pair, answer.get("operationId", "id not given"), answer.get("message", "")))
            raise StepFailed("the kafka-dr API refused the failover of %s: %d %s: %s"
                             % (pair, status, answer.get("error", ""), answer.get("message", "")))

    def follow(self, operation):
        op_id = operation["operationId"]
        url = operation.get("url") or "/v1/operations/" + urllib.parse.quote(op_id, safe="")
        url = urllib.parse.urljoin(self.api + "/", url)
        phase = None
        while True:
            status, _, answer = self.call("GET", url)
            if status == 200:
                phase = answer.get("phase")
                if phase == "completed":
                    print("kafka-dr operation %s completed" % op_id)
                    return {"operationId": op_id, "phase": phase, "url": url, "uiUrl": operation.get("uiUrl")}
                if phase in TERMINAL_FAILED:
                    raise StepFailed("kafka-dr operation %s ended %s: %s (report: %s/report)"
                                     % (op_id, phase, answer.get("message") or answer.get("report", ""), url))
            elif status != 503:
                raise StepFailed("cannot follow kafka-dr operation %s: %d %s: %s"
                                 % (op_id, status, answer.get("error", ""), answer.get("message", "")))
            if self.remaining_millis() < self.poll_seconds * 1000:
                raise StillRunning("kafka-dr operation %s is still running (phase %s); ARC's next attempt "
                                   "follows the same operation" % (op_id, phase))
            time.sleep(self.poll_seconds)


def retry_after(headers):
    try:
        return max(1, min(30, int(headers.get("Retry-After", "5"))))
    except ValueError:
        return 5


def parse(raw):
    try:
        answer = json.loads(raw.decode("utf-8")) if raw else {}
        return answer if isinstance(answer, dict) else {}
    except ValueError:
        return {}
