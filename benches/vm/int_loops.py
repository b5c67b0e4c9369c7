# Integer loops: a sieve, Collatz chain lengths and digit sums; small-int arithmetic,
# comparisons, list indexing and while loops.


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            for k in range(i * i, limit + 1, i):
                flags[k] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


def longest_collatz(limit):
    best, best_start = 0, 1
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
            else:
                n >>= 1
            steps += 1
        if steps > best:
            best, best_start = steps, start
    return best_start, best


def digit_sums(limit):
    total = 0
    for n in range(limit):
        while n:
            total += n % 10
            n //= 10
    return total


def main():
    print("primes below 400000:", sieve(400000))
    print("longest Collatz chain below 50000:", longest_collatz(50000))
    print("digit sum below 250000:", digit_sums(250000))


main()
