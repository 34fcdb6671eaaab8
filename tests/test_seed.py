"""The seed report (../shared/seed): strife meets every 'must' and no 'must_not'."""
import subprocess
import sys

import pytest

from conftest import SHARED

SEED = SHARED / "seed"


@pytest.mark.skipif(not (SEED / "expected.json").exists(), reason="../shared/seed is not present")
def test_seed_expectations(pipeline, tmp_path):
    from strife.export import to_jsonl
    from strife.record import Article

    text = (SEED / "karabakh-2023-09-21.txt").read_text(encoding="utf-8")
    events = pipeline.process(Article(id="karabakh-2023-09-21.txt", text=text, published="2023-09-21")).events
    out = tmp_path / "events.jsonl"
    out.write_text(to_jsonl(e.to_dict() for e in events), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SEED / "check.py"), str(SEED / "expected.json"), str(out)],
                            capture_output=True, text=True)
    print(result.stdout)
    assert result.returncode == 0, result.stdout
    assert "1/1 should" in result.stdout
