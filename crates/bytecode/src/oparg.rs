//! What opargs mean: the small enumerations and flag bits CPython 3.13 packs into them.
//!
//! Names and numbers are CPython's (`dis.cmp_op`, `_opcode.get_nb_ops()`,
//! `get_intrinsic1_descs()`/`get_intrinsic2_descs()`, the `RESUME` and attribute-load bits).

/// `COMPARE_OP`: the comparison is `oparg >> 5` (an index into [`COMPARE_OPS`]); bit 4 asks for
/// the result converted to `bool`; the low four bits are a mask the specializer uses.
pub const COMPARE_OPS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// The comparison an oparg of `COMPARE_OP` names, and whether it converts to `bool`.
pub fn compare_op(oparg: i32) -> Option<(&'static str, bool)> {
    let index = usize::try_from(oparg >> 5).ok()?;
    Some((COMPARE_OPS.get(index)?, oparg & 16 != 0))
}

/// `COMPARE_OP`'s oparg for comparison `index` (into [`COMPARE_OPS`]), with the specializer's
/// mask as CPython's compiler computes it, and the `bool` conversion bit if asked.
pub fn compare_oparg(index: u32, to_bool: bool) -> u32 {
    // The mask: the outcomes that satisfy the comparison: unordered (1), less (2), greater (4),
    // equal (8); `!=` holds for unordered operands (NaN).
    const MASKS: [u32; 6] = [2, 2 | 8, 8, 1 | 2 | 4, 4, 4 | 8];
    (index << 5) | MASKS[index as usize % 6] | if to_bool { 16 } else { 0 }
}

/// `BINARY_OP`'s operators, indexed by oparg: `(NB_ name, symbol)`.
pub const BINARY_OPS: [(&str, &str); 26] = [
    ("NB_ADD", "+"),
    ("NB_AND", "&"),
    ("NB_FLOOR_DIVIDE", "//"),
    ("NB_LSHIFT", "<<"),
    ("NB_MATRIX_MULTIPLY", "@"),
    ("NB_MULTIPLY", "*"),
    ("NB_REMAINDER", "%"),
    ("NB_OR", "|"),
    ("NB_POWER", "**"),
    ("NB_RSHIFT", ">>"),
    ("NB_SUBTRACT", "-"),
    ("NB_TRUE_DIVIDE", "/"),
    ("NB_XOR", "^"),
    ("NB_INPLACE_ADD", "+="),
    ("NB_INPLACE_AND", "&="),
    ("NB_INPLACE_FLOOR_DIVIDE", "//="),
    ("NB_INPLACE_LSHIFT", "<<="),
    ("NB_INPLACE_MATRIX_MULTIPLY", "@="),
    ("NB_INPLACE_MULTIPLY", "*="),
    ("NB_INPLACE_REMAINDER", "%="),
    ("NB_INPLACE_OR", "|="),
    ("NB_INPLACE_POWER", "**="),
    ("NB_INPLACE_RSHIFT", ">>="),
    ("NB_INPLACE_SUBTRACT", "-="),
    ("NB_INPLACE_TRUE_DIVIDE", "/="),
    ("NB_INPLACE_XOR", "^="),
];

/// The in-place form of a binary operator is its oparg plus this.
pub const BINARY_OP_INPLACE: u32 = 13;

/// `CALL_INTRINSIC_1`'s functions, indexed by oparg.
pub const INTRINSICS_1: [&str; 12] = [
    "INTRINSIC_1_INVALID",
    "INTRINSIC_PRINT",
    "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR",
    "INTRINSIC_ASYNC_GEN_WRAP",
    "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE",
    "INTRINSIC_TYPEVAR",
    "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE",
    "INTRINSIC_SUBSCRIPT_GENERIC",
    "INTRINSIC_TYPEALIAS",
];

/// `CALL_INTRINSIC_2`'s functions, indexed by oparg.
pub const INTRINSICS_2: [&str; 6] = [
    "INTRINSIC_2_INVALID",
    "INTRINSIC_PREP_RERAISE_STAR",
    "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
    "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    "INTRINSIC_SET_TYPEPARAM_DEFAULT",
];

/// `RESUME`: where the frame resumes (the low two bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeWhere {
    /// The start of the function.
    Start = 0,
    AfterYield = 1,
    AfterYieldFrom = 2,
    AfterAwait = 3,
}

/// `RESUME`'s oparg bit set when the resume point is inside exactly one exception handler
/// (CPython's `RESUME_OPARG_DEPTH1_MASK`).
pub const RESUME_DEPTH1: u32 = 4;

/// What a `RESUME` oparg says: where, and whether at exception depth one.
pub fn resume(oparg: i32) -> (ResumeWhere, bool) {
    let place = match oparg & 3 {
        0 => ResumeWhere::Start,
        1 => ResumeWhere::AfterYield,
        2 => ResumeWhere::AfterYieldFrom,
        _ => ResumeWhere::AfterAwait,
    };
    (place, oparg as u32 & RESUME_DEPTH1 != 0)
}

/// `LOAD_GLOBAL`: the name is `oparg >> 1`; bit 0 also pushes a `NULL` for a call.
pub const LOAD_GLOBAL_NULL: u32 = 1;
/// `LOAD_ATTR`: the name is `oparg >> 1`; bit 0 loads a method (`NULL|self` form).
pub const LOAD_ATTR_METHOD: u32 = 1;
/// `LOAD_SUPER_ATTR`: the name is `oparg >> 2`; bit 0 loads a method, bit 1 marks the
/// two-argument form `super(C, self)` (else the zero-argument `super()`).
pub const LOAD_SUPER_ATTR_METHOD: u32 = 1;
pub const LOAD_SUPER_ATTR_TWO_ARGS: u32 = 2;

/// `CONVERT_VALUE`: the conversion of an f-string field, indexed by oparg (`!s`, `!r`, `!a`).
pub const CONVERSIONS: [&str; 4] = ["", "str", "repr", "ascii"];

/// `SET_FUNCTION_ATTRIBUTE`: which attribute the oparg bit sets, in bit order.
pub const FUNCTION_ATTRIBUTES: [&str; 4] = ["defaults", "kwdefaults", "annotations", "closure"];

/// `SET_FUNCTION_ATTRIBUTE`'s bits.
pub mod function_attribute {
    pub const DEFAULTS: u32 = 1;
    pub const KWDEFAULTS: u32 = 2;
    pub const ANNOTATIONS: u32 = 4;
    pub const CLOSURE: u32 = 8;
}

/// `CALL_FUNCTION_EX`: bit 0 means a `**kwargs` mapping is on the stack.
pub const CALL_FUNCTION_EX_KWARGS: u32 = 1;

/// `IS_OP` and `CONTAINS_OP`: oparg 1 negates (`is not`, `not in`).
pub const INVERT: u32 = 1;

/// `UNPACK_EX`: the oparg is `before | (after << 8)`, the targets around the starred one.
pub fn unpack_ex(oparg: u32) -> (u32, u32) {
    (oparg & 0xFF, oparg >> 8)
}

/// `BUILD_SLICE`: 2 or 3 values. `RAISE_VARARGS`: 0 (re-raise), 1 (`raise e`), 2 (`from`).
/// `FORMAT_SIMPLE`/`FORMAT_WITH_SPEC` take no oparg in 3.13: the spec, if any, is on the stack.
pub const RAISE_RERAISE: u32 = 0;
