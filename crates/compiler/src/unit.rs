//! What code generation knows about one code unit besides its instructions: CPython 3.13's
//! `_PyCompile_CodeUnitMetadata`, the input the assembler needs along with the optimised
//! instruction sequence (and the `metadata` dict `_testinternalcapi.compiler_codegen` returns).

use taipan_bytecode::{CodeFlags, Constant, PyString};

/// The metadata of one code unit (a module, class body, function, lambda, comprehension,
/// annotation or type-parameter scope).
#[derive(Clone, Debug)]
pub struct UnitMetadata {
    /// `co_name`.
    pub name: PyString,
    /// `co_qualname`.
    pub qualname: PyString,
    /// `co_consts`, in order of first use (CPython's `u_consts` dict, keyed by
    /// `_PyCode_ConstantKey`: the [`Constant`] equality).
    pub consts: Vec<Constant>,
    /// `co_names`, in order of first use.
    pub names: Vec<PyString>,
    /// Parameters first (in order), then other fast locals in order of first use.
    pub varnames: Vec<PyString>,
    /// Cell variables: sorted by name (CPython's `dictbytype` sorts), except that for a class
    /// body `__class__`/`__classdict__` come as CPython puts them.
    pub cellvars: Vec<PyString>,
    /// Free variables, sorted by name.
    pub freevars: Vec<PyString>,
    /// Locals hidden by an inlined comprehension (PEP 709): `u_fasthidden`, the names whose
    /// localsplus kind gets `CO_FAST_HIDDEN`.
    pub fasthidden: Vec<PyString>,
    /// CPython's `u_argcount`: the positional-or-keyword parameters, *not* counting the
    /// positional-only ones (`co_argcount` is `posonlyargcount + argcount`, as the assembler's
    /// `makecode` adds them).
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// `co_firstlineno`.
    pub firstlineno: i32,
    /// The flags `compute_code_flags` gives (the assembler adds nothing but what it derives).
    pub flags: CodeFlags,
    /// Class bodies only: the attribute names stored on `self` in the methods nested in the
    /// class (CPython's `u_static_attributes`, a set here kept as a list without duplicates),
    /// which become the class's `__static_attributes__`. Not part of the code object.
    pub static_attributes: Vec<String>,
    /// The hash index of `consts` ([`ListIndex::const_index`]); not part of the code object.
    pub consts_index: ListIndex,
    /// The hash index of `names` ([`ListIndex::name_index`]); not part of the code object.
    pub names_index: ListIndex,
}

