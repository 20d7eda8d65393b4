"""Runs `briefing extract` on a text (not a file) for the evaluation scripts."""
import json
import os
import subprocess
import tempfile


def extract_text(binary, text, date):
    """`briefing extract` of `text` dated `date`, as JSON; every span is checked against the text."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(text)
        path = handle.name
    try:
        out = subprocess.run([binary, "extract", path, "--date", date], check=True, capture_output=True, text=True)
    finally:
        os.unlink(path)
    got = json.loads(out.stdout)
    for span in got["entities"] + got["dates"]:
        assert text[span["start"]:span["end"]] == span["text"], f"span text differs from the input: {span}"
    return got
