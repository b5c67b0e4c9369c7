//! A disassembler whose text equals CPython 3.13.0's `dis.dis` of a code object.
//!
//! The layout follows `dis.Formatter`: an optional line-number column (its width from the
//! largest line number), a label column (`L1:` for jump targets and exception-table bounds,
//! numbered in offset order), an optional offset column (`show_offsets`, dis's `-O`), the
//! opcode name padded to 20, the oparg right-aligned in 5 (less the name's overflow), and the
//! argument's meaning in parentheses. Nested code objects follow, each after
//! `Disassembly of <code object …>:`, as `dis.dis` recurses through `co_consts`.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::exception_table::{self, ExceptionTableEntry};
use crate::instruction::{self, Instruction};
use crate::repr::ReprOptions;
use crate::{CodeObject, OpFlags, Opcode, linetable, oparg};

/// What `dis.dis` is asked to show.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `show_caches=True` (`-C`): a `CACHE` line per inline cache code unit.
    pub show_caches: bool,
    /// `show_offsets=True` (`-O`): the byte offset of each instruction.
    pub show_offsets: bool,
    /// `depth`: how many levels of nested code objects to show (`None`: all).
    pub depth: Option<usize>,
    /// How constants are spelled (the hash seed that orders frozensets, code object addresses).
    pub repr: ReprOptions,
}

/// The text `dis.dis(code)` prints: this code object, then its nested code objects.
pub fn dis(code: &CodeObject, options: &Options) -> String {
    let mut out = String::new();
    dis_into(&mut out, code, options, options.depth);
    out
}

fn dis_into(out: &mut String, code: &CodeObject, options: &Options, depth: Option<usize>) {
    disassemble_into(out, code, options);
    if depth == Some(0) {
        return;
    }
    let depth = depth.map(|d| d - 1);
    for nested in code.nested_code() {
        out.push('\n');
        let _ = writeln!(
            out,
            "Disassembly of {}:",
            crate::repr::code_repr(nested, &options.repr)
        );
        // Deeply nested code objects (hostile input) must not overflow the stack.
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            dis_into(out, nested, options, depth)
        });
    }
}

/// The text `dis.disassemble(code)` prints: this code object only.
pub fn disassemble(code: &CodeObject, options: &Options) -> String {
    let mut out = String::new();
    disassemble_into(&mut out, code, options);
    out
}

/// What an instruction's argument is, for `dis.get_instructions`' `argval`: the index or value
/// from which a Python-level caller builds the object (a constant, a name, a jump target).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValue {
    /// No argument.
    None,
    /// The oparg itself.
    Int(i64),
    /// `co_consts[i]` (`None` past the end).
    Const(usize),
    /// A name: `co_names[i]` or a local variable's name (`<unknown>` past the end).
    Name(String),
    /// Two local names (`LOAD_FAST_LOAD_FAST` and kin).
    NamePair(String, String),
    /// A jump target's byte offset.
    Offset(i64),
    /// A comparison operator (`<`, `==`, …).
    Compare(&'static str),
    /// `CONVERT_VALUE`'s conversion (index into `(None, str, repr, ascii)`).
    Conversion(i32),
}

/// One instruction as `dis.get_instructions` reports it (`dis.Instruction`'s fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstructionInfo {
    pub opname: String,
    pub opcode: u8,
    pub arg: Option<i32>,
    pub argval: ArgValue,
    pub argrepr: String,
    pub offset: u32,
    pub start_offset: u32,
    pub starts_line: bool,
    pub line_number: Option<i32>,
    pub label: Option<usize>,
    /// `(lineno, end_lineno, col_offset, end_col_offset)` from `co_positions()`.
    pub positions: Option<(Option<i32>, Option<i32>, Option<i32>, Option<i32>)>,
    /// With `show_caches`: each cache field's name, size in code units and bytes.
    pub cache_info: Option<Vec<(&'static str, u8, Vec<u8>)>>,
}