impl UnitMetadata {
    /// Metadata with the given name and nothing else.
    pub fn new(name: &str) -> UnitMetadata {
        UnitMetadata {
            name: PyString::new(name),
            qualname: PyString::new(name),
            consts: Vec::new(),
            names: Vec::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            fasthidden: Vec::new(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            firstlineno: 1,
            flags: CodeFlags(0),
            static_attributes: Vec::new(),
            consts_index: ListIndex::default(),
            names_index: ListIndex::default(),
        }
    }
}

/// A hash index over a unit's `consts` (or `names`), so that finding a value already there
/// does not scan the list: CPython keeps these tables as dicts. The list stays the truth: the
/// index catches up with entries pushed directly, starts again if the list shrank, and every
/// hit is checked against the list itself, so a stale index can only cost time.
#[derive(Clone, Debug, Default)]
pub struct ListIndex {
    table: hashbrown::HashTable<u32>,
    /// How many entries of the list the table has seen.
    indexed: usize,
}

/// The hasher of [`ListIndex`].
fn hasher() -> impl std::hash::Hasher {
    use std::hash::BuildHasher;
    // One builder for the process: each new one is seeded afresh.
    static BUILDER: std::sync::OnceLock<hashbrown::DefaultHashBuilder> = std::sync::OnceLock::new();
    BUILDER.get_or_init(Default::default).build_hasher()
}

/// A hash of `c` consistent with [`Constant`]'s equality (code-object equality: `1`, `1.0` and
/// `True` differ, floats compare by their bits, sets in any order, code objects by value).
fn hash_constant(c: &Constant, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    std::mem::discriminant(c).hash(h);
    match c {
        Constant::None | Constant::StopIteration | Constant::Ellipsis => {}
        // Equal code objects have equal names, first lines and code.
        Constant::Code(code) => {
            code.name.as_bytes().hash(h);
            code.firstlineno.hash(h);
            code.code.hash(h);
        }
        Constant::Bool(b) => b.hash(h),
        Constant::Int(i) => i.hash(h),
        Constant::Float(f) => f.to_bits().hash(h),
        Constant::Complex { real, imag } => {
            real.to_bits().hash(h);
            imag.to_bits().hash(h);
        }
        Constant::Str(s) => s.as_bytes().hash(h),
        Constant::Bytes(b) => b.hash(h),
        Constant::Tuple(items) | Constant::List(items) => {
            items.len().hash(h);
            for item in items.iter() {
                hash_constant(item, h);
            }
        }
        // Equal sets may list their elements in another order: only the size counts.
        Constant::FrozenSet(items) | Constant::Set(items) => items.len().hash(h),
        Constant::Dict(pairs) => {
            pairs.len().hash(h);
            for (k, v) in pairs.iter() {
                hash_constant(k, h);
                hash_constant(v, h);
            }
        }
    }
}

fn constant_hash(c: &Constant) -> u64 {
    use std::hash::Hasher;
    let mut h = hasher();
    hash_constant(c, &mut h);
    h.finish()
}

fn bytes_hash(b: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = hasher();
    b.hash(&mut h);
    h.finish()
}

impl ListIndex {
    /// Brings the table up to date with `list` (keyed by `key`, compared by `same`; entries
    /// `findable` refuses are left out).
    fn sync<T>(
        &mut self,
        list: &[T],
        key: impl Fn(&T) -> u64,
        same: impl Fn(&T, &T) -> bool,
        findable: impl Fn(&T) -> bool,
    ) {
        if list.len() < self.indexed {
            self.table.clear();
            self.indexed = 0;
        }
        for i in self.indexed..list.len() {
            let Some(item) = list.get(i) else { break };
            if !findable(item) {
                continue;
            }
            let hash = key(item);
            // The first of equal entries keeps its place, as a scan from the start finds it.
            let known = self
                .table
                .find(hash, |&j| {
                    list.get(j as usize).is_some_and(|x| same(x, item))
                })
                .is_some();
            if !known {
                self.table
                    .insert_unique(hash, i as u32, |&j| list.get(j as usize).map_or(0, &key));
            }
        }
        self.indexed = list.len();
    }

    /// CPython's `_PyCompile_AddConst` on `consts`: the index of the first constant equal to
    /// `value`, `value` appended if there is none. CPython's `u_consts` dict is keyed by
    /// `_PyCode_ConstantKey`: equal constants share a slot (code objects too: a generator
    /// expression in a `while` test, compiled twice, is one constant), but a NaN equals nothing,
    /// not even itself, so a constant holding one is always appended and never found.
    pub fn const_index(&mut self, consts: &mut Vec<Constant>, value: Constant) -> u32 {
        let mergeable = |c: &Constant| !crate::codegen::constant::contains_nan(c);
        self.sync(consts, constant_hash, |a, b| a == b, mergeable);
        if !mergeable(&value) {
            consts.push(value);
            return consts.len() as u32 - 1;
        }
        let hash = constant_hash(&value);
        if let Some(&i) = self.table.find(hash, |&j| {
            consts.get(j as usize).is_some_and(|c| *c == value)
        }) {
            return i;
        }
        consts.push(value);
        consts.len() as u32 - 1
    }

    /// `compiler_add_o` on a list of names: the index of `name`, appended if absent.
    pub fn name_index(&mut self, names: &mut Vec<PyString>, name: &str) -> u32 {
        self.sync(names, |n| bytes_hash(n.as_bytes()), |a, b| a == b, |_| true);
        let hash = bytes_hash(name.as_bytes());
        if let Some(&i) = self.table.find(hash, |&j| {
            names
                .get(j as usize)
                .is_some_and(|n| n.as_bytes() == name.as_bytes())
        }) {
            return i;
        }
        names.push(PyString::new(name));
        names.len() as u32 - 1
    }
}
