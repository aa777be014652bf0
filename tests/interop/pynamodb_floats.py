#!/usr/bin/env python3
"""Whole floats (1.0, 10.0, 1e+16) in every place pynamodb 6.1 and pynamodb_mate 6.0.1.1 store a
number, on DynamoDB Local, shared with floats.interop.test.mjs.

    .venv-pm6/bin/python tests/interop/pynamodb_floats.py create TABLE   # the table, as pynamodb makes it
    .venv-pm6/bin/python tests/interop/pynamodb_floats.py write TABLE KEY  # write EXPECTED under KEY
    .venv-pm6/bin/python tests/interop/pynamodb_floats.py resave TABLE KEY # pynamodb's own get, then save
    .venv-pm6/bin/python tests/interop/pynamodb_floats.py check TABLE KEY  # read KEY, compare to EXPECTED

The endpoint is DDB_LOCAL_ENDPOINT. `write` saves the item, then sets `n` and `ns` by an update:
DynamoDB Local normalises a PutItem's top-level numbers ("1.0" -> "1"), not a SET's, nor numbers
inside lists and maps, nor JSON text. `check` compares types exactly (1.0 is not 1), prints
"pynamodb-floats: N passed, M failed" (one check per attribute, never an encrypted value) and
exits 1 on any difference.
"""

import sys

sys.dont_write_bytecode = True

import pynamodb_mate.api as pm  # noqa: E402
from pynamodb.attributes import (  # noqa: E402
    JSONAttribute, ListAttribute, MapAttribute, NumberAttribute, NumberSetAttribute, UnicodeAttribute,
)
from pynamodb.models import Model  # noqa: E402
from pm_values import diff, local_meta  # noqa: E402
from pynamodb_items import plain  # noqa: E402

PASSWORD = "floats-password"
ENCRYPTED = {"edoc", "enum"}


class Priced(MapAttribute):
    price = NumberAttribute()
    deep = ListAttribute()


def model(table):
    class Price(Model):
        Meta = local_meta(table, "DDB_LOCAL_ENDPOINT")

        pk = UnicodeAttribute(hash_key=True)
        n = NumberAttribute(null=True)
        ns = NumberSetAttribute(null=True)
        lst = ListAttribute(null=True)
        nums = ListAttribute(of=NumberAttribute, null=True)
        meta = Priced(null=True)
        raw = MapAttribute(null=True)
        doc = JSONAttribute(null=True)
        cdoc = pm.attributes.CompressedJSONDictAttribute(null=True)
        edoc = pm.attributes.EncryptedJsonDictAttribute(encryption_key=PASSWORD, null=True)
        enum = pm.attributes.EncryptedNumberAttribute(encryption_key=PASSWORD, null=True)
        note = UnicodeAttribute(null=True)

    return Price


# Set by an update (see above).
TOP = {"n": 1.0, "ns": {1.0, 2.5}}
SAVED = {
    "lst": [1.0, 2, {3.0, 4}, {"p": 1e16}, 0.5],
    "nums": [10.0, 10],
    "meta": {"price": 10.0, "deep": [[1.0, 100.0]]},
    "raw": {"p": 0.0, "q": [-3.0, {"r": 100.0}]},
    "doc": {"price": 10.0, "n": 10, "x": [1.0, 1e22]},
    "cdoc": {"price": 10.0, "l": [1.0]},
    "edoc": {"price": 10.0},
    "enum": 5.0,
}
EXPECTED = {**TOP, **SAVED}


def main(command, table, key=None):
    Price = model(table)
    if command == "create":
        Price.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
        return 0
    if command == "write":
        Price(key, **SAVED).save()
        Price(key).update(actions=[Price.n.set(TOP["n"]), Price.ns.set(TOP["ns"])])
        return 0
    item = Price.get(key, consistent_read=True)
    if command == "resave":
        item.save()
        return 0
    passed = failed = 0
    for name, want in EXPECTED.items():
        problem = diff(plain(getattr(item, name)), want, name)
        if problem is None:
            passed += 1
        else:
            failed += 1
            print(f"{key}.{name}: differs" if name in ENCRYPTED else f"{key}: {problem}")
    print(f"pynamodb-floats: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
