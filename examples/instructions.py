# Walk a function's bytecode with dis.get_instructions: every instruction with its offset,
# line and argument, then which names it reads as globals and which opcodes it uses most.
import dis


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


instructions = list(dis.get_instructions(collatz_steps))
for ins in instructions:
    line = ins.line_number if ins.starts_line else ""
    target = f"-> {ins.jump_target}" if ins.jump_target is not None else ""
    print(f"{line!s:>4} {ins.offset:>4} {ins.opname:<24} {ins.argrepr:<14} {target}")

counts = {}
for ins in instructions:
    counts[ins.opname] = counts.get(ins.opname, 0) + 1
print("most used:", sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:4])
print("locals read:", sorted({ins.argval for ins in instructions if ins.opname.startswith("LOAD_FAST")}))
print("jump targets:", [ins.offset for ins in instructions if ins.is_jump_target])
print("result:", collatz_steps(27))
