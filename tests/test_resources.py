"""The language data files: every one loads, and none can mean two things at once."""

from __future__ import annotations

from importlib import resources

import pytest

from clashwatch.resources import ResourceError, load_json, load_list, load_tsv, parse_json

FILES = sorted(p.name for p in resources.files("clashwatch.resources").iterdir() if p.suffix in (".json", ".tsv", ".txt"))


@pytest.mark.parametrize("name", FILES)
def test_every_language_data_file_loads(name):
    loaded = {".json": load_json, ".tsv": load_tsv, ".txt": load_list}[name[name.rindex("."):]](name)
    assert loaded


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite():
    # two helpers once added the same key to event_families.json; only the second was read
    with pytest.raises(ResourceError, match="'looting:seize' given twice"):
        parse_json('{"cue_objects": {"looting:seize": ["car"], "looting:seize": ["cattle"]}}', "event_families.json")
    assert parse_json('{"a": {"b": 1}, "c": {"b": 2}}', "x.json") == {"a": {"b": 1}, "c": {"b": 2}}
