"""A real browser (Debian's headless Chromium, driven by selenium) on the pages `migration-lod serve` gives."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(not (CHROMEDRIVER.exists() and CHROMIUM),
                                reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")
QUERY = ROOT / "ontology" / "queries" / "projects-benefiting-a-country.rq"
PO_0201 = "Élaboration d’un plan régional de gestion des migrations en Amérique du Sud"


def _command() -> list[str]:
    script = Path(sys.executable).with_name("migration-lod")
    return [str(script)] if script.exists() else [shutil.which("migration-lod") or "migration-lod"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """`migration-lod serve` on a free loopback port, over a copy of the published output."""
    root = tmp_path_factory.mktemp("browser")
    out = root / "output"
    shutil.copytree(ROOT / "output", out)
    log = root / "serve.log"
    with log.open("w") as handle:
        process = subprocess.Popen([*_command(), "serve", "--host", "127.0.0.1", "--port", "0", "--out", str(out)],
                                   stdout=handle, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not (found := re.search(r"at (http://127\.0\.0\.1:\d+/)", log.read_text())):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # selenium must not look for drivers on the network
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile}", "--window-size=1280,1800", "--lang=en-US"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, seconds: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def test_landing_page_project_page_and_a_query(browser, site_url, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    browser.get(site_url)
    assert browser.title == "Migration-governance projects"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Migration-governance projects"
    counts = [item.text.replace("\n", " ") for item in browser.find_elements(By.CSS_SELECTOR, "ul.counts li")]
    assert "5 projects" in counts and "3,258 triples" in counts
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.chart-bar")) == 16
    browser.save_screenshot(str(tmp_path / "landing.png"))

    browser.find_element(By.LINK_TEXT, PO_0201).click()
    _wait(browser, ec.url_contains("/project/PO.0201"))
    assert browser.find_element(By.TAG_NAME, "h1").text == PO_0201
    summary = browser.find_element(By.CSS_SELECTOR, "dl.summary").text
    assert "400,000.00 USD" in summary and "2023\u202f–\u202f2025" in summary and "Active" in summary
    countries = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "dl.summary a[href*='country/']")}
    assert {"Argentina", "Bolivia", "Guyana", "Uruguay"} <= countries
    embedded = json.loads(browser.execute_script(
        "return document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    assert embedded["@type"] == "Project" and embedded["name"] == PO_0201
    alternates = browser.execute_script(
        "return [...document.querySelectorAll('link[rel=alternate]')].map(l => l.type + ' ' + l.href)")
    assert f"text/turtle {site_url}project/PO.0201.ttl" in alternates
    browser.save_screenshot(str(tmp_path / "project.png"))

    browser.find_element(By.LINK_TEXT, "Argentina").click()
    _wait(browser, ec.url_contains("/country/AR"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Argentina"
    assert browser.find_element(By.LINK_TEXT, PO_0201).is_displayed()

    browser.find_element(By.LINK_TEXT, "SPARQL").click()
    _wait(browser, ec.presence_of_element_located((By.ID, "query")))
    box = browser.find_element(By.ID, "query")
    box.clear()
    box.send_keys(QUERY.read_text(encoding="utf-8"))
    browser.find_element(By.ID, "run").click()
    _wait(browser, ec.presence_of_element_located((By.CSS_SELECTOR, "table.results")))
    headers = [th.text.lower() for th in browser.find_elements(By.CSS_SELECTOR, "table.results th")]
    rows = browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    assert headers == ["?project", "?code", "?title"]
    assert [row.find_elements(By.TAG_NAME, "td")[1].text for row in rows] == ["IS.0077", "PO.0181", "PO.0201"]
    browser.save_screenshot(str(tmp_path / "sparql.png"))
    for name in ("landing.png", "project.png", "sparql.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


HOSTILE_TITLE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & <b>bold</b>'
HOSTILE_TEXT = '</script><script>window.pwned = 3</script><!--'


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory):
    """`serve` over a real build whose contributed project has HTML and scripts in its title and description."""
    from click.testing import CliRunner

    from publisher.cli import main
    from tests.conftest import SEEDS
    from tests.serving import serve

    root = tmp_path_factory.mktemp("hostile-site")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    contribution = (ROOT / "tests" / "contributions" / "valid-turtle.ttl").read_text(encoding="utf-8")
    escaped = HOSTILE_TITLE.replace('"', '\\"')
    contribution = contribution.replace('"Welcoming migrants in border municipalities"@en', f'"{escaped}"@en')
    contribution = re.sub(r'dct:description "[^"]*"@fr', f'dct:description "{HOSTILE_TEXT}"@fr', contribution, count=1)
    (seeds / "hostile-titles.ttl").write_text(contribution, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(root / "output"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    with serve(root / "output", root / "serve.log") as (_process, url):
        yield url


def test_html_and_scripts_in_titles_are_shown_as_text_in_a_built_page(browser, hostile_site_url):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    for path in ("project/CT.0001", ""):
        browser.get(hostile_site_url + path)
        assert browser.execute_script("return window.pwned === undefined"), path
        assert browser.execute_script("return document.querySelectorAll('script').length") == 1, path
        assert browser.execute_script("return document.querySelectorAll('img[src=x], b').length") == 0, path
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 (asking is the test)
    assert browser.find_element(By.LINK_TEXT, HOSTILE_TITLE).is_displayed()  # the landing page lists it as text
    browser.get(hostile_site_url + "project/CT.0001")
    assert browser.find_element(By.TAG_NAME, "h1").text == HOSTILE_TITLE
    embedded = json.loads(browser.execute_script(
        "return document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    assert HOSTILE_TITLE in embedded["name"] and embedded["description"] == HOSTILE_TEXT


@pytest.mark.parametrize("path", ["", "country/AR", "organisation/european-union", "project/PO.0201", "sparql",
                                  "vocab"])
def test_pages_fit_a_phone_wide_screen(browser, site_url, path):
    """At 500 px, a wide table scrolls on its own; the page itself never scrolls sideways."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 500, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(site_url + path)
        width, viewport = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        assert viewport == 500 and width <= viewport, f"/{path} is {width} px wide"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
