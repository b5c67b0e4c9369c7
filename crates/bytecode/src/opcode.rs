//! CPython 3.13.0's instruction set: **the one table** of opcode facts.
//!
//! Every opcode CPython 3.13 defines (real, specialized, instrumented and the compiler's pseudo
//! instructions) appears exactly once in [`table!`] below, with its number, name, kind, flags,
//! inline-cache layout and stack effect. Everything else in Taipan (the disassembler, the
//! compiler's assembler, the VM's dispatch) asks [`Opcode`]; nothing repeats these facts.
//!
//! The stack effect is given as CPython's metadata gives it (`_PyOpcode_num_popped` and
//! `_PyOpcode_num_pushed`), as two formulas in the oparg, because CPython's `stack_effect`
//! refuses an oparg for which either count is negative. The test `opcode_facts` (in the
//! `taipan-snapshots` crate) compares this table with the oracle's `opcode`, `dis` and
//! `_opcode.stack_effect` for a range of opargs, jump and no-jump.

/// An opcode number: `0..=254` are real (executable) instructions, `256..` the compiler's pseudo
/// instructions, which never appear in `co_code`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Opcode(u16);

/// What kind of opcode a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpcodeKind {
    /// An instruction the compiler emits and `co_code` holds.
    Base,
    /// A specialized (quickened) form of a base instruction; `co_code` shows the base form.
    Specialized,
    /// An instruction the monitoring machinery (`sys.monitoring`) substitutes at run time.
    Instrumented,
    /// A compiler pseudo instruction, replaced before assembly (numbers 256 and up).
    Pseudo,
}

/// How an instruction's oparg names a jump target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JumpKind {
    /// Not a jump.
    None,
    /// Target = next instruction (after its caches) + oparg code units.
    Forward,
    /// Target = next instruction (after its caches) − oparg code units.
    Backward,
    /// A pseudo `SETUP_*` instruction: the oparg is an exception handler (a label).
    Handler,
}

/// Boolean facts about an opcode: the `dis.has*` lists.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OpFlags(u16);

impl OpFlags {
    /// Takes an oparg (`dis.hasarg`).
    pub const ARG: OpFlags = OpFlags(1);
    /// The oparg indexes `co_consts` (`dis.hasconst`).
    pub const CONST: OpFlags = OpFlags(1 << 1);
    /// The oparg indexes `co_names` (`dis.hasname`), possibly shifted by flag bits.
    pub const NAME: OpFlags = OpFlags(1 << 2);
    /// The oparg indexes the localsplus variables (`dis.haslocal`).
    pub const LOCAL: OpFlags = OpFlags(1 << 3);
    /// The oparg indexes a cell or free variable in localsplus (`dis.hasfree`).
    pub const FREE: OpFlags = OpFlags(1 << 4);
    /// A jump (`dis.hasjump`).
    pub const JUMP: OpFlags = OpFlags(1 << 5);
    /// A comparison (`dis.hascompare`).
    pub const COMPARE: OpFlags = OpFlags(1 << 6);
    /// Sets up an exception handler (`dis.hasexc`).
    pub const EXC: OpFlags = OpFlags(1 << 7);

    pub const fn union(self, other: OpFlags) -> OpFlags {
        OpFlags(self.0 | other.0)
    }

    pub const fn contains(self, other: OpFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for OpFlags {
    type Output = OpFlags;
    fn bitor(self, rhs: OpFlags) -> OpFlags {
        self.union(rhs)
    }
}

impl std::fmt::Debug for OpFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OpFlags({:#x})", self.0)
    }
}

/// One named field of an instruction's inline cache, `size` code units long (`dis`'s
/// `_cache_format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CacheEntry {
    pub name: &'static str,
    pub size: u8,
}

/// Why [`Opcode::stack_effect`] has no answer: the same cases as CPython's
/// `_opcode.stack_effect` raising `ValueError("invalid opcode or oparg")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StackEffectError {
    /// Not an opcode, a specialized opcode, or `INSTRUMENTED_LINE`.
    InvalidOpcode,
    /// The oparg makes the number of popped or pushed values negative.
    InvalidOparg,
}

impl std::fmt::Display for StackEffectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid opcode or oparg")
    }
}

impl std::error::Error for StackEffectError {}

