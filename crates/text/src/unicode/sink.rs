//! Where the string algorithms write their code points: the caller picks its own string
//! representation.

/// A growing string of code points (lone surrogates included).
pub trait CodePointSink {
    /// Appends one code point.
    fn push_code_point(&mut self, cp: u32);

    /// Appends `count` copies of `cp` (padding).
    fn push_repeated(&mut self, cp: u32, count: usize) {
        for _ in 0..count {
            self.push_code_point(cp);
        }
    }
}

/// One code point per element.
impl CodePointSink for Vec<u32> {
    #[inline]
    fn push_code_point(&mut self, cp: u32) {
        self.push(cp);
    }

    #[inline]
    fn push_repeated(&mut self, cp: u32, count: usize) {
        self.resize(self.len().saturating_add(count), cp);
    }
}

/// Surrogatepass UTF-8, the encoding of [`crate::PyString`].
impl CodePointSink for Vec<u8> {
    #[inline]
    fn push_code_point(&mut self, cp: u32) {
        crate::push_code_point(self, cp);
    }
}

/// Plain UTF-8. Algorithms given surrogate-free text never produce a surrogate; if one comes
/// anyway it is written as U+FFFD, since a `String` cannot hold it.
impl CodePointSink for String {
    #[inline]
    fn push_code_point(&mut self, cp: u32) {
        self.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
    }

    fn push_repeated(&mut self, cp: u32, count: usize) {
        let ch = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.extend(std::iter::repeat_n(ch, count));
    }
}
