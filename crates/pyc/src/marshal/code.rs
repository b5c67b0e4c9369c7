//! A marshalled code object (`c`) to a [`CodeObject`], with the checks CPython 3.13 makes when
//! it builds one (`_PyCode_Validate`, then `_PyCode_New` interning the names).
//!
//! Layout (3.13, `w_complex_object`): five 4-byte signed ints (argcount, posonlyargcount,
//! kwonlyargcount, stacksize, flags), then the objects code, consts, names, localsplusnames,
//! localspluskinds, filename, name, qualname, then a 4-byte firstlineno, then the objects
//! linetable and exceptiontable.

use taipan_bytecode::{CodeFlags, CodeObject, Constant, LocalKind, PyString};

use super::error::ErrorKind;

/// The object fields of a code object, in marshal order.
pub(crate) const FIELDS: usize = 10;
/// After this many object fields comes `firstlineno` (a raw 4-byte int).
pub(crate) const FIELDS_BEFORE_FIRSTLINENO: usize = 8;
/// The fields read straight into their final form when they have the expected type.
pub(crate) const NAMES: usize = 2;
pub(crate) const LOCALSPLUSNAMES: usize = 3;
pub(crate) const LOCALSPLUSKINDS: usize = 4;

/// The five ints before the first object field, as CPython reads them (C `int`s).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    pub argcount: i32,
    pub posonlyargcount: i32,
    pub kwonlyargcount: i32,
    pub stacksize: i32,
    pub flags: i32,
}

/// A tuple read as a code object's `names` or `localsplusnames`: its strings, and how many items
/// it had (more than strings is an error only once the whole code object is read, as CPython
/// checks the other fields first).
#[derive(Debug, Default)]
pub(crate) struct NameList {
    pub items: Vec<PyString>,
    /// Items read, strings or not.
    pub len: usize,
}

/// A code object being read. Each field is a [`Constant`] in `fields`, except `names`,
/// `localsplusnames` and `localspluskinds` when they have the right type: these are read
/// straight into `names` and `kinds` (saving a copy of every name), and `fields` holds a
/// placeholder for them.
#[derive(Debug, Default)]
pub(crate) struct CodeParts {
    pub counts: Counts,
    pub firstlineno: i32,
    pub fields: Vec<Constant>,
    /// `names` and `localsplusnames`, if read as [`NameList`]s.
    pub names: [Option<NameList>; 2],
    pub kinds: Option<Vec<LocalKind>>,
}

impl CodeParts {
    /// The field read next.
    pub(crate) fn next_field(&self) -> usize {
        self.fields.len()
    }
}

/// A `names` or `localsplusnames` field, whichever way it was read.
fn name_field(direct: Option<NameList>, field: Constant) -> Result<NameList, ErrorKind> {
    if let Some(list) = direct {
        return Ok(list);
    }
    let Constant::Tuple(items) = field else {
        return Err(ErrorKind::CodeBadArgument);
    };
    let len = items.len();
    let items = items
        .into_vec()
        .into_iter()
        .filter_map(|item| match item {
            Constant::Str(s) => Some(s),
            _ => None,
        })
        .collect();
    Ok(NameList { items, len })
}

/// The code object made of `parts` (emptying them, so their buffers can be reused), or the
/// error CPython raises for them.
pub(crate) fn build(parts: &mut CodeParts) -> Result<CodeObject, ErrorKind> {
    if parts.fields.len() != FIELDS {
        return Err(ErrorKind::CodeBadArgument);
    }
    let mut fields = parts.fields.drain(..);
    let mut next = || fields.next().unwrap_or(Constant::None);
    let (code, consts, names, localsplusnames, localspluskinds) =
        (next(), next(), next(), next(), next());
    let (filename, name, qualname, linetable, exceptiontable) =
        (next(), next(), next(), next(), next());
    let [direct_names, direct_localsplusnames] = std::mem::take(&mut parts.names);
    let names = name_field(direct_names, names)?;
    let localsplusnames = name_field(direct_localsplusnames, localsplusnames)?;
    let localspluskinds = match (parts.kinds.take(), localspluskinds) {
        (Some(kinds), _) => kinds,
        (None, Constant::Bytes(bytes)) => bytes.iter().map(|&k| LocalKind(k)).collect(),
        (None, _) => return Err(ErrorKind::CodeBadArgument),
    };
    // _PyCode_Validate's first test: one SystemError for any wrong type or count.
    let (
        Constant::Bytes(code),
        Constant::Tuple(consts),
        Constant::Str(filename),
        Constant::Str(name),
        Constant::Str(qualname),
        Constant::Bytes(linetable),
        Constant::Bytes(exceptiontable),
    ) = (
        code,
        consts,
        filename,
        name,
        qualname,
        linetable,
        exceptiontable,
    )
    else {
        return Err(ErrorKind::CodeBadArgument);
    };
    let Counts {
        argcount,
        posonlyargcount,
        kwonlyargcount,
        stacksize,
        flags,
    } = parts.counts;
    if argcount < posonlyargcount
        || posonlyargcount < 0
        || kwonlyargcount < 0
        || stacksize < 0
        || flags < 0
        || localsplusnames.len != localspluskinds.len()
    {
        return Err(ErrorKind::CodeBadArgument);
    }
    if code.len() % 2 != 0 {
        return Err(ErrorKind::CodeMalformed);
    }
    // Enough locals for the arguments; C int arithmetic, which wraps on these machines.
    let nlocals = localspluskinds
        .iter()
        .filter(|kind| kind.is(LocalKind::LOCAL))
        .count() as i32;
    let flag = |bit: CodeFlags| i32::from(CodeFlags(flags as u32).contains(bit));
    let plain = nlocals
        .wrapping_sub(argcount)
        .wrapping_sub(kwonlyargcount)
        .wrapping_sub(flag(CodeFlags::VARARGS))
        .wrapping_sub(flag(CodeFlags::VARKEYWORDS));
    if plain < 0 {
        return Err(ErrorKind::CodeVarnamesTooSmall);
    }
    // _PyCode_New interns the names, then the local names: each must be a str.
    let all_strings = |list: &NameList| list.items.len() == list.len;
    if !all_strings(&names) || !all_strings(&localsplusnames) {
        return Err(ErrorKind::CodeNonString);
    }
    Ok(CodeObject {
        argcount: argcount as u32,
        posonlyargcount: posonlyargcount as u32,
        kwonlyargcount: kwonlyargcount as u32,
        stacksize: stacksize as u32,
        flags: CodeFlags(flags as u32),
        code: code.into_vec(),
        consts: consts.into_vec(),
        names: names.items,
        localsplusnames: localsplusnames.items,
        localspluskinds,
        filename,
        name,
        qualname,
        firstlineno: parts.firstlineno,
        linetable: linetable.into_vec(),
        exceptiontable: exceptiontable.into_vec(),
    })
}
