#!/usr/bin/env python3
"""The pynamodb 6.1 side of the differential test (tests/interop/differential.test.mjs).

    .venv-pm6/bin/python tests/interop/differential.py    # JSON lines on stdin, one answer line each

One long-lived process: each request line is `{"cmd": "init", "table": T}` (define the model and
create its table on DDB_LOCAL_ENDPOINT), `{"cmd": "op", "op": OP}` (run one generated operation) or
`{"cmd": "drop"}`. Each answer is `{"outcome": "ok" | "condition" | "validation", "items": [...],
"error": "..."}`: `items` are the items a read returned, serialized by pynamodb (DynamoDB JSON,
binary as base64). Values in operations are tagged JSON (`{"$f": 2}` a float, `{"$big": "..."}` an
int, `{"$b": base64}` bytes, `{"$set": [...]}` a set, `{"$dt": micros}` a UTC datetime, `{"$ttl":
seconds}` an expiry); the JS side reads the same operations. Operations and conditions are described
in differential.test.mjs, which generates them.
"""

import base64
import datetime as dt
import json
import sys
import traceback

sys.dont_write_bytecode = True

from pynamodb.attributes import (  # noqa: E402
    Attribute, BinaryAttribute, BinarySetAttribute, BooleanAttribute, JSONAttribute, ListAttribute, MapAttribute,
    NumberAttribute, NumberSetAttribute, TTLAttribute, UnicodeAttribute, UnicodeSetAttribute,
    UTCDateTimeAttribute, VersionAttribute,
)
from pynamodb.exceptions import PynamoDBException, TransactWriteError  # noqa: E402
from pynamodb.expressions.condition import size  # noqa: E402
from pynamodb.expressions.operand import Path  # noqa: E402
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex  # noqa: E402
from pynamodb.models import Model  # noqa: E402
from pm_values import local_meta  # noqa: E402
from pynamodb.transactions import TransactWrite  # noqa: E402

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


class Seen(MapAttribute):
    author = UnicodeAttribute(null=True)
    seen = UTCDateTimeAttribute(null=True)


class Row(MapAttribute):
    qty = NumberAttribute(null=True)
    tag = UnicodeAttribute(null=True)


def define(table):
    class ByG(GlobalSecondaryIndex):
        class Meta:
            index_name = "byG"
            projection = AllProjection()

        g = UnicodeAttribute(hash_key=True)
        n_int = NumberAttribute(range_key=True)

    class Doc(Model):
        Meta = local_meta(table, "DDB_LOCAL_ENDPOINT", max_retry_attempts=1)

        pk = UnicodeAttribute(hash_key=True)
        sk = NumberAttribute(range_key=True)
        g = UnicodeAttribute(null=True)
        s = UnicodeAttribute(null=True)
        n_int = NumberAttribute(null=True)
        n_float = NumberAttribute(null=True)
        n_big = NumberAttribute(null=True)
        b = BinaryAttribute(null=True, legacy_encoding=False)
        flag = BooleanAttribute(null=True)
        ss = UnicodeSetAttribute(null=True)
        ns = NumberSetAttribute(null=True)
        bs = BinarySetAttribute(null=True, legacy_encoding=False)
        lst = ListAttribute(null=True)
        strs = ListAttribute(of=UnicodeAttribute, null=True)
        nums = ListAttribute(of=NumberAttribute, null=True)
        rows = ListAttribute(of=Row, null=True)
        meta = Seen(null=True)
        raw = MapAttribute(null=True)
        doc = JSONAttribute(null=True)
        when = UTCDateTimeAttribute(null=True)
        expires = TTLAttribute(null=True)
        version = VersionAttribute()
        by_g = ByG()

    return Doc


