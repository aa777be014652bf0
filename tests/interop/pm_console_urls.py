#!/usr/bin/env python3
"""pynamodb_mate's console URLs for the cases in argv[1] (JSON), printed as a JSON list.

Runs in .venv-pm6 (pynamodb_mate 6.0.1.1) or .venv-pm5 (5.3.4.4); no server is needed. Cases:

    ["overview", region, table]                  ConsoleUrlMaker.table_overview
    ["items", region, table]                     ConsoleUrlMaker.table_items
    ["detail", region, table, hash, range|null]  ConsoleUrlMaker.item_detail (strings)
    ["model", region, table, [hash type, hash], [range type, range] | null]
        a Model with these key attributes (type S, N, or B with a base64 value; B only in 5.x,
        where BinaryAttribute serializes to base64): [get_table_overview_console_url(),
        get_table_items_console_url(), instance.item_detail_console_url]

Used by console_urls.interop.test.mjs.
"""

import base64
import json
import sys

sys.dont_write_bytecode = True

from pynamodb.attributes import BinaryAttribute, NumberAttribute, UnicodeAttribute  # noqa: E402
from pynamodb_mate.models import Model, console_url_maker  # noqa: E402

ATTRIBUTES = {"S": UnicodeAttribute, "N": NumberAttribute, "B": BinaryAttribute}
VALUES = {"S": str, "N": lambda v: v, "B": base64.b64decode}


def model_urls(region, table, hash_key, range_key):
    meta = type("Meta", (), {"table_name": table, "region": region})
    fields = {"Meta": meta, "h": ATTRIBUTES[hash_key[0]](hash_key=True)}
    values = {"h": VALUES[hash_key[0]](hash_key[1])}
    if range_key is not None:
        fields["r"] = ATTRIBUTES[range_key[0]](range_key=True)
        values["r"] = VALUES[range_key[0]](range_key[1])
    cls = type("Thing", (Model,), fields)
    item = cls(**values)
    return [
        cls.get_table_overview_console_url(),
        cls.get_table_items_console_url(),
        item.item_detail_console_url,
    ]


def url(case):
    op, *args = case
    if op == "overview":
        return console_url_maker.table_overview(*args)
    if op == "items":
        return console_url_maker.table_items(*args)
    if op == "detail":
        return console_url_maker.item_detail(*args)
    if op == "model":
        return model_urls(*args)
    raise ValueError(f"unknown case {op}")


print(json.dumps([url(case) for case in json.loads(sys.argv[1])]))
