"""Translation on a real Dask LocalCluster of two worker processes: the same briefings as a local
run, the memory on a real PostgreSQL server shared by both, nothing translated twice, and a
worker killed mid-run costing nothing but time."""

from __future__ import annotations

import json
import os
import random
import signal
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.errors import UsageError
from briefing.translation.cluster import ClusterEngine, parse_address
from briefing.translation.engine import EngineOptions
from tests.conftest import ROOT, run_briefing

pytestmark = pytest.mark.slow  # a Dask cluster of worker processes

pytest.importorskip("distributed")

NAMES = ["Baniyas", "Jableh", "Latakia", "Tartus", "Hmeimim"]
WORDS = ["security", "forces", "curfew", "residents", "convoy", "officials", "reported", "district", "clashes",
         "monitor", "council", "crossing", "water", "electricity", "hospital"]


def archive(folder: Path, documents: int = 200, seed: int = 7) -> Path:
    """`documents` generated reports: headings, sentences with names and figures, some shared."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(documents):
        paragraphs = []
        for _ in range(rng.randint(2, 4)):
            sentences = [f"{rng.choice(NAMES)} {' '.join(rng.sample(WORDS, 5))} {rng.randint(2, 2000)} people."
                         for _ in range(rng.randint(1, 3))]
            paragraphs.append(" ".join(sentences))
        if number % 10 == 0:
            paragraphs.append("Officials said the curfew would be reviewed on Tuesday.")  # the same in many
        (folder / f"report-{number:03d}.txt").write_text(f"Report {number}\n\n" + "\n\n".join(paragraphs) + "\n",
                                                        encoding="utf-8")
    return folder


def comparable(folder: Path) -> dict[str, object]:
    """Every briefing file of a folder, the run's timings and the digests that carry them left out."""
    def cleaned(value):
        if isinstance(value, dict):
            return {key: cleaned(item) for key, item in value.items() if key not in ("timings", "written")}
        return [cleaned(item) for item in value] if isinstance(value, list) else value

    return {path.name: cleaned(json.loads(path.read_text(encoding="utf-8"))) if path.suffix == ".json"
            else path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()) if path.is_file()}


class Counted(ClusterEngine):
    """The cluster engine, counting the sentences it is asked to translate."""

    asked = 0

    def translate_scored(self, route, sentences, progress=None):
        Counted.asked += len(sentences)
        return super().translate_scored(route, sentences, progress)


def test_an_archive_on_the_cluster_gives_the_local_runs_briefings_and_shares_the_memory(
        installed_models, postgres_server, tmp_path):
    sources = archive(tmp_path / "archive")
    glossary = str(ROOT / "glossary")
    common = ("--to", "fr", "--to", "ar", "--glossary", glossary, "-q")
    local = run_briefing("translate", str(sources), *common, "--out", str(tmp_path / "local"), "--no-memory")
    assert local.returncode == 0, local.stderr
    url = postgres_server()
    clustered = run_briefing("translate", str(sources), *common, "--out", str(tmp_path / "cluster"), "--memory", url,
                             "--cluster", "local:2")
    assert clustered.returncode == 0, clustered.stderr
    assert comparable(tmp_path / "cluster") == comparable(tmp_path / "local")
    assert len(list((tmp_path / "cluster").glob("*.fr.md"))) == 200
    stats = json.loads(run_briefing("memory", "stats", "--memory", url, "--json").stdout)
    assert {row["pair"] for row in stats["machine"]} == {"en→fr", "en→ar"}
    request = pipeline.TranslateRequest(sources=[sources], targets=["fr", "ar"], out_dir=tmp_path / "again",
                                        glossary_paths=[Path(glossary)], memory=url)
    with Counted("local:2") as engine:
        pipeline.translate(request, engine=engine)
    assert Counted.asked == 0  # the re-run on the cluster found every sentence in the database
    from_memory = run_briefing("translate", str(sources), *common, "--out", str(tmp_path / "local-again"),
                               "--memory", url)
    assert from_memory.returncode == 0, from_memory.stderr
    assert comparable(tmp_path / "again") == comparable(tmp_path / "local-again")  # both from the memory: no scores


