# A small program that exercises most kinds of token.
import sys


def greet(name: str, *, times: int = 2) -> str:
    """Say hello, a few times."""
    words = [f"Hello, {name!r}{'!' * n:>{n + 1}}" for n in range(1, times + 1)]
    return "\n".join(words)


if __name__ == "__main__":
    print(greet(sys.argv[1] if len(sys.argv) > 1 else "world", times=0x3))
