"""Zero import cycles between the project's files: a cycle hidden by an import inside a
function still counts (grimp reads those too), so a module never needs another that needs it."""

import grimp

PACKAGES = ("audit", "baidays", "core", "enterprises", "projects", "topics", "plans", "supervision")


def cycles(graph):
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    modules = graph.modules
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            following = next((m for m in imported if m in modules), None)
            if following is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif following not in index:
                index[following] = low[following] = len(index)
                stack.append(following)
                on_stack.add(following)
                work.append(
                    (following, iter(sorted(graph.find_modules_directly_imported_by(following))))
                )
            elif following in on_stack:
                low[module] = min(low[module], index[following])
    return found


def test_cycles_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("a", "a.b", "a.c", "a.d"):
        graph.add_module(name)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    graph.add_import(importer="a.d", imported="a.b")
    assert cycles(graph) == [["a.b", "a.c"]]


def test_no_module_imports_itself_through_others():
    assert cycles(grimp.build_graph(*PACKAGES)) == []
