"""The OpenAPI document turned into what a reference page shows: operations grouped by tag, each with its
parameters, body and answers, and every schema as a table of fields. Plain data, no Flask."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

REF = "#/components/schemas/"


@dataclass(frozen=True)
class TypePart:
    """A piece of a type as shown: plain text, or a schema's name that links to its table."""

    text: str
    schema: str | None = None


@dataclass
class Row:
    name: str
    type: list[TypePart]
    required: bool
    description: str = ""


@dataclass
class Content:
    media: str
    type: list[TypePart]
    example: str | None = None


@dataclass
class Reply:
    status: str
    description: str
    contents: list[Content]


@dataclass
class Operation:
    id: str
    method: str
    path: str
    summary: str
    parameters: list[Row]
    body: list[Content]
    replies: list[Reply]
    curl: str


@dataclass
class Tag:
    name: str
    description: str
    operations: list[Operation] = field(default_factory=list)


@dataclass
class Schema:
    name: str
    description: str
    type: list[TypePart]
    rows: list[Row]


def type_of(schema: dict[str, Any]) -> list[TypePart]:
    """How a JSON schema reads: 'integer', 'list of Case', 'string or null', 'one of: a, b'."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF)
        return [TypePart(name, name)]
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            parts: list[TypePart] = []
            for index, option in enumerate(schema[combined]):
                if index:
                    parts.append(TypePart(" or " if combined != "allOf" else " and "))
                parts += type_of(option)
            return parts
    if "enum" in schema:
        return [TypePart("one of: " + ", ".join(json.dumps(value) for value in schema["enum"]))]
    kind = schema.get("type")
    if isinstance(kind, list):
        return [TypePart(" or ".join(kind))]
    if kind == "array":
        return [TypePart("list of ")] + type_of(schema.get("items", {}))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return [TypePart("map of ")] + type_of(schema["additionalProperties"])
    if kind is None:
        return [TypePart("any JSON value")]
    shown = kind + (f" ({schema['format']})" if "format" in schema else "")
    return [TypePart(shown)]


BOUNDS = (("minLength", "at least {} characters"), ("maxLength", "at most {} characters"), ("minimum", "from {}"),
          ("maximum", "up to {}"), ("minItems", "at least {} items"), ("maxItems", "at most {} items"),
          ("pattern", "matching {}"))


def _bounds(schema: dict[str, Any]) -> list[str]:
    """What a value must be, in words: lengths, ranges, list sizes, a pattern, the default."""
    found = []
    for option in [schema, *schema.get("anyOf", [])]:
        for bound, words in BOUNDS:
            if bound in option:
                if (bound, option[bound]) == ("minLength", 1):
                    found.append("not empty")
                elif (bound, option[bound]) == ("minItems", 1):
                    found.append("at least one")
                else:
                    found.append(words.format(option[bound]))
    if "default" in schema and schema["default"] not in (None, "", []):
        found.append(f"default {json.dumps(schema['default'])}")
    return found


def _rows(schema: dict[str, Any]) -> list[Row]:
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        details = [prop["description"].rstrip(".")] if prop.get("description") else []
        rows.append(Row(name, type_of(prop), name in required, "; ".join(details + _bounds(prop))))
    return rows


def _example(media: dict[str, Any]) -> str | None:
    if "example" not in media:
        return None
    return json.dumps(media["example"], indent=2, ensure_ascii=False, sort_keys=True)


def _contents(content: dict[str, Any]) -> list[Content]:
    return [Content(media, type_of(spec.get("schema", {})), _example(spec)) for media, spec in content.items()]


def _parameter(parameter: dict[str, Any]) -> Row:
    where = "in the path" if parameter["in"] == "path" else "in the query"
    details = [where] + ([parameter["description"].rstrip(".")] if parameter.get("description") else [])
    return Row(parameter["name"], type_of(parameter.get("schema", {})), parameter.get("required", False),
               "; ".join(details + _bounds(parameter.get("schema", {}))))


def operations_by_tag(document: dict[str, Any]) -> list[Tag]:
    tags = {tag["name"]: Tag(tag["name"], tag.get("description", "")) for tag in document.get("tags", [])}
    for path, item in document["paths"].items():
        for method, spec in item.items():
            tag = tags.setdefault(spec["tags"][0], Tag(spec["tags"][0], ""))
            tag.operations.append(Operation(
                id=spec["operationId"], method=method.upper(), path=path, summary=spec.get("summary", ""),
                parameters=[_parameter(p) for p in spec.get("parameters", [])],
                body=_contents(spec.get("requestBody", {}).get("content", {})),
                replies=[Reply(status, reply.get("description", ""), _contents(reply.get("content", {})))
                         for status, reply in sorted(spec["responses"].items())],
                curl=spec.get("x-codeSamples", [{}])[0].get("source", "")))
    return [tag for tag in tags.values() if tag.operations]


def schemas(document: dict[str, Any]) -> list[Schema]:
    found = document.get("components", {}).get("schemas", {})
    return [Schema(name, spec.get("description", ""), type_of({k: v for k, v in spec.items() if k != "title"})
                   if "properties" not in spec else [TypePart("object")], _rows(spec))
            for name, spec in sorted(found.items())]