/// Everything the table knows about one opcode.
struct Info {
    name: &'static str,
    kind: OpcodeKind,
    flags: OpFlags,
    jump: JumpKind,
    cache: &'static [CacheEntry],
    /// For a specialized opcode, its base; else itself.
    base: u16,
}

const A: OpFlags = OpFlags::ARG;
const CONST: OpFlags = OpFlags::ARG.union(OpFlags::CONST);
const NAME: OpFlags = OpFlags::ARG.union(OpFlags::NAME);
const LOCAL: OpFlags = OpFlags::ARG.union(OpFlags::LOCAL);
const FREE: OpFlags = OpFlags::ARG.union(OpFlags::FREE);
const JUMP: OpFlags = OpFlags::ARG.union(OpFlags::JUMP);
const COMPARE: OpFlags = OpFlags::ARG.union(OpFlags::COMPARE);
const EXC: OpFlags = OpFlags::ARG.union(OpFlags::EXC);
const NONE: OpFlags = OpFlags(0);

macro_rules! caches {
    ($($field:ident : $size:literal),*) => {
        &[$(CacheEntry { name: stringify!($field), size: $size }),*]
    };
}

/// The table. Each row: `NAME = number, kind, flags, jump kind, [cache fields],
/// |oparg| (popped, pushed)` — or, for a pseudo instruction whose effect differs when it jumps,
/// `|oparg, jump| …`. Specialized rows name their base instead of an effect.
macro_rules! table {
    (
        base { $($name:ident = $num:literal, $kind:ident, $flags:expr, $jump:ident, [$($cf:ident : $cs:literal),*], |$o:ident, $j:ident| $effect:expr;)* }
        specialized { $($sname:ident = $snum:literal => $sbase:ident;)* }
    ) => {
        #[allow(non_upper_case_globals)]
        impl Opcode {
            $(pub const $name: Opcode = Opcode($num);)*
            $(pub const $sname: Opcode = Opcode($snum);)*
        }

        fn info_of(number: u16) -> Option<Info> {
            Some(match number {
                $($num => Info {
                    name: stringify!($name),
                    kind: OpcodeKind::$kind,
                    flags: $flags,
                    jump: JumpKind::$jump,
                    cache: caches!($($cf : $cs),*),
                    base: $num,
                },)*
                $($snum => {
                    let base = info_of($sbase)?;
                    Info {
                        name: stringify!($sname),
                        kind: OpcodeKind::Specialized,
                        flags: base.flags,
                        jump: base.jump,
                        cache: base.cache,
                        base: $sbase,
                    }
                })*
                _ => return None,
            })
        }

        fn effect_of(number: u16, oparg: i32, jump: bool) -> Option<(i32, i32)> {
            match number {
                $($num => {
                    let $o = oparg;
                    let $j = jump;
                    let _ = (&$o, &$j);
                    $effect
                })*
                _ => None,
            }
        }
    };
}

// Base numbers, named so that the specialized rows can refer to them.
const BINARY_OP: u16 = 45;
const BINARY_SUBSCR: u16 = 5;
const CALL: u16 = 53;
const COMPARE_OP: u16 = 58;
const CONTAINS_OP: u16 = 59;
const FOR_ITER: u16 = 72;
const LOAD_ATTR: u16 = 82;
const LOAD_GLOBAL: u16 = 91;
const LOAD_SUPER_ATTR: u16 = 93;
const RESUME: u16 = 149;
const SEND: u16 = 104;
const STORE_ATTR: u16 = 108;
const STORE_SUBSCR: u16 = 39;
const TO_BOOL: u16 = 40;
const UNPACK_SEQUENCE: u16 = 117;

/// `(popped, pushed)` that does not depend on the oparg.
const fn fixed(popped: i32, pushed: i32) -> Option<(i32, i32)> {
    Some((popped, pushed))
}

