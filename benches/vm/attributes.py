# Attribute access: instance attributes read and written, properties with getters and setters,
# class attributes, methods calling methods, and __slots__ instances.


class Vector:
    scale = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    @property
    def length2(self):
        return self.x * self.x + self.y * self.y

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def scaled(self):
        return Vector(self.x * self.scale, self.y * self.scale)


class Account:
    def __init__(self, owner):
        self.owner = owner
        self._balance = 0
        self.history = 0

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            value = 0
        self._balance = value
        self.history += 1


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def norm1(self):
        return abs(self.x) + abs(self.y) + abs(self.z)


def main():
    v = Vector(0, 0)
    step = Vector(1, -1)
    for i in range(600000):
        v = v.add(step)
        if i % 1000 == 0:
            v = Vector(v.x % 1000, v.y % 1000).scaled()
    account = Account("taipan")
    for i in range(1200000):
        account.balance = account.balance + (i % 10) - 4
    points = [Point(i, -i, i % 7) for i in range(20000)]
    norms = 0
    for _ in range(45):
        for p in points:
            p.z = p.z + 1
            norms += p.norm1()
    print(v.x, v.y, v.length2)
    print(account.owner, account.balance, account.history)
    print(norms)


main()
