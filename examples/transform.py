# Rewrite a program's tree, then compile and run the result: an ast.NodeTransformer that
# turns every `x ** 2` into `x * x` and every `print(...)` into a call that tags its output.
import ast

source = """
def norm2(x, y):
    return x ** 2 + y ** 2

for point in [(3, 4), (5, 12)]:
    print("norm2", point, norm2(*point))
"""


class SquareToProduct(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow) and isinstance(node.right, ast.Constant) and node.right.value == 2:
            product = ast.BinOp(left=node.left, op=ast.Mult(), right=node.left)
            return ast.copy_location(product, node)
        return node


class TagPrints(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "print":
            node.args.insert(0, ast.Constant(value="[rewritten]"))
        return node


tree = ast.parse(source)
tree = TagPrints().visit(SquareToProduct().visit(tree))
ast.fix_missing_locations(tree)
print(ast.dump(tree.body[0].body[0], indent=2))
code = compile(tree, filename="<rewritten>", mode="exec")
namespace = {}
exec(code, namespace)
print(sorted(name for name in namespace if not name.startswith("__")))
