#!/usr/bin/env python3
"""Seed the corpora of every fuzz target under fuzz/corpus/ (git-ignored).

- decode_message, parse_request, dispatch: the binary TTLV vectors of
  testdata/kmip-vectors/ttlv_vectors.json (OASIS use cases and test cases, PyKMIP vectors);
- xml_json: the RequestMessage elements of the OASIS XML test cases in
  testdata/kmip-vectors/oasis (first byte 0 = XML);
- https_body: the same XML requests and the TTLV vectors, each behind an HTTP/1.1 POST /kmip head;
- pki_parsers: the certificates found in the XML cases (hex), behind each selector byte.
The files keep their notices in the repository; the corpora are derived data.
"""
import glob
import json
import os
import re

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "testdata", "kmip-vectors")


def write(target, name, blob):
    out = os.path.join(here, "corpus", target)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, name), "wb") as f:
        f.write(blob)


def http(ct, body):
    return ("POST /kmip HTTP/1.1\r\nHost: kms\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (ct, len(body))).encode() + body


with open(os.path.join(data, "ttlv_vectors.json")) as f:
    vectors = json.load(f)["vectors"]
for i, v in enumerate(vectors):
    b = bytes.fromhex(v["hex"])
    for t in ("decode_message", "parse_request", "dispatch"):
        write(t, "vector-%03d" % i, b)
    write("https_body", "ttlv-%03d" % i, http("application/octet-stream", b))

n = certs = 0
for path in sorted(glob.glob(os.path.join(data, "oasis", "**", "*.xml"), recursive=True)):
    text = open(path, encoding="utf-8", errors="replace").read()
    base = os.path.basename(path)[:-4]
    for j, m in enumerate(re.finditer(r"<RequestMessage>.*?</RequestMessage>", text, re.S)):
        xml = m.group(0).encode()
        write("xml_json", "%s-%d" % (base, j), b"\x00" + xml)
        write("https_body", "%s-%d" % (base, j), http("text/xml", xml))
        n += 1
    for j, m in enumerate(re.finditer(r'<CertificateValue type="ByteString" value="([0-9a-fA-F]+)"', text)):
        der = bytes.fromhex(m.group(1))
        for sel in (0, 1, 5):
            write("pki_parsers", "%s-%d-%d" % (base, j, sel), bytes([sel]) + der)
        certs += 1
print("seeded %d TTLV vectors, %d XML requests, %d certificates" % (len(vectors), n, certs))