def test_a_worker_killed_mid_run_costs_nothing_but_time(installed_models, tmp_path):
    sources = archive(tmp_path / "archive", documents=120, seed=11)
    options = EngineOptions(beam_size=6, threads=1)
    killed: list[int] = []

    class Killing(ClusterEngine):
        def translate_scored(self, route, sentences, progress=None):
            def told(n: int) -> None:
                if not killed:  # after the first batch: kill a worker that still has batches to do
                    busy = [worker for worker, keys in self.client.processing().items() if keys] or \
                        list(self.client.scheduler_info()["workers"])
                    pid = self.client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
            return super().translate_scored(route, sentences, told)

    request = pipeline.TranslateRequest(sources=[sources], targets=["fr"], out_dir=tmp_path / "cluster",
                                        engine=options, use_memory=False)
    with Killing("local:2", options) as engine:
        result = pipeline.translate(request, engine=engine)
    assert killed and not result.failures
    assert sorted(p.name for p in result.written) == sorted(set(p.name for p in result.written))  # each once
    local = run_briefing("translate", str(sources), "--to", "fr", "--out", str(tmp_path / "local"), "--no-memory",
                         "--beam-size", "6", "-q")
    assert local.returncode == 0, local.stderr
    assert comparable(tmp_path / "cluster") == comparable(tmp_path / "local")


def test_cluster_addresses_are_checked_before_any_work():
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("tcp://10.0.0.5:8786", insecure=True) == ("scheduler", 0)
    assert parse_address("tcp://127.0.0.1:8786") == ("scheduler", 0)
    for wrong in ("local:0", "local:many", "scheduler"):
        with pytest.raises(UsageError):
            parse_address(wrong)


def test_a_scheduler_that_cannot_be_reached_is_one_line(installed_models, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("The curfew was lifted.\n", encoding="utf-8")
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                          "--cluster", "tcp://127.0.0.1:9", "-q",
                          env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s", "BRIEFING_CLUSTER_TIMEOUT": "3"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "cannot reach the scheduler" in result.stderr and not (tmp_path / "out").exists()


def test_ctrl_c_on_the_terminal_cancels_a_cluster_run_and_writes_nothing(installed_models, tmp_path):
    """The terminal sends SIGINT to the whole process group, the cluster's workers too: the run
    must still end (exit 130), not wait for workers that are gone."""
    from tests.cli.test_interrupt import TRANSLATED_SOME, Run, long_source

    run = Run(tmp_path, long_source(tmp_path), extra=("--cluster", "local:2"), new_session=True)
    run.wait_for(TRANSLATED_SOME)  # the cluster started, its workers translating
    os.killpg(run.process.pid, signal.SIGINT)
    assert run.finish(timeout=90) == 130, run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_client_without_models_translates_on_workers_that_have_them(installed_models, tmp_path):
    """Only the workers translate: the routes come from what they hold, this machine needs none."""
    from distributed import LocalCluster

    source = tmp_path / "a.txt"
    source.write_text("The curfew in Jableh was lifted on 9 March.\n", encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50,
                      env={"ARGOS_PACKAGES_DIR": str(installed_models)}) as cluster:
        empty = tmp_path / "no-packages"
        empty.mkdir()
        result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                              "--cluster", cluster.scheduler_address, "-q", env={"ARGOS_PACKAGES_DIR": str(empty)})
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "out" / "a.fr.md").is_file()
        local = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "here"), "--no-memory",
                             "-q", env={"ARGOS_PACKAGES_DIR": str(empty)})
        assert local.returncode == 1 and "no model installed for en→fr" in local.stderr  # no model here indeed


def test_batches_go_by_length_each_about_one_engine_batch():
    from briefing.translation.cluster import TASKS_PER_WORKER, task_batches

    sentences = [" ".join(["word"] * (n % 37 + 1)) for n in range(500)]
    tasks = task_batches(sentences, max_tokens=256, workers=2)
    assert sorted(index for task in tasks for index in task) == list(range(500))  # each sentence once
    lengths = [len(sentences[index]) for task in tasks for index in task]
    assert lengths == sorted(lengths) and len(tasks) >= 2 * TASKS_PER_WORKER
    assert all(sum(len(sentences[i]) // 4 + 2 for i in task) <= 256 or len(task) == 1 for task in tasks)
