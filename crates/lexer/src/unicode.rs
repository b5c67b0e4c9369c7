//! Unicode facts CPython's messages depend on: one implementation, in `taipan-text`.

pub(crate) use taipan_text::is_printable;
