"""Browser tests: headless Chromium, driven by Selenium, against a real `belong` server with demo data.

The server binary is BELONG_BINARY, else .build/debug/belong (built by `swift test`).
"""
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"belong exited early with status {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("belong did not become healthy in time")


@pytest.fixture(scope="session")
def server():
    binary = Path(os.environ.get("BELONG_BINARY", ROOT / ".build" / "debug" / "belong"))
    if not binary.exists():
        pytest.fail(f"{binary} not found: run `swift build` first or set BELONG_BINARY")
    workdir = Path(tempfile.mkdtemp(prefix="belong-browser-"))
    port = free_port()
    log = open(workdir / "server.log", "w")
    process = subprocess.Popen(
        [str(binary), "demo", "--serve", "--database", str(workdir / "belong.sqlite"), "--port", str(port),
         "--public-dir", str(ROOT / "Public"), "--log-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        log.flush()
        read_credentials(workdir / "server.log")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


CREDENTIALS = {}
# The demo prints people as the README names them; tests sign in by role.
ROLE_OF_PERSON = {"district administrator": "districtAdministrator", "analyst": "analyst", "principal": "schoolAdministrator",
                  "counsellor": "schoolTeam", "teacher": "staff"}
# Working survey codes printed by `belong demo`: (code, "School · Class · Wave").
CODES = []


def read_credentials(log_path: Path) -> None:
    """`belong demo` prints one account per role: "  role  email  password xxxx-xxxx-xxxx-xxxx  — place",
    and a few survey codes: "  code XXX-XXX-XXX  — School · Class · Wave"."""
    for line in log_path.read_text().splitlines():
        parts = line.split()
        account = re.match(r"^  (\S.*?)\s{2,}(\S+@\S+)\s+password (\S+)", line)
        if account:
            CREDENTIALS[ROLE_OF_PERSON[account.group(1)]] = (account.group(2), account.group(3))
        elif len(parts) >= 3 and parts[0] == "code":
            CODES.append((parts[1], line.split("—", 1)[1].strip()))


def take_code(early_years: bool = False) -> tuple:
    """A demo code nobody has used yet in this run, for the grades 4–12 survey or the K–3 one."""
    for index, (code, place) in enumerate(CODES):
        if ("kindergarten" in place) == early_years:
            return CODES.pop(index)
    pytest.fail("the demo printed too few survey codes")


def chromedriver_path() -> str:
    for candidate in (os.environ.get("CHROMEDRIVER"), shutil.which("chromedriver"), "/usr/bin/chromedriver"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("chromedriver not found: apt-get install chromium-driver")


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver = webdriver.Chrome(service=Service(chromedriver_path()), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture()
def page(browser, server):
    """A clean browser (no language cookie) and the server's base URL."""
    browser.get(server + "/healthz")
    browser.delete_all_cookies()
    browser.set_window_size(1280, 900)
    return browser, server


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    import importlib.util

    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("axe-core not found: pip install --no-deps axe-playwright-python")
    return (Path(spec.submodule_search_locations[0]) / "axe.min.js").read_text()


def axe_violations(driver) -> list:
    """Runs axe-core in the page against WCAG 2.1 A and AA; returns the violations."""
    driver.execute_script(axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(JSON.stringify(r.violations)));",
        AXE_TAGS,
    )
    return json.loads(result)


def describe(violations: list) -> str:
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target'] if v['nodes'] else ''}" for v in violations)


def click_and_wait(driver, element) -> None:
    """Clicks something that loads a new page, and waits until the new page has replaced the old."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            # Stale, or (mid-navigation) "does not belong to the document": the old page is gone either way.
            return True

    WebDriverWait(driver, 20).until(replaced)


def sign_in(driver, url: str, role: str) -> None:
    from selenium.webdriver.common.by import By

    email, password = CREDENTIALS[role]
    driver.get(url + "/signin")
    driver.find_element(By.ID, "field-email").send_keys(email)
    driver.find_element(By.ID, "field-password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
