import ast, dis

source = "x = 2 + 3\nprint(x)\n"

# Parse to AST
tree = ast.parse(source)
print(ast.dump(tree, indent=2))

# Compile to bytecode (code object)
code_obj = compile(source, filename="<memory>", mode="exec")

# Disassemble bytecode
dis.dis(code_obj)
