//! Code points with their places in a string, whatever its representation: what the splitting
//! algorithms read, so they can answer with ranges the caller slices its own string by.

/// A code point with its place in the caller's string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub start: usize,
    pub end: usize,
    pub cp: u32,
}

/// The code points of a `&str`, located by byte offsets.
pub fn locate_str(text: &str) -> impl DoubleEndedIterator<Item = Located> + Clone + '_ {
    text.char_indices().map(|(start, ch)| Located {
        start,
        end: start + ch.len_utf8(),
        cp: u32::from(ch),
    })
}

/// The code points of a slice, located by index.
pub fn locate_code_points(text: &[u32]) -> impl DoubleEndedIterator<Item = Located> + Clone + '_ {
    text.iter().enumerate().map(|(start, &cp)| Located {
        start,
        end: start + 1,
        cp,
    })
}

/// The bytes of ASCII text, located by offset: faster than [`locate_str`] when the text is
/// known to be ASCII.
pub fn locate_ascii(text: &[u8]) -> impl DoubleEndedIterator<Item = Located> + Clone + '_ {
    text.iter().enumerate().map(|(start, &b)| Located {
        start,
        end: start + 1,
        cp: u32::from(b),
    })
}

/// The code points of surrogatepass UTF-8 (the encoding of [`crate::PyStr`]: UTF-8 in which
/// a lone surrogate is encoded on its own), located by byte offsets. A byte that starts no
/// valid sequence is read as a code point of its own value, so any input is safe.
pub fn locate_surrogatepass(bytes: &[u8]) -> impl DoubleEndedIterator<Item = Located> + Clone + '_ {
    SurrogatepassLocations {
        bytes,
        front: 0,
        back: bytes.len(),
    }
}

#[derive(Clone)]
struct SurrogatepassLocations<'a> {
    bytes: &'a [u8],
    /// The offset of the next code point from the front.
    front: usize,
    /// The end offset of the next code point from the back.
    back: usize,
}

/// The code point starting at `start` and its end, reading at most up to `limit`.
fn decode_at(bytes: &[u8], start: usize, limit: usize) -> Option<Located> {
    let lead = *bytes.get(start)?;
    let (len, init) = match lead {
        0xC2..=0xDF => (2, u32::from(lead & 0x1F)),
        0xE0..=0xEF => (3, u32::from(lead & 0x0F)),
        0xF0..=0xF4 => (4, u32::from(lead & 0x07)),
        _ => (1, u32::from(lead)),
    };
    let single = Located {
        start,
        end: start + 1,
        cp: u32::from(lead),
    };
    if len == 1 || start + len > limit {
        return Some(single);
    }
    let mut cp = init;
    for &b in bytes.get(start + 1..start + len)? {
        if b & 0xC0 != 0x80 {
            return Some(single);
        }
        cp = (cp << 6) | u32::from(b & 0x3F);
    }
    Some(Located {
        start,
        end: start + len,
        cp,
    })
}

impl Iterator for SurrogatepassLocations<'_> {
    type Item = Located;

    fn next(&mut self) -> Option<Located> {
        if self.front >= self.back {
            return None;
        }
        let located = decode_at(self.bytes, self.front, self.back)?;
        self.front = located.end;
        Some(located)
    }
}

impl DoubleEndedIterator for SurrogatepassLocations<'_> {
    fn next_back(&mut self) -> Option<Located> {
        if self.front >= self.back {
            return None;
        }
        // The last code point starts at most three continuation bytes before the end; take
        // the farthest start whose sequence ends exactly at the end.
        let lowest = self.back.saturating_sub(4).max(self.front);
        let last = self.back - 1;
        let located = (lowest..=last)
            .filter_map(|start| decode_at(self.bytes, start, self.back))
            .find(|l| l.end == self.back)?;
        self.back = located.start;
        Some(located)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogatepass_both_ways() {
        let mut bytes = Vec::new();
        for cp in [0x61, 0xE9, 0xD800, 0x1F600, 0x2028, 0xDC00, 0x7A] {
            crate::push_code_point(&mut bytes, cp);
        }
        let forward: Vec<Located> = locate_surrogatepass(&bytes).collect();
        let mut backward: Vec<Located> = locate_surrogatepass(&bytes).rev().collect();
        backward.reverse();
        assert_eq!(forward, backward);
        let cps: Vec<u32> = forward.iter().map(|l| l.cp).collect();
        assert_eq!(cps, [0x61, 0xE9, 0xD800, 0x1F600, 0x2028, 0xDC00, 0x7A]);
        // Meeting in the middle takes each code point once.
        let mut both = locate_surrogatepass(&bytes);
        let (first, last) = (both.next(), both.next_back());
        assert_eq!(both.count() + 2, 7);
        assert_eq!(
            (first.map(|l| l.cp), last.map(|l| l.cp)),
            (Some(0x61), Some(0x7A))
        );
    }

    #[test]
    fn malformed_bytes_never_panic() {
        let samples: [&[u8]; 6] = [
            &[0x80, 0x80],
            &[0xE0, 0x80],
            &[0xF4],
            &[0x61, 0xF0, 0x9F, 0x98],
            &[0xC3, 0x61, 0xA9],
            &[0xFF, 0xED, 0xA0],
        ];
        for bytes in samples {
            let forward = locate_surrogatepass(bytes).count();
            let backward = locate_surrogatepass(bytes).rev().count();
            assert!(forward >= 1 && backward >= 1 && forward <= bytes.len());
        }
    }
}
