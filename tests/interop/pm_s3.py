#!/usr/bin/env python3
"""pynamodb_mate's S3-backed attributes on a live table and bucket, shared with the JS models.

Runs in .venv-pm6 (6.0.1.1: the wheel-only pynamodb_mate.attributes.s3backed S3BackedAttribute
subclasses) or .venv-pm5 (5.3.4.4: S3BackedBig{Text,Binary}Attribute configured by assignment).
The endpoint (DynamoDB and S3) is MOTO_ENDPOINT.

    python tests/interop/pm_s3.py create TABLE              # the table, as pynamodb makes it
    python tests/interop/pm_s3.py write TABLE BUCKET KEY    # write values(KEY) under KEY
    python tests/interop/pm_s3.py check TABLE BUCKET KEY    # read KEY, compare with values(KEY)

6.0.1.1's large-attribute pattern (LargeAttributeMixin; `html` and `image` are UnicodeAttributes
holding URIs, objects under `large/pk=.../attr=.../md5=...`, raw bodies):

    python tests/interop/pm_s3.py large-create TABLE BUCKET PK TAG    # create_large_attribute_item
    python tests/interop/pm_s3.py large-update TABLE BUCKET PK TAG    # update_large_attribute_item (html)
    python tests/interop/pm_s3.py large-delete TABLE BUCKET PK        # delete_large_attribute_item
    python tests/interop/pm_s3.py large-check TABLE BUCKET PK HTML_TAG IMAGE_TAG

`check` and `large-check` print "pm-s3-readable: N passed, M failed" and exit 1 on a difference
(`large-check` also compares each URI with the key get_s3_key derives). The values depend on KEY
(TAG), so that each side's objects are its own uploads (content addressing would share equal ones).
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


PREFIX = "large"


def large_values(tag):
    """The same values as `largeValues()` in s3.interop.test.mjs, as the bytes put in S3."""
    return {
        "html": (f"<p>{tag} héllo 😀</p>" * 20_000).encode(),
        "image": bytes([0, 1, 0, 255]) * 1000 + tag.encode(),
    }


def large_model(table):
    from pynamodb_mate.api import Model as MateModel
    from pynamodb_mate.patterns.large_attribute.api import LargeAttributeMixin

    body = {
        "pk": UnicodeAttribute(hash_key=True),
        "html": UnicodeAttribute(null=True),
        "image": UnicodeAttribute(null=True),
        "Meta": model(table, "unused").Meta,
    }
    return type("LargeDocs", (MateModel, LargeAttributeMixin), body)


def large(command, table, bucket, pk, *tags):
    from datetime import datetime, timezone
    from pynamodb_mate.patterns.large_attribute.api import get_s3_key

    Docs = large_model(table)
    common = dict(s3_client=S3, pk=pk, sk=None, bucket=bucket, prefix=PREFIX)
    now = datetime.now(timezone.utc)
    if command == "large-create":
        Docs.create_large_attribute_item(kvs=large_values(tags[0]), update_at=now, attributes={}, **common)
    elif command == "large-update":
        Docs.update_large_attribute_item(kvs={"html": large_values(tags[0])["html"]}, update_at=now,
                                         consistent_read=True, **common)
    elif command == "large-delete":
        Docs.delete_large_attribute_item(s3_client=S3, pk=pk, sk=None, attributes=["html", "image"])
    else:  # large-check
        item = Docs.get(pk, consistent_read=True)
        passed = failed = 0
        for name, tag in zip(["html", "image"], tags):
            want = large_values(tag)[name]
            uri = getattr(item, name)
            got = S3.get_object(Bucket=bucket, Key=uri.split("/", 3)[3])["Body"].read()
            if got == want and uri == f"s3://{bucket}/{get_s3_key(pk, None, name, want, PREFIX)}":
                passed += 1
            else:
                failed += 1
                print(f"{pk}.{name}: {uri} holds {len(got)} bytes, want {len(want)}")
        print(f"pm-s3-readable: {passed} passed, {failed} failed")
        return 1 if failed else 0
    return 0


def main(command, table, bucket="unused", key=None, *rest):
    if command.startswith("large-"):
        return large(command, table, bucket, key, *rest)
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
