//! PEP 626/657 location table (`co_linetable`): decoding to `co_lines()`/`co_positions()`, encoding.