table! {
    base {
        CACHE = 0, Base, NONE, None, [], |o, j| fixed(0, 0);
        BEFORE_ASYNC_WITH = 1, Base, NONE, None, [], |o, j| fixed(1, 2);
        BEFORE_WITH = 2, Base, NONE, None, [], |o, j| fixed(1, 2);
        BINARY_SLICE = 4, Base, NONE, None, [], |o, j| fixed(3, 1);
        BINARY_SUBSCR = 5, Base, NONE, None, [counter: 1], |o, j| fixed(2, 1);
        CHECK_EG_MATCH = 6, Base, NONE, None, [], |o, j| fixed(2, 2);
        CHECK_EXC_MATCH = 7, Base, NONE, None, [], |o, j| fixed(2, 2);
        CLEANUP_THROW = 8, Base, NONE, None, [], |o, j| fixed(3, 2);
        DELETE_SUBSCR = 9, Base, NONE, None, [], |o, j| fixed(2, 0);
        END_ASYNC_FOR = 10, Base, NONE, None, [], |o, j| fixed(2, 0);
        END_FOR = 11, Base, NONE, None, [], |o, j| fixed(1, 0);
        END_SEND = 12, Base, NONE, None, [], |o, j| fixed(2, 1);
        EXIT_INIT_CHECK = 13, Base, NONE, None, [], |o, j| fixed(1, 0);
        FORMAT_SIMPLE = 14, Base, NONE, None, [], |o, j| fixed(1, 1);
        FORMAT_WITH_SPEC = 15, Base, NONE, None, [], |o, j| fixed(2, 1);
        GET_AITER = 16, Base, NONE, None, [], |o, j| fixed(1, 1);
        RESERVED = 17, Base, NONE, None, [], |o, j| fixed(0, 0);
        GET_ANEXT = 18, Base, NONE, None, [], |o, j| fixed(1, 2);
        GET_ITER = 19, Base, NONE, None, [], |o, j| fixed(1, 1);
        GET_LEN = 20, Base, NONE, None, [], |o, j| fixed(1, 2);
        GET_YIELD_FROM_ITER = 21, Base, NONE, None, [], |o, j| fixed(1, 1);
        INTERPRETER_EXIT = 22, Base, NONE, None, [], |o, j| fixed(1, 0);
        LOAD_ASSERTION_ERROR = 23, Base, NONE, None, [], |o, j| fixed(0, 1);
        LOAD_BUILD_CLASS = 24, Base, NONE, None, [], |o, j| fixed(0, 1);
        LOAD_LOCALS = 25, Base, NONE, None, [], |o, j| fixed(0, 1);
        MAKE_FUNCTION = 26, Base, NONE, None, [], |o, j| fixed(1, 1);
        MATCH_KEYS = 27, Base, NONE, None, [], |o, j| fixed(2, 3);
        MATCH_MAPPING = 28, Base, NONE, None, [], |o, j| fixed(1, 2);
        MATCH_SEQUENCE = 29, Base, NONE, None, [], |o, j| fixed(1, 2);
        NOP = 30, Base, NONE, None, [], |o, j| fixed(0, 0);
        POP_EXCEPT = 31, Base, NONE, None, [], |o, j| fixed(1, 0);
        POP_TOP = 32, Base, NONE, None, [], |o, j| fixed(1, 0);
        PUSH_EXC_INFO = 33, Base, NONE, None, [], |o, j| fixed(1, 2);
        PUSH_NULL = 34, Base, NONE, None, [], |o, j| fixed(0, 1);
        RETURN_GENERATOR = 35, Base, NONE, None, [], |o, j| fixed(0, 1);
        RETURN_VALUE = 36, Base, NONE, None, [], |o, j| fixed(1, 0);
        SETUP_ANNOTATIONS = 37, Base, NONE, None, [], |o, j| fixed(0, 0);
        STORE_SLICE = 38, Base, NONE, None, [], |o, j| fixed(4, 0);
        STORE_SUBSCR = 39, Base, NONE, None, [counter: 1], |o, j| fixed(3, 0);
        TO_BOOL = 40, Base, NONE, None, [counter: 1, version: 2], |o, j| fixed(1, 1);
        UNARY_INVERT = 41, Base, NONE, None, [], |o, j| fixed(1, 1);
        UNARY_NEGATIVE = 42, Base, NONE, None, [], |o, j| fixed(1, 1);
        UNARY_NOT = 43, Base, NONE, None, [], |o, j| fixed(1, 1);
        // Numbered at HAVE_ARGUMENT, but CPython 3.13 gives it no oparg (not in `dis.hasarg`).
        WITH_EXCEPT_START = 44, Base, NONE, None, [], |o, j| fixed(4, 5);
        BINARY_OP = 45, Base, A, None, [counter: 1], |o, j| fixed(2, 1);
        BUILD_CONST_KEY_MAP = 46, Base, A, None, [], |o, j| Some((o.wrapping_add(1), 1));
        BUILD_LIST = 47, Base, A, None, [], |o, j| Some((o, 1));
        BUILD_MAP = 48, Base, A, None, [], |o, j| Some((o.wrapping_mul(2), 1));
        BUILD_SET = 49, Base, A, None, [], |o, j| Some((o, 1));
        BUILD_SLICE = 50, Base, A, None, [], |o, j| Some((2 + i32::from(o == 3), 1));
        BUILD_STRING = 51, Base, A, None, [], |o, j| Some((o, 1));
        BUILD_TUPLE = 52, Base, A, None, [], |o, j| Some((o, 1));
        CALL = 53, Base, A, None, [counter: 1, func_version: 2], |o, j| Some((o.wrapping_add(2), 1));
        CALL_FUNCTION_EX = 54, Base, A, None, [], |o, j| Some((3 + (o & 1), 1));
        CALL_INTRINSIC_1 = 55, Base, A, None, [], |o, j| fixed(1, 1);
        CALL_INTRINSIC_2 = 56, Base, A, None, [], |o, j| fixed(2, 1);
        CALL_KW = 57, Base, A, None, [], |o, j| Some((o.wrapping_add(3), 1));
        COMPARE_OP = 58, Base, COMPARE, None, [counter: 1], |o, j| fixed(2, 1);
        CONTAINS_OP = 59, Base, A, None, [counter: 1], |o, j| fixed(2, 1);
        CONVERT_VALUE = 60, Base, A, None, [], |o, j| fixed(1, 1);
        COPY = 61, Base, A, None, [], |o, j| Some((o, o.wrapping_add(1)));
        COPY_FREE_VARS = 62, Base, A, None, [], |o, j| fixed(0, 0);
        DELETE_ATTR = 63, Base, NAME, None, [], |o, j| fixed(1, 0);
        DELETE_DEREF = 64, Base, FREE, None, [], |o, j| fixed(0, 0);
        DELETE_FAST = 65, Base, LOCAL, None, [], |o, j| fixed(0, 0);
        DELETE_GLOBAL = 66, Base, NAME, None, [], |o, j| fixed(0, 0);
        DELETE_NAME = 67, Base, NAME, None, [], |o, j| fixed(0, 0);
        DICT_MERGE = 68, Base, A, None, [], |o, j| Some((o.wrapping_add(4), o.wrapping_add(3)));
        DICT_UPDATE = 69, Base, A, None, [], |o, j| Some((o.wrapping_add(1), o));
        ENTER_EXECUTOR = 70, Base, A, None, [], |o, j| fixed(0, 0);
        EXTENDED_ARG = 71, Base, A, None, [], |o, j| fixed(0, 0);
        FOR_ITER = 72, Base, JUMP, Forward, [counter: 1], |o, j| fixed(1, 2);
        GET_AWAITABLE = 73, Base, A, None, [], |o, j| fixed(1, 1);
        IMPORT_FROM = 74, Base, NAME, None, [], |o, j| fixed(1, 2);
        IMPORT_NAME = 75, Base, NAME, None, [], |o, j| fixed(2, 1);
        IS_OP = 76, Base, A, None, [], |o, j| fixed(2, 1);
        JUMP_BACKWARD = 77, Base, JUMP, Backward, [counter: 1], |o, j| fixed(0, 0);
        JUMP_BACKWARD_NO_INTERRUPT = 78, Base, JUMP, Backward, [], |o, j| fixed(0, 0);
        JUMP_FORWARD = 79, Base, JUMP, Forward, [], |o, j| fixed(0, 0);
        LIST_APPEND = 80, Base, A, None, [], |o, j| Some((o.wrapping_add(1), o));
        LIST_EXTEND = 81, Base, A, None, [], |o, j| Some((o.wrapping_add(1), o));
        LOAD_ATTR = 82, Base, NAME, None, [counter: 1, version: 2, keys_version: 2, descr: 4], |o, j| Some((1, 1 + (o & 1)));
        LOAD_CONST = 83, Base, CONST, None, [], |o, j| fixed(0, 1);
        LOAD_DEREF = 84, Base, FREE, None, [], |o, j| fixed(0, 1);
        LOAD_FAST = 85, Base, LOCAL, None, [], |o, j| fixed(0, 1);
        LOAD_FAST_AND_CLEAR = 86, Base, LOCAL, None, [], |o, j| fixed(0, 1);
        LOAD_FAST_CHECK = 87, Base, LOCAL, None, [], |o, j| fixed(0, 1);
        LOAD_FAST_LOAD_FAST = 88, Base, LOCAL, None, [], |o, j| fixed(0, 2);
        LOAD_FROM_DICT_OR_DEREF = 89, Base, FREE, None, [], |o, j| fixed(1, 1);
        LOAD_FROM_DICT_OR_GLOBALS = 90, Base, NAME, None, [], |o, j| fixed(1, 1);
        LOAD_GLOBAL = 91, Base, NAME, None, [counter: 1, index: 1, module_keys_version: 1, builtin_keys_version: 1], |o, j| Some((0, 1 + (o & 1)));
        LOAD_NAME = 92, Base, NAME, None, [], |o, j| fixed(0, 1);
        LOAD_SUPER_ATTR = 93, Base, NAME, None, [counter: 1], |o, j| Some((3, 1 + (o & 1)));
        MAKE_CELL = 94, Base, FREE, None, [], |o, j| fixed(0, 0);
        MAP_ADD = 95, Base, A, None, [], |o, j| Some((o.wrapping_add(2), o));
        MATCH_CLASS = 96, Base, A, None, [], |o, j| fixed(3, 1);
        POP_JUMP_IF_FALSE = 97, Base, JUMP, Forward, [counter: 1], |o, j| fixed(1, 0);
        POP_JUMP_IF_NONE = 98, Base, JUMP, Forward, [counter: 1], |o, j| fixed(1, 0);
        POP_JUMP_IF_NOT_NONE = 99, Base, JUMP, Forward, [counter: 1], |o, j| fixed(1, 0);
        POP_JUMP_IF_TRUE = 100, Base, JUMP, Forward, [counter: 1], |o, j| fixed(1, 0);
        RAISE_VARARGS = 101, Base, A, None, [], |o, j| Some((o, 0));
        RERAISE = 102, Base, A, None, [], |o, j| Some((o.wrapping_add(1), o));
        RETURN_CONST = 103, Base, CONST, None, [], |o, j| fixed(0, 0);
        SEND = 104, Base, JUMP, Forward, [counter: 1], |o, j| fixed(2, 2);
        SET_ADD = 105, Base, A, None, [], |o, j| Some((o.wrapping_add(1), o));
        SET_FUNCTION_ATTRIBUTE = 106, Base, A, None, [], |o, j| fixed(2, 1);
        SET_UPDATE = 107, Base, A, None, [], |o, j| Some((o.wrapping_add(1), o));
        STORE_ATTR = 108, Base, NAME, None, [counter: 1, version: 2, index: 1], |o, j| fixed(2, 0);
        STORE_DEREF = 109, Base, FREE, None, [], |o, j| fixed(1, 0);
        STORE_FAST = 110, Base, LOCAL, None, [], |o, j| fixed(1, 0);
        STORE_FAST_LOAD_FAST = 111, Base, LOCAL, None, [], |o, j| fixed(1, 1);
        STORE_FAST_STORE_FAST = 112, Base, LOCAL, None, [], |o, j| fixed(2, 0);
        STORE_GLOBAL = 113, Base, NAME, None, [], |o, j| fixed(1, 0);
        STORE_NAME = 114, Base, NAME, None, [], |o, j| fixed(1, 0);
        SWAP = 115, Base, A, None, [], |o, j| Some((o, o));
        UNPACK_EX = 116, Base, A, None, [], |o, j| Some((1, (o & 0xFF).wrapping_add(o >> 8).wrapping_add(1)));
        UNPACK_SEQUENCE = 117, Base, A, None, [counter: 1], |o, j| Some((1, o));
        YIELD_VALUE = 118, Base, A, None, [], |o, j| fixed(1, 1);
        RESUME = 149, Base, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_RESUME = 236, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_END_FOR = 237, Instrumented, NONE, None, [], |o, j| fixed(2, 1);
        INSTRUMENTED_END_SEND = 238, Instrumented, NONE, None, [], |o, j| fixed(2, 1);
        INSTRUMENTED_RETURN_VALUE = 239, Instrumented, NONE, None, [], |o, j| fixed(1, 0);
        INSTRUMENTED_RETURN_CONST = 240, Instrumented, CONST, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_YIELD_VALUE = 241, Instrumented, A, None, [], |o, j| fixed(1, 1);
        INSTRUMENTED_LOAD_SUPER_ATTR = 242, Instrumented, A, None, [], |o, j| Some((3, 1 + (o & 1)));
        INSTRUMENTED_FOR_ITER = 243, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_CALL = 244, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_CALL_KW = 245, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_CALL_FUNCTION_EX = 246, Instrumented, NONE, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_INSTRUCTION = 247, Instrumented, NONE, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_JUMP_FORWARD = 248, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_JUMP_BACKWARD = 249, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_POP_JUMP_IF_TRUE = 250, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_POP_JUMP_IF_FALSE = 251, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_POP_JUMP_IF_NONE = 252, Instrumented, A, None, [], |o, j| fixed(0, 0);
        INSTRUMENTED_POP_JUMP_IF_NOT_NONE = 253, Instrumented, A, None, [], |o, j| fixed(0, 0);
        // CPython's metadata gives it no stack effect (`_opcode.stack_effect` refuses it).
        INSTRUMENTED_LINE = 254, Instrumented, NONE, None, [], |o, j| None;
        JUMP = 256, Pseudo, JUMP, Forward, [], |o, j| fixed(0, 0);
        JUMP_NO_INTERRUPT = 257, Pseudo, JUMP, Forward, [], |o, j| fixed(0, 0);
        LOAD_CLOSURE = 258, Pseudo, LOCAL, None, [], |o, j| fixed(0, 1);
        LOAD_METHOD = 259, Pseudo, NAME, None, [], |o, j| fixed(1, 2);
        LOAD_SUPER_METHOD = 260, Pseudo, NAME, None, [], |o, j| fixed(3, 2);
        // CPython declares the pseudo forms with the effect of the method form.
        LOAD_ZERO_SUPER_ATTR = 261, Pseudo, NAME, None, [], |o, j| fixed(3, 2);
        LOAD_ZERO_SUPER_METHOD = 262, Pseudo, NAME, None, [], |o, j| fixed(3, 2);
        POP_BLOCK = 263, Pseudo, NONE, None, [], |o, j| fixed(0, 0);
        // The handler is entered with the stack as it was plus the pushed values.
        SETUP_CLEANUP = 264, Pseudo, EXC, Handler, [], |o, j| fixed(0, if j { 2 } else { 0 });
        SETUP_FINALLY = 265, Pseudo, EXC, Handler, [], |o, j| fixed(0, if j { 1 } else { 0 });
        SETUP_WITH = 266, Pseudo, EXC, Handler, [], |o, j| fixed(0, if j { 1 } else { 0 });
        STORE_FAST_MAYBE_NULL = 267, Pseudo, LOCAL, None, [], |o, j| fixed(1, 0);
    }
    specialized {
        BINARY_OP_INPLACE_ADD_UNICODE = 3 => BINARY_OP;
        BINARY_OP_ADD_FLOAT = 150 => BINARY_OP;
        BINARY_OP_ADD_INT = 151 => BINARY_OP;
        BINARY_OP_ADD_UNICODE = 152 => BINARY_OP;
        BINARY_OP_MULTIPLY_FLOAT = 153 => BINARY_OP;
        BINARY_OP_MULTIPLY_INT = 154 => BINARY_OP;
        BINARY_OP_SUBTRACT_FLOAT = 155 => BINARY_OP;
        BINARY_OP_SUBTRACT_INT = 156 => BINARY_OP;
        BINARY_SUBSCR_DICT = 157 => BINARY_SUBSCR;
        BINARY_SUBSCR_GETITEM = 158 => BINARY_SUBSCR;
        BINARY_SUBSCR_LIST_INT = 159 => BINARY_SUBSCR;
        BINARY_SUBSCR_STR_INT = 160 => BINARY_SUBSCR;
        BINARY_SUBSCR_TUPLE_INT = 161 => BINARY_SUBSCR;
        CALL_ALLOC_AND_ENTER_INIT = 162 => CALL;
        CALL_BOUND_METHOD_EXACT_ARGS = 163 => CALL;
        CALL_BOUND_METHOD_GENERAL = 164 => CALL;
        CALL_BUILTIN_CLASS = 165 => CALL;
        CALL_BUILTIN_FAST = 166 => CALL;
        CALL_BUILTIN_FAST_WITH_KEYWORDS = 167 => CALL;
        CALL_BUILTIN_O = 168 => CALL;
        CALL_ISINSTANCE = 169 => CALL;
        CALL_LEN = 170 => CALL;
        CALL_LIST_APPEND = 171 => CALL;
        CALL_METHOD_DESCRIPTOR_FAST = 172 => CALL;
        CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS = 173 => CALL;
        CALL_METHOD_DESCRIPTOR_NOARGS = 174 => CALL;
        CALL_METHOD_DESCRIPTOR_O = 175 => CALL;
        CALL_NON_PY_GENERAL = 176 => CALL;
        CALL_PY_EXACT_ARGS = 177 => CALL;
        CALL_PY_GENERAL = 178 => CALL;
        CALL_STR_1 = 179 => CALL;
        CALL_TUPLE_1 = 180 => CALL;
        CALL_TYPE_1 = 181 => CALL;
        COMPARE_OP_FLOAT = 182 => COMPARE_OP;
        COMPARE_OP_INT = 183 => COMPARE_OP;
        COMPARE_OP_STR = 184 => COMPARE_OP;
        CONTAINS_OP_DICT = 185 => CONTAINS_OP;
        CONTAINS_OP_SET = 186 => CONTAINS_OP;
        FOR_ITER_GEN = 187 => FOR_ITER;
        FOR_ITER_LIST = 188 => FOR_ITER;
        FOR_ITER_RANGE = 189 => FOR_ITER;
        FOR_ITER_TUPLE = 190 => FOR_ITER;
        LOAD_ATTR_CLASS = 191 => LOAD_ATTR;
        LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN = 192 => LOAD_ATTR;
        LOAD_ATTR_INSTANCE_VALUE = 193 => LOAD_ATTR;
        LOAD_ATTR_METHOD_LAZY_DICT = 194 => LOAD_ATTR;
        LOAD_ATTR_METHOD_NO_DICT = 195 => LOAD_ATTR;
        LOAD_ATTR_METHOD_WITH_VALUES = 196 => LOAD_ATTR;
        LOAD_ATTR_MODULE = 197 => LOAD_ATTR;
        LOAD_ATTR_NONDESCRIPTOR_NO_DICT = 198 => LOAD_ATTR;
        LOAD_ATTR_NONDESCRIPTOR_WITH_VALUES = 199 => LOAD_ATTR;
        LOAD_ATTR_PROPERTY = 200 => LOAD_ATTR;
        LOAD_ATTR_SLOT = 201 => LOAD_ATTR;
        LOAD_ATTR_WITH_HINT = 202 => LOAD_ATTR;
        LOAD_GLOBAL_BUILTIN = 203 => LOAD_GLOBAL;
        LOAD_GLOBAL_MODULE = 204 => LOAD_GLOBAL;
        LOAD_SUPER_ATTR_ATTR = 205 => LOAD_SUPER_ATTR;
        LOAD_SUPER_ATTR_METHOD = 206 => LOAD_SUPER_ATTR;
        RESUME_CHECK = 207 => RESUME;
        SEND_GEN = 208 => SEND;
        STORE_ATTR_INSTANCE_VALUE = 209 => STORE_ATTR;
        STORE_ATTR_SLOT = 210 => STORE_ATTR;
        STORE_ATTR_WITH_HINT = 211 => STORE_ATTR;
        STORE_SUBSCR_DICT = 212 => STORE_SUBSCR;
        STORE_SUBSCR_LIST_INT = 213 => STORE_SUBSCR;
        TO_BOOL_ALWAYS_TRUE = 214 => TO_BOOL;
        TO_BOOL_BOOL = 215 => TO_BOOL;
        TO_BOOL_INT = 216 => TO_BOOL;
        TO_BOOL_LIST = 217 => TO_BOOL;
        TO_BOOL_NONE = 218 => TO_BOOL;
        TO_BOOL_STR = 219 => TO_BOOL;
        UNPACK_SEQUENCE_LIST = 220 => UNPACK_SEQUENCE;
        UNPACK_SEQUENCE_TUPLE = 221 => UNPACK_SEQUENCE;
        UNPACK_SEQUENCE_TWO_TUPLE = 222 => UNPACK_SEQUENCE;
    }
}

