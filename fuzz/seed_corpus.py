#!/usr/bin/env python3
"""Fill fuzz/corpus/decode_message with the binary TTLV test vectors.

Reads testdata/kmip-vectors/ttlv_vectors.json (in the repository, or
the path given as the first argument) and writes one file per vector. The
corpus directory is git-ignored; the vectors keep their notice in the JSON.
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    here, "..", "testdata", "kmip-vectors", "ttlv_vectors.json")
out = os.path.join(here, "corpus", "decode_message")
os.makedirs(out, exist_ok=True)
with open(src) as f:
    vectors = json.load(f)["vectors"]
for i, v in enumerate(vectors):
    with open(os.path.join(out, "vector-%03d" % i), "wb") as f:
        f.write(bytes.fromhex(v["hex"]))
print("wrote %d seeds to %s" % (len(vectors), out))
