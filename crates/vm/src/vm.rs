//! The interpreter state: built-in types and exceptions, interned names, `builtins`, `sys`.

use std::cell::{Cell, RefCell};

use hashbrown::HashMap;
use taipan_hash::HashSecret;

use crate::dict::DictTable;
use crate::error::{PyErr, PyResult};
use crate::exceptions::Exceptions;
use crate::names::Names;
use crate::object::{ExceptionData, ModuleObj, Payload};
use crate::str::PyStr;
use crate::types::{Layout, TypeObject};
use crate::value::{Obj, Value};

macro_rules! builtin_types {
    ($($field:ident = $name:literal : $layout:ident $(, $flag:ident)?;)*) => {
        /// The built-in types, by their CPython names.
        pub struct Types {
            pub object: Obj,
            pub type_: Obj,
            $(pub $field: Obj,)*
        }

        impl Types {
            fn create(object: &Obj, type_: &Obj) -> Types {
                Types {
                    object: object.clone(),
                    type_: type_.clone(),
                    $($field: {
                        let mut t = TypeObject::new($name, vec![object.clone()], Layout::$layout, false);
                        $( builtin_types!(@flag t $flag); )?
                        let _ = &mut t;
                        Obj::new(type_.clone(), Payload::Type(Box::new(t)))
                    },)*
                }
            }

            fn all(&self) -> Vec<&Obj> {
                vec![&self.object, &self.type_, $(&self.$field),*]
            }
        }
    };
    (@flag $t:ident final) => { $t.basetype = false; };
}

builtin_types! {
    int = "int": Int;
    bool = "bool": Bool, final;
    float = "float": Float;
    complex = "complex": Complex;
    str = "str": Str;
    bytes = "bytes": Bytes;
    bytearray = "bytearray": ByteArray;
    tuple = "tuple": Tuple;
    list = "list": List;
    dict = "dict": Dict;
    set = "set": Set;
    frozenset = "frozenset": FrozenSet;
    range = "range": Final, final;
    slice = "slice": Final, final;
    function = "function": Final, final;
    builtin_function = "builtin_function_or_method": Final, final;
    method_descriptor = "method_descriptor": Final, final;
    classmethod_descriptor = "classmethod_descriptor": Final, final;
    wrapper_descriptor = "wrapper_descriptor": Final, final;
    method_wrapper = "method-wrapper": Final, final;
    method = "method": Final, final;
    module = "module": Module;
    code = "code": Final, final;
    cell = "cell": Final, final;
    none_type = "NoneType": Final, final;
    not_implemented_type = "NotImplementedType": Final, final;
    ellipsis_type = "ellipsis": Final, final;
    generator = "generator": Final, final;
    coroutine = "coroutine": Final, final;
    async_generator = "async_generator": Final, final;
    coroutine_wrapper = "coroutine_wrapper": Final, final;
    async_generator_asend = "async_generator_asend": Final, final;
    async_generator_athrow = "async_generator_athrow": Final, final;
    anext_awaitable = "anext_awaitable": Final, final;
    async_generator_wrapped = "async_generator_wrapped_value": Final, final;
    property = "property": Property;
    classmethod = "classmethod": ClassMethod;
    staticmethod = "staticmethod": StaticMethod;
    super_ = "super": Final;
    member_descriptor = "member_descriptor": Final, final;
    getset_descriptor = "getset_descriptor": Final, final;
    dict_keys = "dict_keys": Final, final;
    dict_values = "dict_values": Final, final;
    dict_items = "dict_items": Final, final;
    list_iterator = "list_iterator": Final, final;
    list_reverseiterator = "list_reverseiterator": Final, final;
    tuple_iterator = "tuple_iterator": Final, final;
    range_iterator = "range_iterator": Final, final;
    longrange_iterator = "longrange_iterator": Final, final;
    str_iterator = "str_ascii_iterator": Final, final;
    str_unicode_iterator = "str_iterator": Final, final;
    bytes_iterator = "bytes_iterator": Final, final;
    bytearray_iterator = "bytearray_iterator": Final, final;
    dict_keyiterator = "dict_keyiterator": Final, final;
    dict_valueiterator = "dict_valueiterator": Final, final;
    dict_itemiterator = "dict_itemiterator": Final, final;
    dict_reversekeyiterator = "dict_reversekeyiterator": Final, final;
    set_iterator = "set_iterator": Final, final;
    enumerate = "enumerate": Final;
    zip = "zip": Final;
    map = "map": Final;
    filter = "filter": Final;
    reversed = "reversed": Final;
    callable_iterator = "callable_iterator": Final, final;
    seq_iterator = "iterator": Final, final;
    traceback = "traceback": Final, final;
    frame = "frame": Final, final;
    memoryview = "memoryview": Final, final;
    type_alias = "TypeAliasType": Final, final;
    type_var = "TypeVar": Final, final;
    param_spec = "ParamSpec": Final, final;
    type_var_tuple = "TypeVarTuple": Final, final;
    generic_alias = "types.GenericAlias": Final;
    typing_generic_alias = "typing._GenericAlias": Final;
    typing_generic = "typing.Generic": Object;
    text_io = "_io.TextIOWrapper": Final;
    buffered_reader = "_io.BufferedReader": Final;
    buffered_writer = "_io.BufferedWriter": Final;
    buffered_random = "_io.BufferedRandom": Final;
    string_io = "_io.StringIO": Final;
    bytes_io = "_io.BytesIO": Final;
    mappingproxy = "mappingproxy": Final, final;
    frame_locals_proxy = "FrameLocalsProxy": Final, final;
    namespace = "types.SimpleNamespace": Object;
}

