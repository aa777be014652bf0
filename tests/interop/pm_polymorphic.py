#!/usr/bin/env python3
"""pynamodb 6.1 polymorphic models (DiscriminatorAttribute) sharing a table with the JS model layer.

    .venv-pm6/bin/python tests/interop/pm_polymorphic.py create TABLE        # the table, as pynamodb makes it
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py write TABLE OWNER   # a Cat, a Dog and a Lion of OWNER
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py read TABLE OWNER    # what pynamodb reads, as JSON
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py create-drawings TABLE
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py write-drawing TABLE ID  # polymorphic maps (Shape: Circle, Square)
    .venv-pm6/bin/python tests/interop/pm_polymorphic.py read-drawing TABLE ID   # each map's class and fields, as JSON

The endpoint is DDB_LOCAL_ENDPOINT. polymorphic.interop.test.mjs defines the same hierarchy in JS.
"""

import json
import sys

sys.dont_write_bytecode = True

from pynamodb.attributes import (  # noqa: E402
    BooleanAttribute, DiscriminatorAttribute, ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute,
)
from pynamodb.models import Model  # noqa: E402
from pm_values import local_meta  # noqa: E402


def models(table):
    class Animal(Model):
        Meta = local_meta(table, "DDB_LOCAL_ENDPOINT")

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


class Shape(MapAttribute):
    kind = DiscriminatorAttribute(attr_name="cls")
    color = UnicodeAttribute(null=True)


class Circle(Shape, discriminator="circle"):
    radius = NumberAttribute()


class Square(Shape, discriminator="square"):
    side = NumberAttribute()
    rounded = BooleanAttribute(null=True)


class Frame(MapAttribute):
    inner = Shape()


def drawings(table):
    class Drawing(Model):
        Meta = local_meta(table, "DDB_LOCAL_ENDPOINT")

        id = UnicodeAttribute(hash_key=True)
        main = Shape()
        shapes = ListAttribute(of=Shape, null=True)
        frame = Frame(null=True)

    return Drawing


def shape(value):
    """A map's class and fields (the discriminator as its stored value)."""
    fields = {k: v for k, v in value.attribute_values.items() if k != "kind"}
    return {"class": type(value).__name__, "kind": Shape.kind.get_discriminator(type(value)), **fields}


def drawing_command(command, table, key):
    Drawing = drawings(table)
    if command == "create-drawings":
        Drawing.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
    elif command == "write-drawing":
        Drawing(
            key,
            main=Circle(color="red", radius=2),
            shapes=[Square(side=3), Circle(radius=1.5)],
            frame=Frame(inner=Square(side=1, rounded=True)),
        ).save()
    else:
        d = Drawing.get(key, consistent_read=True)
        print(json.dumps({"main": shape(d.main), "shapes": [shape(s) for s in d.shapes], "inner": shape(d.frame.inner)}, sort_keys=True))
    return 0


def described(item):
    """Class name and attribute values (the discriminator as its stored value)."""
    values = {k: v for k, v in item.attribute_values.items() if k != "kind"}
    return {"class": type(item).__name__, "kind": type(item).kind.get_discriminator(type(item)), **values}


def main(command, table, owner=None):
    if command.endswith(("-drawings", "-drawing")):
        return drawing_command(command, table, owner)
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
