# Recursion: naive Fibonacci, a storm of small Python-to-Python calls with int arithmetic.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    total = 0
    for n in range(21, 32):
        total += fib(n)
    print("fib(30) =", fib(30))
    print("sum fib(21..31) =", total)


main()