/// Entries of the attribute-lookup cache (`ops::attr::type_lookup`).
pub const METHOD_CACHE_SIZE: usize = 4096;

pub(crate) struct MethodCacheEntry {
    pub class: Obj,
    pub name: Value,
    pub epoch: u64,
    pub value: Option<Value>,
}

/// The interpreter.
pub struct Vm {
    pub types: Types,
    pub exc: Exceptions,
    pub names: Names,
    pub not_implemented: Value,
    pub ellipsis: Value,
    pub empty_tuple: Value,
    pub builtins: Obj,
    /// `sys.modules`.
    pub modules: Obj,
    pub hash_secret: HashSecret,
    interned: RefCell<HashMap<Box<str>, PyStr>>,
    /// Advanced by every write to a type's namespace or bases: invalidates lookup caches.
    pub type_epoch: Cell<u64>,
    /// Python frames currently running (the evaluation loop's stack plus nested loops).
    pub depth: usize,
    /// Depth of native code recursing on nested data (see [`Vm::native_recursion`]).
    pub(crate) native_depth: usize,
    pub recursion_limit: usize,
    /// The exception being handled (`sys.exception()`), saved and restored around handlers.
    pub handled: Value,
    pub int_max_str_digits: usize,
    pub argv: Vec<String>,
    /// Every class made at run time (weakly), so that dropping the VM can break the reference
    /// cycles classes are part of (a class is in its own MRO).
    pub(crate) heap_types: RefCell<Vec<std::rc::Weak<crate::value::ObjBox>>>,
    pub(crate) method_cache: RefCell<Vec<Option<MethodCacheEntry>>>,
    /// Finished frames kept for reuse: a call then allocates nothing.
    pub(crate) frame_pool: Vec<Box<crate::frame::Frame>>,
    /// The suspended callers of the running Python frames, innermost last, across nested runs
    /// of the evaluation loop (each run owns the part above the length it started at).
    pub(crate) callers: Vec<Box<crate::frame::Frame>>,
    /// `eval::CACHES`, dereferenced once.
    pub(crate) op_caches: &'static [u8; 256],
    /// The argument vector `CALL` reuses (see `call_instruction`).
    pub(crate) arg_buffer: Vec<Value>,
    /// Stands in for a frame parked on `callers` while it calls a native function.
    pub(crate) spare_frame: Option<Box<crate::frame::Frame>>,
    /// Set (by a signal handler, another thread, an embedder) to raise `KeyboardInterrupt`;
    /// see `signals`.
    pub(crate) interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The last uncaught exception `handle_uncaught` reported was a `KeyboardInterrupt`
    /// (CPython then ends the process by SIGINT: the `taipan` binary does the same).
    pub uncaught_interrupt: bool,
    /// When set, the backward jumps, calls and levels of native recursion (each nested
    /// container a `repr`, hash or comparison enters) left before the program is stopped with
    /// a `RuntimeError` (for fuzzing and sandboxes): native levels count so that one
    /// instruction cannot do work proportional to the depth of hostile data at every step.
    pub step_budget: Option<u64>,
    /// The longest text a container's `repr` may build before it raises `MemoryError`
    /// (CPython's bound is `PY_SSIZE_T_MAX`; an embedder or fuzzer lowers it: the repr of a
    /// tuple nesting itself k times over is exponential in k).
    pub max_text_len: usize,
    /// `sys.__dict__`, once `sys` exists.
    pub sys_dict: Option<Obj>,
    /// The module of the import system's Python side (`import/bootstrap.py`), once an import
    /// from a file has needed it.
    pub(crate) import_bootstrap: Option<Obj>,
    /// Source files read for tracebacks (CPython's `linecache`).
    pub source_cache: std::collections::HashMap<String, Option<String>>,
    /// Containers whose repr is being computed (CPython's `Py_ReprEnter`): `[...]` on recursion.
    repr_active: Vec<usize>,
    /// `io.UnsupportedOperation`, made on first use (`io_file::unsupported_class`).
    pub io_unsupported_operation: Option<Obj>,
    /// Live memoryviews per exporter (by id): a `bytearray` with views cannot resize.
    pub buffer_exports: RefCell<HashMap<usize, std::rc::Rc<Cell<usize>>>>,
    pub flags: crate::Config,
}

