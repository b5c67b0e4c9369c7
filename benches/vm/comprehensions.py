# Comprehensions: list, dict and set comprehensions, nested and filtered, over ranges and the
# results of earlier comprehensions.


def main():
    total = 0
    for round_ in range(145):
        squares = [i * i for i in range(20000)]
        evens = [s for s in squares if s % 2 == 0]
        table = {i: s % 1000 for i, s in enumerate(evens)}
        residues = {v % 97 for v in table.values()}
        grid = [[(x * y + round_) % 10 for x in range(40)] for y in range(40)]
        flat = [cell for row in grid for cell in row if cell > 4]
        pairs = [(a, b) for a in range(60) for b in range(a, 60) if (a + b) % 7 == 0]
        inverted = {v: k for k, v in table.items()}
        total += len(evens) + len(residues) + sum(flat) + len(pairs) + len(inverted)
    print("total:", total)
    print("sample:", [x for x in [i * 3 for i in range(10)] if x % 2])


main()
