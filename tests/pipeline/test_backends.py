"""Parallel extraction: a pool of processes and a Dask cluster give the very sheets one process gives."""

from __future__ import annotations

import pytest
from runs import corpus, without_time

from generator.errors import ConfigError
from generator.inputs.files import iter_articles
from generator.pipeline.run import extract_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def single(tmp_path_factory, nlp):
    """The small corpus extracted in this process: the reference."""
    tmp = tmp_path_factory.mktemp("single")
    src = corpus(tmp / "a.jsonl", 12)
    out = tmp / "facts"
    report = extract_all(iter_articles([src]), out)
    assert report.ok and len(report.written) == 12
    return src, without_time(out)


def test_processes_give_the_same_sheets(single, tmp_path):
    src, expected = single
    report = extract_all(iter_articles([src]), tmp_path / "facts", jobs=2)
    assert report.ok and sorted(report.written) == sorted(p.removesuffix(".yaml") for p in expected)
    assert without_time(tmp_path / "facts") == expected


def test_a_local_dask_cluster_gives_the_same_sheets(single, tmp_path):
    src, expected = single
    report = extract_all(iter_articles([src]), tmp_path / "facts", jobs=2, scheduler="dask")
    assert report.ok, report.errors
    assert without_time(tmp_path / "facts") == expected


def test_a_dask_scheduler_address_is_used(single, tmp_path):
    """``--scheduler dask://host:port``: a cluster started elsewhere (here, in this process)."""
    from distributed import LocalCluster

    src, expected = single
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        report = extract_all(iter_articles([src]), tmp_path / "facts", scheduler=address)
    assert report.ok, report.errors
    assert without_time(tmp_path / "facts") == expected


def test_nothing_to_do_starts_no_workers(single, tmp_path):
    src, _ = single
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    # an address nobody listens on: it would fail if a client were started
    report = extract_all(iter_articles([src]), out, jobs=2, scheduler="dask://127.0.0.1:9")
    assert len(report.unchanged) == 12 and report.ok


def test_an_unknown_scheduler_is_a_clear_error(single, tmp_path):
    src, _ = single
    with pytest.raises(ConfigError, match="unknown scheduler 'mpi'"):
        extract_all(iter_articles([src]), tmp_path / "facts", scheduler="mpi")
