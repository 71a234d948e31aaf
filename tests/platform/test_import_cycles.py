"""No import cycle between the project's modules, except a service module and its own tasks module (the service
queues the task, the task calls the service). The project's packages are found through the app registry."""

import grimp

from tests.platform.discovery import project_apps


def test_no_import_cycles_but_a_service_and_its_tasks():
    graph = grimp.build_graph(*(config.name for config in project_apps()), include_external_packages=False)
    cycles = set()
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.add(tuple(sorted((module, imported))))
    allowed = {(f"{c.name}.{writer}", f"{c.name}.tasks") for c in project_apps() for writer in ("imports", "services")}
    assert not cycles - allowed, sorted(cycles - allowed)
