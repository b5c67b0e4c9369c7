# Taipan's `token`: the token kinds, numbered and named as CPython 3.13's, from the lexer
# crate's table (`_tokenize.kinds()`, put in this namespace as `_kinds` before this runs).
"""Token constants."""

__all__ = ["tok_name", "ISTERMINAL", "ISNONTERMINAL", "ISEOF", "EXACT_TOKEN_TYPES"]

tok_name = {}
EXACT_TOKEN_TYPES = {}
for _number, _name, _text in _kinds:
    globals()[_name] = _number
    tok_name[_number] = _name
    __all__.append(_name)
    if _text is not None:
        EXACT_TOKEN_TYPES[_text] = _number
del _number, _name, _text, _kinds
N_TOKENS = max(tok_name) + 1
NT_OFFSET = 256
tok_name[NT_OFFSET] = "NT_OFFSET"
__all__.extend(["N_TOKENS", "NT_OFFSET"])


def ISTERMINAL(x):
    return x < NT_OFFSET


def ISNONTERMINAL(x):
    return x >= NT_OFFSET


def ISEOF(x):
    return x == ENDMARKER
