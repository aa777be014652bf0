"""Shared helpers for the interop scripts (standard library only).

Tagged value encoding used in the fixture files, so that Python ints, floats,
bytes and key order survive a JSON round trip exactly:

    {"t": "str", "v": "..."}            {"t": "bytes", "hex": "..."}
    {"t": "int", "v": "<decimal>"}      {"t": "float", "bits": "<16 hex, IEEE-754 f64 big-endian>"}
    {"t": "bool", "v": true}            {"t": "null"}
    {"t": "list", "v": [...]}           {"t": "dict", "v": [["key", <tagged>], ...]}  (ordered)
"""

import math
import os
import struct

# 6.x class name -> 5.3.4.4 class name (the other classes share their names).
CLASS_6_TO_5 = {
    "CompressedJSONDictAttribute": "CompressedJSONAttribute",
    "EncryptedJsonDictAttribute": "EncryptedJsonAttribute",
}
CLASS_5_TO_6 = {v: k for k, v in CLASS_6_TO_5.items()}

# Our kinds (docs/wasm-interface.md) accepted for each class (6.x names).
CLASS_KINDS = {
    "CompressedUnicodeAttribute": {"string"},
    "CompressedBinaryAttribute": {"binary"},
    "CompressedJSONDictAttribute": {"json"},
    "EncryptedUnicodeAttribute": {"string"},
    "EncryptedBinaryAttribute": {"binary"},
    "EncryptedNumberAttribute": {"number", "int", "float"},
    "EncryptedJsonDictAttribute": {"json", "number", "int", "float"},
}


def local_meta(table, endpoint_variable, **settings):
    """A pynamodb model's Meta: `table` on the local server whose URL is in `endpoint_variable`, plus `settings`."""
    return type("Meta", (), {
        "table_name": table,
        "host": os.environ[endpoint_variable],
        "region": "us-east-1",
        "aws_access_key_id": "test",
        "aws_secret_access_key": "test",
        **settings,
    })


def float_bits(x: float) -> str:
    return struct.pack(">d", x).hex()


def bits_float(h: str) -> float:
    if len(h) != 16:
        raise ValueError("float bits must be 16 hex digits")
    return struct.unpack(">d", bytes.fromhex(h))[0]


def tag(v):
    """Python value -> tagged JSON-able value."""
    if v is None:
        return {"t": "null"}
    if isinstance(v, bool):  # before int: bool is an int subclass
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "bits": float_bits(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, (bytes, bytearray)):
        return {"t": "bytes", "hex": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return {"t": "list", "v": [tag(x) for x in v]}
    if isinstance(v, dict):
        out = []
        for k, x in v.items():
            if not isinstance(k, str):
                raise TypeError("only str dict keys can be tagged, got %r" % type(k))
            out.append([k, tag(x)])
        return {"t": "dict", "v": out}
    raise TypeError("cannot tag %r" % type(v))


def untag(t):
    """Tagged JSON value -> Python value."""
    kind = t["t"]
    if kind == "null":
        return None
    if kind == "bool":
        if not isinstance(t["v"], bool):
            raise ValueError("bool tag needs true/false")
        return t["v"]
    if kind == "int":
        s = t["v"]
        if not isinstance(s, str):
            raise ValueError("int tag needs a decimal string")
        return int(s, 10)
    if kind == "float":
        return bits_float(t["bits"])
    if kind == "str":
        if not isinstance(t["v"], str):
            raise ValueError("str tag needs a string")
        return t["v"]
    if kind == "bytes":
        return bytes.fromhex(t["hex"])
    if kind == "list":
        return [untag(x) for x in t["v"]]
    if kind == "dict":
        d = {}
        for k, x in t["v"]:
            if not isinstance(k, str):
                raise ValueError("dict tag keys must be strings")
            d[k] = untag(x)
        return d
    raise ValueError("unknown tag %r" % (kind,))


def diff(a, b, path="$"):
    """None if a and b are equal under the interop rules, else a short
    description of the first difference.

    Rules: types must match exactly (bool / int / float / str / bytes / None /
    list / dict / set are all distinct); floats compare by bits except that any NaN
    equals any NaN; dict key order is ignored; lists compare in order; sets compare
    sorted (so 1.0 and 1, equal elements with one hash, are told apart)."""
    ta, tb = _type_name(a), _type_name(b)
    if ta != tb:
        return "%s: type %s != %s" % (path, ta, tb)
    if ta == "set":
        key = lambda v: (_type_name(v), v)  # noqa: E731
        return diff(sorted(a, key=key), sorted(b, key=key), path)
    if ta == "float":
        if math.isnan(a) and math.isnan(b):
            return None
        if float_bits(a) != float_bits(b):
            return "%s: float %r != %r" % (path, a, b)
        return None
    if ta == "list":
        if len(a) != len(b):
            return "%s: list length %d != %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if ta == "dict":
        if set(a) != set(b):
            missing = sorted(set(b) - set(a))[:3]
            extra = sorted(set(a) - set(b))[:3]
            return "%s: dict keys differ (missing %s, extra %s)" % (path, _short(missing), _short(extra))
        for k in a:
            d = diff(a[k], b[k], "%s[%s]" % (path, _short(k)))
            if d:
                return d
        return None
    if a != b:
        if ta in ("str", "bytes") and len(a) != len(b):
            return "%s: %s length %d != %d" % (path, ta, len(a), len(b))
        return "%s: %s != %s" % (path, _short(a), _short(b))
    return None


def _type_name(v):
    if v is None:
        return "null"
    for name, typ in (("bool", bool), ("int", int), ("float", float), ("str", str),
                      ("bytes", (bytes, bytearray)), ("list", list), ("dict", dict),
                      ("set", (set, frozenset))):
        if isinstance(v, typ):
            return name
    return type(v).__name__


def _short(v, n=60):
    r = repr(v)
    return r if len(r) <= n else r[: n - 3] + "..."
