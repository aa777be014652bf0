#!/usr/bin/env python3
"""pynamodb 6.1 polymorphic models (DiscriminatorAttribute) sharing a table with the JS model layer.

    .venv-pm6/bin/python tests/interop/pm_polymorphic.py create TABLE        # the table, as pynamodb makes it
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py write TABLE OWNER   # a Cat, a Dog and a Lion of OWNER
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py read TABLE OWNER    # what pynamodb reads, as JSON

The endpoint is DDB_LOCAL_ENDPOINT. polymorphic.interop.test.mjs defines the same hierarchy in JS.
"""

import json
import os
import sys

sys.dont_write_bytecode = True

from pynamodb.attributes import (  # noqa: E402
    DiscriminatorAttribute, ListAttribute, NumberAttribute, UnicodeAttribute,
)
from pynamodb.models import Model  # noqa: E402


def models(table):
    class Animal(Model):
        class Meta:
            table_name = table
            host = os.environ["DDB_LOCAL_ENDPOINT"]
            region = "us-east-1"
            aws_access_key_id = "test"
            aws_secret_access_key = "test"

        owner = UnicodeAttribute(hash_key=True)
        id = UnicodeAttribute(range_key=True)
        kind = DiscriminatorAttribute(attr_name="cls")
        name = UnicodeAttribute()

    class Cat(Animal, discriminator="cat"):
        lives = NumberAttribute(default=9)

    class Lion(Cat, discriminator="lion"):
        pride = UnicodeAttribute()

    class Dog(Animal, discriminator="dog"):
        tricks = ListAttribute(of=UnicodeAttribute)

    return Animal, Cat, Lion, Dog


def described(item):
    """Class name and attribute values (the discriminator as its stored value)."""
    values = {k: v for k, v in item.attribute_values.items() if k != "kind"}
    return {"class": type(item).__name__, "kind": type(item).kind.get_discriminator(type(item)), **values}


def main(command, table, owner=None):
    Animal, Cat, Lion, Dog = models(table)
    if command == "create":
        Animal.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
        return 0
    if command == "write":
        Cat(owner, "1", name="Tom").save()
        Dog(owner, "2", name="Rex", tricks=["sit", "roll"]).save()
        Lion(owner, "3", name="Leo", lives=8, pride="north").save()
        return 0
    keys = [(owner, "1"), (owner, "2"), (owner, "3")]
    out = {
        "get": [described(Animal.get(*key, consistent_read=True)) for key in keys],
        "query": sorted(type(a).__name__ for a in Animal.query(owner, consistent_read=True)),
        "cat_query": sorted(type(a).__name__ for a in Cat.query(owner, consistent_read=True)),
        "dog_scan": sorted(type(a).__name__ for a in Dog.scan(Animal.owner == owner, consistent_read=True)),
        "lion_count": Lion.count(owner, consistent_read=True),
        "batch_get": sorted(type(a).__name__ for a in Animal.batch_get(keys, consistent_read=True)),
    }
    try:
        Dog.get(owner, "1", consistent_read=True)
        out["dog_get_cat"] = "read"
    except ValueError as error:
        out["dog_get_cat"] = str(error)
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
