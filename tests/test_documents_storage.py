"""The file store: files by SHA-256, written whole or not at all, never outside the folder."""

import hashlib
import io

import pytest

from tracker.services import storage


def test_receive_then_keep_puts_the_file_under_its_hash(tmp_path):
    data = b"minutes" * 1000
    incoming = storage.receive(tmp_path, io.BytesIO(data), max_bytes=10_000)
    assert incoming.path.parent == tmp_path / ".incoming"
    digest = hashlib.sha256(data).hexdigest()
    assert (incoming.sha256, incoming.size) == (digest, len(data))

    kept = storage.keep(tmp_path, incoming)

    assert kept == tmp_path / digest[:2] / digest[2:]
    assert kept.read_bytes() == data
    assert list((tmp_path / ".incoming").iterdir()) == []


def test_the_same_bytes_are_kept_once(tmp_path):
    first = storage.keep(tmp_path, storage.receive(tmp_path, io.BytesIO(b"same"), 100))
    second = storage.keep(tmp_path, storage.receive(tmp_path, io.BytesIO(b"same"), 100))
    assert first == second
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [first]


def test_too_large_leaves_nothing_behind(tmp_path):
    with pytest.raises(storage.FileTooLarge):
        storage.receive(tmp_path, io.BytesIO(b"x" * 200_000), max_bytes=100_000)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_paths_are_only_ever_made_from_a_hash(tmp_path):
    for bad in ("../../etc/passwd", "AB" * 32, "", "a" * 63):
        with pytest.raises(ValueError):
            storage.path_for(tmp_path, bad)


def test_store_bytes_keeps_app_made_files_the_same_way(tmp_path):
    digest = storage.store_bytes(tmp_path, b"generated pack")
    assert digest == hashlib.sha256(b"generated pack").hexdigest()
    assert storage.path_for(tmp_path, digest).read_bytes() == b"generated pack"
    assert storage.exists(tmp_path, digest)
