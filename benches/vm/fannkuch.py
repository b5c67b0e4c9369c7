# Fannkuch: every permutation of 1..n, generated in place, each flipped (prefix reversals)
# until 1 comes first; list slicing, swaps and counters.


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0:
            perm = perm1[:]
            flips = 0
            first = perm[0]
            while first != 0:
                perm[: first + 1] = perm[first::-1]
                flips += 1
                first = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += flips if sign > 0 else -flips
        sign = -sign
        # Next permutation in the order the counters give.
        while True:
            if r == n:
                return checksum, max_flips
            head = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = head
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    results = [fannkuch(8) for _ in range(9)]
    checksum, flips = results[0]
    print(checksum)
    print(f"Pfannkuchen(8) = {flips}")
    print("all runs agree:", all(r == results[0] for r in results))


main()