impl std::fmt::Debug for Vm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vm { .. }")
    }
}

impl Vm {
    pub fn new(config: crate::Config) -> Vm {
        // `type` and `object` first: `type` is its own class (stored as no class at all).
        let mut type_type = TypeObject::new("type", Vec::new(), Layout::Type, false);
        type_type.basetype = true;
        let type_ = Obj::classless(Payload::Type(Box::new(type_type)));
        let object = Obj::new(
            type_.clone(),
            Payload::Type(Box::new(TypeObject::new(
                "object",
                Vec::new(),
                Layout::Object,
                false,
            ))),
        );
        if let Payload::Type(t) = type_.payload() {
            *t.bases.borrow_mut() = vec![object.clone()];
        }
        let types = Types::create(&object, &type_);
        let exc = Exceptions::create(&types);
        let names = Names::new();
        let not_implemented = Value::Obj(Obj::new(
            types.not_implemented_type.clone(),
            Payload::Singleton("NotImplemented"),
        ));
        let ellipsis = Value::Obj(Obj::new(
            types.ellipsis_type.clone(),
            Payload::Singleton("Ellipsis"),
        ));
        let empty_tuple = Value::Obj(Obj::new(
            types.tuple.clone(),
            Payload::Tuple(crate::object::TupleItems::Many(Box::new([]))),
        ));
        let builtins_dict = Obj::new(
            types.dict.clone(),
            Payload::Dict(Box::new(RefCell::new(DictTable::new()))),
        );
        let builtins = Obj::new(
            types.module.clone(),
            Payload::Module(ModuleObj {
                dict: builtins_dict,
            }),
        );
        let modules = Obj::new(
            types.dict.clone(),
            Payload::Dict(Box::new(RefCell::new(DictTable::new()))),
        );
        let hash_secret = config.hash_secret;
        let mut vm = Vm {
            types,
            exc,
            names,
            not_implemented,
            ellipsis,
            empty_tuple,
            builtins,
            modules,
            hash_secret,
            interned: RefCell::new(HashMap::new()),
            type_epoch: Cell::new(0),
            depth: 0,
            native_depth: 0,
            recursion_limit: 1000,
            handled: Value::None,
            int_max_str_digits: 4300,
            argv: config.argv.clone(),
            heap_types: RefCell::new(Vec::new()),
            method_cache: RefCell::new((0..METHOD_CACHE_SIZE).map(|_| None).collect()),
            frame_pool: Vec::new(),
            callers: Vec::new(),
            op_caches: &crate::eval::CACHES,
            spare_frame: None,
            arg_buffer: Vec::new(),
            interrupt: Default::default(),
            uncaught_interrupt: false,
            step_budget: None,
            max_text_len: isize::MAX as usize,
            sys_dict: None,
            import_bootstrap: None,
            source_cache: std::collections::HashMap::new(),
            repr_active: Vec::new(),
            io_unsupported_operation: None,
            buffer_exports: RefCell::new(HashMap::new()),
            flags: config,
        };
        vm.names.intern_all(&mut vm.interned.borrow_mut());
        // Fix the builtin types' bases and MROs (int ← bool, etc.), then fill their namespaces.
        crate::objects::bootstrap(&mut vm);
        crate::io_file::init(&mut vm);
        crate::io_memory::init(&mut vm);
        crate::builtins::init(&mut vm);
        crate::modules::sys::install(&mut vm);
        vm
    }

