"""`iku batch --executor ray` on a real local Ray instance (2 worker CPUs, no dashboard)."""
from __future__ import annotations

import logging
import os

import pytest

from _batch_helpers import FAULTS_PLUGIN, PYTHONPATH, SAMPLES, assert_exactly_once, make_corpus, manifest, records, sha
from iku.pipeline.batch.run import BatchOptions, run_batch

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def local_ray():
    # Ray's worker processes, and the sandboxes they start, inherit the environment of ray.init:
    # the test plugins (tests/plugins/) become importable there
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [PYTHONPATH, previous]))
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()
        if previous is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = previous


def _without_timing(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "seconds"} for r in rows]


def test_ray_executor_writes_the_same_dataset_as_the_local_pool(local_ray, tmp_path):
    corpus = tmp_path / "in"
    make_corpus(corpus, 6)
    by_pool = run_batch(BatchOptions(inputs=[str(corpus)], output=tmp_path / "pool", workers=2))
    by_ray = run_batch(BatchOptions(inputs=[str(corpus)], output=tmp_path / "ray", workers=2, executor="ray"))
    assert by_pool.converted == by_ray.converted == 6 and by_ray.failed == 0
    assert "Ray" in by_ray.executor
    assert records(tmp_path / "ray") == records(tmp_path / "pool")
    assert _without_timing(manifest(tmp_path / "ray")) == _without_timing(manifest(tmp_path / "pool"))
    assert_exactly_once(tmp_path / "ray", {sha(p) for p in corpus.glob("*.pdf")})


@pytest.mark.slow  # the default run keeps Ray's dataset against the local pool's; this one is slow
def test_resume_across_executors_and_bad_documents_do_not_block(local_ray, tmp_path):
    corpus = tmp_path / "in"
    paths = make_corpus(corpus, 5)
    (corpus / "fault-abort.pdf").write_bytes(SAMPLES[5].read_bytes())  # the fault plugin crashes on it
    (corpus / "fault-hang.pdf").write_bytes(SAMPLES[6].read_bytes())  # ...and hangs on this one
    out = tmp_path / "ds"
    first = run_batch(BatchOptions(inputs=[str(p) for p in paths[:3]], output=out, workers=2))
    assert first.converted == 3
    # the Ray run skips what the local pool did; a crashing and a hanging document fail alone
    s = run_batch(BatchOptions(inputs=[str(corpus)], output=out, workers=2, executor="ray", retries=0, timeout=3,
                          plugins=(FAULTS_PLUGIN,)))
    assert (s.converted, s.skipped, s.failed) == (2, 3, 2)
    rows = {os.path.basename(r["path"]): r for r in manifest(out)}
    assert "SIGABRT" in rows["fault-abort.pdf"]["error"]
    assert rows["fault-hang.pdf"]["error_kind"] == "timeout"
    assert_exactly_once(out, {sha(p) for p in paths})
    # Ray workers that sent bytes or read a shared path write the same records
    shared = tmp_path / "shared"
    run_batch(BatchOptions(inputs=[str(p) for p in paths[3:]], output=shared, workers=2, executor="ray",
                      shared_inputs=True))
    assert records(shared) == {k: v for k, v in records(out).items() if any(sha(p) in k for p in paths[3:])}
