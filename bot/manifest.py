"""The manifest of an index directory, written last: what the index was built with (format, model,
dimension), its counts and sources, every file's size and sha256, and a checksum of itself. Loading
checks it all; see store.py for when the files' checksums are read."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import config
from .index import IndexProblem
from .layout import Layout
from .sources import Document


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def make(tmp: Path, files: tuple[str, ...], docs: list[Document], table: Layout, dimension: int) -> dict:
    manifest = {
        "format": config.INDEX_FORMAT,
        "model": config.TRAINED.model_name,
        "dimension": dimension,
        "sentences": len(table.sentences),
        "paragraphs": len(table.paragraphs),
        "sources": [{"name": doc.name, "sha256": sha256(doc.text.encode("utf-8")), "chars": len(doc.text)}
                    for doc in docs],
        "files": {f: {"bytes": (tmp / f).stat().st_size, "sha256": file_sha256(tmp / f)} for f in files},
    }
    return manifest | {"digest": digest(manifest)}


def digest(manifest: dict) -> str:
    """A checksum of the manifest itself: a manifest edited or cut short is caught on load."""
    return sha256(json.dumps({k: v for k, v in manifest.items() if k != "digest"}, sort_keys=True).encode())


def read(directory: Path, rebuild: str) -> dict:
    manifest_path = directory / "manifest.json"
    if not directory.is_dir():
        raise IndexProblem(f"no index at {directory}; build one: python -m bot index SOURCE... --out {directory}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexProblem(f"{directory} has no manifest.json, so it is not a complete index; {rebuild}") from None
    except (OSError, ValueError) as e:
        raise IndexProblem(f"{manifest_path} is unreadable ({e}); {rebuild}") from None
    if manifest.get("format") != config.INDEX_FORMAT:
        raise IndexProblem(f"{directory} has index format {manifest.get('format')}, this bot reads "
                           f"{config.INDEX_FORMAT}; {rebuild}")
    if manifest.get("model") != config.TRAINED.model_name or manifest.get("dimension") != config.TRAINED.model_dim:
        raise IndexProblem(f"{directory} was built with {manifest.get('model')} ({manifest.get('dimension')} "
                           f"dimensions), this bot embeds with {config.TRAINED.model_name}; {rebuild}")
    return manifest


def check_files(directory: Path, files: tuple[str, ...], manifest: dict, rebuild: str, full: bool | None = None) -> None:
    """Every file there with the size the manifest gives; checksums too if `full`, or if the index is
    small enough to hash on every load (None)."""
    listed = manifest.get("files", {})
    if digest(manifest) != manifest.get("digest") or set(listed) != set(files):
        raise IndexProblem(f"{directory / 'manifest.json'} does not match its own checksum (edited or cut "
                           f"short); {rebuild}")
    for f in files:
        try:
            size = (directory / f).stat().st_size
        except OSError as e:
            raise IndexProblem(f"{directory / f} is missing or unreadable ({e.strerror}); {rebuild}") from None
        if size != listed[f]["bytes"]:
            raise IndexProblem(f"{directory / f} has {size} bytes, the manifest says {listed[f]['bytes']} "
                               f"(truncated or changed; its checksum cannot match); {rebuild}")
    if full is None:
        full = sum(v["bytes"] for v in listed.values()) <= config.VERIFY_ON_LOAD_BYTES
    for f in files if full else ():
        if file_sha256(directory / f) != listed[f]["sha256"]:
            raise IndexProblem(f"{directory / f} does not match its checksum in the manifest "
                               f"(truncated or changed); {rebuild}")
