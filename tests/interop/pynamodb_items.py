#!/usr/bin/env python3
"""Plain pynamodb 6.1 items (the base of pynamodb_mate 6.0.1.1), shared with the JS model layer.

    .venv-pm6/bin/python tests/interop/pynamodb_items.py create TABLE    # the table, as pynamodb makes it
    .venv-pm6/bin/python tests/interop/pynamodb_items.py write TABLE KEY  # write EXPECTED under KEY
    .venv-pm6/bin/python tests/interop/pynamodb_items.py check TABLE KEY  # read KEY, compare to EXPECTED

The endpoint is MOTO_ENDPOINT. `check` prints "pynamodb-readable: N passed, M failed" (one check per
attribute) and exits 1 on any difference. The JS side (models.interop.test.mjs) holds the same values.
"""

import datetime as dt
import math
import sys

sys.dont_write_bytecode = True

from pynamodb.attributes import (  # noqa: E402
    BinaryAttribute, BinarySetAttribute, BooleanAttribute, JSONAttribute, ListAttribute, MapAttribute,
    NumberAttribute, NumberSetAttribute, TTLAttribute, UnicodeAttribute, UnicodeSetAttribute,
    UTCDateTimeAttribute, VersionAttribute,
)
from pynamodb.models import Model  # noqa: E402
from pm_values import local_meta  # noqa: E402

UTC = dt.timezone.utc


class Seen(MapAttribute):
    author = UnicodeAttribute()
    seen = UTCDateTimeAttribute()


def model(table):
    class Doc(Model):
        Meta = local_meta(table, "MOTO_ENDPOINT")

        pk = UnicodeAttribute(hash_key=True)
        s = UnicodeAttribute()
        n_int = NumberAttribute()
        n_big = NumberAttribute()
        n_float = NumberAttribute()
        b = BinaryAttribute(legacy_encoding=False)
        flag = BooleanAttribute()
        ss = UnicodeSetAttribute()
        ns = NumberSetAttribute()
        bs = BinarySetAttribute(legacy_encoding=False)
        lst = ListAttribute()
        strs = ListAttribute(of=UnicodeAttribute)
        meta = Seen()
        raw = MapAttribute()
        doc = JSONAttribute()
        when = UTCDateTimeAttribute()
        expires = TTLAttribute()
        version = VersionAttribute()

    return Doc


EXPECTED = {
    "s": "héllo \U0001F600",
    "n_int": 42,
    "n_big": 12345678901234567890123,
    "n_float": 1.5,
    "b": bytes([0, 1, 2, 255]),
    "flag": True,
    "ss": {"a", "b"},
    "ns": {1, 2.5},
    "bs": {b"\x00", b"\xff"},
    "lst": [1, "two", None, True, {"k": [1.5]}],
    "strs": ["x", "y"],
    "meta": {"author": "Ann", "seen": dt.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=UTC)},
    "raw": {"k": "v", "n": 1},
    "doc": {"é": [1, 2.5, None]},
    "when": dt.datetime(2024, 2, 29, 12, 34, 56, 123456, tzinfo=UTC),
    "expires": dt.datetime(2030, 1, 1, tzinfo=UTC),
}


def plain(value):
    """A comparable form: MapAttribute instances and raw maps as dicts."""
    if isinstance(value, MapAttribute):
        return {k: plain(v) for k, v in value.attribute_values.items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return type(a) is type(b) and (a == b or (math.isnan(a) and math.isnan(b)))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def main(command, table, key=None):
    Doc = model(table)
    if command == "create":
        Doc.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
        return 0
    if command == "write":
        Doc(key, **EXPECTED).save()
        return 0
    item = Doc.get(key, consistent_read=True)
    passed = failed = 0
    for name, want in EXPECTED.items():
        got = plain(getattr(item, name))
        if same(got, want):
            passed += 1
        else:
            failed += 1
            print(f"{key}.{name}: got {got!r} ({type(got).__name__}), want {want!r} ({type(want).__name__})")
    if item.version is None:
        failed += 1
        print(f"{key}.version: missing")
    else:
        passed += 1
    print(f"pynamodb-readable: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
