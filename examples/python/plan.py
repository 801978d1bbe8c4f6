#!/usr/bin/env python3
"""Plans the child-birth bundle through the onething C API, with ctypes only.

Usage: plan.py <path to libonething.so> <rules folder>
  e.g. plan.py <prefix>/lib/libonething.so <prefix>/share/onething/rules
Needs a shared onething (cmake -DBUILD_SHARED_LIBS=ON); see docs/api.md.
"""
import ctypes
import json
import sys


class OnethingError(Exception):
    """A failed call; `errors` holds the diagnostics of the error JSON."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{e['code']}: {e['message']}" for e in errors))
        self.errors = errors


class Onething:
    """The C API of one loaded library; every returned string is copied, then freed."""

    def __init__(self, library_path):
        lib = ctypes.CDLL(library_path)
        string_out = ctypes.POINTER(ctypes.c_void_p)
        lib.onething_version.restype = ctypes.c_char_p
        lib.onething_catalog_load.argtypes = [
            ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t, string_out]
        lib.onething_catalog_load.restype = ctypes.c_void_p
        lib.onething_plan_json.argtypes = [
            ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, string_out]
        lib.onething_plan_json.restype = ctypes.c_void_p  # not c_char_p: we must free it
        lib.onething_catalog_free.argtypes = [ctypes.c_void_p]
        lib.onething_free.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def version(self):
        return self.lib.onething_version().decode()

    def _take(self, pointer):
        """The UTF-8 string at `pointer`, which is then freed."""
        try:
            return ctypes.string_at(pointer).decode()
        finally:
            self.lib.onething_free(pointer)

    def _check(self, result, error):
        if not result:
            if not error.value:
                raise MemoryError("onething: out of memory")
            raise OnethingError(json.loads(self._take(error.value))["errors"])
        return result

    def load(self, *paths):
        """A catalog handle; free it with free_catalog."""
        array = (ctypes.c_char_p * len(paths))(*(p.encode() for p in paths))
        error = ctypes.c_void_p()
        return self._check(
            self.lib.onething_catalog_load(array, len(paths), ctypes.byref(error)), error)

    def plan(self, catalog, bundle, facts):
        """The plan as a dict (docs/plan-json.md)."""
        error = ctypes.c_void_p()
        result = self.lib.onething_plan_json(
            catalog, bundle.encode(), json.dumps(facts).encode(), ctypes.byref(error))
        return json.loads(self._take(self._check(result, error)))

    def free_catalog(self, catalog):
        self.lib.onething_catalog_free(catalog)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    onething = Onething(sys.argv[1])
    print("onething", onething.version())
    catalog = onething.load(sys.argv[2])
    try:
        facts = {"mother.maternity_insured": True, "parents.hukou_local": True}
        plan = onething.plan(catalog, "child-birth", facts)
        after = plan["metrics"]["after"]
        print("child-birth after:", ", ".join(f"{k} {v}" for k, v in after.items()))
        try:
            onething.plan(catalog, "no-such-bundle", {})
        except OnethingError as error:
            print("expected error:", error.errors[0]["code"], "-", error.errors[0]["message"])
    finally:
        onething.free_catalog(catalog)
    return 0


if __name__ == "__main__":
    sys.exit(main())
