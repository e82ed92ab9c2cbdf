"""Interop tests: the cyphera-kmip 0.0.1a1 Python client (PyPI, Apache-2.0)
against Keyhaven over mutual TLS, with hostname checking (the client verifies
the server certificate's SAN for 127.0.0.1).

cyphera-kmip speaks KMIP 1.4 and departs from the specification in several
places; each is tested here for what Keyhaven does with it:

- Query without a Query Function (the function is REQUIRED): answered as
  Query Operations + Query Objects, the answer such clients want.
- Revoke with the Revocation Reason structure sent under the Revocation
  Reason Code tag (0x420082) and the code under 0x420083: the structure can
  mean nothing else, so it is taken as the Revocation Reason.
- Create Key Pair with a plain Template-Attribute (0x420091) instead of the
  Common Template-Attribute: refused with Missing Data (the algorithm is
  looked for where the spec puts it; guessing which template was meant could
  give a public key the private key's usage).
- Delete Attribute with the name inside an Attribute structure: refused with
  Missing Data naming the Attribute Name.
- Encrypt, MAC, Sign send their data under wrong tags (0x420033 is Destroy
  Date, 0x42004F Maximum Items, 0x420051 Message Extension): tags that mean
  other things cannot be tolerated; refused with a clear reason.
- The client reads Result Reason and Result Message from the wrong tags
  (0x420080, 0x420081), so it never sees the server's reason: the tests read
  the reason the server gave from its audit trail (`keyhaven audit`).

Run: .venv/bin/pytest -q tests/cyphera   (scripts/test.sh does it for you)
"""

import json
import time
import uuid

import pytest

from cyphera_kmip import KmipClient
from cyphera_kmip.operations import KmipError

from keyhaven_server import KeyhavenServer, keyhaven_bin, stop_and_check

# KMIP enumerations used below (KMIP 1.4 section 9.1.3).
OBJECT_SYMMETRIC_KEY = 2
ALG_AES = 3
ALG_RSA = 4
REVOKE_KEY_COMPROMISE = 2
REVOKE_CESSATION = 5
OP_CREATE = 1
OP_GET = 10
OP_LOCATE = 8
OP_QUERY = 24


@pytest.fixture(scope="module")
def keyhaven(tmp_path_factory):
    work = tmp_path_factory.mktemp("keyhaven-cyphera")
    server = KeyhavenServer(keyhaven_bin(), work, data_dir=work / "data")
    server.start("--listen", "127.0.0.1:0", "--log", "debug",
                 ready_file=work / "ready")
    server.certs = work / "certs"
    server.cli("client", "issue", "--name", "cyphera", "--out",
               str(server.certs))
    yield server
    stop_and_check(server)


@pytest.fixture
def client(keyhaven):
    c = KmipClient(
        host=keyhaven.host, port=keyhaven.port,
        client_cert=str(keyhaven.certs / "cyphera.crt"),
        client_key=str(keyhaven.certs / "cyphera.key"),
        ca_cert=str(keyhaven.certs / "ca.crt"))
    yield c
    c.close()


def unique(prefix):
    return "{}-{}".format(prefix, uuid.uuid4())


def audit(server, operation, uid=None):
    """The outcomes the server recorded for `operation` (on `uid` when given),
    newest first, from `keyhaven audit --json`."""
    args = ["audit", "--json", "--limit", "1000"]
    if uid:
        args += ["--uid", uid]
    return [r["outcome"] for r in json.loads(server.cli(*args))
            if r["operation"] == operation]


def outcome(server, operation, call, uid=None, fails=False):
    """Runs `call` (expecting a KMIP failure when `fails`) and returns the
    outcome the server recorded for it. The audit trail is written in the
    background, so this waits (up to 10 s) for the new record."""
    before = len(audit(server, operation, uid))
    if fails:
        refused(call)
    else:
        call()
    deadline = time.monotonic() + 10
    while True:
        got = audit(server, operation, uid)
        if len(got) > before:
            return got[0]
        if time.monotonic() > deadline:
            pytest.fail("no new {} record in the audit trail".format(
                operation))
        time.sleep(0.1)


def refused(call):
    with pytest.raises(KmipError) as ei:
        call()
    assert ei.value.result_status == 1, "expected Operation Failed"
    return ei.value


def test_discover_versions_offers_1_4(client):
    got = client.discover_versions()["versions"]
    assert {"major": 1, "minor": 4} in got
    assert got[0] == {"major": 2, "minor": 1}, "newest first"