    // ---- values ------------------------------------------------------------------------

    /// `type(value)`.
    #[inline]
    pub fn class_of(&self, value: &Value) -> Obj {
        match value {
            Value::None => self.types.none_type.clone(),
            Value::Bool(_) => self.types.bool.clone(),
            Value::Int(_) => self.types.int.clone(),
            Value::Float(_) => self.types.float.clone(),
            Value::Obj(o) => Vm::class_of_obj(&self.types, o),
            Value::Str(_) => self.types.str.clone(),
        }
    }

    #[inline]
    pub(crate) fn class_of_obj(types: &Types, o: &Obj) -> Obj {
        o.0.class().unwrap_or_else(|| types.type_.clone())
    }

    /// The interned `str` object for `text` (names, attribute names, keyword names).
    pub fn intern(&self, text: &str) -> Value {
        if let Some(s) = self.interned.borrow().get(text) {
            return Value::Str(s.clone());
        }
        let s = PyStr::new(text);
        self.interned.borrow_mut().insert(text.into(), s.clone());
        Value::Str(s)
    }

    /// `sys.intern(s)`: the interned string equal to `s`, which becomes the interned one if
    /// there was none (CPython interns the object itself). A string holding a lone surrogate
    /// is returned as it is.
    pub fn intern_str(&self, s: &PyStr) -> PyStr {
        let Some(text) = s.as_str() else {
            return s.clone();
        };
        if let Some(found) = self.interned.borrow().get(text) {
            return found.clone();
        }
        self.interned.borrow_mut().insert(text.into(), s.clone());
        s.clone()
    }

    pub fn new_str(&self, text: &str) -> Value {
        Value::Str(PyStr::new(text))
    }

    pub fn new_string(&self, text: String) -> Value {
        Value::Str(PyStr::new(&text))
    }

