#!/usr/bin/env python3
"""pynamodb_mate's compressed and encrypted attributes on a live table, shared with the JS models.

Runs in .venv-pm6 (pynamodb_mate 6.0.1.1) or .venv-pm5 (5.3.4.4, attributes configured by
assignment). The endpoint is MOTO_ENDPOINT.

    python tests/interop/pm_attributes.py create TABLE     # the table, as pynamodb makes it
    python tests/interop/pm_attributes.py write TABLE KEY  # write EXPECTED under KEY
    python tests/interop/pm_attributes.py check TABLE KEY  # read KEY, compare with EXPECTED
    python tests/interop/pm_attributes.py find TABLE KEY   # equality scans + a conditional update

`check` prints "pm-attributes-readable: N passed, M failed" (one check per attribute; never a value
of an encrypted attribute) and exits 1 on a difference. `find` prints one JSON object: for every
deterministic attribute, the sorted keys an equality scan on EXPECTED's value finds; then it updates
KEY's `touched` under a condition on every deterministic attribute (fails unless they all match).
The JS side (attributes.interop.test.mjs) holds the same values.
"""

import json
import math
import os
import sys

sys.dont_write_bytecode = True

import pynamodb_mate  # noqa: E402
from pynamodb.attributes import UnicodeAttribute  # noqa: E402
from pynamodb.models import Model  # noqa: E402

V6 = pynamodb_mate.__version__.startswith("6.")
if V6:
    import pynamodb_mate.api as pm  # noqa: E402

    attrs = pm.attributes
else:
    attrs = pynamodb_mate

PASSWORD = "interop-password é"

# name -> (6.x class, deterministic or None for compressed)
SCHEMA = {
    "cu": ("CompressedUnicodeAttribute", None),
    "cu_empty": ("CompressedUnicodeAttribute", None),
    "cb": ("CompressedBinaryAttribute", None),
    "cj": ("CompressedJSONDictAttribute", None),
    "eu": ("EncryptedUnicodeAttribute", True),
    "eu_empty": ("EncryptedUnicodeAttribute", True),
    "eur": ("EncryptedUnicodeAttribute", False),
    "eb": ("EncryptedBinaryAttribute", True),
    "ebr": ("EncryptedBinaryAttribute", False),
    "en_int": ("EncryptedNumberAttribute", True),
    "en_big": ("EncryptedNumberAttribute", True),
    "en_float": ("EncryptedNumberAttribute", True),
    "en_tenth": ("EncryptedNumberAttribute", True),
    "enr": ("EncryptedNumberAttribute", False),
    "ej": ("EncryptedJsonDictAttribute", True),
    "ejr": ("EncryptedJsonDictAttribute", False),
}

EXPECTED = {
    "cu": "héllo 😀 " * 200,
    "cu_empty": "",
    "cb": bytes([0, 1, 0, 255]) * 50,
    "cj": {"é": [1, 2.5, None, True], "emoji": "😀", "big": 12345678901234567890, "f": 1e16},
    "eu": "alice@example.com é😀",
    "eu_empty": "",
    "eur": "random é😀",
    "eb": bytes([0, 1, 0, 255]),
    "ebr": bytes(5),
    "en_int": 42,
    "en_big": -123456789012345678901234567890,
    "en_float": 1e16,
    "en_tenth": 0.1,
    "enr": 3.5,
    "ej": {"a": [1, 1.0, "é😀", None], "n": -5},
    "ejr": {"k": "v"},
}


def attribute(cls6, deterministic):
    cls5 = {"CompressedJSONDictAttribute": "CompressedJSONAttribute",
            "EncryptedJsonDictAttribute": "EncryptedJsonAttribute"}.get(cls6, cls6)
    if V6:
        cls = getattr(attrs, cls6)
        if deterministic is None:
            return cls(null=True)
        return cls(encryption_key=PASSWORD, determinative=deterministic, null=True)
    made = getattr(attrs, cls5)(null=True)
    if deterministic is not None:
        made.encryption_key = PASSWORD
        made.determinative = deterministic
    return made


def model(table):
    body = {name: attribute(*spec) for name, spec in SCHEMA.items()}
    body["pk"] = UnicodeAttribute(hash_key=True)
    body["touched"] = UnicodeAttribute(null=True)
    body["Meta"] = type("Meta", (), {
        "table_name": table,
        "host": os.environ["MOTO_ENDPOINT"],
        "region": "us-east-1",
        "aws_access_key_id": "test",
        "aws_secret_access_key": "test",
    })
    return type("Secrets", (Model,), body)


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return type(a) is type(b) and (a == b or (math.isnan(a) and math.isnan(b)))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def check(Secrets, key):
    item = Secrets.get(key, consistent_read=True)
    passed = failed = 0
    for name, want in EXPECTED.items():
        got = getattr(item, name)
        if same(got, want):
            passed += 1
        else:
            failed += 1
            shown = f"{got!r}" if SCHEMA[name][1] is None else f"a {type(got).__name__}"
            print(f"{key}.{name}: got {shown}, want a {type(want).__name__}")
    print(f"pm-attributes-readable: {passed} passed, {failed} failed")
    return 1 if failed else 0


def find(Secrets, key):
    deterministic = [name for name, (_, det) in SCHEMA.items() if det]
    found = {}
    for name in deterministic:
        attr = getattr(Secrets, name)
        found[name] = sorted(s.pk for s in Secrets.scan(attr == EXPECTED[name], consistent_read=True))
    condition = None
    for name in deterministic:
        clause = getattr(Secrets, name) == EXPECTED[name]
        condition = clause if condition is None else condition & clause
    Secrets(key).update(actions=[Secrets.touched.set("python")], condition=condition)
    print(json.dumps(found, sort_keys=True))
    return 0


def main(command, table, key=None):
    Secrets = model(table)
    if command == "create":
        Secrets.create_table(read_capacity_units=5, write_capacity_units=5, wait=True)
        return 0
    if command == "write":
        Secrets(key, **EXPECTED).save()
        return 0
    if command == "check":
        return check(Secrets, key)
    if command == "find":
        return find(Secrets, key)
    print(f"unknown command {command}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
