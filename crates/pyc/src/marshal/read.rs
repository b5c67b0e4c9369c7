//! Reading marshal data: CPython 3.13's `r_object`, as a loop over an explicit stack.
//!
//! Containers being read are [`Frame`]s on a heap-allocated stack, not Rust stack frames, so no
//! input can overflow the stack; nesting deeper than [`MAX_DEPTH`] is CPython's `recursion limit
//! exceeded`.
//!
//! References. CPython keeps a list of the objects stored with `FLAG_REF` and a `r` shares one.
//! A [`Constant`] is a tree, so here a `r` *re-reads* the object's bytes (an object without
//! items at once; a container through a `FrameKind::Replay`, which sends the reader back to
//! them, storing nothing new, then returns): the value is the same, since everything it could
//! refer to was stored before it. The slot numbering is CPython's: an
//! index is taken when the object starts (before its items: `r_ref_reserve`) for containers and
//! code, when it is complete for the others (which have no items, so the order is the same).
//! Because copies are not free, two limits CPython does not need: references may not expand the
//! value past [`MAX_DEPTH`] levels, nor re-read more than [`EXPANSION_LIMIT`] times the data.
//!
//! Code objects are read into [`CodeParts`]; their `names`, `localsplusnames` and
//! `localspluskinds`, when of the expected type, go straight into their final form rather than
//! through a tuple of constants (a third of all the strings in a `.pyc` are such names).

use taipan_bytecode::{Constant, Int, LocalKind, PyString};

use super::code::{self, CodeParts, Counts, NameList};
use super::codes::*;
use super::error::{ErrorKind, MarshalError, NullIn};
use super::hashable::unhashable;
use super::long;
use super::text;

/// References may re-read at most this many times the data's length (plus
/// [`EXPANSION_FLOOR`]) in all. Of CPython 3.13's own standard-library `.pyc` files, none re-reads
/// more than 1.25 times its size (0.32 on average).
pub const EXPANSION_LIMIT: usize = 4;
/// Bytes references may re-read whatever the data's length.
pub const EXPANSION_FLOOR: usize = 1 << 20;

/// CPython refuses to store more objects than this (`index list too large`).
const MAX_SLOTS: usize = 0x7fff_fffe;

/// One entry of the reference list.
#[derive(Clone, Debug)]
enum Slot {
    /// A complete `str`, kept: a reference to it is a shared clone, as CPython hands out the
    /// same object (names repeat across a module's code objects).
    Text(PyString),
    /// Taken by a container or code object still being read. `cyclic`: CPython would hand out
    /// the unfinished object (a tuple, list, dict or set); otherwise it refuses the reference.
    Reserved { cyclic: bool },
    /// A complete object: its bytes are `start..end`; `height` is its nesting depth.
    Done {
        start: usize,
        end: usize,
        height: u32,
    },
}

/// A container being read.
#[derive(Debug)]
struct Frame {
    /// Offset of its type byte.
    start: usize,
    /// Its reference slot, when it was stored with `FLAG_REF` (and not being re-read).
    slot: Option<usize>,
    /// 1 + the greatest height of its items so far.
    height: u32,
    kind: FrameKind,
}

#[derive(Debug)]
enum FrameKind {
    Seq {
        seq: Seq,
        items: Vec<Constant>,
        remaining: usize,
    },
    Dict {
        items: Vec<(Constant, Constant)>,
        /// A key read, waiting for its value (with its offset).
        key: Option<(Constant, usize)>,
    },
    /// A code object: its parts are on top of [`Reader::codes`].
    Code,
    /// A tuple read as the `names` or `localsplusnames` of the code object below.
    Names {
        field: usize,
        list: NameList,
        remaining: usize,
    },
    /// Re-reading a referenced object; afterwards reading resumes at `resume`.
    Replay { resume: usize },
}

#[derive(Clone, Copy, Debug)]
enum Seq {
    Tuple,
    List,
    Set,
    FrozenSet,
}

/// What reading one object's start gave.
enum Item {
    /// A complete value, its height and the offset of its type byte.
    Value(Constant, u32, usize),
    /// `'0'` at this offset.
    Null(usize),
    /// A container (or a replay) was pushed: its items come next.
    Pushed,
}

