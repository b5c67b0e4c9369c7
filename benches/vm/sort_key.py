# Sorting with key functions: tuples, lambdas, stable multi-pass sorts, reverse, sorted() and
# list.sort() over records, ints and strings.


def make_people(n):
    state = 12345
    people = []
    for i in range(n):
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        age = 18 + (state >> 16) % 60
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        score = (state >> 8) % 10000 / 100
        name = "p" + str((state >> 4) % 5000)
        people.append((name, age, score, i))
    return people


def main():
    people = make_people(40000)
    checks = []
    for _ in range(6):
        by_age = sorted(people, key=lambda p: p[1])
        by_name_then_score = sorted(people, key=lambda p: (p[0], -p[2]))
        ranked = people[:]
        ranked.sort(key=lambda p: p[2], reverse=True)
        ranked.sort(key=lambda p: p[1] // 10)
        ints = [p[3] * 7919 % 40009 for p in people]
        ints.sort()
        names = sorted(sorted({p[0] for p in people}), key=len)
        checks.append(
            (by_age[0][3], by_age[-1][3], by_name_then_score[100][3], ranked[0][3], ints[500], names[-1])
        )
    print(checks[0])
    print("stable across rounds:", all(c == checks[0] for c in checks))


main()
