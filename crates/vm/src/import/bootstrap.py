# The Python-visible side of Taipan's import system: module specs and loaders as programs see
# them (`module.__spec__`, `module.__loader__`). Finding, caching and running modules is done in
# Rust (`crates/vm/src/import/`); these classes carry what it found, under the module names
# CPython gives them, so that their reprs read as CPython's.
#
# Run once, on the first import of a module from a file, in a module namespace of its own
# (`_frozen_importlib`); `_taipan_import` is the native half (exec_spec, find_spec).


class ModuleSpec:
    """The import-system information about a module (PEP 451)."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        parts = [f"name={self.name!r}", f"loader={self.loader!r}"]
        if self.origin is not None:
            parts.append(f"origin={self.origin!r}")
        if self.submodule_search_locations is not None:
            parts.append(f"submodule_search_locations={self.submodule_search_locations}")
        return f"{self.__class__.__name__}({', '.join(parts)})"

    def __eq__(self, other):
        locations = self.submodule_search_locations
        try:
            return (
                self.name == other.name
                and self.loader == other.loader
                and self.origin == other.origin
                and locations == other.submodule_search_locations
                and self.cached == other.cached
                and self.has_location == other.has_location
            )
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        return self._cached

    @cached.setter
    def cached(self, value):
        self._cached = value

    @property
    def parent(self):
        """The name of the package the module is in ('' for a top-level module)."""
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


ModuleSpec.__module__ = "_frozen_importlib"


class BuiltinImporter:
    """Finds and loads the modules built into Taipan (written in Rust)."""

    _ORIGIN = "built-in"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if path is not None:
            return None
        return _taipan_import.find_spec(fullname, None)

    @staticmethod
    def create_module(spec):
        return _taipan_import.import_module(spec.name)

    @staticmethod
    def exec_module(module):
        pass


BuiltinImporter.__module__ = "_frozen_importlib"


class FileLoader:
    """A loader of a module from a file: its name and path."""

    def __init__(self, fullname, path):
        self.name = fullname
        self.path = path

    def __eq__(self, other):
        return self.__class__ == other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def get_filename(self, name=None):
        return self.path

    def get_data(self, path):
        with open(path, "rb") as file:
            return file.read()

    def is_package(self, fullname):
        filename = self.path.rpartition("/")[2]
        return filename.rpartition(".")[0] == "__init__"

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        _taipan_import.exec_module(module)

    def load_module(self, fullname):
        return _taipan_import.import_module(fullname)


class SourceFileLoader(FileLoader):
    """Loads a module from its `.py` file, through its `__pycache__` file when up to date."""

    def get_source(self, fullname):
        return self.get_data(self.path).decode()


class SourcelessFileLoader(FileLoader):
    """Loads a module from a `.pyc` file with no source beside it."""

    def get_source(self, fullname):
        return None


class NamespaceLoader:
    """The loader of a namespace package (PEP 420): a package with no `__init__.py`."""

    def __init__(self, name, path, path_finder=None):
        self._path = path

    def is_package(self, fullname):
        return True

    def get_source(self, fullname):
        return ""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        pass


class _NamespacePath(list):
    """A namespace package's `__path__`: the folders that hold its portions."""

    def __repr__(self):
        return f"_NamespacePath({list.__repr__(self)})"


for _class in (FileLoader, SourceFileLoader, SourcelessFileLoader, NamespaceLoader, _NamespacePath):
    _class.__module__ = "_frozen_importlib_external"
del _class
