//! The exception table (`co_exceptiontable`): decoding and encoding.
