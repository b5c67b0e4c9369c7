# String-heavy work: str methods (split, strip, replace, upper, find, startswith, partition,
# join), f-strings with format specs, and building a report line by line.


def make_records(n):
    records = []
    for i in range(n):
        name = f"  item-{i % 97:03d}_{'abcdefghij'[i % 10]}{i % 13}  "
        price = (i * 37 % 1000) / 8
        records.append(f"{name};{price:.2f};{'yes' if i % 3 else 'no'};tag{i % 5},tag{i % 7}")
    return records


def process(records):
    report = []
    checksum = 0
    for record in records:
        name, price, flag, tags = record.split(";")
        name = name.strip().replace("-", " ").title()
        if name.startswith("Item 00"):
            name = name.upper()
        head, _, tail = name.partition("_")
        tag_list = [t for t in tags.split(",") if not t.endswith("0")]
        value = float(price)
        line = f"{head:<10}|{tail:>4}|{value:>8.2f}|{flag.upper():^5}|{'+'.join(tag_list)}"
        checksum += len(line) + line.find("|") + line.count("a")
        report.append(line)
    return report, checksum


def main():
    records = make_records(120000)
    report, checksum = process(records)
    text = "\n".join(report)
    print(report[0])
    print(report[-1])
    print("lines:", len(report), "chars:", len(text), "checksum:", checksum)
    print("lower-case vowels:", sum(text.count(v) for v in "aeiou"))


main()
