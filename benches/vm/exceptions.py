# Exceptions: raising and catching in loops, custom exception classes with attributes,
# try/except/else/finally, re-raising, and exceptions raised by builtins (KeyError,
# ZeroDivisionError, ValueError from int()).


class ValidationError(ValueError):
    def __init__(self, field, value):
        super().__init__(f"bad {field}: {value!r}")
        self.field = field
        self.value = value


def check(value):
    if value % 7 == 0:
        raise ValidationError("seven", value)
    if value % 11 == 0:
        raise KeyError(value)
    return value


def nested(value):
    try:
        return check(value)
    except KeyError:
        raise
    finally:
        pass


def main():
    caught = {"validation": 0, "key": 0, "zero": 0, "parse": 0, "finally": 0}
    total = 0
    last_message = ""
    for i in range(500000):
        try:
            total += nested(i)
        except ValidationError as error:
            caught["validation"] += 1
            last_message = str(error)
        except KeyError:
            caught["key"] += 1
        else:
            total += 1
        finally:
            caught["finally"] += 1
        try:
            total += 100 // (i % 5)
        except ZeroDivisionError:
            caught["zero"] += 1
        try:
            total += int("12x" if i % 4 == 0 else "12")
        except ValueError:
            caught["parse"] += 1
    print(caught)
    print(total, last_message)


main()
