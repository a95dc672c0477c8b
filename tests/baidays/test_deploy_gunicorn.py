"""docs/deploy/gunicorn.conf.py, the settings every app server and the benchmark run with: the
master freezes what it loaded out of the garbage collector's reach before forking a worker."""

import gc
import importlib.util
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "docs" / "deploy" / "gunicorn.conf.py"


def _config():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", CONFIG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_master_freezes_the_loaded_application_before_each_fork():
    config = _config()
    assert config.preload_app is True  # the application is loaded before the fork
    gc.unfreeze()
    loaded = ["made by the master before forking"]
    assert any(item is loaded for item in gc.get_objects())  # the collector walks it
    try:
        config.pre_fork(server=None, worker=None)
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # Django and the apps, not a handful of objects
        assert not any(item is loaded for item in gc.get_objects())  # out of every generation
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