/// The facts of every number `0..=267`, computed once: lookups are an index.
static TABLE: std::sync::LazyLock<Vec<Option<Info>>> =
    std::sync::LazyLock::new(|| (0..=Opcode::MAX_NUMBER).map(info_of).collect());

impl Opcode {
    /// The highest opcode number (a pseudo instruction).
    pub const MAX_NUMBER: u16 = 267;
    /// The lowest pseudo-instruction number.
    pub const MIN_PSEUDO: u16 = 256;
    /// The lowest instrumented-instruction number.
    pub const MIN_INSTRUMENTED: u16 = 236;
    /// CPython's `HAVE_ARGUMENT`: base opcodes numbered below it take no oparg.
    pub const HAVE_ARGUMENT: u16 = 44;

    fn info(self) -> &'static Info {
        TABLE[usize::from(self.0)]
            .as_ref()
            .expect("an Opcode is always a defined number")
    }

    /// The opcode with this number, if CPython 3.13 defines one.
    pub fn new(number: u16) -> Option<Opcode> {
        TABLE.get(usize::from(number))?.as_ref()?;
        Some(Opcode(number))
    }

    /// The opcode of a code unit's first byte, if defined.
    pub fn from_byte(byte: u8) -> Option<Opcode> {
        Opcode::new(u16::from(byte))
    }

    /// The opcode called `name` (`dis.opmap`, specialized names included).
    pub fn from_name(name: &str) -> Option<Opcode> {
        Opcode::all().find(|op| op.name() == name)
    }

    /// Every opcode, in number order.
    pub fn all() -> impl Iterator<Item = Opcode> {
        (0..=Opcode::MAX_NUMBER).filter_map(Opcode::new)
    }

    pub const fn number(self) -> u16 {
        self.0
    }

    /// CPython's name (`dis.opname`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn kind(self) -> OpcodeKind {
        self.info().kind
    }

    pub fn flags(self) -> OpFlags {
        self.info().flags
    }

    /// Takes an oparg (`dis.hasarg`).
    pub fn has_arg(self) -> bool {
        self.flags().contains(OpFlags::ARG)
    }

    pub fn jump_kind(self) -> JumpKind {
        self.info().jump
    }

    /// The number of inline-cache code units that follow the instruction in `co_code`.
    pub fn cache_entries(self) -> usize {
        self.info().cache.iter().map(|c| usize::from(c.size)).sum()
    }

    /// The named fields of the inline cache (`dis._cache_format`), in order.
    pub fn cache_format(self) -> &'static [CacheEntry] {
        self.info().cache
    }

    /// For a specialized opcode its base (`dis._deoptop`); any other opcode is its own base.
    pub fn base(self) -> Opcode {
        Opcode(self.info().base)
    }

    /// Whether this is a pseudo instruction (never in `co_code`).
    pub fn is_pseudo(self) -> bool {
        self.kind() == OpcodeKind::Pseudo
    }

    /// The net stack effect, as CPython's `_opcode.stack_effect(opcode, oparg, jump=jump)`:
    /// `jump` is `Some(true)` for the effect when the instruction jumps, `Some(false)` when it
    /// does not, `None` for the larger of the two. Opargs of opcodes without one are ignored.
    pub fn stack_effect(self, oparg: i32, jump: Option<bool>) -> Result<i32, StackEffectError> {
        if self.kind() == OpcodeKind::Specialized {
            return Err(StackEffectError::InvalidOpcode);
        }
        let oparg = if self.has_arg() { oparg } else { 0 };
        let effect = |jump: bool| -> Result<i32, StackEffectError> {
            let (popped, pushed) =
                effect_of(self.0, oparg, jump).ok_or(StackEffectError::InvalidOpcode)?;
            if popped < 0 || pushed < 0 {
                return Err(StackEffectError::InvalidOparg);
            }
            Ok(pushed.wrapping_sub(popped))
        };
        match jump {
            Some(jump) => effect(jump),
            None => Ok(effect(true)?.max(effect(false)?)),
        }
    }
}

impl std::fmt::Debug for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Display for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
