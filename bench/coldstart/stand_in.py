"""A loopback HTTPS stand-in of AWS Config for the cold-start benchmark.

Serves the JSON 1.1 protocol on 127.0.0.1 with the certificate and key it is given, answers
PutEvaluations with no FailedEvaluations, and appends one JSON line per call to the calls file so the
harness can check that every run put exactly the evaluation it should. Anything else (another
operation, an unsigned request, an empty or oversized batch, a compliance type a custom rule may not
put) is answered 400 and recorded with "problem" set.

usage: stand_in.py CERT.pem KEY.pem CALLS.jsonl PORT_FILE
"""

import json
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PUTTABLE = {"COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE"}


def problem_with(target, authorization, body):
    if target != "StarlingDoveService.PutEvaluations":
        return "unexpected operation " + str(target)
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        return "request is not SigV4-signed"
    if not body.get("ResultToken"):
        return "ResultToken missing"
    evaluations = body.get("Evaluations") or []
    if not 1 <= len(evaluations) <= 100:
        return "%d evaluations in one call" % len(evaluations)
    for evaluation in evaluations:
        if evaluation.get("ComplianceType") not in PUTTABLE:
            return "ComplianceType " + str(evaluation.get("ComplianceType"))
        annotation = evaluation.get("Annotation")
        if annotation is not None and not 1 <= len(annotation) <= 256:
            return "Annotation of %d characters" % len(annotation)
    return None


class ConfigHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real endpoint
    disable_nagle_algorithm = True  # or each answer waits out the client's delayed ACK

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        problem = problem_with(self.headers.get("X-Amz-Target"), self.headers.get("Authorization") or "", body)
        record = {"operation": self.headers.get("X-Amz-Target"), "body": body, "problem": problem}
        with self.server.lock:
            self.server.calls.write(json.dumps(record) + "\n")
            self.server.calls.flush()
        if problem:
            self.answer(400, {"__type": "ValidationException", "message": problem})
        else:
            self.answer(200, {"FailedEvaluations": []})

    def answer(self, status, document):
        payload = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def main():
    cert, key, calls_path, port_file = sys.argv[1:5]
    import threading

    server = ThreadingHTTPServer(("127.0.0.1", 0), ConfigHandler)
    server.daemon_threads = True
    server.lock = threading.Lock()
    server.calls = open(calls_path, "a", encoding="utf-8")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(port_file, "w", encoding="utf-8") as out:
        out.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