/// The instructions of `code` as `dis.get_instructions(code, show_caches=…)` yields them: the
/// same labels, line starts and argument spellings as [`disassemble`] prints.
pub fn instructions(code: &CodeObject, options: &Options) -> Vec<InstructionInfo> {
    let instructions: Vec<Instruction> = instruction::decode(&code.code).collect();
    let starts: HashMap<u32, Option<i32>> = line_starts(code).into_iter().collect();
    // As `dis.get_instructions` (unlike `dis.dis`): labels mark jump targets only, not the
    // exception table's bounds.
    let label_of = label_map(&instructions, &[]);
    let positions: Vec<_> = linetable::positions(code).collect();
    let mut line: Option<i32> = None;
    let mut out = Vec::with_capacity(instructions.len());
    for instr in &instructions {
        let starts_line = starts.get(&instr.offset);
        if let Some(&start) = starts_line {
            line = start;
        }
        let (argval, argrepr) = match instr.arg {
            Some(arg) => (
                argvalue(code, instr, arg),
                argrepr(code, instr, arg, &label_of, options),
            ),
            None => (ArgValue::None, String::new()),
        };
        let cache_info = (options.show_caches && instr.cache_units > 0)
            .then(|| instr.base())
            .flatten()
            .map(|base| {
                // As dis 3.13.0 (and `print_caches`): every field's data is read from the first
                // cache unit on.
                let at = instr.offset as usize + 2;
                base.cache_format()
                    .iter()
                    .map(|field| {
                        let end = (at + 2 * usize::from(field.size)).min(code.code.len());
                        let data = code.code.get(at.min(end)..end).unwrap_or(&[]).to_vec();
                        (field.name, field.size, data)
                    })
                    .collect()
            });
        out.push(InstructionInfo {
            opname: opname(instr.opcode),
            opcode: instr.opcode,
            arg: instr.arg,
            argval,
            argrepr,
            offset: instr.offset,
            start_offset: instr.start_offset,
            starts_line: starts_line.is_some(),
            line_number: line,
            label: label_of.get(&i64::from(instr.offset)).copied(),
            positions: positions
                .get(instr.offset as usize / 2)
                .map(|p| (p.line, p.end_line, p.column, p.end_column)),
            cache_info,
        });
    }
    out
}

/// `argval` of an instruction with an argument (see [`ArgValue`]).
fn argvalue(code: &CodeObject, instr: &Instruction, arg: i32) -> ArgValue {
    let Some(op) = instr.base() else {
        return ArgValue::Int(i64::from(arg));
    };
    let flags = op.flags();
    let arg64 = i64::from(arg);
    let name = |index: i64| name_at(code, index);
    let local = |index: i32| local_at(code, index);
    if flags.contains(OpFlags::CONST) {
        ArgValue::Const(usize::try_from(arg).unwrap_or(usize::MAX))
    } else if flags.contains(OpFlags::NAME) {
        ArgValue::Name(match op {
            Opcode::LOAD_GLOBAL | Opcode::LOAD_ATTR => name(arg64.div_euclid(2)),
            Opcode::LOAD_SUPER_ATTR => name(arg64.div_euclid(4)),
            _ => name(arg64),
        })
    } else if flags.contains(OpFlags::JUMP) || flags.contains(OpFlags::EXC) {
        match instr.jump_target() {
            Some(target) => ArgValue::Offset(target),
            None => ArgValue::Int(arg64),
        }
    } else if matches!(
        op,
        Opcode::LOAD_FAST_LOAD_FAST | Opcode::STORE_FAST_LOAD_FAST | Opcode::STORE_FAST_STORE_FAST
    ) {
        ArgValue::NamePair(local(arg >> 4), local(arg & 15))
    } else if flags.contains(OpFlags::LOCAL) || flags.contains(OpFlags::FREE) {
        ArgValue::Name(local(arg))
    } else if flags.contains(OpFlags::COMPARE) {
        match oparg::compare_op(arg) {
            Some((cmp, _)) => ArgValue::Compare(cmp),
            None => ArgValue::Int(arg64),
        }
    } else if op == Opcode::CONVERT_VALUE {
        ArgValue::Conversion(arg)
    } else {
        ArgValue::Int(arg64)
    }
}

/// The name `dis` gives an opcode byte: its name, or `<N>` for an undefined number.
pub fn opname(byte: u8) -> String {
    match Opcode::from_byte(byte) {
        Some(op) => op.name().to_owned(),
        None => format!("<{byte}>"),
    }
}

/// `dis.findlinestarts`: `(byte offset, line)` where the line changes, from `co_lines()`.
pub fn line_starts(code: &CodeObject) -> Vec<(u32, Option<i32>)> {
    let mut starts = Vec::new();
    // dis starts from a value no line equals (`False`), so the first entry always counts.
    let mut last: Option<Option<i32>> = None;
    for (start, _end, line) in linetable::lines(code) {
        if last != Some(line) {
            last = Some(line);
            starts.push((start, line));
        }
    }
    starts
}

/// `dis._get_lineno_width`.
fn lineno_width(starts: &HashMap<u32, Option<i32>>) -> usize {
    // `filter(None, …)` drops both unknown lines and line 0.
    let Some(max) = starts.values().filter_map(|l| *l).filter(|&l| l != 0).max() else {
        return 0;
    };
    let width = max.to_string().len().max(3);
    if width < 4 && starts.values().any(Option::is_none) {
        4
    } else {
        width
    }
}

/// Byte offsets of jump targets in first-seen order (`dis.findlabels`).
fn jump_targets(instructions: &[Instruction]) -> Vec<i64> {
    let mut labels = Vec::new();
    for target in instructions.iter().filter_map(Instruction::jump_target) {
        if !labels.contains(&target) {
            labels.push(target);
        }
    }
    labels
}

