"""The one input object: how every road builds it, and the publication date rule."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from clashwatch.article import (
    MAX_ID_CHARS,
    NO_DATE_WARNING,
    fit_id,
    from_mapping,
    make_article,
    parse_published,
    reference_date,
    url_host,
)


def test_a_given_date_counts_as_given_and_strings_are_parsed():
    article = make_article("Two soldiers were killed.", published="2024-03-02T08:30:00Z")
    assert article.published == dt.date(2024, 3, 2)
    assert article.published_origin == "given"
    assert make_article("x", published=dt.date(2024, 3, 2), published_origin="page").published_origin == "page"


def test_no_date_means_no_origin_even_when_one_is_named():
    article = make_article("Two soldiers were killed.", published_origin="feed")
    assert article.published is None and article.published_origin is None


@pytest.mark.parametrize("bad", ["2024-02-30", "the day the rains came", "12", "2024-09"])
def test_a_malformed_date_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="published"):
        make_article("x", published=bad)


@pytest.mark.parametrize("written", ["2021-04-06", "06 April 2021", "April 6, 2021", "6 Apr 2021", "2021-04-06T23:10:00Z"])
def test_a_publication_date_as_people_and_acled_write_it(written):
    assert make_article("x", published=written).published == dt.date(2021, 4, 6)


def test_a_date_of_the_wrong_type_is_a_clear_error():
    with pytest.raises(ValueError, match="must be a date string, not int"):
        parse_published(20240302)


def test_ids_fit_the_store():
    long = "a" * 200
    fitted = make_article("x", id=long).id
    assert len(fitted) == MAX_ID_CHARS and fitted.startswith("a" * 40) and fitted == fit_id(long)
    assert make_article("x", id=42).id == "42"


def test_an_article_without_id_gets_one_from_its_url_or_text():
    by_text = make_article("Two  soldiers were\nkilled.")
    assert by_text.ensure_id() == make_article("Two soldiers were killed.").ensure_id()
    by_url = make_article("Some text.", url="https://example.org/a")
    assert by_url.ensure_id() == make_article("Other text.", url="https://example.org/a").ensure_id()
    assert by_url.id != by_text.id


def test_a_record_names_the_outlet_source():
    article = from_mapping({"id": 7, "text": "Police arrested ten protesters.", "source": "Daily Nation", "published": "2024-05-06"})
    assert (article.id, article.outlet, article.published) == ("7", "Daily Nation", dt.date(2024, 5, 6))


def test_without_a_date_relative_dates_resolve_against_today_with_a_warning():
    undated = make_article("Gunmen attacked a village on Friday.")
    day, warning = reference_date(undated, today=dt.date(2024, 1, 10))
    assert day == dt.date(2024, 1, 10) and warning == NO_DATE_WARNING
    dated = make_article("Gunmen attacked a village on Friday.", published="2024-01-05")
    assert reference_date(dated, today=dt.date(2024, 1, 10)) == (dt.date(2024, 1, 5), None)


def test_a_file_gives_its_modification_day_only_when_nothing_else_did(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Gunmen attacked a village on Friday.")
    when = dt.datetime(2023, 7, 14, 12, 0)
    os.utime(path, (when.timestamp(), when.timestamp()))

    undated = make_article(path.read_text())
    undated.file_date(str(path))
    assert (undated.published, undated.published_origin) == (dt.date(2023, 7, 14), "file")
    assert any("modification date (2023-07-14)" in w for w in undated.warnings)

    from_page = make_article(path.read_text(), published="2023-07-01", published_origin="page")
    from_page.file_date(str(path))
    assert (from_page.published, from_page.published_origin, from_page.warnings) == (dt.date(2023, 7, 1), "page", [])

    piped = make_article("text")
    piped.file_date("-")
    assert piped.published is None


def test_lone_surrogates_are_replaced_at_the_entrance_without_moving_offsets():
    text = "Gunmen killed five people \ud800 in Garissa."
    article = make_article(text, title="Attack \udfff")
    assert article.text == text.replace("\ud800", "\ufffd") and len(article.text) == len(text)
    assert article.title == "Attack \ufffd"
    assert article.warnings == ["1 invalid character (lone surrogates) replaced with U+FFFD"]
    article.text.encode("utf-8")  # encodable now


@pytest.mark.parametrize("given", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
def test_a_given_date_outside_the_window_is_refused(given):
    with pytest.raises(ValueError, match="before 1900-01-01|in the future"):
        make_article("x", published=given)


def test_a_future_date_found_in_a_page_is_left_out_with_a_warning():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert make_article("x", published=tomorrow).published == tomorrow  # a day of slack for time zones
    article = make_article("x", published=dt.date(2999, 1, 1), published_origin="page")
    assert article.published is None and article.published_origin is None
    assert article.warnings == [f"the page's publication date was left out: 2999-01-01 is in the future (today is {dt.date.today()})"]


@pytest.mark.parametrize("url, host", [
    ("https://www.nation.co.ke/news/1", "nation.co.ke"),
    ("nation.co.ke/news/1", "nation.co.ke"),  # written without its scheme
    ("HTTPS://Example.ORG/x", "example.org"),
    ("http://[::1", None),  # cannot be read
    ("not a web address", None),
    ("", None),
    (None, None),
])
def test_the_host_of_a_web_address(url, host):
    assert url_host(url) == host