/// The state of one `loads`.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    slots: Vec<Slot>,
    stack: Vec<Frame>,
    /// Container frames on the stack (replays excluded): the object being read is one deeper.
    depth: usize,
    /// How many replays are under way: while any is, `FLAG_REF` stores nothing.
    replaying: usize,
    /// Bytes references may still re-read.
    budget: usize,
    /// The parts of the code objects being read, innermost last.
    codes: Vec<CodeParts>,
    /// Emptied parts, for their buffers.
    spare_codes: Vec<CodeParts>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Reader<'a> {
        Reader {
            data,
            pos: 0,
            slots: Vec::new(),
            stack: Vec::new(),
            depth: 0,
            replaying: 0,
            budget: data
                .len()
                .saturating_mul(EXPANSION_LIMIT)
                .saturating_add(EXPANSION_FLOOR),
            codes: Vec::new(),
            spare_codes: Vec::new(),
        }
    }

    /// Bytes read so far.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Reads one object (CPython's `read_object`: a NULL at the top is an error).
    pub(crate) fn read_object(&mut self) -> Result<Constant, MarshalError> {
        loop {
            let (mut value, mut height, mut start) = match self.start_object()? {
                Item::Pushed => continue,
                Item::Null(offset) => self.null(offset)?,
                Item::Value(value, height, start) => (value, height, start),
            };
            // Hand the value to the container being read; each container it completes goes to
            // the one below, until one wants more items.
            loop {
                let Some(frame) = self.stack.last_mut() else {
                    return Ok(value);
                };
                match add_item(frame, &mut self.codes, value, height, start)? {
                    Added::NeedMore => break,
                    Added::Complete => {}
                    Added::Replayed(v, h, resume, at) => {
                        self.pos = resume;
                        self.replaying -= 1;
                        self.stack.pop();
                        (value, height, start) = (v, h, at);
                        continue;
                    }
                    Added::FirstLineNo => {
                        let firstlineno = self.read_i32()?;
                        if let Some(parts) = self.codes.last_mut() {
                            parts.firstlineno = firstlineno;
                        }
                        break;
                    }
                }
                (value, height, start) = self.finish()?;
            }
        }
    }

    /// A NULL: it ends a dict (giving the dict, if that completes a value to deliver), and is an
    /// error anywhere else.
    fn null(&mut self, offset: usize) -> Result<(Constant, u32, usize), MarshalError> {
        let place = match self.stack.last().map(|f| &f.kind) {
            None => NullIn::Object,
            Some(
                FrameKind::Seq {
                    seq: Seq::Tuple, ..
                }
                | FrameKind::Names { .. },
            ) => NullIn::Tuple,
            Some(FrameKind::Seq { seq: Seq::List, .. }) => NullIn::List,
            Some(FrameKind::Seq { .. }) => NullIn::Set,
            Some(FrameKind::Code) => NullIn::Code,
            // A NULL key ends the dict; so does a NULL value (the key is dropped, as CPython).
            Some(FrameKind::Dict { .. }) => return self.finish(),
            // Replays re-read complete objects, which hold no stray NULL.
            Some(FrameKind::Replay { .. }) => NullIn::Object,
        };
        Err(MarshalError::new(offset, ErrorKind::Null(place)))
    }

    /// Pops the container on top of the stack, which is complete, and builds its value.
    fn finish(&mut self) -> Result<(Constant, u32, usize), MarshalError> {
        let Some(frame) = self.stack.pop() else {
            return Err(MarshalError::new(self.pos, ErrorKind::EofObject));
        };
        self.depth -= 1;
        let value = match frame.kind {
            FrameKind::Seq { seq, items, .. } => {
                let items = items.into_boxed_slice();
                match seq {
                    Seq::Tuple => Constant::Tuple(items),
                    Seq::List => Constant::List(items),
                    Seq::Set => Constant::Set(items),
                    Seq::FrozenSet => Constant::FrozenSet(items),
                }
            }
            FrameKind::Dict { items, .. } => Constant::Dict(items.into_boxed_slice()),
            FrameKind::Code => {
                let mut parts = self.codes.pop().unwrap_or_default();
                let built = code::build(&mut parts);
                self.spare_codes.push(parts);
                match built {
                    Ok(code) => Constant::Code(Box::new(code)),
                    Err(kind) => return Err(MarshalError::new(frame.start, kind)),
                }
            }
            FrameKind::Names { field, list, .. } => {
                if let Some(parts) = self.codes.last_mut() {
                    parts.names[field - code::NAMES] = Some(list);
                }
                // A placeholder: the code object takes the names from its parts.
                Constant::None
            }
            FrameKind::Replay { .. } => {
                return Err(MarshalError::new(frame.start, ErrorKind::EofObject));
            }
        };
        if let Some(index) = frame.slot {
            self.slots[index] = Slot::Done {
                start: frame.start,
                end: self.pos,
                height: frame.height,
            };
        }
        Ok((value, frame.height, frame.start))
    }

    /// Reads a type byte and what follows it up to the first item of a container.
    fn start_object(&mut self) -> Result<Item, MarshalError> {
        let start = self.pos;
        let Some(&byte) = self.data.get(start) else {
            return Err(MarshalError::new(start, ErrorKind::EofObject));
        };
        self.pos += 1;
        let err = |kind| Err(MarshalError::new(start, kind));
        if self.depth >= MAX_DEPTH {
            return err(ErrorKind::RecursionLimit);
        }
        let flag = byte & FLAG_REF != 0 && self.replaying == 0;
        let value = match byte & !FLAG_REF {
            NULL => return Ok(Item::Null(start)),
            // Singletons are never stored, flag or not.
            NONE => return Ok(Item::Value(Constant::None, 1, start)),
            FALSE => return Ok(Item::Value(Constant::Bool(false), 1, start)),
            TRUE => return Ok(Item::Value(Constant::Bool(true), 1, start)),
            STOPITER => return Ok(Item::Value(Constant::StopIteration, 1, start)),
            ELLIPSIS => return Ok(Item::Value(Constant::Ellipsis, 1, start)),
            INT => Constant::Int(Int::Small(i64::from(self.read_i32()?))),
            INT64 => Constant::Int(Int::Small(i64::from_le_bytes(self.read_array()?))),
            LONG => Constant::Int(self.read_long(start)?),
            BINARY_FLOAT => Constant::Float(f64::from_le_bytes(self.read_array()?)),
            BINARY_COMPLEX => {
                let real = f64::from_le_bytes(self.read_array()?);
                let imag = f64::from_le_bytes(self.read_array()?);
                Constant::Complex { real, imag }
            }
            FLOAT => Constant::Float(self.read_float_text(start)?),
            COMPLEX => {
                let real = self.read_float_text(start)?;
                let imag = self.read_float_text(start)?;
                Constant::Complex { real, imag }
            }
            STRING => {
                let len = self.read_size(start, ErrorKind::BytesSize)?;
                let bytes = self.take(len)?;
                match self.code_field() {
                    Some(code::LOCALSPLUSKINDS) => {
                        let kinds = bytes.iter().map(|&k| LocalKind(k)).collect();
                        if let Some(parts) = self.codes.last_mut() {
                            parts.kinds = Some(kinds);
                        }
                        // A placeholder: the code object takes the kinds from its parts.
                        Constant::None
                    }
                    _ => Constant::Bytes(bytes.into()),
                }
            }
            ASCII | ASCII_INTERNED => {
                let len = self.read_size(start, ErrorKind::StringSize)?;
                Constant::Str(text::decode_latin1(self.take(len)?))
            }
            SHORT_ASCII | SHORT_ASCII_INTERNED => {
                let len = usize::from(self.read_u8()?);
                Constant::Str(text::decode_latin1(self.take(len)?))
            }
            UNICODE | INTERNED => {
                let len = self.read_size(start, ErrorKind::StringSize)?;
                let at = self.pos;
                let bytes = self.take(len)?;
                match text::decode_utf8(bytes) {
                    Ok(s) => Constant::Str(s),
                    Err(kind) => {
                        let offset = match kind {
                            ErrorKind::Utf8 { start, .. } => at + start,
                            _ => at,
                        };
                        return Err(MarshalError::new(offset, kind));
                    }
                }
            }
            SMALL_TUPLE => {
                let len = usize::from(self.read_u8()?);
                return self.start_tuple(start, flag, len);
            }
            TUPLE => {
                let len = self.read_size(start, ErrorKind::TupleSize)?;
                return self.start_tuple(start, flag, len);
            }
            LIST => {
                let len = self.read_size(start, ErrorKind::ListSize)?;
                return self.start_seq(start, flag, Seq::List, len);
            }
            SET | FROZENSET => {
                let len = self.read_size(start, ErrorKind::SetSize)?;
                let seq = if byte & !FLAG_REF == SET {
                    Seq::Set
                } else {
                    Seq::FrozenSet
                };
                return self.start_seq(start, flag, seq, len);
            }
            DICT => {
                let slot = self.reserve(start, flag, true)?;
                self.push(
                    start,
                    slot,
                    FrameKind::Dict {
                        items: Vec::new(),
                        key: None,
                    },
                );
                return Ok(Item::Pushed);
            }
            CODE => {
                let slot = self.reserve(start, flag, false)?;
                let counts = Counts {
                    argcount: self.read_i32()?,
                    posonlyargcount: self.read_i32()?,
                    kwonlyargcount: self.read_i32()?,
                    stacksize: self.read_i32()?,
                    flags: self.read_i32()?,
                };
                let mut parts = self.spare_codes.pop().unwrap_or_default();
                parts.counts = counts;
                parts.firstlineno = 0;
                self.codes.push(parts);
                self.push(start, slot, FrameKind::Code);
                return Ok(Item::Pushed);
            }
            REF => return self.start_ref(start),
            _ => return err(ErrorKind::UnknownType(byte)),
        };
        if flag {
            match &value {
                Constant::Str(text) => self.store_text(start, text.clone())?,
                _ => self.store(start)?,
            }
        }
        Ok(Item::Value(value, 1, start))
    }

    /// The field of a code object read next, if the object being read is one.
    fn code_field(&self) -> Option<usize> {
        match self.stack.last() {
            Some(Frame {
                kind: FrameKind::Code,
                ..
            }) => self.codes.last().map(CodeParts::next_field),
            _ => None,
        }
    }

    /// A tuple: as a code object's names, straight into strings, or as any tuple.
    fn start_tuple(&mut self, start: usize, flag: bool, len: usize) -> Result<Item, MarshalError> {
        let field = match self.code_field() {
            Some(field @ (code::NAMES | code::LOCALSPLUSNAMES)) => field,
            _ => return self.start_seq(start, flag, Seq::Tuple, len),
        };
        let slot = self.reserve(start, flag, true)?;
        let capacity = len.min(self.data.len() - self.pos);
        let list = NameList {
            items: Vec::with_capacity(capacity),
            len: 0,
        };
        self.push(
            start,
            slot,
            FrameKind::Names {
                field,
                list,
                remaining: len,
            },
        );
        if len > 0 {
            return Ok(Item::Pushed);
        }
        let (value, height, start) = self.finish()?;
        Ok(Item::Value(value, height, start))
    }

    /// A tuple, list, set or frozenset of `len` items: complete at once when empty.
    fn start_seq(
        &mut self,
        start: usize,
        flag: bool,
        seq: Seq,
        len: usize,
    ) -> Result<Item, MarshalError> {
        let slot = self.reserve(start, flag, !matches!(seq, Seq::FrozenSet))?;
        // Every item takes at least a byte: never reserve more than the data could hold.
        let capacity = len.min(self.data.len() - self.pos);
        self.push(
            start,
            slot,
            FrameKind::Seq {
                seq,
                items: Vec::with_capacity(capacity),
                remaining: len,
            },
        );
        if len > 0 {
            return Ok(Item::Pushed);
        }
        let (value, height, start) = self.finish()?;
        Ok(Item::Value(value, height, start))
    }

    /// `r`: re-reads the referenced object's bytes.
    fn start_ref(&mut self, start: usize) -> Result<Item, MarshalError> {
        let index = self.read_i32()?;
        let err = |kind| Err(MarshalError::new(start, kind));
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| self.slots.get(i).cloned());
        match slot {
            Some(Slot::Text(text)) => Ok(Item::Value(Constant::Str(text), 1, start)),
            None | Some(Slot::Reserved { cyclic: false }) => err(ErrorKind::InvalidReference),
            Some(Slot::Reserved { cyclic: true }) => err(ErrorKind::TaipanRecursiveReference),
            Some(Slot::Done {
                start: from,
                end,
                height,
            }) => {
                if self.depth + height as usize > MAX_DEPTH {
                    return err(ErrorKind::TaipanTooDeep);
                }
                let Some(budget) = self.budget.checked_sub(end - from) else {
                    return err(ErrorKind::TaipanTooLarge);
                };
                self.budget = budget;
                let kind = self.data.get(from).map_or(NULL, |&b| b & !FLAG_REF);
                if height == 1 && kind != DICT && kind != CODE {
                    // Nothing inside (a string, a number, an empty tuple...): read it here, with
                    // no replay frame. It reads as it did, so it cannot fail or be a container.
                    let resume = self.pos;
                    self.pos = from;
                    self.replaying += 1;
                    let item = self.start_object();
                    self.replaying -= 1;
                    self.pos = resume;
                    return match item? {
                        Item::Value(value, height, _) => Ok(Item::Value(value, height, start)),
                        _ => err(ErrorKind::InvalidReference),
                    };
                }
                self.stack.push(Frame {
                    start,
                    slot: None,
                    height: 1,
                    kind: FrameKind::Replay { resume: self.pos },
                });
                self.replaying += 1;
                self.pos = from;
                Ok(Item::Pushed)
            }
        }
    }

    fn push(&mut self, start: usize, slot: Option<usize>, kind: FrameKind) {
        self.stack.push(Frame {
            start,
            slot,
            height: 1,
            kind,
        });
        self.depth += 1;
    }

    /// Takes a slot for a container or code object about to be read, if flagged.
    fn reserve(
        &mut self,
        start: usize,
        flag: bool,
        cyclic: bool,
    ) -> Result<Option<usize>, MarshalError> {
        if !flag {
            return Ok(None);
        }
        let index = self.slots.len();
        if index >= MAX_SLOTS {
            return Err(MarshalError::new(start, ErrorKind::IndexListTooLarge));
        }
        self.slots.push(Slot::Reserved { cyclic });
        Ok(Some(index))
    }

    /// Stores a complete `str`.
    fn store_text(&mut self, start: usize, text: PyString) -> Result<(), MarshalError> {
        if self.slots.len() >= MAX_SLOTS {
            return Err(MarshalError::new(start, ErrorKind::IndexListTooLarge));
        }
        self.slots.push(Slot::Text(text));
        Ok(())
    }

    /// Stores a complete value without items (its bytes end here).
    fn store(&mut self, start: usize) -> Result<(), MarshalError> {
        if self.slots.len() >= MAX_SLOTS {
            return Err(MarshalError::new(start, ErrorKind::IndexListTooLarge));
        }
        self.slots.push(Slot::Done {
            start,
            end: self.pos,
            height: 1,
        });
        Ok(())
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], MarshalError> {
        let data: &'a [u8] = self.data;
        match data.get(self.pos..).and_then(|rest| rest.get(..len)) {
            Some(bytes) => {
                self.pos += len;
                Ok(bytes)
            }
            None => Err(MarshalError::new(self.pos, ErrorKind::TooShort)),
        }
    }

    fn read_array<const N: usize>(&mut self) -> Result<[u8; N], MarshalError> {
        let bytes = self.take(N)?;
        let mut array = [0; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    fn read_i32(&mut self) -> Result<i32, MarshalError> {
        Ok(i32::from_le_bytes(self.read_array()?))
    }

    /// A length byte (`z`, `)`, a text float): the end of the data here is CPython's `EOF read
    /// where not expected`.
    fn read_u8(&mut self) -> Result<u8, MarshalError> {
        let Some(&byte) = self.data.get(self.pos) else {
            return Err(MarshalError::new(self.pos, ErrorKind::EofNotExpected));
        };
        self.pos += 1;
        Ok(byte)
    }

    /// A 4-byte size: negative is `out_of_range`, reported at the object's type byte.
    fn read_size(&mut self, start: usize, out_of_range: ErrorKind) -> Result<usize, MarshalError> {
        let size = self.read_i32()?;
        usize::try_from(size).map_err(|_| MarshalError::new(start, out_of_range))
    }

    /// `l`, after its type byte.
    fn read_long(&mut self, start: usize) -> Result<Int, MarshalError> {
        let count = self.read_i32()?;
        if count == i32::MIN {
            return Err(MarshalError::new(start, ErrorKind::LongSize));
        }
        let digits = count.unsigned_abs() as usize;
        let at = self.pos;
        let rest = &self.data[at..];
        let available = &rest[..rest.len().min(digits.saturating_mul(2))];
        let value = long::read_digits(available, digits, count < 0)
            .map_err(|(offset, kind)| MarshalError::new(at + offset, kind))?;
        self.pos += 2 * digits;
        Ok(value)
    }

    /// `f`/`x`'s text float: a length byte, then text (CPython stops at a NUL, then wants the
    /// whole text to be a float as `float()` spells one, without spaces or underscores).
    fn read_float_text(&mut self, start: usize) -> Result<f64, MarshalError> {
        let len = usize::from(self.read_u8()?);
        let bytes = self.take(len)?;
        let text = match bytes.iter().position(|&b| b == 0) {
            Some(nul) => &bytes[..nul],
            None => bytes,
        };
        let parsed = std::str::from_utf8(text)
            .ok()
            .filter(|t| t.bytes().all(|b| b.is_ascii_graphic()) && !t.contains('_'))
            .and_then(|t| t.parse::<f64>().ok());
        parsed.ok_or_else(|| {
            let shown = String::from_utf8_lossy(&text[..text.len().min(200)]).into_owned();
            MarshalError::new(start, ErrorKind::FloatText(shown))
        })
    }
}

/// What adding an item to a frame did.
enum Added {
    NeedMore,
    /// The frame has all its items: pop it.
    Complete,
    /// A code object wants its `firstlineno` read now.
    FirstLineNo,
    /// A replay ended: the value, its height, where reading resumes, and the offset of the `r`.
    Replayed(Constant, u32, usize, usize),
}

/// Adds `value` (of `height`, read at `start`) to `frame`.
fn add_item(
    frame: &mut Frame,
    codes: &mut [CodeParts],
    value: Constant,
    height: u32,
    start: usize,
) -> Result<Added, MarshalError> {
    frame.height = frame.height.max(height + 1);
    match &mut frame.kind {
        FrameKind::Seq {
            seq,
            items,
            remaining,
        } => {
            if matches!(seq, Seq::Set | Seq::FrozenSet)
                && let Some(type_name) = unhashable(&value)
            {
                return Err(MarshalError::new(start, ErrorKind::Unhashable(type_name)));
            }
            items.push(value);
            *remaining -= 1;
            Ok(if *remaining == 0 {
                Added::Complete
            } else {
                Added::NeedMore
            })
        }
        FrameKind::Dict { items, key } => {
            match key.take() {
                None => *key = Some((value, start)),
                Some((key, key_start)) => {
                    if let Some(type_name) = unhashable(&key) {
                        return Err(MarshalError::new(
                            key_start,
                            ErrorKind::Unhashable(type_name),
                        ));
                    }
                    items.push((key, value));
                }
            }
            Ok(Added::NeedMore)
        }
        FrameKind::Names {
            list, remaining, ..
        } => {
            if let Constant::Str(s) = value {
                list.items.push(s);
            }
            list.len += 1;
            *remaining -= 1;
            Ok(if *remaining == 0 {
                Added::Complete
            } else {
                Added::NeedMore
            })
        }
        FrameKind::Code => {
            let Some(parts) = codes.last_mut() else {
                return Err(MarshalError::new(frame.start, ErrorKind::CodeBadArgument));
            };
            parts.fields.push(value);
            Ok(match parts.fields.len() {
                code::FIELDS_BEFORE_FIRSTLINENO => Added::FirstLineNo,
                code::FIELDS => Added::Complete,
                _ => Added::NeedMore,
            })
        }
        FrameKind::Replay { resume } => Ok(Added::Replayed(value, height, *resume, frame.start)),
    }
}
