# Generators: pipelines of generator functions and generator expressions, `yield from`,
# send(), and generators consumed by builtins (sum, max, zip, enumerate).


def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def evens(source):
    for n in source:
        if n % 2 == 0:
            yield n


def scaled(source, factor):
    for n in source:
        yield n * factor


def chained(limit):
    yield from numbers(limit)
    yield from scaled(numbers(limit), -1)


def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            return total
        total += value


def tree(depth):
    if depth == 0:
        yield 1
        return
    yield from tree(depth - 1)
    yield depth
    yield from tree(depth - 1)


def main():
    pipeline = sum(scaled(evens(numbers(1600000)), 3))
    genexpr = max(x * x % 1009 for x in range(1200000))
    zipped = sum(a * b for a, b in zip(numbers(400000), chained(200000)))
    acc = accumulator()
    next(acc)
    for i in range(600000):
        acc.send(i)
    running = acc.send(0)
    tree_sum = sum(tree(17))
    indexed = sum(i for i, _ in enumerate(evens(numbers(400000))))
    print(pipeline, genexpr, zipped, running, tree_sum, indexed)


main()
