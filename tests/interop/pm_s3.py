#!/usr/bin/env python3
"""pynamodb_mate's S3-backed attributes on a live table and bucket, shared with the JS models.

Runs in .venv-pm6 (6.0.1.1: the wheel-only pynamodb_mate.attributes.s3backed S3BackedAttribute
subclasses) or .venv-pm5 (5.3.4.4: S3BackedBig{Text,Binary}Attribute configured by assignment).
The endpoint (DynamoDB and S3) is MOTO_ENDPOINT.

    python tests/interop/pm_s3.py create TABLE              # the table, as pynamodb makes it
    python tests/interop/pm_s3.py write TABLE BUCKET KEY    # write values(KEY) under KEY
    python tests/interop/pm_s3.py check TABLE BUCKET KEY    # read KEY, compare with values(KEY)

`check` prints "pm-s3-readable: N passed, M failed" and exits 1 on a difference. The values depend on
KEY, so that each side's objects are its own uploads (content addressing would share equal ones).
s3.interop.test.mjs builds the same values.
"""

import os
import sys
import warnings

sys.dont_write_bytecode = True
warnings.simplefilter("ignore", DeprecationWarning)

import boto3  # noqa: E402
import pynamodb_mate  # noqa: E402
from pynamodb.attributes import UnicodeAttribute  # noqa: E402
from pynamodb.models import Model  # noqa: E402

V6 = pynamodb_mate.__version__.startswith("6.")
ENDPOINT = os.environ["MOTO_ENDPOINT"]
S3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")


def values(key):
    """The same values as `values()` in s3.interop.test.mjs (several MB of text, zero bytes, JSON)."""
    made = {
        "text": f"{key} héllo 😀 " * 100_000,
        "empty": "",
        "binary": bytes([0, 1, 0, 255]) * 1000 + key.encode(),
    }
    if V6:
        made["doc"] = {"key": key, "é": [1, 2.5, None, True], "emoji": "😀", "big": 12345678901234567890}
        made["raw_doc"] = {"key": key, "n": -5}
    return made


def schema(bucket):
    if V6:
        from pynamodb_mate.attributes.s3backed import (
            S3BackedBigBinaryAttribute, S3BackedBigTextAttribute, S3BackedJsonDictAttribute)
        common = dict(bucket_name=bucket, s3_client=S3, null=True)
        return {
            "text": S3BackedBigTextAttribute(**common),
            "empty": S3BackedBigTextAttribute(**common),
            "binary": S3BackedBigBinaryAttribute(**common),
            "doc": S3BackedJsonDictAttribute(**common),
            "raw_doc": S3BackedJsonDictAttribute(compressed=False, **common),
        }
    made = {
        "text": pynamodb_mate.S3BackedBigTextAttribute(null=True),
        "empty": pynamodb_mate.S3BackedBigTextAttribute(null=True),
        "binary": pynamodb_mate.S3BackedBigBinaryAttribute(null=True),
    }
    for attribute in made.values():
        attribute.bucket_name = bucket
        attribute.s3_client = S3
    return made


def model(table, bucket):
    body = schema(bucket)
    body["pk"] = UnicodeAttribute(hash_key=True)
    body["Meta"] = type("Meta", (), {
        "table_name": table,
        "host": ENDPOINT,
        "region": "us-east-1",
        "aws_access_key_id": "test",
        "aws_secret_access_key": "test",
    })
    return type("Docs", (Model,), body)


def check(Docs, key):
    item = Docs.get(key, consistent_read=True)
    passed = failed = 0
    for name, want in values(key).items():
        got = getattr(item, name)
        if type(got) is type(want) and got == want:
            passed += 1
        else:
            failed += 1
            print(f"{key}.{name}: got a {type(got).__name__} of length {len(got)}, want {len(want)}")
    print(f"pm-s3-readable: {passed} passed, {failed} failed")
    return 1 if failed else 0


def main(command, table, bucket="unused", key=None):
    Docs = model(table, bucket)
    if command == "create":
        Docs.create_table(read_capacity_units=5, write_capacity_units=5, wait=True)
        return 0
    if command == "write":
        Docs(key, **values(key)).save()
        return 0
    if command == "check":
        return check(Docs, key)
    print(f"unknown command {command}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
