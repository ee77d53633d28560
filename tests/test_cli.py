import json
import os
import subprocess
import sys

import pytest

from helpers import ARTICLE, ROOT


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=None if env is None else {**os.environ, **env})


def test_ask_json():
    p = run("ask", "On what date did Stalin write his Response to Comrade Ivanov?", "--json")
    assert p.returncode == 0, p.stderr
    reply = json.loads(p.stdout)
    assert reply["found"] and reply["span"] == "14 February 1938"
    raw = ARTICLE.read_text(encoding="utf-8")
    for c in reply["citations"]:
        assert raw[c["start"]:c["end"]] == c["quote"]


def test_index_then_ask_markdown(tmp_path):
    src = tmp_path / "bridge.txt"
    src.write_text("[[Bridge]]\n\nThe bridge was finished in 1932 by the Dorman Long company.\n", encoding="utf-8")
    p = run("index", str(src), "--out", str(tmp_path / "idx"))
    assert p.returncode == 0, p.stderr
    assert "indexed 1 sentences" in p.stdout
    p = run("ask", "Which company finished the bridge?", "--index", str(tmp_path / "idx"))
    assert p.returncode == 0 and "Dorman Long" in p.stdout and "`bridge.txt` chars" in p.stdout


def test_errors_are_clear(tmp_path):
    p = run("index", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "idx"))
    assert p.returncode == 2 and "no such file" in p.stderr and "Traceback" not in p.stderr
    p = run("ask", "Who?", "--index", str(tmp_path / "nowhere"))
    assert p.returncode == 2 and "python -m bot index" in p.stderr
    p = run("ask", "   ")
    assert p.returncode == 2 and "type a question" in p.stderr


@pytest.mark.parametrize("variable,name,content,script", [
    ("BOT_RANKER_PATH", "models.json", "not json", "train_ranker.py"),
    ("BOT_RANKER_PATH", "models.json", '{"ranker": {}}', "train_ranker.py"),
    ("BOT_READER_PATH", "reader.onnx", "not onnx", "train_reader.py"),
    ("BOT_ENCODER_PATH", "encoder.onnx", "not onnx", "export_encoder.py"),
])
def test_an_unusable_model_file_is_named(tmp_path, variable, name, content, script):
    (tmp_path / name).write_text(content, encoding="utf-8")
    p = run("ask", "Who?", env={variable: str(tmp_path / name)})
    assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
    assert str(tmp_path / name) in p.stderr and f"scripts/{script}" in p.stderr


def test_output_read_only_in_part_is_no_error():
    # `python -m bot ask ... | head -1`: the reader has gone before the reply is printed
    p = subprocess.Popen([sys.executable, "-m", "bot", "ask", "Who criticized the theory?"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.close()
    assert p.wait(timeout=300) == 1
    assert p.stderr.read() == ""



def test_chat_keeps_the_conversation():
    lines = ["What did Stalin write in February 1938?", "Into how many parts did he split the question in it?",
             "\x01", "When was he born?", "", "Who criticized the theory?"]  # the empty line ends the chat
    p = subprocess.run([sys.executable, "-m", "bot", "chat"], cwd=ROOT, input="\n".join(lines) + "\n",
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    # in turn: the first answer, the follow-up answered from the conversation, the bad line's reason
    # (the chat goes on), the refusal; nothing after the empty line
    marks = ["Response to Comrade Ivanov", "**two parts**", "error: Please type a question", "**The article does not say.**"]
    at = [out.find(m) for m in marks]
    assert -1 not in at and at == sorted(at), out
    assert "Zinoviev" not in out


def test_caution_is_an_option_and_a_bad_one_is_named():
    question = "Which three rivals did Stalin brush aside in the 1938 reply, branding them traitors?"
    assert "does not say" in run("ask", question).stdout
    p = run("ask", question, "--caution", "0")
    assert p.returncode == 0 and "does not say" not in p.stdout and "> " in p.stdout
    p = run("ask", question, "--caution", "high")
    assert p.returncode == 2 and "caution must be a number of 0 or more" in p.stderr and "Traceback" not in p.stderr
    p = run("ask", question, env={"BOT_CAUTION": "-1"})
    assert p.returncode == 2 and "BOT_CAUTION must be a number" in p.stderr and "Traceback" not in p.stderr
