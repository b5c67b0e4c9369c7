# Taipan's `importlib.util`: finding specs and making modules from them, over Taipan's import
# system. `_taipan_import` is its native side, put in this namespace before this source runs.
"""Utility code for constructing importers, etc."""

import sys

MAGIC_NUMBER = (3571).to_bytes(2, "little") + b"\r\n"


def resolve_name(name, package):
    """Resolve a relative module name to an absolute one."""
    if not name.startswith("."):
        return name
    elif not package:
        raise ImportError(f"no package specified for {repr(name)} (required for relative module names)")
    level = 0
    for character in name:
        if character != ".":
            break
        level += 1
    return _taipan_import.resolve(name[level:], package, level)


def find_spec(name, package=None):
    """Return the spec for the specified module, or None if it cannot be found."""
    fullname = resolve_name(name, package) if name.startswith(".") else name
    if fullname not in sys.modules:
        parent_name = fullname.rpartition(".")[0]
        if parent_name:
            parent = __import__(parent_name, fromlist=["__path__"])
            try:
                parent.__path__
            except AttributeError as e:
                raise ModuleNotFoundError(
                    f"__path__ attribute not found on {parent_name!r} "
                    f"while trying to find {fullname!r}",
                    name=fullname,
                ) from e
        return _taipan_import.find_spec(fullname)
    module = sys.modules[fullname]
    if module is None:
        return None
    try:
        spec = module.__spec__
    except AttributeError:
        raise ValueError(f"{name}.__spec__ is not set") from None
    if spec is None:
        raise ValueError(f"{name}.__spec__ is None")
    return spec


def cache_from_source(path, debug_override=None, *, optimization=None):
    """Given the path to a .py file, return the path to its .pyc file."""
    return _taipan_import.cache_from_source(path, optimization)


def source_from_cache(path):
    """Given the path to a .pyc file, return the path to its .py file."""
    return _taipan_import.source_from_cache(path)


def spec_from_file_location(name, location=None, *, loader=None, submodule_search_locations=None):
    """Return a module spec based on a file location."""
    bootstrap = _taipan_import.bootstrap()
    if location is None:
        return None
    location = _taipan_import.abspath(location)
    if loader is None:
        if location.endswith(".pyc"):
            loader = bootstrap.SourcelessFileLoader(name, location)
        else:
            loader = bootstrap.SourceFileLoader(name, location)
    spec = bootstrap.ModuleSpec(name, loader, origin=location)
    spec._set_fileattr = True
    if submodule_search_locations is None and loader.is_package(name):
        submodule_search_locations = [location.rpartition("/")[0]]
    if submodule_search_locations is not None:
        spec.submodule_search_locations = list(submodule_search_locations)
    if location.endswith(".py"):
        try:
            spec.cached = cache_from_source(location)
        except NotImplementedError:
            pass
    return spec


def module_from_spec(spec):
    """Create a module based on the provided spec."""
    module = None
    if hasattr(spec.loader, "create_module"):
        module = spec.loader.create_module(spec)
    if module is None:
        module = type(sys)(spec.name)
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__package__ = spec.parent
    if spec.submodule_search_locations is not None:
        module.__path__ = spec.submodule_search_locations
    if spec.has_location:
        module.__file__ = spec.origin
        module.__cached__ = spec.cached
    return module
