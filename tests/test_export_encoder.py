"""scripts/export_encoder.py makes bot/encoder.onnx again: the shipped file is what the script
writes from the installed packages, so the two can never drift apart."""
import hashlib
import subprocess
import sys

import pytest

from helpers import KIT, ROOT

DEV = KIT / "dev.jsonl"  # the script checks token states on dev's questions


def test_the_script_makes_the_shipped_encoder_again(tmp_path):
    if not DEV.exists():
        pytest.skip(f"{DEV} is not here (the evaluation kit lives beside the project)")
    out = tmp_path / "encoder.onnx"
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_encoder.py"), "--out", str(out)],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "largest difference of token states from the packaged file" in p.stdout
    made, shipped = (hashlib.sha256(f.read_bytes()).hexdigest() for f in (out, ROOT / "bot" / "encoder.onnx"))
    assert made == shipped
