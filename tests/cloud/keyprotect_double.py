#!/usr/bin/env python3
"""A test double of IBM Key Protect's published REST API v2 and of IBM Cloud IAM's token endpoint.

IBM offers no emulator of Key Protect, so Keyhaven's tests (crates/keyhaven/tests/cloud_keyprotect.rs)
run this server on 127.0.0.1. It is NOT Key Protect: it serves only the calls Keyhaven makes, and it
follows the published API for those (paths, headers, bodies, status codes and reason codes), strictly:

  POST /identity/token                          form grant_type=urn:ibm:params:oauth:grant-type:apikey
  GET  /api/v2/keys                             list (metadata.collectionTotal)
  POST /api/v2/keys                             create a root key, or a standard key with its payload
                                                (content type application/vnd.ibm.kms.key+json)
  GET  /api/v2/keys/{id or alias}/metadata      state 0 pre-active, 1 active, 2 suspended, 3 deactivated, 5 destroyed
  POST /api/v2/keys/{id}/actions/{wrap|unwrap|rewrap|rotate|disable|enable}
                                                (content type application/vnd.ibm.kms.key_action+json)
  DELETE /api/v2/keys/{id}                      destroy (state 5; later calls answer 410 KEY_DELETED_ERR)

Strictness: every /api/v2 call needs `Authorization: Bearer <token>` with a token this server issued
and that has not expired (else 401 UNAUTHORIZED_ERR) and `bluemix-instance: <instance>` (else 400);
POST bodies need the right content type (else 400 BAD_BODY_ERR). The service ID's role (per API key:
Reader < Writer < Manager) decides what it may do (else 403 naming the IAM action).

Crypto is real: each root key has AES-256 versions; wrap is AES-256-GCM under the newest version with
the AAD strings as associated data; unwrap of a ciphertext made under an older version also returns
`rewrappedKey` (the same plaintext under the newest version), as Key Protect does after a rotation.
Wrong AAD or ciphertext: 422 UNPROCESSABLE_CIPHERTEXT_ERR. A key not active: 409
KEY_ACTION_INVALID_STATE_ERR. Destroyed: 410 KEY_DELETED_ERR.

Test control (not part of Key Protect), on a separate plain-HTTP port on 127.0.0.1:
  POST /control {"throttle": true|false}              answer 429 to every API call while on
  POST /control {"role": {"apikey": K, "role": R}}     change a service ID's role ("" = no access)
  POST /control {"token_ttl": seconds}                 lifetime of tokens issued from now on
  POST /control {"delete": KEY_ID}                     destroy a key (as an admin would in the console)
  POST /control {"rotate": KEY_ID}                     rotate a key (as Key Protect's rotation policy would)
  POST /control {"find_name": NAME}                    the key ID, state and description of a key by name
  GET  /control                                        counters: tokens issued, calls answered

Usage: keyprotect_double.py --port P --control-port C --instance ID --apikeys JSON --cert-dir DIR
  --apikeys '{"KEY": "Manager", ...}'; the server writes DIR/ca.pem (the CA to trust) and serves TLS
  with a certificate for 127.0.0.1 and localhost signed by it. Prints "ready" when listening.
"""

import argparse
import base64
import datetime
import http.server
import ipaddress
import json
import os
import secrets
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

KEY_TYPE = "application/vnd.ibm.kms.key+json"
ACTION_TYPE = "application/vnd.ibm.kms.key_action+json"
ERROR_TYPE = "application/vnd.ibm.kms.error+json"
ROLES = {"": 0, "Reader": 1, "Writer": 2, "Manager": 3}
# IAM action and least role of each operation.
NEEDS = {
    "list": ("kms.secrets.list", "Reader"),
    "metadata": ("kms.secrets.readmetadata", "Reader"),
    "wrap": ("kms.secrets.wrap", "Reader"),
    "unwrap": ("kms.secrets.unwrap", "Reader"),
    "rewrap": ("kms.secrets.rewrap", "Reader"),
    "create": ("kms.secrets.create", "Writer"),
    "rotate": ("kms.secrets.rotate", "Writer"),
    "disable": ("kms.secrets.disable", "Manager"),
    "enable": ("kms.secrets.enable", "Manager"),
    "delete": ("kms.secrets.delete", "Manager"),
}


