"""The real Gradio app on a free port, called as a client would."""
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


def test_chat_endpoint_answers_with_quotes(client):
    text = client.predict("On what date did Stalin write his Response to Comrade Ivanov?", api_name="/chat")
    assert text.startswith("**14 February 1938**")
    assert "> In his 14 February 1938 Response to Comrade Ivanov" in text and "Relation to Leninism" in text


def test_bad_input_gets_a_message_not_an_error(client):
    assert "type a question" in client.predict("   ", api_name="/chat")
    text = client.predict("<img src=x onerror=alert(1)>", api_name="/chat")
    assert "<img" not in text
    # the server keeps serving
    assert "does not say" in client.predict("How do I bake sourdough bread?", api_name="/chat")
    assert client.predict("Hello!", api_name="/chat").startswith("Ask me a question about *Socialism in One Country*")


def test_followups_through_the_client_keep_the_conversation(client):
    first = client.predict("What did Stalin write in February 1938?", api_name="/chat")
    assert "Response to Comrade Ivanov" in first
    second = client.predict("Into how many parts did he split the question in it?", api_name="/chat")
    assert "two parts" in second.split("\n> ", 1)[1].split("\n")[0]


def test_upload_answers_about_the_uploaded_text(client, tmp_path):
    from gradio_client import Client, handle_file

    doc = tmp_path / "lighthouse.md"
    doc.write_text("# Lighthouse\n\nThe Pharos lighthouse was built on the island of Pharos around 280 BC.\n"
                   "It was damaged by earthquakes between 956 and 1323.\n", encoding="utf-8")
    mine = Client(client.src, verbose=False)  # a second visitor, with a session of its own
    status, _, _ = mine.predict([handle_file(str(doc))], api_name="/upload")
    assert "lighthouse.md" in status and "2 sentences" in status
    text = mine.predict("When was the lighthouse built?", api_name="/chat")
    assert "around 280 BC" in text and "`lighthouse.md`" in text
    # the first visitor still talks to the default article
    assert "socialism_in_one_country.txt" in client.predict("Who elaborated the theory in 1925?", api_name="/chat")


def test_upload_rejects_bad_files(client, tmp_path):
    from gradio_client import Client, handle_file

    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    mine = Client(client.src, verbose=False)
    status, _, _ = mine.predict([handle_file(str(bad))], api_name="/upload")
    assert status.startswith("**Not indexed:**") and "UTF-8" in status


def test_feedback_is_stored_as_json_lines(tmp_path):
    import json

    import bot
    from bot.sessions import record_feedback

    reply = bot.answer("On what date did Stalin write his Response to Comrade Ivanov?")
    path = tmp_path / "fb.jsonl"
    record_feedback("q1", reply, True, path)
    record_feedback("q2", reply, False, path)
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
    assert [(r["question"], r["liked"]) for r in rows] == [("q1", True), ("q2", False)]
    assert rows[0]["citations"][0]["quote"] == reply.citations[0].quote

    # a writer killed in the middle of a line left it torn: the next append drops it first
    for torn in (b'{"time": "2026-', b'{"time": "2026-' + b"x" * 200_000):  # longer than one read back
        path.write_bytes(path.read_bytes().split(b"\n")[0] + b"\n" + torn)
        record_feedback("q3", reply, True, path)
        rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
        assert [r["question"] for r in rows] == ["q1", "q3"]
    path.write_bytes(b'{"torn')  # nothing whole before it
    record_feedback("q4", reply, True, path)
    assert [json.loads(l)["question"] for l in path.read_text(encoding="utf-8").splitlines()] == ["q4"]


def test_spaces_front_matter_matches_requirements():
    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("---\n")
    meta = dict(line.split(": ", 1) for line in readme.split("---\n")[1].strip().splitlines())
    pins = dict(l.split("==") for l in (ROOT / "requirements.txt").read_text().splitlines() if "==" in l)
    assert meta["sdk"] == "gradio" and meta["sdk_version"] == pins["gradio"]
    assert meta["python_version"] == '"3.11"' and meta["app_file"] == "app.py"
    for key in ("title", "emoji", "colorFrom", "colorTo", "license", "short_description"):
        assert meta.get(key), key
    assert len(meta["short_description"]) <= 60
