# Closures: functions made by functions, cells read and written with `nonlocal`, lambdas kept
# in lists and dicts, and decorators wrapping calls.


def make_counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


def make_adders(n):
    return [lambda x, k=k: x + k for k in range(n)]


def compose(f, g):
    return lambda x: f(g(x))


def memo_calls(function):
    calls = 0

    def wrapper(*args):
        nonlocal calls
        calls += 1
        return function(*args)

    wrapper.count = lambda: calls
    return wrapper


@memo_calls
def mix(a, b):
    return (a * 31 + b) % 1000003


def main():
    counter = make_counter()
    for i in range(1100000):
        counter(i % 3)
    adders = make_adders(50)
    total = 0
    for i in range(30000):
        for add in adders:
            total = add(total) % 1000003
    pipeline = compose(lambda x: x * 2, compose(lambda x: x + 1, lambda x: x - 3))
    piped = 0
    for i in range(750000):
        piped += pipeline(i)
    h = 0
    for i in range(750000):
        h = mix(h, i)
    print(counter(0), total, piped, h, mix.count())


main()
