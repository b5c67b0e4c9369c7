# Taipan's `importlib`: the functions programs call, over Taipan's import system (written in
# Rust, see crates/vm/src/import/). `_taipan_import` is its native side, put in this namespace
# before this source runs.
"""A pure Python implementation of import."""

import sys

__all__ = ["__import__", "import_module", "invalidate_caches", "reload"]
__path__ = []


def import_module(name, package=None):
    """Import a module.

    The 'package' argument is required when performing a relative import. It
    specifies the package to use as the anchor point from which to resolve the
    relative import to an absolute import.

    """
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError(
                "the 'package' argument is required to perform a relative "
                "import for {!r}".format(name)
            )
        for character in name:
            if character != ".":
                break
            level += 1
    return _taipan_import.import_level(name[level:], package, level)


def invalidate_caches():
    """Taipan's finders keep no cache of folder contents: nothing to invalidate."""


def reload(module):
    """Reload the module and return it.

    The module must have been successfully imported before.

    """
    try:
        name = module.__spec__.name
    except AttributeError:
        try:
            name = module.__name__
        except AttributeError:
            raise TypeError("reload() argument must be a module")
    if sys.modules.get(name) is not module:
        raise ImportError(f"module {name} not in sys.modules", name=name)
    _taipan_import.reload(module)
    return sys.modules[name]