def value(v):
    """A tagged JSON value as Python."""
    if isinstance(v, list):
        return [value(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (tag, x), = v.items()
            if tag == "$f":
                return float(x)
            if tag == "$big":
                return int(x)
            if tag == "$b":
                return base64.b64decode(x)
            if tag == "$set":
                return {value(e) for e in x}
            if tag == "$dt":
                return EPOCH + dt.timedelta(microseconds=x)
            if tag == "$ttl":
                return dt.datetime.fromtimestamp(x, tz=UTC)
        return {k: value(x) for k, x in v.items()}
    return v


def model_value(Doc, name, v):
    """A top-level attribute's value (typed maps and lists of typed maps become their classes)."""
    v = value(v)
    if v is None:
        return None
    if name == "meta":
        return Seen(**v)
    if name == "rows":
        return [Row(**r) for r in v]
    return v


def path(Doc, spec):
    """["meta", "author"], ["lst", 0], ["raw", "a"], ["rows", 1, "qty"]: a pynamodb Path."""
    p = getattr(Doc, spec[0])
    for step in spec[1:]:
        if spec[0] == "meta":
            p = getattr(p, step)
        else:
            p = p[step]
    return p


COMPARE = {
    "eq": lambda p, v: p == v, "ne": lambda p, v: p != v, "lt": lambda p, v: p < v,
    "le": lambda p, v: p <= v, "gt": lambda p, v: p > v, "ge": lambda p, v: p >= v,
}


def condition(Doc, c):
    if c is None:
        return None
    f = c["f"]
    if f == "and":
        out = condition(Doc, c["cs"][0])
        for x in c["cs"][1:]:
            out &= condition(Doc, x)
        return out
    if f == "or":
        out = condition(Doc, c["cs"][0])
        for x in c["cs"][1:]:
            out |= condition(Doc, x)
        return out
    if f == "not":
        return ~condition(Doc, c["c"])
    p = path(Doc, c["path"])
    if f in COMPARE:
        return COMPARE[f](p, value(c["v"]))
    if f == "between":
        return p.between(value(c["lo"]), value(c["hi"]))
    if f == "in":
        return p.is_in(*[value(x) for x in c["vs"]])
    if f == "exists":
        return p.exists()
    if f == "notExists":
        return p.does_not_exist()
    if f == "beginsWith":
        return p.startswith(value(c["v"]))
    if f == "contains":
        return p.contains(value(c["v"]))
    if f == "size":
        return COMPARE[c["cmp"]](size(p), c["v"])
    if f == "type":
        return (Path(p) if isinstance(p, Attribute) else p).is_type(c["t"])  # an Attribute's is_type() tests its own type only
    raise ValueError(f"unknown condition {f}")


def action(Doc, a):
    p = path(Doc, a["path"])
    kind = a["a"]
    v = value(a.get("v"))
    if kind == "set":
        return p.set(v)
    if kind == "remove":
        return p.remove()
    if kind == "add":
        return p.add(v)
    if kind == "delete":
        return p.delete(v)
    if kind == "append":
        return p.set(p.append(v))
    if kind == "prepend":
        return p.set(p.prepend(v))
    if kind == "ifNotExists":
        return p.set(p | v)
    if kind == "plus":
        return p.set(p + v)
    if kind == "minus":
        return p.set(p - v)
    raise ValueError(f"unknown action {kind}")


def raw(item):
    """An item as DynamoDB JSON, binary as base64 (what JSON lines can carry)."""
    def fix(v):
        if isinstance(v, (bytes, bytearray)):
            return base64.b64encode(v).decode()
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        return v
    return fix(item.serialize())


class Driver:
    def __init__(self):
        self.Doc = None
        self.slots = {}

    def instance(self, op):
        """The instance a slot holds for the key (as an application keeps one; read first when `read`), else a new one with the key."""
        key, slot = op["key"], op["slot"]
        if op.get("read"):
            self.op_load(op)
        held = self.slots.get((tuple(key), slot))
        return held if held is not None else self.Doc(key[0], key[1])

    def init(self, req):
        self.Doc = define(req["table"])
        self.Doc.create_table(wait=True, billing_mode="PAY_PER_REQUEST")
        return {}

    def drop(self, req):
        self.Doc.delete_table()
        return {}

    def op(self, req):
        op = req["op"]
        return getattr(self, "op_" + op["kind"])(op)

    def op_load(self, op):
        try:
            found = self.Doc.get(op["key"][0], op["key"][1], consistent_read=True)
        except self.Doc.DoesNotExist:
            found = None
        self.slots[(tuple(op["key"]), op["slot"])] = found
        return {"items": [raw(found)] if found else []}

    def fill(self, op):
        """The instance of a put: the slot's (values changed on it) or a new one."""
        Doc = self.Doc
        if op.get("fresh"):
            inst = Doc(op["key"][0], op["key"][1])
        else:
            inst = self.instance(op)
        for name, v in op["values"].items():
            setattr(inst, name, model_value(Doc, name, v))
        return inst

    def version_kwargs(self, op):
        return {} if op.get("avc", True) else {"add_version_condition": False}

    def op_save(self, op):
        inst = self.fill(op)
        inst.save(condition=condition(self.Doc, op.get("cond")), **self.version_kwargs(op))
        self.slots[(tuple(op["key"]), op["slot"])] = inst
        return {}

    def op_update(self, op):
        inst = self.instance(op)
        actions = [action(self.Doc, a) for a in op["actions"]]
        inst.update(actions, condition=condition(self.Doc, op.get("cond")), **self.version_kwargs(op))
        self.slots[(tuple(op["key"]), op["slot"])] = inst
        return {"items": [raw(inst)]}

    def op_delete(self, op):
        inst = self.instance(op)
        inst.delete(condition=condition(self.Doc, op.get("cond")), **self.version_kwargs(op))
        self.slots.pop((tuple(op["key"]), op["slot"]), None)
        return {}

    def op_transact(self, op):
        Doc = self.Doc
        for w in op["writes"]:  # every read first: an invalid write must not leave the later ones unread
            if w.get("read"):
                self.op_load(w)
        with TransactWrite(connection=Doc._get_connection().connection) as tw:
            for w in [{**w, "read": False} for w in op["writes"]]:
                cond = condition(Doc, w.get("cond"))
                if w["t"] == "put":
                    tw.save(self.fill(w), condition=cond)
                elif w["t"] == "update":
                    tw.update(self.instance(w), [action(Doc, a) for a in w["actions"]], condition=cond, **self.version_kwargs(w))
                elif w["t"] == "delete":
                    tw.delete(self.instance(w), condition=cond, **self.version_kwargs(w))
                else:
                    tw.condition_check(Doc, w["key"][0], w["key"][1], condition=cond)
        return {}

    def op_batch(self, op):
        with self.Doc.batch_write() as batch:
            for p in op["puts"]:
                batch.save(self.fill({**p, "fresh": True}))
            for key in op["deletes"]:
                batch.delete(self.Doc(key[0], key[1]))
        return {}

    def op_query(self, op):
        Doc = self.Doc
        source = Doc.by_g if op.get("index") else Doc
        items = source.query(
            op["hash"],
            range_key_condition=condition(Doc, op.get("range")),
            filter_condition=condition(Doc, op.get("filter")),
            scan_index_forward=not op.get("desc", False),
            consistent_read=not op.get("index"),
            limit=op.get("limit"),
        )
        return {"items": [raw(i) for i in items]}

    def op_scan(self, op):
        Doc = self.Doc
        source = Doc.by_g if op.get("index") else Doc
        items = source.scan(filter_condition=condition(Doc, op.get("filter")), limit=op.get("limit"))
        return {"items": [raw(i) for i in items]}


def outcome(error):
    """ok / condition / validation, as the JS side classifies its errors."""
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, TransactWriteError):
        reasons = [r.code for r in (error.cancellation_reasons or []) if r]
        return ("condition" if "ConditionalCheckFailed" in reasons else "validation"), f"{text} {reasons}"
    if isinstance(error, PynamoDBException):
        code = getattr(error, "cause_response_code", None)
        if code == "ConditionalCheckFailedException":
            return "condition", text
        if code == "ValidationException":
            return "validation", text
        return "error", text
    if isinstance(error, (ValueError, TypeError)):
        return "validation", text  # refused before sending, as the JS side refuses invalid input
    return "error", text + traceback.format_exc()


def main():
    driver = Driver()
    for line in sys.stdin:
        req = json.loads(line)
        try:
            answer = {"outcome": "ok", **getattr(driver, req["cmd"])(req)}
        except Exception as error:  # noqa: BLE001 - every outcome is reported to the JS side
            kind, text = outcome(error)
            answer = {"outcome": kind, "error": text}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
