"""``avet batch ... --ray``: the same job on a local Ray instance gives the same outputs.

Ray needs TCP on 127.0.0.1 between its own processes (the local instance listens on
the loopback only), hence ``enable_socket``; nothing leaves the machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.functional.batch_fixtures import write_extract_corpus, write_postedit_job
from toolkit.cli.main import main

# One worker runs the tests that start a local Ray instance (pytest -n: --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.enable_socket, pytest.mark.xdist_group("ray")]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False, _node_ip_address="127.0.0.1")
    yield
    ray.shutdown()


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.txt"))
            + sorted((out / "reports").rglob("*.json"))}


def test_postedit_on_ray_equals_local(local_ray: None, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 10)
    common = ["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to", "en",
              "--glossary", str(glossary), "--chunk-docs", "3"]
    assert main([*common, "--out", str(tmp_path / "local")]) == 0
    assert main([*common, "--out", str(tmp_path / "ray"), "--ray"]) == 0
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
    assert len(_files(tmp_path / "ray")) == 20
    # Resume on Ray: nothing to do.
    capsys.readouterr()
    assert main([*common, "--out", str(tmp_path / "ray"), "--ray", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["run"]["skipped"] == 10 and summary["run"]["done"] == 0


def test_extract_on_ray_equals_local(local_ray: None, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_extract_corpus(tmp_path)
    common = ["batch", "extract", str(corpus), "--chunk-docs", "2", "--no-store", "--db",
              str(tmp_path / "none.db")]
    assert main([*common, "--out", str(tmp_path / "local")]) == 0
    assert main([*common, "--out", str(tmp_path / "ray"), "--ray", "--actors", "2"]) == 0
    local = (tmp_path / "local" / "glossary.json").read_text(encoding="utf-8")
    assert (tmp_path / "ray" / "glossary.json").read_text(encoding="utf-8") == local
    assert len(json.loads(local)["entries"]) > 5
