#!/usr/bin/env python3
"""Generate a deterministic interop fixture from the REAL pynamodb_mate of the
running venv (5.3.4.4 or 6.0.1.1).

    .venv-pm5/bin/python tests/interop/generate_fixtures.py tests/fixtures/pynamodb_mate_5.3.4.4.json
    .venv-pm6/bin/python tests/interop/generate_fixtures.py tests/fixtures/pynamodb_mate_6.0.1.1.json

Determinism: gzip's clock is frozen (MTIME = GZIP_MTIME) and the random 8-byte
CTR nonce comes from random.Random(CTR_NONCE_SEED) instead of the OS. Both
patches are verified while generating (see check_* functions); everything else
is produced by the library's own serialize() and checked with its deserialize().
"""

import base64
import datetime as dt
import gzip
import hashlib
import importlib.metadata as md
import json
import math
import os
import platform
import random
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pm_values import diff, float_bits, tag  # noqa: E402

GZIP_MTIME = 0
CTR_NONCE_SEED = 1
DATA_SEED = 20240913  # seed of the random test values (not of the nonces)

# ---------------------------------------------------------------------------
# Determinism patches (installed before pynamodb_mate produces anything)
# ---------------------------------------------------------------------------

_real_gzip_compress = gzip.compress


class _FrozenClock:
    @staticmethod
    def time():
        return float(GZIP_MTIME)


def _frozen_gzip_compress(data, compresslevel=9, *, mtime=None):
    # NOT gzip.compress(data, mtime=0): on CPython >= 3.11 that call takes a
    # zlib shortcut whose header has OS=3 instead of the 255 that production
    # writes. Freezing gzip's clock keeps the exact production code path.
    saved = gzip.time
    gzip.time = _FrozenClock
    try:
        return _real_gzip_compress(data, compresslevel)
    finally:
        gzip.time = saved


gzip.compress = _frozen_gzip_compress  # pynamodb_mate calls gzip.compress(...) at run time

import Crypto  # noqa: E402
import Crypto.Cipher._mode_ctr as _mode_ctr  # noqa: E402

_nonce_rng = random.Random(CTR_NONCE_SEED)
_nonce_log = []


def _seeded_random_bytes(n):
    b = _nonce_rng.randbytes(n)
    _nonce_log.append(b)
    return b


assert hasattr(_mode_ctr, "get_random_bytes"), "pycryptodome layout changed: no _mode_ctr.get_random_bytes"
_mode_ctr.get_random_bytes = _seeded_random_bytes

# ---------------------------------------------------------------------------
# The library under test
# ---------------------------------------------------------------------------

import pynamodb_mate  # noqa: E402,F401
from pynamodb.attributes import UTCDateTimeAttribute  # noqa: E402
from pynamodb_mate import cipher as pm_cipher  # noqa: E402
from pynamodb_mate.attributes import compressed as pm_compressed  # noqa: E402
from pynamodb_mate.attributes import encrypted as pm_encrypted  # noqa: E402

PM_VERSION = md.version("pynamodb_mate")
PYNAMODB_VERSION = md.version("pynamodb")
V5 = PM_VERSION.startswith("5.")
if PM_VERSION not in ("5.3.4.4", "6.0.1.1"):
    sys.exit("unexpected pynamodb_mate version %s" % PM_VERSION)

COMPRESSED_CLASSES = [
    ("CompressedUnicodeAttribute", "string"),
    ("CompressedBinaryAttribute", "binary"),
    ("CompressedJSONAttribute" if V5 else "CompressedJSONDictAttribute", "json"),
]
ENCRYPTED_CLASSES = [
    ("EncryptedUnicodeAttribute", "string"),
    ("EncryptedBinaryAttribute", "binary"),
    ("EncryptedNumberAttribute", "number"),
    ("EncryptedJsonAttribute" if V5 else "EncryptedJsonDictAttribute", "json"),
]
PASSWORDS = ["my-password", "pässwörd-🔑 ключ"]


