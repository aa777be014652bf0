#!/usr/bin/env python3
"""pynamodb 6.1 (in .venv-pm6) next to the JS models: legacy binary encoding and empty sets.

    python tests/interop/pynamodb_parity.py legacy-create TABLE        # Old's table, as pynamodb makes it
    python tests/interop/pynamodb_parity.py legacy-write TABLE         # write LEGACY (legacy_encoding=True)
    python tests/interop/pynamodb_parity.py legacy-check TABLE         # read JS_LEGACY, compare
    python tests/interop/pynamodb_parity.py sets-create TABLE          # Rec's table
    python tests/interop/pynamodb_parity.py sets-save TABLE KEY        # save KEY with empty sets
    python tests/interop/pynamodb_parity.py sets-check TABLE KEY       # print KEY's list of sets as read
    python tests/interop/pynamodb_parity.py sets-update TABLE KEY      # save FULL under KEY, then set(set()) each set

The endpoint is DDB_LOCAL_ENDPOINT. `legacy-check` prints "pynamodb-readable: N passed, M failed"
and exits 1 on a difference. The JS side (pynamodb_parity.interop.test.mjs) holds the same values
and compares the stored items raw.
"""

import sys

sys.dont_write_bytecode = True

from pynamodb.attributes import (  # noqa: E402
    BinaryAttribute, BinarySetAttribute, ListAttribute, MapAttribute, NumberSetAttribute,
    UnicodeAttribute, UnicodeSetAttribute, VersionAttribute,
)
from pynamodb.models import Model  # noqa: E402
from pm_values import local_meta  # noqa: E402

CAFE = bytes([0xCA, 0xFE, 0xF0, 0x0D])
LEGACY = {"id": CAFE, "b": bytes([0, 1, 255]), "bs": {b"\x00", b"\xff\xfe"}}
JS_LEGACY = {"id": bytes([1, 2, 3]), "b": bytes([9, 8, 7, 6]), "bs": {b"\x01", b"\x02\x03"}}


def meta(table):
    return local_meta(table, "DDB_LOCAL_ENDPOINT")


def old_model(table):
    class Old(Model):
        Meta = meta(table)
        id = BinaryAttribute(hash_key=True, legacy_encoding=True)
        b = BinaryAttribute(legacy_encoding=True, null=True)
        bs = BinarySetAttribute(legacy_encoding=True)

    return Old


class Info(MapAttribute):
    note = UnicodeAttribute()
    tags = UnicodeSetAttribute()


def rec_model(table):
    class Rec(Model):
        Meta = meta(table)
        id = UnicodeAttribute(hash_key=True)
        ss = UnicodeSetAttribute()
        ns = NumberSetAttribute(attr_name="numbers")
        bs = BinarySetAttribute(legacy_encoding=False)
        info = Info()
        sets = ListAttribute(of=NumberSetAttribute)
        version = VersionAttribute()

    return Rec


def legacy_check(Old):
    item = Old.get(JS_LEGACY["id"], consistent_read=True)
    passed = failed = 0
    for name, want in JS_LEGACY.items():
        got = getattr(item, name)
        if type(got) is type(want) and got == want:
            passed += 1
        else:
            failed += 1
            print(f"{name}: got {got!r}, want {want!r}")
    print(f"pynamodb-readable: {passed} passed, {failed} failed")
    return 1 if failed else 0


def main(command, table, key=None):
    if command.startswith("legacy-"):
        Old = old_model(table)
        if command == "legacy-create":
            Old.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
        elif command == "legacy-write":
            Old(**LEGACY).save()
        elif command == "legacy-check":
            return legacy_check(Old)
        else:
            raise SystemExit(f"unknown command {command}")
        return 0
    Rec = rec_model(table)
    if command == "sets-create":
        Rec.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
    elif command == "sets-save":
        Rec(key, ss=set(), ns=set(), bs=set(), info=Info(note="n", tags=set()), sets=[{1}, set()]).save()
    elif command == "sets-check":
        print(f"pynamodb-readable: sets {Rec.get(key, consistent_read=True).sets!r}")
    elif command == "sets-update":
        rec = Rec(key, ss={"a"}, ns={1}, bs={b"\x01"}, info=Info(note="n", tags={"t"}), sets=[{1}, {2}])
        rec.save()
        rec.update(actions=[Rec.ss.set(set()), Rec.ns.set(set()), Rec.bs.set(set()),
                            Rec.info.tags.set(set()), Rec.sets[0].set(set())])
    else:
        raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