class State:
    def __init__(self, instance, apikeys):
        self.lock = threading.Lock()
        self.instance = instance
        self.apikeys = dict(apikeys)  # api key -> role
        self.tokens = {}  # token -> (api key, expires at)
        self.token_ttl = 3600
        self.keys = {}  # id -> dict
        self.throttle = False
        self.tokens_issued = 0
        self.calls = 0


STATE = None


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def error_body(status, msg, code, message):
    return {
        "metadata": {"collectionType": ERROR_TYPE, "collectionTotal": 1},
        "resources": [
            {
                "errorMsg": msg,
                "reasons": [
                    {
                        "code": code,
                        "message": message,
                        "status": status,
                        "moreInfo": "https://cloud.ibm.com/apidocs/key-protect",
                    }
                ],
            }
        ],
    }


class Fail(Exception):
    def __init__(self, status, msg, code, message):
        super().__init__(msg)
        self.status = status
        self.body = error_body(status, msg, code, message)


def key_meta(k):
    meta = {
        "type": KEY_TYPE,
        "id": k["id"],
        "name": k["name"],
        "aliases": k["aliases"],
        "description": k["description"],
        "state": k["state"],
        "extractable": k["extractable"],
        "crn": "crn:v1:bluemix:public:kms:local:a/0:%s:key:%s" % (STATE.instance, k["id"]),
        "imported": False,
        "creationDate": k["created"],
        "lastUpdateDate": k["updated"],
        "deleted": k["state"] == 5,
    }
    if k["versions"]:
        meta["keyVersion"] = {"id": k["versions"][-1]["id"], "creationDate": k["versions"][-1]["created"]}
    return meta


def seal(version, plaintext, aad_list):
    nonce = secrets.token_bytes(12)
    aad = json.dumps(aad_list or []).encode()
    ct = AESGCM(version["key"]).encrypt(nonce, plaintext, aad)
    blob = json.dumps({"v": version["id"], "n": base64.b64encode(nonce).decode(),
                       "c": base64.b64encode(ct).decode()}).encode()
    return base64.b64encode(blob).decode()


def open_sealed(k, ciphertext, aad_list):
    bad = Fail(422, "Unprocessable Entity: The provided ciphertext is invalid or corrupted",
               "UNPROCESSABLE_CIPHERTEXT_ERR", "The provided ciphertext is invalid or corrupted")
    try:
        blob = json.loads(base64.b64decode(ciphertext, validate=True))
        version = next(v for v in k["versions"] if v["id"] == blob["v"])
        nonce = base64.b64decode(blob["n"])
        ct = base64.b64decode(blob["c"])
        aad = json.dumps(aad_list or []).encode()
        return version, AESGCM(version["key"]).decrypt(nonce, ct, aad)
    except Exception:
        raise bad


