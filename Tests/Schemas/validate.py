#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema.

Usage: validate.py [--expect-invalid] SCHEMA FILE...

Each FILE (a JSON document) is validated against SCHEMA with the validator of the draft the
schema's `$schema` names (Draft 2020-12 when it names none); the schema itself is checked first.
One line is printed for each error, `FILE: $.json.path: message`.

Exit status: 0 when every FILE is valid; 1 when any is not; 2 on bad usage, an unreadable or
non-JSON file, or a schema that is not itself valid. With --expect-invalid every FILE must fail:
exit 1 when any is valid (each printed as `FILE: valid, but expected to be invalid`), 0 when all
fail (their errors are still printed, to show why).

Needs the `jsonschema` package (run it from a virtual environment that has it). Format
keywords are not checked, and nothing is fetched over the network: a schema's `$ref`s must be
within the schema itself.
"""

import json
import sys

USAGE = "usage: validate.py [--expect-invalid] SCHEMA FILE..."
MAX_MESSAGE = 400


def load(path):
    """(True, the JSON document at `path`), or (False, None), having said why, when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as f:
            return True, json.load(f)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print(f"{path}: cannot read: {e}", file=sys.stderr)
        return False, None


def json_path(error):
    """`$.a.b[0]` for the place of the error in the instance."""
    path = getattr(error, "json_path", None)
    if path is not None:
        return path
    out = "$"
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def main(argv):
    try:
        import jsonschema
        from jsonschema.exceptions import best_match
        from jsonschema.validators import validator_for
    except ImportError:
        print("validate.py: the jsonschema package is not installed (use a virtual environment that has it)",
              file=sys.stderr)
        return 2

    args = argv[1:]
    expect_invalid = False
    if args and args[0] == "--expect-invalid":
        expect_invalid = True
        args = args[1:]
    if len(args) < 2 or any(a.startswith("--") for a in args):
        print(USAGE, file=sys.stderr)
        return 2

    schema_path, files = args[0], args[1:]
    ok, schema = load(schema_path)
    if not ok:
        return 2
    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"{schema_path}: not a valid {cls.__name__} schema: {json_path(e)}: {e.message}", file=sys.stderr)
        return 2
    validator = cls(schema)

    unreadable = False
    failed = []
    passed = []
    for path in files:
        ok, instance = load(path)
        if not ok:
            unreadable = True
            continue
        errors = sorted(validator.iter_errors(instance),
                        key=lambda e: ([str(p) for p in e.absolute_path], e.message))
        if not errors:
            passed.append(path)
            continue
        failed.append(path)
        for error in errors:
            # An anyOf/oneOf error says only "not valid under any of the given schemas" with the
            # whole instance: show the most relevant error within it instead.
            shown = best_match([error]) if error.context else error
            message = shown.message
            if len(message) > MAX_MESSAGE:
                message = message[:MAX_MESSAGE] + "…"
            if shown is not error:
                message += f" (under {error.validator} at {json_path(error)})"
            print(f"{path}: {json_path(shown)}: {message}")

    if unreadable:
        return 2
    if expect_invalid:
        for path in passed:
            print(f"{path}: valid, but expected to be invalid")
        return 1 if passed else 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