    pub fn new_str_obj(&self, s: PyStr) -> Value {
        Value::Str(s)
    }

    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        Value::Obj(Obj::new(
            self.types.tuple.clone(),
            Payload::Tuple(crate::object::TupleItems::new(items)),
        ))
    }

    /// `(a, b)`, in one allocation.
    #[inline]
    pub fn new_pair(&self, a: Value, b: Value) -> Value {
        self.new_tuple_items(crate::object::TupleItems::Two([a, b]))
    }

    /// A tuple of these items (not empty: the empty tuple is shared).
    #[inline]
    pub fn new_tuple_items(&self, items: crate::object::TupleItems) -> Value {
        Value::Obj(Obj::new(self.types.tuple.clone(), Payload::Tuple(items)))
    }

    pub fn new_list(&self, items: Vec<Value>) -> Value {
        Value::Obj(Obj::new(
            self.types.list.clone(),
            Payload::List(RefCell::new(items)),
        ))
    }

    pub fn new_dict(&self) -> Obj {
        Obj::new(
            self.types.dict.clone(),
            Payload::Dict(Box::new(RefCell::new(DictTable::new()))),
        )
    }

    pub fn new_bytes(&self, bytes: Vec<u8>) -> Value {
        Value::Obj(Obj::new(
            self.types.bytes.clone(),
            Payload::Bytes(bytes.into_boxed_slice()),
        ))
    }

    pub fn new_int_big(&self, value: num_bigint::BigInt) -> Value {
        Value::from_bigint(value, &self.types.int)
    }

    pub fn builtins_dict(&self) -> Obj {
        match self.builtins.payload() {
            Payload::Module(m) => m.dict.clone(),
            _ => self.new_dict(),
        }
    }

    /// Advance the type epoch: some type's namespace or MRO changed.
    pub fn types_changed(&self) {
        self.type_epoch.set(self.type_epoch.get() + 1);
    }

    pub fn all_builtin_types(&self) -> Vec<Obj> {
        self.types.all().into_iter().cloned().collect()
    }

    // ---- exceptions --------------------------------------------------------------------

    /// An exception instance of class `class` with `args`.
    pub fn new_exception(&self, class: &Obj, args: Vec<Value>) -> Obj {
        let data = ExceptionData {
            args: RefCell::new(self.new_tuple(args)),
            ..ExceptionData::default()
        };
        let dict = self.new_dict();
        Obj::with_dict(
            class.clone(),
            Some(dict),
            Payload::Exception(Box::new(data)),
        )
    }

    pub fn error(&self, class: &Obj, message: impl AsRef<str>) -> PyErr {
        PyErr::new(self.new_exception(class, vec![self.new_str(message.as_ref())]))
    }

    pub fn type_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.type_error, message)
    }

    pub fn value_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.value_error, message)
    }

    pub fn index_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.index_error, message)
    }

    pub fn overflow_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.overflow_error, message)
    }

    pub fn zero_division(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.zero_division_error, message)
    }

    pub fn runtime_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.runtime_error, message)
    }

    pub fn system_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.system_error, message)
    }

    /// `MemoryError` when a text being built has grown past `max_text_len`.
    #[inline]
    pub fn check_text_len(&self, len: usize) -> PyResult<()> {
        if len > self.max_text_len {
            return Err(self.memory_error());
        }
        Ok(())
    }

    pub fn memory_error(&self) -> PyErr {
        PyErr::new(self.new_exception(&self.exc.memory_error, Vec::new()))
    }

    pub fn key_error(&self, key: Value) -> PyErr {
        PyErr::new(self.new_exception(&self.exc.key_error, vec![key]))
    }

    pub fn stop_iteration(&self, value: Value) -> PyErr {
        let args = if value.is_none() {
            Vec::new()
        } else {
            vec![value]
        };
        PyErr::new(self.new_exception(&self.exc.stop_iteration, args))
    }

    pub fn name_error(&self, name: &str) -> PyErr {
        let e = self.new_exception(
            &self.exc.name_error,
            vec![self.new_string(format!("name '{name}' is not defined"))],
        );
        let _ = crate::ops::set_attr_raw(self, &e, "name", self.intern(name));
        PyErr::new(e)
    }

    pub fn attribute_error(&self, message: impl AsRef<str>) -> PyErr {
        self.error(&self.exc.attribute_error, message)
    }

    /// The `'X' object ...` form of type names CPython uses in messages.
    /// The name messages give a value's type: CPython's `tp_name`, which for a built-in type
    /// of another module than `builtins` carries the module (`'_io.StringIO' object has no
    /// attribute 'x'`); a class made at run time shows its `__name__`.
    pub fn type_name(&self, value: &Value) -> String {
        let class = self.class_of(value);
        if let Some(t) = crate::types::type_object(&class)
            && !t.heap
            && let Some(m) =
                crate::ops::mapping::table_get_str(self, &t.dict.borrow(), &self.names.__module__)
            && let Some(s) = m.as_str_obj()
            && let Some(module) = s.as_str()
            && module != "builtins"
        {
            return format!("{module}.{}", t.name());
        }
        crate::types::type_name(&class)
    }

    pub fn hash_secret(&self) -> &HashSecret {
        &self.hash_secret
    }

    /// Enter the repr of `o`; `false` if it is already being printed (recursion).
    pub fn repr_enter(&mut self, o: &Obj) -> bool {
        if self.repr_active.contains(&o.id()) {
            return false;
        }
        self.repr_active.push(o.id());
        true
    }

    pub fn repr_leave(&mut self, o: &Obj) {
        if let Some(i) = self.repr_active.iter().rposition(|&x| x == o.id()) {
            self.repr_active.remove(i);
        }
    }

    /// A frame for a call of `code`, reusing a finished one's allocations when there is one
    /// (taken by reference: a pooled frame that last ran the same code with the same globals,
    /// as a recursive or repeated call's does, keeps its references and takes none).
    #[inline]
    pub(crate) fn new_frame(
        &mut self,
        code: &std::rc::Rc<crate::runtime_code::Code>,
        globals: &Obj,
        builtins: &Obj,
        locals_map: Option<Value>,
    ) -> Box<crate::frame::Frame> {
        match self.frame_pool.pop() {
            Some(mut f) => {
                f.reset(code, globals, builtins, locals_map);
                f
            }
            None => Box::new(crate::frame::Frame::new(
                code.clone(),
                globals.clone(),
                builtins.clone(),
                locals_map,
            )),
        }
    }

    /// Return a finished frame to the pool (its values are dropped now). A pooled frame has
    /// no locals, an empty stack, no function, locals mapping or frame object, and returns
    /// by `OnReturn::Push` (what `Frame::reset` counts on); its code and globals stay until
    /// it is reused.
    #[inline]
    pub(crate) fn recycle_frame(&mut self, mut frame: Box<crate::frame::Frame>) {
        frame.locals.clear();
        if !frame.stack.is_empty() {
            frame.stack.clear();
        }
        if frame.locals_map.is_some() {
            frame.locals_map = None;
        }
        frame.function = None;
        if frame.snapshot.is_some() {
            frame.snapshot = None;
        }
        if !matches!(frame.on_return, crate::frame::OnReturn::Push) {
            frame.on_return = crate::frame::OnReturn::Push;
        }
        if self.frame_pool.len() < 64 {
            self.frame_pool.push(frame);
        }
    }

    /// Remember a class made at run time (see `heap_types`), forgetting dead ones now and then.
    pub(crate) fn register_heap_type(&self, cls: &Obj) {
        let mut list = self.heap_types.borrow_mut();
        if list.len() >= 1024 && list.len().is_power_of_two() {
            list.retain(|w| w.strong_count() > 0);
        }
        list.push(std::rc::Rc::downgrade(&cls.0));
    }

    /// The globals of the Python frame that called the running native function (`globals()`,
    /// `vars()`, `__module__` of a class made by `type(...)`): native functions run with
    /// their calling frame parked on `callers` (see `call_parked`), so it is the last one.
    /// (Keeping a record of the running frame's globals instead cost two reference counts
    /// on every call and return.)
    pub fn current_globals(&self) -> Option<Obj> {
        self.callers.last().map(|f| f.globals.clone())
    }

    /// Run `f`, native code that recurses on nested data (comparing, hashing or printing
    /// containers inside containers), under CPython's C recursion guard
    /// (`Py_EnterRecursiveCall`): the depth counts against CPython 3.13's C limit (10,000
    /// levels), past which `RecursionError` says what was being done (`what`, as " in
    /// comparison"), and the Rust stack grows as needed on the way, so that deep data is an
    /// error and never a stack overflow.
    pub(crate) fn native_recursion<T>(
        &mut self,
        what: &str,
        f: impl FnOnce(&mut Vm) -> PyResult<T>,
    ) -> PyResult<T> {
        if self.native_depth >= NATIVE_RECURSION_LIMIT {
            return Err(self.error(
                &self.exc.recursion_error,
                format!("maximum recursion depth exceeded{what}"),
            ));
        }
        if let Some(budget) = self.step_budget.as_mut() {
            if *budget == 0 {
                return Err(self.runtime_error("step budget exhausted"));
            }
            *budget -= 1;
        }
        self.native_depth += 1;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.native_depth -= 1;
        r
    }

    pub fn check_recursion(&self) -> PyResult<()> {
        if self.depth > self.recursion_limit {
            return Err(self.error(
                &self.exc.recursion_error,
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }
}

/// CPython 3.13's C recursion limit (`Py_C_RECURSION_LIMIT` in a release build).
const NATIVE_RECURSION_LIMIT: usize = 10_000;

impl Drop for Vm {
    /// Break the reference cycles the runtime is made of (types and their namespaces, modules
    /// and the functions in them, classes in their own MRO) so that an embedder creating many
    /// VMs (the fuzzers, the tests) does not leak them. No Python code runs here.
    fn drop(&mut self) {
        self.method_cache.borrow_mut().clear();
        self.frame_pool.clear();
        self.callers.clear();
        self.spare_frame = None;
        let clear_type = |ty: &Obj| {
            if let Payload::Type(t) = ty.payload() {
                let old = std::mem::take(&mut *t.dict.borrow_mut());
                t.mro.borrow_mut().clear();
                t.bases.borrow_mut().clear();
                drop(old);
            }
        };
        let heap: Vec<std::rc::Weak<crate::value::ObjBox>> =
            std::mem::take(&mut *self.heap_types.borrow_mut());
        for w in heap {
            if let Some(rc) = w.upgrade() {
                clear_type(&Obj(rc));
            }
        }
        if let Payload::Dict(modules) = self.modules.payload() {
            let values = modules.borrow().values();
            for m in values {
                if let Value::Obj(mo) = &m
                    && let Payload::Module(module) = mo.payload()
                    && let Payload::Dict(d) = module.dict.payload()
                {
                    let old = std::mem::take(&mut *d.borrow_mut());
                    drop(old);
                }
            }
            let old = std::mem::take(&mut *modules.borrow_mut());
            drop(old);
        }
        for ty in self.all_builtin_types() {
            clear_type(&ty);
        }
        let exc: Vec<Obj> = self.exc.all().into_iter().map(|(_, c)| c.clone()).collect();
        for ty in exc {
            clear_type(&ty);
        }
        self.interned.borrow_mut().clear();
    }
}
