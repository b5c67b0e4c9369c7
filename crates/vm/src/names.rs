//! Interned names the runtime looks up often (`__init__`, `__add__`, …), made once.

use hashbrown::HashMap;

use crate::str::PyStr;
use crate::value::Value;

macro_rules! names {
    ($($field:ident),* $(,)?) => {
        /// Interned `str` objects for the runtime's own lookups.
        pub struct Names {
            $(pub $field: Value,)*
        }

        impl Names {
            pub(crate) fn new() -> Names {
                Names { $($field: Value::None,)* }
            }

            pub(crate) fn intern_all(&mut self, table: &mut HashMap<Box<str>, PyStr>) {
                $(
                    let text = stringify!($field);
                    let s = table
                        .entry(text.into())
                        .or_insert_with(|| PyStr::new(text))
                        .clone();
                    self.$field = Value::Str(s);
                )*
            }
        }
    };
}

names! {
    __init__, __new__, __call__, __repr__, __str__, __format__, __hash__, __eq__, __ne__,
    __lt__, __le__, __gt__, __ge__, __bool__, __len__, __iter__, __next__, __getitem__,
    __setitem__, __delitem__, __contains__, __getattr__, __getattribute__, __setattr__,
    __delattr__, __get__, __set__, __delete__, __set_name__, __init_subclass__,
    __class_getitem__, __mro_entries__, __prepare__, __class__, __dict__, __name__,
    __qualname__, __module__, __doc__, __slots__, __weakref__, __enter__, __exit__,
    __aenter__, __aexit__, __aiter__, __anext__, __await__, __index__, __int__, __float__,
    __complex__, __neg__, __pos__, __abs__, __invert__, __round__, __trunc__, __floor__,
    __ceil__, __reversed__, __missing__, __instancecheck__, __subclasscheck__, __dir__,
    __sizeof__, __bytes__, __length_hint__, __classcell__, __orig_bases__, __builtins__,
    __annotations__, __type_params__, __del__, __release_buffer__, __buffer__,
    __add__, __radd__, __iadd__, __sub__, __rsub__, __isub__, __mul__, __rmul__, __imul__,
    __matmul__, __rmatmul__, __imatmul__, __truediv__, __rtruediv__, __itruediv__,
    __floordiv__, __rfloordiv__, __ifloordiv__, __mod__, __rmod__, __imod__, __divmod__,
    __rdivmod__, __pow__, __rpow__, __ipow__, __lshift__, __rlshift__, __ilshift__,
    __rshift__, __rrshift__, __irshift__, __and__, __rand__, __iand__, __or__, __ror__,
    __ior__, __xor__, __rxor__, __ixor__,
    __abstractmethods__, __file__, __spec__, __loader__, __package__, __cached__,
    __notes__, __traceback__, __cause__, __context__, __suppress_context__, __main__,
    send, throw, close, args, name, keys, items, values, __fspath__, __match_args__,
    __static_attributes__, __firstlineno__, __origin__, __args__, __parameters__,
    __copy__, __deepcopy__, __reduce__, __reduce_ex__, __getstate__, __objclass__,
    __self__, __func__, __wrapped__, __isabstractmethod__, __text_signature__,
    __getnewargs__, __getnewargs_ex__, __subclasshook__, __init_subclass_kwargs__,
}
