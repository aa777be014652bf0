#!/usr/bin/env python3
"""pynamodb 6.1's table and item helpers, for the rows of docs/pynamodb-parity.md called equivalent.

    .venv-pm6/bin/python tests/interop/pm_parity.py create TABLE    # create_table (indexes, TTL via update_ttl)
    .venv-pm6/bin/python tests/interop/pm_parity.py exists TABLE    # prints exists() as JSON
    .venv-pm6/bin/python tests/interop/pm_parity.py describe TABLE  # prints describe_table() as JSON
    .venv-pm6/bin/python tests/interop/pm_parity.py delete TABLE    # delete_table(wait=True)
    .venv-pm6/bin/python tests/interop/pm_parity.py dump TABLE      # prints to_dynamodb_dict() and serialize() of ITEM
    .venv-pm6/bin/python tests/interop/pm_parity.py load TABLE      # stdin: {"json": ..., "raw": ...}; checks from_dynamodb_dict,
                                                                    # from_raw_data and deserialize give ITEM; prints "loaded: N ok"
    .venv-pm6/bin/python tests/interop/pm_parity.py write TABLE     # save() ITEM (sk 7), batch_write() copies under sk 8 and 9
    .venv-pm6/bin/python tests/interop/pm_parity.py bump TABLE      # get() sk 7, update() n += 1 and tags |= {"z"}; prints the item
    .venv-pm6/bin/python tests/interop/pm_parity.py stale TABLE     # save() sk 7 as version 1; prints "conflict" when refused
    .venv-pm6/bin/python tests/interop/pm_parity.py read TABLE      # TransactGet of sk 7-10; prints {sk: version or null}

The endpoint is DDB_LOCAL_ENDPOINT. parity.interop.test.mjs defines the same model in JS.
"""

import base64
import datetime as dt
import json
import os
import sys

sys.dont_write_bytecode = True

from pynamodb.attributes import (  # noqa: E402
    BinaryAttribute, BooleanAttribute, JSONAttribute, ListAttribute, MapAttribute, NumberAttribute,
    TTLAttribute, UnicodeAttribute, UnicodeSetAttribute, UTCDateTimeAttribute, VersionAttribute,
)
from pynamodb.connection import Connection  # noqa: E402
from pynamodb.exceptions import PutError  # noqa: E402
from pynamodb.indexes import (  # noqa: E402
    GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection, LocalSecondaryIndex,
)
from pynamodb.models import Model  # noqa: E402
from pynamodb.transactions import TransactGet  # noqa: E402
from pm_values import local_meta  # noqa: E402

UTC = dt.timezone.utc


class Info(MapAttribute):
    author = UnicodeAttribute()
    seen = UTCDateTimeAttribute(null=True)


def model(table):
    class ByCat(GlobalSecondaryIndex):
        class Meta:
            index_name = "by-cat"
            projection = KeysOnlyProjection()

        cat = UnicodeAttribute(hash_key=True)
        n = NumberAttribute(range_key=True)

    class ByWhen(LocalSecondaryIndex):
        class Meta:
            index_name = "by-when"
            projection = IncludeProjection(["name"])  # stored names, as DynamoDB takes them

        pk = UnicodeAttribute(hash_key=True)
        when = UTCDateTimeAttribute(range_key=True)

    class Doc(Model):
        Meta = local_meta(table, "DDB_LOCAL_ENDPOINT", billing_mode="PAY_PER_REQUEST")

        pk = UnicodeAttribute(hash_key=True)
        sk = NumberAttribute(range_key=True)
        cat = UnicodeAttribute(null=True)
        n = NumberAttribute(null=True)
        title = UnicodeAttribute(attr_name="name")
        when = UTCDateTimeAttribute(null=True)
        expires = TTLAttribute(null=True)
        doc = JSONAttribute(null=True)
        b = BinaryAttribute(legacy_encoding=False, null=True)
        tags = UnicodeSetAttribute(null=True)
        flag = BooleanAttribute(null=True)
        meta = Info(null=True)
        lst = ListAttribute(null=True)
        version = VersionAttribute()
        by_cat = ByCat()
        by_when = ByWhen()

    return Doc


ITEM = {
    "pk": "p", "sk": 7, "cat": "c", "n": 2.5, "title": "Tïtle",
    "when": dt.datetime(2024, 2, 29, 12, 34, 56, 123456, tzinfo=UTC),
    "expires": dt.datetime(2030, 1, 1, tzinfo=UTC),
    "doc": {"a": [1, 2.5, None]}, "b": bytes([0, 1, 255]), "tags": {"x", "y"}, "flag": False,
    "meta": {"author": "Ann", "seen": dt.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=UTC)},
    "lst": [1, "two", {"k": [True]}],
}


def plain(value):
    if isinstance(value, MapAttribute):
        return {k: plain(v) for k, v in value.attribute_values.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def differences(item):
    """The attributes of `item` that differ from ITEM (types compared too)."""
    return [name for name, want in ITEM.items()
            if not (plain(getattr(item, name)) == want and type(plain(getattr(item, name))) is type(want))]


def main(command, table):
    Doc = model(table)
    if command == "create":
        Doc.create_table(wait=True)
    elif command == "exists":
        print(json.dumps(Doc.exists()))
    elif command == "describe":
        print(json.dumps(Doc.describe_table(), default=str))
    elif command == "delete":
        Doc.delete_table(wait=True)
    elif command == "dump":
        item = Doc(**ITEM)
        raw = {k: {t: base64.b64encode(v).decode() if isinstance(v, bytes) else v for t, v in av.items()}
               for k, av in item.serialize().items()}
        print(json.dumps({"json": item.to_dynamodb_dict(), "raw": raw}))
    elif command == "load":
        given = json.load(sys.stdin)
        from_json = Doc()
        from_json.from_dynamodb_dict(given["json"])
        raw = {k: {t: base64.b64decode(v) if t == "B" else v for t, v in av.items()} for k, av in given["raw"].items()}
        deserialized = Doc()
        deserialized.deserialize(raw)
        loaded = {"from_dynamodb_dict": from_json, "from_raw_data": Doc.from_raw_data(raw), "deserialize": deserialized}
        bad = {how: differences(item) for how, item in loaded.items() if differences(item)}
        print(f"loaded: {len(loaded) - len(bad)} ok" + (f", differing: {bad}" if bad else ""))
        return 1 if bad else 0
    elif command == "write":
        Doc(**ITEM).save()
        with Doc.batch_write() as batch:
            for sk in (8, 9):
                batch.save(Doc(**{**ITEM, "sk": sk}))
    elif command == "bump":
        item = Doc.get("p", 7, consistent_read=True)
        item.update(actions=[Doc.n.add(1), Doc.tags.add({"z"})])
        print(json.dumps({"version": item.version, "n": item.n, "tags": sorted(item.tags)}))
    elif command == "stale":
        try:
            Doc(**ITEM, version=1).save()
            print("saved")
        except PutError as error:
            print("conflict" if error.cause_response_code == "ConditionalCheckFailedException" else repr(error))
    elif command == "read":
        # A transaction's connection takes its credentials from the environment: the models' own.
        os.environ.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
        connection = Connection(region="us-east-1", host=os.environ["DDB_LOCAL_ENDPOINT"])
        with TransactGet(connection=connection) as transaction:
            futures = {sk: transaction.get(Doc, "p", sk) for sk in (7, 8, 9, 10)}
        versions = {}
        for sk, future in futures.items():
            try:
                versions[sk] = future.get().version
            except Doc.DoesNotExist:
                versions[sk] = None
        print(json.dumps(versions))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