def test_query_without_a_query_function_lists_operations(client, keyhaven):
    got = {}
    assert outcome(keyhaven, "Query",
                   lambda: got.update(client.query())) == "success"
    assert OP_CREATE in got["operations"] and OP_GET in got["operations"]
    assert OP_LOCATE in got["operations"] and OP_QUERY in got["operations"]
    assert OBJECT_SYMMETRIC_KEY in got["object_types"]


def test_symmetric_key_lifecycle(client, keyhaven):
    name = unique("cyphera")
    uid = client.create(name, "AES", 256)["unique_identifier"]
    got = client.get(uid)
    assert got["unique_identifier"] == uid
    assert got["object_type"] == OBJECT_SYMMETRIC_KEY
    material = got["key_material"]
    assert isinstance(material, bytes) and len(material) == 32
    # Same bytes again, by name too.
    assert client.get(uid)["key_material"] == material
    assert client.locate(name) == [uid]
    assert client.fetch_key(name) == material

    client.activate(uid)
    names = client.get_attribute_list(uid)
    for want in ("Unique Identifier", "Object Type", "State", "Name",
                 "Cryptographic Algorithm", "Cryptographic Length",
                 "Activation Date"):
        assert want in names
    assert client.check(uid)["unique_identifier"] == uid
    assert client.obtain_lease(uid) > 0

    # Custom attributes (x-...) as text.
    client.add_attribute(uid, "x-cyphera", "one")
    client.modify_attribute(uid, "x-cyphera", "two")
    out = keyhaven.cli("key", "show", uid)
    assert "two" in out and "one" not in out.split("x-cyphera", 1)[1][:20]

    # Revoke with cyphera's mis-tagged reason is understood, then Destroy.
    assert outcome(keyhaven, "Revoke",
                   lambda: client.revoke(uid, REVOKE_CESSATION),
                   uid) == "success"
    assert "Deactivated" in keyhaven.cli("key", "show", uid)
    client.destroy(uid)
    assert client.locate(name) == []
    refused(lambda: client.get(uid))


def test_revoke_key_compromise_reason_is_honoured(client, keyhaven):
    uid = client.create(unique("cyphera-compromised"), "AES", 128)[
        "unique_identifier"]
    client.activate(uid)
    client.revoke(uid, REVOKE_KEY_COMPROMISE)
    assert "Compromised" in keyhaven.cli("key", "show", uid)


def test_rekey_archive_recover_register(client, keyhaven):
    uid = client.create(unique("cyphera-rekey"), "AES", 256)[
        "unique_identifier"]
    client.activate(uid)
    new = client.re_key(uid)["unique_identifier"]
    assert new != uid
    assert len(client.get(new)["key_material"]) == 32
    assert client.get(new)["key_material"] != client.get(uid)["key_material"]

    assert outcome(keyhaven, "Archive", lambda: client.archive(new),
                   new) == "success"
    assert outcome(keyhaven, "Recover", lambda: client.recover(new),
                   new) == "success"

    secret = bytes(range(32))
    reg = client.register(OBJECT_SYMMETRIC_KEY, secret, unique("cyphera-reg"),
                          ALG_AES, 256)
    assert client.get(reg["unique_identifier"])["key_material"] == secret


def test_departures_from_the_spec_get_clear_errors(client, keyhaven):
    uid = client.create(unique("cyphera-errors"), "AES", 256)[
        "unique_identifier"]
    client.activate(uid)

    got = outcome(keyhaven, "CreateKeyPair",
                  lambda: client.create_key_pair(unique("cyphera-rsa"),
                                                 ALG_RSA, 2048), fails=True)
    assert got.startswith("MissingData") and "Cryptographic Algorithm" in got

    got = outcome(keyhaven, "DeleteAttribute",
                  lambda: client.delete_attribute(uid, "x-none"), uid,
                  fails=True)
    assert got.startswith("MissingData") and "Attribute Name" in got

    got = outcome(keyhaven, "Encrypt",
                  lambda: client.encrypt(uid, b"sixteen byte msg"), uid,
                  fails=True)
    assert got.split(":")[0] in ("InvalidField", "MissingData"), got
    got = outcome(keyhaven, "MAC", lambda: client.mac(uid, b"data"), uid,
                  fails=True)
    assert got.split(":")[0] in ("InvalidField", "MissingData",
                                 "IncompatibleCryptographicUsageMask"), got

    # The connection survives each refusal: the same client goes on.
    assert client.get(uid)["unique_identifier"] == uid


def test_unknown_object_is_refused(client, keyhaven):
    missing = str(uuid.uuid4())
    got = outcome(keyhaven, "Get", lambda: client.get(missing), missing,
                  fails=True)
    # (the audit names the reason; a 1.4 client is sent Item Not Found)
    assert got.startswith(("ItemNotFound", "ObjectNotFound")), got
