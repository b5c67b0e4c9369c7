# Float arithmetic: the spectral norm of an infinite matrix by power iteration, with the
# matrix entries computed on the fly (integer index maths feeding float division).


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(i, j) * v[j]
        out.append(acc)
    return out


def times_transposed(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += entry(j, i) * v[j]
        out.append(acc)
    return out


def times_ata(v, n):
    return times_transposed(times(v, n), n)


def main():
    n = 260
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u, n)
        u = times_ata(v, n)
    vbv = 0.0
    vv = 0.0
    for a, b in zip(u, v):
        vbv += a * b
        vv += b * b
    print(f"{(vbv / vv) ** 0.5:.9f}")


main()
