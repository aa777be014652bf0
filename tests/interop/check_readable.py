#!/usr/bin/env python3
"""Check that values written by OUR library are readable by the REAL
pynamodb_mate of the running venv (5.3.4.4 or 6.0.1.1).

    .venv-pm5/bin/python tests/interop/check_readable.py IN.json
    .venv-pm6/bin/python tests/interop/check_readable.py IN.json

IN.json: {"writer": "...", "compressed": [...], "encrypted": [...]}; entries as
in the fixture files ("class" (6.x or 5.x name), "kind", "value" (tagged),
"stored_hex", and for encrypted "deterministic" and "password"). A fixture file
itself is valid input.

Each stored_hex is deserialized with the real attribute class and compared with
value (types exact, floats by bits, NaN == NaN, dict key order ignored). For
deterministic encrypted entries Python's own serialize(value) must also equal
stored_hex byte for byte. Prints one line per failure and a final
"python-readable: N passed, M failed"; exits 1 on any failure (2 on bad input).
"""

import importlib.metadata as md
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pm_values import CLASS_5_TO_6, CLASS_6_TO_5, CLASS_KINDS, diff, untag  # noqa: E402

import pynamodb_mate  # noqa: E402,F401
from pynamodb_mate.attributes import compressed as pm_compressed  # noqa: E402
from pynamodb_mate.attributes import encrypted as pm_encrypted  # noqa: E402

PM_VERSION = md.version("pynamodb_mate")
V5 = PM_VERSION.startswith("5.")


def local_class_name(name):
    """Name of the class in the running version (accepts either version's name)."""
    if V5:
        return CLASS_6_TO_5.get(name, name)
    return CLASS_5_TO_6.get(name, name)


def make_attr(section, entry):
    name = local_class_name(entry["class"])
    module = pm_compressed if section == "compressed" else pm_encrypted
    cls = getattr(module, name, None)
    if cls is None or not name.startswith("Compressed" if section == "compressed" else "Encrypted"):
        raise LookupError("no %s class %r in pynamodb_mate %s" % (section, entry["class"], PM_VERSION))
    if section == "compressed":
        return cls()
    det = entry["deterministic"]
    if not isinstance(det, bool):
        raise ValueError("'deterministic' must be true or false")
    if V5:
        attr = cls()
        attr.encryption_key = entry["password"]
        attr.determinative = det
        return attr
    return cls(encryption_key=entry["password"], determinative=det)


def describe_exc(e):
    # Exception messages of the codecs never contain the password; keep them short.
    msg = str(e).replace("\n", " ")
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return "%s: %s" % (type(e).__name__, msg)


def check_entry(section, entry):
    """Returns None on success, else a one-line description of the failure."""
    try:
        name6 = CLASS_5_TO_6.get(entry["class"], entry["class"])
        kinds = CLASS_KINDS.get(name6)
        if kinds is None:
            return "unknown class %r" % entry["class"]
        if entry.get("kind") not in kinds:
            return "kind %r is not valid for this class (expected one of %s)" % (
                entry.get("kind"), "/".join(sorted(kinds)))
        attr = make_attr(section, entry)
        stored = bytes.fromhex(entry["stored_hex"])
        value = untag(entry["value"])
    except (KeyError, TypeError, ValueError, LookupError) as e:
        return "bad entry: %s" % describe_exc(e)

    try:
        got = attr.deserialize(stored)
    except Exception as e:  # noqa: BLE001 - any failure to read is the finding
        hint = ""
        if V5 and isinstance(e, UnicodeDecodeError) and local_class_name(entry["class"]) in (
                "EncryptedJsonAttribute", "EncryptedNumberAttribute"):
            try:
                plaintext = attr.cipher.decrypt(stored)
                plaintext.decode("utf-8")
                if not plaintext.isascii():
                    hint = " (5.3.4.4 reads only ASCII plaintext here: the writer must use ensure_ascii escaping)"
            except Exception:  # noqa: BLE001 - the hint is best effort
                pass
        return "deserialize failed: %s%s" % (describe_exc(e), hint)
    d = diff(got, value)
    if d:
        return "value differs (python read vs expected): %s" % d

    if section == "encrypted" and entry["deterministic"]:
        try:
            mine = attr.serialize(value)
        except Exception as e:  # noqa: BLE001
            return "python serialize(value) failed: %s" % describe_exc(e)
        if mine != stored:
            return "deterministic bytes differ: python writes %d bytes %s..., stored has %d bytes %s..." % (
                len(mine), mine[:16].hex(), len(stored), stored[:16].hex())
    return None


def main():
    if len(sys.argv) != 2:
        print("usage: check_readable.py IN.json", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print("cannot read %s: %s" % (sys.argv[1], describe_exc(e)), file=sys.stderr)
        return 2
    if not isinstance(doc, dict):
        print("input must be a JSON object", file=sys.stderr)
        return 2
    passed = failed = 0
    for section in ("compressed", "encrypted"):
        entries = doc.get(section, [])
        if not isinstance(entries, list):
            print("%s: not an array" % section, file=sys.stderr)
            return 2
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                problem = "entry is not an object"
            else:
                problem = check_entry(section, entry)
            if problem is None:
                passed += 1
            else:
                failed += 1
                cls = entry.get("class", "?") if isinstance(entry, dict) else "?"
                mode = ""
                if section == "encrypted" and isinstance(entry, dict):
                    mode = " deterministic" if entry.get("deterministic") else " random"
                print("FAIL %s[%d] %s%s: %s" % (section, i, cls, mode, problem))
    print("python-readable: %d passed, %d failed" % (passed, failed))
    if passed + failed == 0:
        print("no compressed/encrypted entries in %s" % sys.argv[1], file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