def make_compressed(cls_name):
    return getattr(pm_compressed, cls_name)()


def make_encrypted(cls_name, password, deterministic):
    cls = getattr(pm_encrypted, cls_name)
    if V5:  # 5.3.4.4: no constructor parameters, configure by assignment
        attr = cls()
        attr.encryption_key = password
        attr.determinative = deterministic
        return attr
    return cls(encryption_key=password, determinative=deterministic)


def assert_same(got, want, what):
    d = diff(got, want)
    if d:
        raise AssertionError("%s: round trip differs: %s" % (what, d))


# ---------------------------------------------------------------------------
# Test values
# ---------------------------------------------------------------------------

NAN, INF = float("nan"), float("inf")
CTRL = "".join(chr(i) for i in range(32))
WORDS = ["alpha", "beta", "gamma", "δέλτα", "日本語", "😀", "naïve", "x", "\t", "quote\"",
         "back\\slash", "ключ", "𝄞", "\u2028", "\x7f", "data", "value", "0.5", "null"]


def rng_bytes(rng, n):
    return rng.randbytes(n)


def ascii_text(n):
    base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return (base * (n // len(base) + 1))[:n]


def large_text(rng, n_chars):
    parts, size = [], 0
    while size < n_chars:
        w = rng.choice(WORDS)
        parts.append(w)
        size += len(w) + 1
    return " ".join(parts)


def large_json(rng, n_records):
    return {
        "kind": "large",
        "records": [
            {
                "id": i,
                "name": large_text(rng, 20),
                "score": round(rng.uniform(-1000, 1000), rng.randint(0, 6)),
                "big": rng.getrandbits(70) - (1 << 69),
                "tags": [rng.choice(WORDS) for _ in range(rng.randint(0, 3))],
                "ok": rng.random() < 0.5,
                "none": None,
            }
            for i in range(n_records)
        ],
    }


def nested(depth):
    v = {"leaf": [1, 2.5, "three", None, True]}
    for i in range(depth):
        v = {"level": i, "child": v, "list": [v["leaf"] if "leaf" in v else i, {"k%d" % i: "v"}]}
    return v


def compressed_values(rng):
    strings = [
        "", "a", "hello, world", "héllo wörld ñ ß 中文 日本語 한국어", "😀🎉𝄞 astral 🏳️‍🌈",
        CTRL, "del \x7f and C1 \x80\x9f", "line \u2028 para \u2029 seps",
        'quote " backslash \\ slash / </script>', "\ufeff bom \ufffd \uffff",
        "mixed\r\n\ttabs\x00nul", large_text(rng, 100_000),
    ]
    binaries = [
        b"", b"\x00", b"\x1f\x8b\x08\x00", bytes(range(256)), b"\xff" * 1000,
        rng_bytes(rng, 1000), "héllo 😀".encode("utf-8"), b"\x00" * 5000,
        rng_bytes(rng, 70_000),  # incompressible, crosses 64 KiB
        b"\x80\xfe not utf-8", rng_bytes(rng, 17), b"a" * 3000,
    ]
    jsons = [
        {}, [], {"a": 1}, "plain string", 123, [True, False, None],
        {"unicode": "héllo 中文 😀 𝄞", "ctrl": CTRL, "del": "\x7f", "seps": "\u2028\u2029",
         "esc": "\"\\/", "nonascii_key_é": "v"},
        {"big": 2 ** 64, "neg": -(2 ** 63) - 1, "huge": 10 ** 40, "safe_plus_1": 2 ** 53 + 1, "zero": 0},
        {"floats": [0.1, 1e16, 1e-05, 0.0001, -0.0, 1.5, 1e22, 5e-324, 1.7976931348623157e308,
                    123456789.123, 1.0, 100.0]},
        {"nonfinite": [NAN, INF, -INF]},
        nested(25),
        large_json(rng, 700),
    ]
    return {"string": strings, "binary": binaries, "json": jsons}


def encrypted_values(rng):
    lengths = [0, 1, 15, 16, 17, 31, 32, 33, 1000]
    strings = [ascii_text(n) for n in lengths] + [
        "é" * 8, "中" * 5 + "a", "😀" * 4, "ß" * 8 + "x", CTRL, "\u2028\x7f", "ключ-" * 200,
    ]
    binaries = [rng_bytes(rng, n) for n in lengths] + [b"\x10" * 16, b"\x01", b"\x00" * 16, b"\x10" * 15]
    digits = lambda n: int("9" + "0123456789" * (n // 10 + 1))  # noqa: E731
    numbers = [0, 1, -1, 42, 2 ** 53, 2 ** 53 + 1, -(2 ** 63), 2 ** 64, 10 ** 40] + [
        int(str(digits(n))[:n]) for n in (15, 16, 17, 31, 32, 33, 1000)
    ] + [
        0.1, 1.0, -0.0, 0.0, 1e16, 1e-7, 5e-324, 1.7976931348623157e308, 3.141592653589793,
        1e22, 123456.789, 2.5e-05, NAN, INF, -INF, True, False,
    ]
    json_strs = [ascii_text(n - 2) for n in (15, 16, 17, 31, 32, 33, 1000)]
    jsons = [0, {}, [], {"a": 1}] + json_strs + [
        {"unicode": "héllo 中文 😀 𝄞", "ctrl": CTRL, "seps": "\u2028\u2029\x7f"},
        {"big": 2 ** 64, "floats": [0.1, 1e16, -0.0, NAN, INF], "flags": [True, False, None]},
        nested(5),
    ]
    return {"string": strings, "binary": binaries, "number": numbers, "json": jsons}


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------

GZIP_HEADER = b"\x1f\x8b\x08\x00" + struct.pack("<I", GZIP_MTIME) + b"\x02\xff"


def check_gzip(stored, what):
    """Proves the MTIME patch took effect and changed nothing else."""
    assert stored[:10] == GZIP_HEADER, "%s: unexpected gzip header %s" % (what, stored[:10].hex())
    real = _real_gzip_compress(gzip.decompress(stored))  # unpatched: MTIME = now
    assert real[4:8] != stored[4:8], "%s: the real MTIME is %s?" % (what, real[4:8].hex())
    assert real[:4] + real[8:] == stored[:4] + stored[8:], "%s: patched gzip differs beyond MTIME" % what


def gen_compressed(rng):
    values = compressed_values(rng)
    out = []
    for cls_name, kind in COMPRESSED_CLASSES:
        attr = make_compressed(cls_name)
        for i, v in enumerate(values[kind]):
            what = "%s[%d]" % (cls_name, i)
            stored = attr.serialize(v)
            check_gzip(stored, what)
            if kind == "json":  # spec section 2: 5.x ensure_ascii=False, 6.x default json.dumps
                want = json.dumps(v, ensure_ascii=not V5).encode("utf-8")
            else:
                want = v.encode("utf-8") if kind == "string" else v
            assert gzip.decompress(stored) == want, "%s: plaintext differs from the spec" % what
            assert_same(attr.deserialize(stored), v, what)
            assert_same(make_compressed(cls_name).deserialize(stored), v, what)
            out.append({"class": cls_name, "kind": kind, "value": tag(v), "stored_hex": stored.hex()})
    return out


def check_ctr_nonce(stored, what):
    """Proves the stored nonce is the one our seeded source just produced."""
    assert _nonce_log, "%s: CTR encryption did not use the patched nonce source" % what
    env = json.loads(stored.decode("ascii"))
    assert list(env) == ["nonce", "token"], what
    assert base64.b85decode(env["nonce"]) == _nonce_log[-1], "%s: nonce not from the seeded source" % what
    assert stored == json.dumps(env).encode("ascii"), "%s: envelope layout" % what


def spec_plaintext(kind, v):
    """Value -> plaintext as the spec (sections 3.4 / docs Kinds) states it."""
    if kind == "string":
        return v.encode("utf-8")
    if kind == "binary":
        return v
    return json.dumps(v).encode("ascii")


def spec_encrypt(password, deterministic, plaintext, nonce):
    """Independent re-implementation of spec sections 3.1-3.3 (raw AES block only)."""
    from Crypto.Cipher import AES

    key = hashlib.sha256(password.encode("utf-8")).digest()
    block = AES.new(key, AES.MODE_ECB)
    if deterministic:
        n = 16 - len(plaintext) % 16
        return block.encrypt(plaintext + bytes([n]) * n)
    stream = b"".join(block.encrypt(nonce + i.to_bytes(8, "big"))
                      for i in range((len(plaintext) + 15) // 16))
    token = bytes(a ^ b for a, b in zip(plaintext, stream))
    return ('{"nonce": "%s", "token": "%s"}' % (base64.b85encode(nonce).decode(),
                                                base64.b85encode(token).decode())).encode("ascii")


def gen_encrypted(rng):
    values = encrypted_values(rng)
    _nonce_rng.seed(CTR_NONCE_SEED)
    out = []
    for cls_name, kind in ENCRYPTED_CLASSES:
        for password in PASSWORDS:
            for deterministic in (True, False):
                attr = make_encrypted(cls_name, password, deterministic)
                for i, v in enumerate(values[kind]):
                    what = "%s[%s,%d]" % (cls_name, "ecb" if deterministic else "ctr", i)
                    n_before = len(_nonce_log)
                    stored = attr.serialize(v)
                    if deterministic:
                        assert len(_nonce_log) == n_before, what
                        assert len(stored) % 16 == 0 and stored == attr.serialize(v), what
                    else:
                        assert len(_nonce_log) == n_before + 1, what
                        check_ctr_nonce(stored, what)
                    nonce = None if deterministic else _nonce_log[-1]
                    assert stored == spec_encrypt(password, deterministic, spec_plaintext(kind, v), nonce), \
                        "%s: differs from the spec's construction" % what
                    assert_same(attr.deserialize(stored), v, what)
                    fresh = make_encrypted(cls_name, password, deterministic)
                    assert_same(fresh.deserialize(stored), v, what + " (fresh attribute)")
                    out.append({"class": cls_name, "kind": kind, "deterministic": deterministic,
                                "password": password, "value": tag(v), "stored_hex": stored.hex()})
    return out


def prove_ctr_seed_matters():
    cls_name = ENCRYPTED_CLASSES[0][0]
    results = {}
    for seed in (CTR_NONCE_SEED, CTR_NONCE_SEED + 1, CTR_NONCE_SEED):
        _nonce_rng.seed(seed)
        attr = make_encrypted(cls_name, PASSWORDS[0], False)
        results.setdefault(seed, []).append(attr.serialize("seed probe"))
    a1, a2 = results[CTR_NONCE_SEED]
    assert a1 == a2, "same CTR nonce seed gave different output"
    assert results[CTR_NONCE_SEED + 1][0] != a1, "changing the CTR nonce seed changed nothing"


def dumps_values():
    return [
        "", "plain", "\"\\/\b\f\n\r\t", CTRL, "\x7f", "\x80\x9f\xa0\xff", "\u2028\u2029",
        "\ufeff\ufffe\uffff", "é中ñ", "😀", "𝄞𐍈🏳️‍🌈", "a\x00b", "</script>&<>'",
        0, 1, -1, 2 ** 53 + 1, -(2 ** 64), 10 ** 30,
        0.0, -0.0, 0.1, 1.0, 1e16, 1e-05, 0.0001, 1e22, 1e21, 123456789012345680.0, 5e-324,
        1.7976931348623157e308, 2.5e-07, NAN, INF, -INF,
        True, False, None, [], {}, [[]], {"": {}}, [1, "a", None, True, 1.5, [], {}],
        {"b": 1, "a": 2, "c": {"z": 1, "y": [3, {"x": 1, "w": 2}]}},
        # sort_keys orders by code point: U+FFFF < U+1F600 (UTF-16 code-unit order is the reverse)
        {"\uffff": 1, "😀": 2, "é": 3, "E": 4, "e": 5, "": 6, "10": 7, "9": 8, "\ue000": 9},
        {"key\nwith\"escapes\\": "v", "ключ": "значение", "\x00": None},
        nested(30),
    ]


def gen_json_dumps():
    variants = [
        dict(ensure_ascii=True, separators=(", ", ": "), sort_keys=False),
        dict(ensure_ascii=False, separators=(", ", ": "), sort_keys=False),
        dict(ensure_ascii=True, separators=(",", ":"), sort_keys=False),
        dict(ensure_ascii=True, separators=(", ", ": "), sort_keys=True),
    ]
    out = []
    for v in dumps_values():
        assert json.dumps(v) == json.dumps(v, **variants[0])
        for var in variants:
            out.append({"value": tag(v), "ensure_ascii": var["ensure_ascii"],
                        "separators": list(var["separators"]), "sort_keys": var["sort_keys"],
                        "out": json.dumps(v, **var)})
    return out


def _f(bits):
    return struct.unpack(">Q", struct.pack(">d", bits))[0]


def gen_float_repr():
    rng = random.Random(DATA_SEED + 1)
    xs = [0.0, 5e-324, 1e-323, 2.225073858507201e-308, 2.2250738585072014e-308,
          2.2250738585072009e-308, 1.7976931348623157e308, 1.7976931348623155e308,
          0.1, 0.2, 0.30000000000000004, 1 / 3, 2 / 3, math.pi, math.e, 0.5, 1.5, 100.0, 123.456,
          9007199254740992.0, 9007199254740994.0, 9007199254740993.0, 2.0 ** 53 - 1, 2.0 ** 63,
          2.0 ** 64, 2.0 ** -1074, 2.0 ** -1022, 2.0 ** 1023,
          999999999999999.9, 9999999999999998.0, 1e15, 1e16, 1.5e16, 12345678901234567.0,
          0.0001, 0.00001, 0.00009999999999999999, 0.000123, 0.0000123, 1.2345e-05]
    for e in range(-20, 23):
        p = float("1e%d" % e)
        xs += [p, math.nextafter(p, 0.0), math.nextafter(p, math.inf)]
    for b in (1e15, 1e16, 1e-4, 1e-5, 1e21, 1e22, 1e23):
        x = b
        for _ in range(3):
            x = math.nextafter(x, 0.0)
            xs.append(x)
        x = b
        for _ in range(3):
            x = math.nextafter(x, math.inf)
            xs.append(x)
    for e in range(-8, 25, 4):
        xs += [float("5e%d" % e), float("1.25e%d" % e), float("9.999999999999999e%d" % e)]
    xs += [-x for x in list(xs)]
    n_fixed = len(xs)
    # uniform over finite bit patterns
    while len(xs) < n_fixed + 1500:
        x = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
        if math.isfinite(x):
            xs.append(x)
    # "human" decimals
    while len(xs) < 3100:
        r = rng.random()
        sign = "-" if rng.random() < 0.3 else ""
        if r < 0.35:
            text = "%s%d.%0*d" % (sign, rng.randint(0, 10 ** rng.randint(0, 9)), (k := rng.randint(1, 6)),
                                  rng.randint(0, 10 ** k - 1))
        elif r < 0.7:
            nd = rng.randint(1, 17)
            text = "%s%d.%se%d" % (sign, rng.randint(1, 9), "".join(rng.choice("0123456789")
                                                                   for _ in range(nd - 1)), rng.randint(-30, 30))
        elif r < 0.85:
            text = "%s%d" % (sign, rng.randint(0, 2 ** rng.randint(1, 70)))
        else:
            text = "%s%se%d" % (sign, rng.randint(1, 999), rng.randint(-325, 308))
        xs.append(float(text))
    seen, out = set(), []
    for x in xs:
        b = float_bits(x)
        if b in seen or not math.isfinite(x):
            continue
        seen.add(b)
        assert float(repr(x)) == x or (x == 0 and repr(x) in ("0.0", "-0.0"))
        out.append({"bits": b, "repr": repr(x)})
    return out


def has_lone_surrogate(v):
    if isinstance(v, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in v)
    if isinstance(v, list):
        return any(has_lone_surrogate(x) for x in v)
    if isinstance(v, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(x) for k, x in v.items())
    return False


JSON_ACCEPT = [
    # (text, strict)
    ("NaN", True), ("Infinity", True), ("-Infinity", True), ("[NaN, Infinity, -Infinity]", True),
    ("12345678901234567890123", True), ("-98765432109876543210", True), ("9007199254740993", True),
    ("9007199254740993.0", True), ("-0", True), ("-0.0", True), ("0e0", True), ("-0e-0", True),
    ("1e400", True), ("-1e400", True), ("1e99999999999999999999", True), ("1e-400", True),
    ("1E2", True), ("1.5E+3", True), ("1.0", True), ("0.1", True), ("1e16", True),
    ("2.4703282292062328e-324", True), ("2.4703282292062327e-324", True),
    ("1.7976931348623157e308", True), ("1.7976931348623159e308", True),
    ('{"a": 1, "a": 2}', True), ('{"a":1,"b":2,"a":3}', True),
    (' \t\n\r [ 1 , 2 ,\n{ "k" : "v" } ] \n\t\r ', True),
    ('"\\ud83d\\ude00"', True), ('"\\uD83D\\uDE00 \\u00E9"', True),
    ('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f"', True),
    ('"é😀 raw utf-8 \u2028 \x7f"', True),
    ("true", True), ("false", True), ("null", True), ('""', True), ("[]", True), ("{}", True),
    ("[" * 100 + "]" * 100, True), ('{"": {"": [{}]}}', True),
    ('"tab\there nul\x00 us\x1f nl\n"', False), ('{"k\x01": "v\x02"}', False),
]

JSON_REJECT = [
    # (text, strict)
    ("", True), (" ", True), ("nan", True), ("inf", True), ("infinity", True), ("+1", True),
    ("+Infinity", True), ("01", True), ("1.", True), (".5", True), ("1e", True), ("-", True),
    ("0x10", True), ("[1,]", True), ('{"a":1,}', True), ("{'a':1}", True), ('{"a" 1}', True),
    ('{1: 2}', True), ('"\\x41"', True), ('"\\u12"', True), ('"abc', True), ("[1 2]", True),
    ("[1]]", True), ("True", True), ("NaN1", True), ("tru", True), ("\u00a01", True),
    ("\ufeff1", True), ('"tab\there"', True), ('"nl\n"', True), ("/* c */ 1", True),
]


def gen_json_loads():
    out = []
    for text, strict in JSON_ACCEPT:
        v = json.loads(text, strict=strict)
        if has_lone_surrogate(v):
            continue
        out.append({"text": text, "strict": strict, "value": tag(v)})
    for text, strict in JSON_REJECT:
        try:
            json.loads(text, strict=strict)
        except ValueError:
            out.append({"text": text, "strict": strict, "rejects": True})
        else:
            raise AssertionError("json.loads accepted %r" % text)
    return out


def gen_base85():
    rng = random.Random(DATA_SEED + 2)
    datas = [rng.randbytes(n) for n in range(41)] + [
        b"\x00" * 4, b"\xff" * 4, b"\xff" * 5, b"\x00", b"hello world", bytes(range(256)),
        b"\xff\xff\xff\xfe", b"\x00" * 9,
    ]
    out = []
    for d in datas:
        text = base64.b85encode(d).decode("ascii")
        assert base64.b85decode(text) == d
        out.append({"hex": d.hex(), "text": text})
    # texts Python decodes although no encoder produces them (length % 5 == 1)
    for text in ["0", "000000", "VPa!sWoBn+X"]:
        out.append({"hex": base64.b85decode(text).hex(), "text": text, "decode_only": True})
    for text in ['"', "\\", " ", ",", ".", "/", ":", "[", "]", "'", "|NsC1", "|NsC", "~~~~~",
                 "00000 ", "0000\n0", "é", "abcd\x00"]:
        try:
            base64.b85decode(text.encode("utf-8"))
        except ValueError:
            out.append({"text": text, "rejects": True})
        else:
            raise AssertionError("b85decode accepted %r" % text)
    return out


UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def epoch_micros(d):
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return (d - EPOCH) // dt.timedelta(microseconds=1)  # exact integer arithmetic


def gen_datetime():
    D = dt.datetime
    tz = dt.timezone
    datetimes = [
        D(1970, 1, 1, tzinfo=UTC), D(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        D(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), D(1, 1, 1, tzinfo=UTC),
        D(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC), D(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        D(2000, 2, 29, 12, tzinfo=UTC), D(2020, 2, 29, 23, 59, 59, 999999, tzinfo=UTC),
        D(1900, 2, 28, 23, 59, 59, tzinfo=UTC), D(1900, 3, 1, tzinfo=UTC), D(2100, 2, 28, tzinfo=UTC),
        D(2024, 2, 29, 6, 7, 8, 90000, tzinfo=UTC), D(1600, 2, 29, tzinfo=UTC), D(4, 2, 29, tzinfo=UTC),
        D(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), D(99, 6, 15, 12, tzinfo=UTC),
        D(1000, 1, 1, tzinfo=UTC), D(1969, 7, 20, 20, 17, 40, tzinfo=UTC), D(1776, 7, 4, tzinfo=UTC),
        D(2038, 1, 19, 3, 14, 7, tzinfo=UTC), D(2038, 1, 19, 3, 14, 8, tzinfo=UTC),
        D(2106, 2, 7, 6, 28, 15, tzinfo=UTC), D(2106, 2, 7, 6, 28, 16, tzinfo=UTC),
        D(2262, 4, 11, 23, 47, 16, 854775, tzinfo=UTC), D(1677, 9, 21, 0, 12, 43, 145224, tzinfo=UTC),
        D(2001, 9, 9, 1, 46, 40, tzinfo=UTC), D(2286, 11, 20, 17, 46, 40, tzinfo=UTC),
        D(2023, 5, 6, 7, 8, 9, 500000, tzinfo=UTC), D(2023, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        D(2023, 5, 6, 7, 8, 9, 10203),  # naive -> taken as UTC
        D(2023, 1, 1, 5, 30, tzinfo=tz(dt.timedelta(hours=5, minutes=30))),
        D(2023, 12, 31, 20, 0, 0, 1, tzinfo=tz(dt.timedelta(hours=-8))),
        D(1, 1, 1, 1, 0, tzinfo=tz(dt.timedelta(hours=1))),
    ]
    attr = UTCDateTimeAttribute()
    out = []
    for d in datetimes:
        text = attr.serialize(d)
        assert len(text) == 31, text
        micros = epoch_micros(d)
        assert epoch_micros(attr.deserialize(text)) == micros, text
        out.append({"epoch_micros": str(micros), "text": text})
    # accepted by pynamodb's reader (zfill(31) + int()) though its writer never produces them
    for text in ["1-01-01T00:00:00.000000+0000", "999-12-31T23:59:59.999999+0000",
                 "+020-01-01T00:00:00.000000+0000", " 999-01-01T00:00:00.000000+0000",
                 "2020-01-01T00:00:00.00_001+0000", "２０２０-01-01T00:00:00.000000+0000",
                 "2020-+1-01T00:00:00.000000+0000", "2020-01-01T 1:00:00.000000+0000"]:
        micros = epoch_micros(attr.deserialize(text))
        out.append({"epoch_micros": str(micros), "text": text, "noncanonical": True})
    for text in ["", "2020-01-01T00:00:00.000000Z", "2020-01-01T00:00:00+0000",
                 "2020-01-01 00:00:00.000000+0000", "2020-01-01t00:00:00.000000+0000",
                 "2020-13-01T00:00:00.000000+0000", "2021-02-29T00:00:00.000000+0000",
                 "1900-02-29T00:00:00.000000+0000", "2020-01-01T24:00:00.000000+0000",
                 "2020-01-01T23:60:00.000000+0000", "2020-01-01T23:59:60.000000+0000",
                 "2020-01-01T00:00:00.000000+0100", "2020-01-01T00:00:00.000000-0000",
                 "0000-01-01T00:00:00.000000+0000", "2020-01-01T00:00:00.0000000+0000",
                 "20200-01-01T00:00:00.000000+0000", "2020-1-01T00:00:00.000000+0000",
                 "2020-01-01T00:00:00.00000a+0000", "-001-01-01T00:00:00.000000+0000",
                 "2020-01-01T00:00:00.000000+00:00"]:
        try:
            attr.deserialize(text)
        except ValueError:
            out.append({"text": text, "rejects": True})
        else:
            raise AssertionError("UTCDateTimeAttribute accepted %r" % text)
    return out


def gen_key_from_password():
    out = []
    for pw in ["", "my-password", "pässwörd-🔑 ключ", "a" * 1000, "\x00", "password with spaces\n"]:
        key = pm_cipher.str_to_key(pw)
        assert len(key) == 32
        out.append({"password": pw, "key_hex": key.hex()})
    assert out[1]["key_hex"] == "6fa2288c361becce3e30ba4c41be7d8ba01e3580566f7acc76a7f99994474c46"
    return out


# ---------------------------------------------------------------------------


def write_fixture(path, doc):
    """Pretty but compact: one array entry per line, pure ASCII, strict JSON."""
    lines = ["{"]
    items = list(doc.items())
    for n, (k, v) in enumerate(items):
        comma = "," if n + 1 < len(items) else ""
        if isinstance(v, list):
            lines.append("%s: [" % json.dumps(k))
            for j, e in enumerate(v):
                lines.append(json.dumps(e, allow_nan=False) + ("," if j + 1 < len(v) else ""))
            lines.append("]" + comma)
        else:
            lines.append("%s: %s%s" % (json.dumps(k), json.dumps(v, allow_nan=False), comma))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # sanity
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)
    return len(text)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate_fixtures.py OUT.json")
    rng = random.Random(DATA_SEED)
    doc = {
        "pynamodb_mate": PM_VERSION,
        "pynamodb": PYNAMODB_VERSION,
        "pycryptodome": Crypto.__version__,
        "python": platform.python_version(),
        "gzip_mtime": GZIP_MTIME,
        "ctr_nonce_seed": CTR_NONCE_SEED,
    }
    doc["compressed"] = gen_compressed(rng)
    doc["encrypted"] = gen_encrypted(rng)
    prove_ctr_seed_matters()
    doc["json_dumps"] = gen_json_dumps()
    doc["float_repr"] = gen_float_repr()
    doc["json_loads"] = gen_json_loads()
    doc["base85"] = gen_base85()
    doc["datetime"] = gen_datetime()
    doc["key_from_password"] = gen_key_from_password()
    size = write_fixture(sys.argv[1], doc)
    counts = ", ".join("%s %d" % (k, len(v)) for k, v in doc.items() if isinstance(v, list))
    print("%s: pynamodb_mate %s, %d bytes (%s)" % (sys.argv[1], PM_VERSION, size, counts))


if __name__ == "__main__":
    main()