class Api(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet; nothing secret is logged either way
        pass

    def send_json(self, status, obj, ctype="application/json"):
        body = b"" if obj is None else json.dumps(obj).encode()
        self.send_response(status)
        if obj is not None:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n > 1 << 20:
            raise Fail(400, "Bad Request: body too large", "BAD_BODY_ERR", "body too large")
        return self.rfile.read(n) if n else b""

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        try:
            body = self.read_body()
            path = urllib.parse.urlsplit(self.path).path
            if path == "/identity/token":
                return self.iam_token(method, body)
            if not path.startswith("/api/v2/"):
                raise Fail(404, "Not Found", "NOT_FOUND_ERR", "no such path")
            with STATE.lock:
                STATE.calls += 1
                throttled = STATE.throttle
            if throttled:
                raise Fail(429, "Too Many Requests: rate limit exceeded", "TOO_MANY_REQUESTS_ERR",
                           "The request rate limit was exceeded; retry later")
            role = self.authenticate()
            status, obj, ctype = self.api(method, path, body, role)
            self.send_json(status, obj, ctype)
        except Fail as f:
            self.send_json(f.status, f.body, ERROR_TYPE)
        except Exception as e:  # a bug of the double: say so loudly
            print("double error: %r" % e, file=sys.stderr)
            self.send_json(500, error_body(500, "Internal Server Error", "INTERNAL_SERVER_ERR", str(e)),
                           ERROR_TYPE)

    def iam_token(self, method, body):
        if method != "POST":
            raise Fail(405, "Method Not Allowed", "BXNIM0405E", "only POST")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/x-www-form-urlencoded":
            self.send_json(400, {"errorCode": "BXNIM0109E", "errorMessage": "Content-Type must be application/x-www-form-urlencoded"})
            return
        form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
        if form.get("grant_type") != ["urn:ibm:params:oauth:grant-type:apikey"]:
            self.send_json(400, {"errorCode": "BXNIM0104E", "errorMessage": "grant_type is not supported"})
            return
        apikey = (form.get("apikey") or [""])[0]
        with STATE.lock:
            if apikey not in STATE.apikeys:
                self.send_json(400, {"errorCode": "BXNIM0415E", "errorMessage": "Provided API key could not be found."})
                return
            token = secrets.token_urlsafe(32)
            ttl = STATE.token_ttl
            STATE.tokens[token] = (apikey, time.time() + ttl)
            STATE.tokens_issued += 1
        self.send_json(200, {"access_token": token, "refresh_token": "not_supported", "token_type": "Bearer",
                             "expires_in": ttl, "expiration": int(time.time() + ttl), "scope": "ibm openid"})

    def authenticate(self):
        auth = self.headers.get("Authorization") or ""
        if not auth.startswith("Bearer "):
            raise Fail(401, "Unauthorized: The user does not have access to the specified resource",
                       "UNAUTHORIZED_ERR", "missing bearer token")
        with STATE.lock:
            entry = STATE.tokens.get(auth[7:])
            if entry is None or entry[1] < time.time():
                raise Fail(401, "Unauthorized: The user does not have access to the specified resource",
                           "UNAUTHORIZED_ERR", "the token is expired or not valid")
            role = STATE.apikeys.get(entry[0], "")
        inst = self.headers.get("bluemix-instance")
        if not inst:
            raise Fail(400, "Bad Request: missing bluemix-instance header", "BAD_BODY_ERR",
                       "The bluemix-instance header is required")
        if inst != STATE.instance:
            raise Fail(401, "Unauthorized: The user does not have access to the specified resource",
                       "UNAUTHORIZED_ERR", "no access to instance %s" % inst)
        return role

    def need(self, role, op, key_id="-"):
        action, least = NEEDS[op]
        if ROLES.get(role, 0) < ROLES[least]:
            raise Fail(403, "Forbidden: The user does not have access to perform %s on key %s" % (action, key_id),
                       "UNAUTHORIZED_ERR", "IAM action %s needs role %s" % (action, least))

    def need_type(self, ctype):
        got = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if got != ctype:
            raise Fail(400, "Bad Request: wrong content type %r" % got, "BAD_BODY_ERR",
                       "Content-Type must be %s" % ctype)

    def find(self, ident):
        k = STATE.keys.get(ident)
        if k is None:
            k = next((x for x in STATE.keys.values() if ident in x["aliases"]), None)
        if k is None:
            raise Fail(404, "Not Found: Key could not be found", "KEY_NOT_FOUND_ERR",
                       "Key does not exist")
        return k

    def api(self, method, path, body, role):
        parts = path.split("/")[3:]  # after /api/v2
        if parts == ["keys"] and method == "GET":
            self.need(role, "list")
            with STATE.lock:
                live = [key_meta(k) for k in STATE.keys.values() if k["state"] != 5]
            return 200, {"metadata": {"collectionType": KEY_TYPE, "collectionTotal": len(live)},
                         "resources": live}, KEY_TYPE
        if parts == ["keys"] and method == "POST":
            self.need(role, "create")
            self.need_type(KEY_TYPE)
            req = self.json(body)
            res = req.get("resources")
            if not isinstance(res, list) or len(res) != 1 or not req.get("metadata"):
                raise Fail(400, "Bad Request: Key could not be created.", "BAD_BODY_ERR",
                           "Only creation of one key per request is supported")
            r = res[0]
            kid = str(uuid.uuid4())
            extractable = r.get("extractable", True) is not False
            if extractable:
                # A standard key: its payload is stored as given (or made up), never used for crypto.
                try:
                    payload = base64.b64decode(r["payload"], validate=True) if "payload" in r else secrets.token_bytes(32)
                except Exception:
                    raise Fail(400, "Bad Request: Key could not be created.", "BAD_BODY_ERR", "payload is not base64")
                versions = []
            else:
                payload = None
                versions = [{"id": str(uuid.uuid4()), "key": AESGCM.generate_key(256), "created": now_iso()}]
            k = {"id": kid, "name": r.get("name") or kid, "aliases": [], "description": r.get("description", ""),
                 "state": 1, "extractable": extractable, "created": now_iso(), "updated": now_iso(),
                 "versions": versions, "payload": payload}
            with STATE.lock:
                STATE.keys[kid] = k
                meta = key_meta(k)
            return 201, {"metadata": {"collectionType": KEY_TYPE, "collectionTotal": 1}, "resources": [meta]}, KEY_TYPE
        if len(parts) == 3 and parts[0] == "keys" and parts[2] == "metadata" and method == "GET":
            self.need(role, "metadata", parts[1])
            with STATE.lock:
                meta = key_meta(self.find(parts[1]))
            return 200, {"metadata": {"collectionType": KEY_TYPE, "collectionTotal": 1}, "resources": [meta]}, KEY_TYPE
        if len(parts) == 2 and parts[0] == "keys" and method == "DELETE":
            self.need(role, "delete", parts[1])
            with STATE.lock:
                self.destroy(self.find(parts[1]))
            return 204, None, None
        if len(parts) == 4 and parts[0] == "keys" and parts[2] == "actions" and method == "POST":
            return self.action(parts[1], parts[3], body, role)
        raise Fail(404, "Not Found", "NOT_FOUND_ERR", "no such path")

    def destroy(self, k):
        if k["state"] == 5:
            raise Fail(410, "Gone: Key could not be deleted. Please see `reasons` for more details.",
                       "KEY_DELETED_ERR", "Key has already been deleted. Please delete references to this key.")
        k["state"] = 5
        k["versions"] = [{"id": v["id"], "key": None, "created": v["created"]} for v in k["versions"]]
        k["updated"] = now_iso()

    def json(self, body):
        try:
            v = json.loads(body or b"{}")
            if not isinstance(v, dict):
                raise ValueError("not an object")
            return v
        except ValueError as e:
            raise Fail(400, "Bad Request: body is not valid JSON", "BAD_BODY_ERR", str(e))

    def action(self, ident, op, body, role):
        if op not in ("wrap", "unwrap", "rewrap", "rotate", "disable", "enable"):
            raise Fail(400, "Bad Request: unknown action", "BAD_BODY_ERR", "unknown action %s" % op)
        self.need(role, op, ident)
        self.need_type(ACTION_TYPE)
        req = self.json(body)
        with STATE.lock:
            k = self.find(ident)
            if k["state"] == 5:
                raise Fail(410, "Gone: The key was deleted", "KEY_DELETED_ERR",
                           "Key has already been deleted. Please delete references to this key.")
            if k["extractable"] and op in ("wrap", "unwrap", "rewrap", "rotate"):
                raise Fail(400, "Bad Request: This action can only be done with a root key",
                           "KEY_ROOT_REQ_ERR", "Requested action can only be completed with a root key")
            want = 2 if op == "enable" else 1
            if k["state"] != want:
                raise Fail(409, "Conflict: Key is not in %s state: action %s could not be performed. Please see `reasons` for more details."
                           % ("suspended" if want == 2 else "active", op),
                           "KEY_ACTION_INVALID_STATE_ERR", "Key is not in a valid state")
            aad = req.get("aad")
            if aad is not None and (not isinstance(aad, list) or not all(isinstance(a, str) for a in aad)):
                raise Fail(400, "Bad Request: aad must be a list of strings", "BAD_BODY_ERR", "bad aad")
            newest = k["versions"][-1]
            if op == "wrap":
                pt = base64.b64decode(req["plaintext"]) if "plaintext" in req else secrets.token_bytes(32)
                out = {"ciphertext": seal(newest, pt, aad), "keyVersion": {"id": newest["id"]}}
                if "plaintext" not in req:
                    out["plaintext"] = base64.b64encode(pt).decode()
                return 200, out, ACTION_TYPE
            if op in ("unwrap", "rewrap"):
                if not isinstance(req.get("ciphertext"), str):
                    raise Fail(400, "Bad Request: ciphertext is required", "BAD_BODY_ERR", "no ciphertext")
                version, pt = open_sealed(k, req["ciphertext"], aad)
                if op == "rewrap":
                    return 200, {"ciphertext": seal(newest, pt, aad), "keyVersion": {"id": newest["id"]},
                                 "rewrappedKeyVersion": {"id": version["id"]}}, ACTION_TYPE
                out = {"plaintext": base64.b64encode(pt).decode(), "keyVersion": {"id": version["id"]}}
                if version["id"] != newest["id"]:
                    out["rewrappedKey"] = seal(newest, pt, aad)
                    out["rewrappedKeyVersion"] = {"id": newest["id"]}
                return 200, out, ACTION_TYPE
            if op == "rotate":
                k["versions"].append({"id": str(uuid.uuid4()), "key": AESGCM.generate_key(256), "created": now_iso()})
            elif op == "disable":
                k["state"] = 2
            elif op == "enable":
                k["state"] = 1
            k["updated"] = now_iso()
            return 204, None, None


class Control(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, obj):
        body = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def do_GET(self):
        with STATE.lock:
            self.reply({"tokens_issued": STATE.tokens_issued, "calls": STATE.calls,
                        "keys": {k: v["state"] for k, v in STATE.keys.items()}})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        req = json.loads(self.rfile.read(n) or b"{}")
        with STATE.lock:
            if "find_name" in req:
                k = next((x for x in STATE.keys.values() if x["name"] == req["find_name"]), None)
                self.reply({} if k is None else {"id": k["id"], "state": k["state"],
                                                 "description": k["description"],
                                                 "payload_len": len(k["payload"] or b"")})
                return
            if "throttle" in req:
                STATE.throttle = bool(req["throttle"])
            if "role" in req:
                STATE.apikeys[req["role"]["apikey"]] = req["role"]["role"]
            if "token_ttl" in req:
                STATE.token_ttl = int(req["token_ttl"])
            if "rotate" in req:
                k = STATE.keys.get(req["rotate"])
                if k is not None and k["state"] == 1:
                    k["versions"].append({"id": str(uuid.uuid4()), "key": AESGCM.generate_key(256),
                                          "created": now_iso()})
            if "delete" in req:
                k = STATE.keys.get(req["delete"])
                if k is not None and k["state"] != 5:
                    k["state"] = 5
        self.reply({"ok": True})


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_cert(cert_dir):
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Key Protect double test CA")])
    now = datetime.datetime.now(datetime.timezone.utc)
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))
    with open(os.path.join(cert_dir, "ca.pem"), "wb") as f:
        f.write(ca.public_bytes(serialization.Encoding.PEM))
    cert_path = os.path.join(cert_dir, "server.pem")
    key_path = os.path.join(cert_dir, "server.key")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    return cert_path, key_path


def main():
    global STATE
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--control-port", type=int, required=True)
    ap.add_argument("--instance", required=True)
    ap.add_argument("--apikeys", required=True)
    ap.add_argument("--cert-dir", required=True)
    a = ap.parse_args()
    STATE = State(a.instance, json.loads(a.apikeys))
    cert, key = make_cert(a.cert_dir)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    api = Server(("127.0.0.1", a.port), Api)
    api.socket = ctx.wrap_socket(api.socket, server_side=True)
    control = Server(("127.0.0.1", a.control_port), Control)
    threading.Thread(target=control.serve_forever, daemon=True).start()
    print("ready", flush=True)
    api.serve_forever()


if __name__ == "__main__":
    main()
