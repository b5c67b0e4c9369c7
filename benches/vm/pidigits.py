# Big-int arithmetic: digits of pi from a spigot over arbitrary-precision integers
# (multiplication, floor division and comparison of ever-growing numbers).


def pi_digits(count):
    # The unbounded spigot: a linear fractional transformation (q, r, t) composed with
    # k-th terms of pi's series, a digit emitted when the floor is settled.
    q, r, t, k = 1, 0, 1, 1
    digits = []
    while len(digits) < count:
        a = 2 * k + 1
        q, r, t = q * k, (2 * q + r) * a, t * a
        k += 1
        if q > r:
            continue
        d3 = (3 * q + r) // t
        d4 = (4 * q + r) // t
        if d3 != d4:
            continue
        digits.append(d3)
        q, r = 10 * q, 10 * (r - d3 * t)
    return digits


def main():
    digits = pi_digits(4200)
    text = "".join(map(str, digits))
    for start in range(0, 100, 20):
        print(text[start : start + 20])
    print("digit sum:", sum(digits), "last ten:", text[-10:])


main()