struct Layout {
    lineno_width: usize,
    offset_width: usize,
    label_width: usize,
}

fn disassemble_into(out: &mut String, code: &CodeObject, options: &Options) {
    let instructions: Vec<Instruction> = instruction::decode(&code.code).collect();
    let starts: HashMap<u32, Option<i32>> = line_starts(code).into_iter().collect();
    let entries: Vec<ExceptionTableEntry> = exception_table::decode(&code.exceptiontable);

    let label_of = label_map(&instructions, &entries);

    let layout = Layout {
        lineno_width: lineno_width(&starts),
        offset_width: if options.show_offsets {
            code.code
                .len()
                .saturating_sub(2)
                .max(9999)
                .to_string()
                .len()
        } else {
            0
        },
        label_width: 4 + label_of.len().to_string().len(),
    };

    let mut line: Option<i32> = None;
    for instr in &instructions {
        let starts_line = starts.get(&instr.offset);
        if let Some(&start) = starts_line {
            line = start;
        }
        let (arg, argrepr) = match instr.arg {
            Some(arg) => (Some(arg), argrepr(code, instr, arg, &label_of, options)),
            None => (None, String::new()),
        };
        let line_field = starts_line.map(|_| line);
        print_line(
            out,
            &layout,
            instr.offset,
            line_field,
            label_of.get(&i64::from(instr.offset)).copied(),
            &opname(instr.opcode),
            arg,
            &argrepr,
        );
        if options.show_caches && instr.cache_units > 0 {
            print_caches(out, &layout, code, instr);
        }
    }

    if !entries.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &entries {
            let label = |units: u32| label_of[&(2 * i64::from(units))];
            let _ = writeln!(
                out,
                "  L{} to L{} -> L{} [{}]{}",
                label(e.start),
                label(e.end),
                label(e.target),
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}

/// The `CACHE` lines after an instruction (`Formatter.print_instruction` with `show_caches`).
fn print_caches(out: &mut String, layout: &Layout, code: &CodeObject, instr: &Instruction) {
    let Some(base) = instr.base() else { return };
    let mut offset = instr.offset;
    for field in base.cache_format() {
        // As dis 3.13.0 computes it: every field's data is read from the first cache unit on,
        // not from the field's own position.
        let start = instr.offset as usize + 2;
        let end = (start + 2 * usize::from(field.size)).min(code.code.len());
        let data = code.code.get(start.min(end)..end).unwrap_or(&[]);
        let value = data
            .iter()
            .rev()
            .fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
        for i in 0..field.size {
            offset += 2;
            let argrepr = if i == 0 {
                format!("{}: {value}", field.name)
            } else {
                String::new()
            };
            print_line(out, layout, offset, None, None, "CACHE", Some(0), &argrepr);
        }
    }
}

/// One line of `Formatter.print_instruction_line`. `line` is `Some` when the instruction starts
/// a line (its number, or `None` for "no line").
#[allow(clippy::too_many_arguments)]
fn print_line(
    out: &mut String,
    layout: &Layout,
    offset: u32,
    line: Option<Option<i32>>,
    label: Option<usize>,
    name: &str,
    arg: Option<i32>,
    argrepr: &str,
) {
    if layout.lineno_width > 0 && line.is_some() && offset > 0 {
        out.push('\n');
    }
    let line_start = out.len();
    let w = layout.lineno_width;
    if w > 0 {
        match line {
            Some(Some(n)) => {
                let _ = write!(out, "{n:>w$} ");
            }
            Some(None) => {
                let _ = write!(out, "{:>w$} ", "  --");
            }
            None => {
                let _ = write!(out, "{:w$} ", "");
            }
        }
    }
    let lw = layout.label_width;
    match label {
        Some(n) => {
            let _ = write!(out, "{:>lw$} ", format!("L{n}:"));
        }
        None => {
            let _ = write!(out, "{:lw$} ", "");
        }
    }
    if layout.offset_width > 0 {
        let ow = layout.offset_width;
        let _ = write!(out, "{offset:>ow$}   ");
    }
    out.push_str("   ");
    let _ = write!(out, " {name:<20}");
    if let Some(arg) = arg {
        let excess = name.chars().count().saturating_sub(20);
        let width = 5usize.saturating_sub(excess);
        let _ = write!(out, " {arg:>width$}");
        if !argrepr.is_empty() {
            let _ = write!(out, " ({argrepr})");
        }
    }
    // `' '.join(fields).rstrip()`.
    let trimmed = out[line_start..].trim_end().len();
    out.truncate(line_start + trimmed);
    out.push('\n');
}

/// `ArgResolver.get_argval_argrepr`: what an oparg means, as dis spells it.
fn argrepr(
    code: &CodeObject,
    instr: &Instruction,
    arg: i32,
    label_of: &HashMap<i64, usize>,
    options: &Options,
) -> String {
    let Some(op) = instr.base() else {
        return String::new();
    };
    let flags = op.flags();
    let name = |index: i64| name_at(code, index);
    let local = |index: i32| local_at(code, index);
    let table = |names: &[&str]| -> String {
        usize::try_from(arg)
            .ok()
            .and_then(|i| names.get(i))
            .map_or_else(String::new, |s| (*s).to_owned())
    };
    let arg64 = i64::from(arg);
    if flags.contains(OpFlags::CONST) {
        usize::try_from(arg)
            .ok()
            .and_then(|i| code.consts.get(i))
            .map_or_else(
                || "<unknown>".to_owned(),
                |c| crate::repr::constant_repr(c, &options.repr),
            )
    } else if flags.contains(OpFlags::NAME) {
        // Python's floor division of the oparg.
        match op {
            Opcode::LOAD_GLOBAL => with_suffix(name(arg64.div_euclid(2)), arg & 1 != 0, " + NULL"),
            Opcode::LOAD_ATTR => {
                with_suffix(name(arg64.div_euclid(2)), arg & 1 != 0, " + NULL|self")
            }
            Opcode::LOAD_SUPER_ATTR => {
                with_suffix(name(arg64.div_euclid(4)), arg & 1 != 0, " + NULL|self")
            }
            _ => name(arg64),
        }
    } else if flags.contains(OpFlags::JUMP) || flags.contains(OpFlags::EXC) {
        match instr.jump_target().and_then(|t| label_of.get(&t)) {
            Some(label) => format!("to L{label}"),
            None => String::new(),
        }
    } else if matches!(
        op,
        Opcode::LOAD_FAST_LOAD_FAST | Opcode::STORE_FAST_LOAD_FAST | Opcode::STORE_FAST_STORE_FAST
    ) {
        format!("{}, {}", local(arg >> 4), local(arg & 15))
    } else if flags.contains(OpFlags::LOCAL) || flags.contains(OpFlags::FREE) {
        local(arg)
    } else if flags.contains(OpFlags::COMPARE) {
        match oparg::compare_op(arg) {
            Some((cmp, true)) => format!("bool({cmp})"),
            Some((cmp, false)) => cmp.to_owned(),
            None => String::new(),
        }
    } else {
        match op {
            Opcode::CONVERT_VALUE => table(&oparg::CONVERSIONS),
            Opcode::SET_FUNCTION_ATTRIBUTE => oparg::FUNCTION_ATTRIBUTES
                .iter()
                .enumerate()
                .filter(|(i, _)| arg & (1 << i) != 0)
                .map(|(_, s)| *s)
                .collect::<Vec<_>>()
                .join(", "),
            Opcode::BINARY_OP => usize::try_from(arg)
                .ok()
                .and_then(|i| oparg::BINARY_OPS.get(i))
                .map_or_else(String::new, |(_, symbol)| (*symbol).to_owned()),
            Opcode::CALL_INTRINSIC_1 => table(&oparg::INTRINSICS_1),
            Opcode::CALL_INTRINSIC_2 => table(&oparg::INTRINSICS_2),
            _ => String::new(),
        }
    }
}

/// `co_names[index]` as dis prints it (`<unknown>` past the end).
fn name_at(code: &CodeObject, index: i64) -> String {
    usize::try_from(index)
        .ok()
        .and_then(|i| code.names.get(i))
        .map_or_else(|| "<unknown>".to_owned(), |n| lossy(n.as_bytes()))
}

/// The local variable an oparg names, as dis prints it (`<unknown>` past the end).
fn local_at(code: &CodeObject, index: i32) -> String {
    u32::try_from(index)
        .ok()
        .and_then(|i| code.varname_from_oparg(i))
        .map_or_else(|| "<unknown>".to_owned(), |n| lossy(n.as_bytes()))
}

/// Label numbers by byte offset, in offset order: jump targets, and with `entries` the
/// exception table's bounds and handlers (`dis.dis` shows both; `get_instructions` only
/// jump targets).
fn label_map(instructions: &[Instruction], entries: &[ExceptionTableEntry]) -> HashMap<i64, usize> {
    let mut labels: Vec<i64> = jump_targets(instructions);
    for e in entries {
        labels.extend([e.start, e.end, e.target].map(|units| 2 * i64::from(units)));
    }
    labels.sort_unstable();
    labels.dedup();
    labels
        .iter()
        .enumerate()
        .map(|(i, &o)| (o, i + 1))
        .collect()
}

fn with_suffix(name: String, flag: bool, suffix: &str) -> String {
    if flag && !name.is_empty() {
        name + suffix
    } else {
        name
    }
}

/// A name as printed (names are `str`; a lone surrogate cannot be printed, so it is replaced).
fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
