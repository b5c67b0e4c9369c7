//! Placeholder replaced by the dump printer.
use crate::Mod;
#[derive(Debug, Default)]
pub struct DumpOptions<'i> {
    pub indent: Option<String>,
    pub positions: Option<&'i crate::LineIndex>,
}
pub fn dump(_module: &Mod<'_>, _options: &DumpOptions<'_>) -> String {
    String::new()
}
