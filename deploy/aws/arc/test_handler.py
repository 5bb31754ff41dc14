"""The ARC step's handler against a local HTTP server standing in for the kafka-dr API.

Run: python3 -m unittest discover -s deploy/aws/arc -v   (ArcHandlerTest in the api module runs it)
"""

import json
import os
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import handler

TOKEN = "kdr_test-token-0123456789"
EXECUTION = "a1b2c3d4-e5f6-7890-abcd-ef0123456789"
OPERATION = "failover/orders/incident-arc-" + EXECUTION
OPERATION_PATH = "/v1/operations/failover%2Forders%2Fincident-arc-" + EXECUTION


class StubApi:
    """Answers each request with the next scripted (status, headers, body) for its method and path; records them."""

    def __init__(self):
        self.requests = []
        self.script = {}
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.answer()

            def do_GET(self):
                self.answer()

            def answer(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length) if length else b""
                stub.requests.append({"method": self.command, "path": self.path,
                                      "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                answers = stub.script.get((self.command, self.path), [])
                status, headers, payload = answers.pop(0) if len(answers) > 1 else (
                    answers[0] if answers else (404, {}, {"error": "not_found", "message": "no such route"}))
                raw = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def on(self, method, path, *answers):
        self.script[(method, path)] = list(answers)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Context:
    """Lambda's context: the time left, in milliseconds, falling as the test's clock does."""

    def __init__(self, millis):
        self.deadline = time.monotonic() + millis / 1000

    def get_remaining_time_in_millis(self):
        return int((self.deadline - time.monotonic()) * 1000)


def event(**overrides):
    e = {"pair": "orders", "mode": "unplanned", "requireApproval": True,
         "InvokedBy": "arn:aws:iam::123456789012:role/ops", "ExecutionId": EXECUTION, "StepName": "kafka-failover",
         "PlanArn": "arn:aws:arc-region-switch::123456789012:plan/orders-plan:abc123"}
    e.update(overrides)
    return e


ACCEPTED = {"operationId": OPERATION, "url": OPERATION_PATH, "uiUrl": "http://ui/namespaces/default/workflows/x"}


class HandlerTest(unittest.TestCase):

    def setUp(self):
        self.api = StubApi()
        self.addCleanup(self.api.close)
        env = mock.patch.dict(os.environ, {"KAFKA_DR_API_URL": self.api.url, "KAFKA_DR_TOKEN": TOKEN,
                                           "KAFKA_DR_POLL_SECONDS": "0.05"})
        env.start()
        self.addCleanup(env.stop)
        os.environ.pop("KAFKA_DR_TOKEN_SECRET_ARN", None)
        self.context = Context(60_000)

    def posts(self):
        return [r for r in self.api.requests if r["method"] == "POST"]

    def test_starts_the_failover_with_the_execution_as_incident_and_follows_it_until_completed(self):
        self.api.on("POST", "/v1/pairs/orders/failover", (202, {}, ACCEPTED))
        self.api.on("GET", OPERATION_PATH, (200, {}, {"phase": "running"}),
                    (200, {}, {"phase": "waiting_for_approval"}), (200, {}, {"phase": "completed"}))
        result = handler.lambda_handler(event(), self.context)
        self.assertEqual({"operationId": OPERATION, "phase": "completed", "url": self.api.url + OPERATION_PATH,
                          "uiUrl": ACCEPTED["uiUrl"]}, result)
        post = self.posts()[0]
        self.assertEqual("Bearer " + TOKEN, post["headers"]["authorization"])
        self.assertEqual("application/json", post["headers"]["content-type"])
        self.assertEqual({"incidentId": "arc-" + EXECUTION, "mode": "unplanned", "requireApproval": True,
                          "reason": "ARC Region switch plan arn:aws:arc-region-switch::123456789012:plan/orders-plan"
                                    ":abc123, execution " + EXECUTION + ", step kafka-failover"},
                         json.loads(post["body"]))
        gets = [r for r in self.api.requests if r["method"] == "GET"]
        self.assertEqual(3, len(gets))
        self.assertEqual("Bearer " + TOKEN, gets[0]["headers"]["authorization"])

    def test_a_retried_step_sends_the_same_incident_and_joins_the_same_operation(self):
        self.api.on("POST", "/v1/pairs/orders/failover", (202, {}, ACCEPTED), (200, {}, ACCEPTED))
        self.api.on("GET", OPERATION_PATH, (200, {}, {"phase": "completed"}))
        first = handler.lambda_handler(event(), self.context)
        second = handler.lambda_handler(event(), self.context)
        self.assertEqual(first, second)
        bodies = [json.loads(r["body"]) for r in self.posts()]
        self.assertEqual(2, len(bodies))
        self.assertEqual(bodies[0]["incidentId"], bodies[1]["incidentId"])

    def test_another_operation_in_flight_fails_the_step_naming_it(self):
        self.api.on("POST", "/v1/pairs/orders/failover", (409, {}, {
            "error": "conflict", "message": "failback/orders/1733 is in flight", "operationId": "failback/orders/1733"}))
        with self.assertRaises(handler.StepFailed) as failed:
            handler.lambda_handler(event(), self.context)
        self.assertIn("failback/orders/1733", str(failed.exception))
        self.assertNotIn(TOKEN, str(failed.exception))
        self.assertEqual([], [r for r in self.api.requests if r["method"] == "GET"])

    def test_temporal_unavailable_is_retried_after_retry_after(self):
        self.api.on("POST", "/v1/pairs/orders/failover",
                    (503, {"Retry-After": "1"}, {"error": "unavailable", "message": "Temporal unavailable"}),
                    (202, {}, ACCEPTED))
        self.api.on("GET", OPERATION_PATH, (200, {}, {"phase": "completed"}))
        self.assertEqual("completed", handler.lambda_handler(event(), self.context)["phase"])
        self.assertEqual(2, len(self.posts()))

    def test_temporal_unavailable_without_time_left_fails_the_attempt_for_arc_to_retry(self):
        self.api.on("POST", "/v1/pairs/orders/failover",
                    (503, {"Retry-After": "30"}, {"error": "unavailable", "message": "Temporal unavailable"}))
        with self.assertRaises(handler.StillRunning) as still:
            handler.lambda_handler(event(), Context(handler.MARGIN_MILLIS + 5_000))
        self.assertIn("503", str(still.exception))
        self.assertEqual(1, len(self.posts()))

    def test_a_failed_operation_fails_the_step(self):
        self.api.on("POST", "/v1/pairs/orders/failover", (202, {}, ACCEPTED))
        self.api.on("GET", OPERATION_PATH, (200, {}, {"phase": "failed", "message": "fence did not hold"}))
        with self.assertRaises(handler.StepFailed) as failed:
            handler.lambda_handler(event(), self.context)
        self.assertIn("fence did not hold", str(failed.exception))

    def test_an_operation_still_running_when_time_runs_out_is_left_for_the_next_attempt(self):
        self.api.on("POST", "/v1/pairs/orders/failover", (202, {}, ACCEPTED))
        self.api.on("GET", OPERATION_PATH, (200, {}, {"phase": "waiting_for_approval"}))
        context = Context(handler.MARGIN_MILLIS + 200)
        with self.assertRaises(handler.StillRunning) as still:
            handler.lambda_handler(event(), context)
        self.assertIn("waiting_for_approval", str(still.exception))

    def test_refusals_name_the_apis_error_without_the_token(self):
        self.api.on("POST", "/v1/pairs/orders/failover",
                    (403, {}, {"error": "forbidden", "message": "token 'arc' lacks scope operate"}))
        with self.assertRaises(handler.StepFailed) as failed:
            handler.lambda_handler(event(), self.context)
        self.assertIn("403 forbidden: token 'arc' lacks scope operate", str(failed.exception))
        self.assertNotIn(TOKEN, str(failed.exception))

    def test_a_bad_payload_is_refused_before_any_request(self):
        for bad, words in ((event(pair=None), "must name the pair"), (event(pair="../x"), "must name the pair"),
                           (event(mode="sideways"), '"mode"'), (event(requireApproval="yes"), "requireApproval"),
                           (event(ExecutionId=None), "ExecutionId")):
            with self.assertRaises(handler.StepFailed) as failed:
                handler.lambda_handler(bad, self.context)
            self.assertIn(words, str(failed.exception))
        self.assertEqual([], self.api.requests)

    def test_a_secret_arn_without_boto3_says_so(self):
        with mock.patch.dict(os.environ, {"KAFKA_DR_TOKEN_SECRET_ARN":
                                          "arn:aws:secretsmanager:us-east-1:123456789012:secret:kdr-arc"}), \
                mock.patch.dict("sys.modules", {"boto3": None}):
            with self.assertRaises(handler.StepFailed) as failed:
                handler.lambda_handler(event(), self.context)
        self.assertIn("boto3 is not installed", str(failed.exception))


if __name__ == "__main__":
    unittest.main()
