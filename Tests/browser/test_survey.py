"""The survey as students take it, on a phone, in French and in English; the K–3 form; and the principal
who prints a class's code slips and watches the count rise."""
import re
import shutil
import subprocess
import time
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import axe_violations, click_and_wait, describe, sign_in, take_code

PHONE = (360, 740)
SERIOUS = {"serious", "critical"}


def assert_accessible(driver, what: str) -> None:
    violations = [v for v in axe_violations(driver) if v.get("impact") in SERIOUS]
    assert not violations, f"{what}: {describe(violations)}"


def main_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "main").text


def visible(elements):
    return [element for element in elements if element.is_displayed()]


def step_button(driver, label: str):
    """survey-steps.js's own "Next question" / "Previous question" buttons, when shown."""
    buttons = [b for b in visible(driver.find_elements(By.CSS_SELECTOR, ".step-nav button")) if b.text == label]
    return buttons[0] if buttons else None


def page_button(driver, move: str):
    return driver.find_element(By.CSS_SELECTOR, f".survey__buttons button[data-move={move}]")


def answer_visible_questions(driver, choice: int = 0) -> int:
    """Picks a choice (by position) in every scale question on screen; returns how many it answered."""
    answered = 0
    for question in visible(driver.find_elements(By.CSS_SELECTOR, ".question")):
        labels = visible(question.find_elements(By.CSS_SELECTOR, ".choice label"))
        if labels:
            labels[min(choice, len(labels) - 1)].click()
            answered += 1
    return answered


def finish_page_on_a_phone(driver, next_question: str, choice: int = 0) -> int:
    """On a phone the page shows one question at a time: answer it, go to the next, then send the page."""
    answered = 0
    for _ in range(40):
        shown = visible(driver.find_elements(By.CSS_SELECTOR, ".question"))
        assert len(shown) == 1, "a phone shows one question at a time"
        answered += answer_visible_questions(driver, choice)
        step = step_button(driver, next_question)
        if step is None:
            break
        step.click()
    click_and_wait(driver, page_button(driver, "next"))
    return answered


def enter_code(driver, url: str, code: str, lang: str) -> None:
    driver.get(f"{url}/s?lang={lang}")
    field = driver.find_element(By.ID, "field-code")
    field.clear()
    field.send_keys(code)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def start(driver) -> None:
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a.button"))


def page_number(driver) -> int:
    match = re.search(r"/s/[A-Z0-9]+/(\d+)", driver.current_url)
    assert match, driver.current_url
    return int(match.group(1))


@pytest.fixture()
def phone(page):
    driver, url = page
    driver.set_window_size(*PHONE)
    return driver, url


def test_a_student_takes_the_survey_on_a_phone_in_french_leaves_resumes_and_submits_once(phone):
    driver, url = phone
    code, _ = take_code()

    driver.get(f"{url}/s?lang=fr")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert_accessible(driver, "the code page")
    # Typed as a student might: lower case, no dashes.
    enter_code(driver, url, code.replace("-", "").lower(), "fr")

    text = main_text(driver)
    assert "Avant de commencer" in text
    assert "anonyme" in text and "passer n’importe quelle question" in text
    assert driver.get_cookies() == [], "a respondent gets no cookie"
    assert_accessible(driver, "the welcome page")
    start(driver)

    assert page_number(driver) == 1
    assert visible(driver.find_elements(By.CSS_SELECTOR, ".step-nav")), "on a phone the questions come one at a time"
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE[0], "nothing overflows a 360-px screen"
    assert_accessible(driver, "a question page on a phone")
    # The progress says which question is on screen, and "previous" sits left of "next".
    assert driver.find_element(By.ID, "progress-label").text.startswith("Question 1 sur ")
    step_button(driver, "Question suivante").click()
    assert driver.find_element(By.ID, "progress-label").text.startswith("Question 2 sur ")
    previous, following = step_button(driver, "Question précédente"), step_button(driver, "Question suivante")
    assert previous.location["x"] < following.location["x"]
    previous.click()
    assert driver.find_element(By.ID, "progress-label").text.startswith("Question 1 sur ")
    first_page = finish_page_on_a_phone(driver, "Question suivante", choice=0)
    assert first_page >= 1
    assert page_number(driver) == 2

    # One answer on page 2, then "save and finish later".
    answer_visible_questions(driver, choice=1)
    click_and_wait(driver, page_button(driver, "later"))
    assert "Tes réponses sont enregistrées" in main_text(driver)
    word = driver.find_element(By.CSS_SELECTOR, ".resume-word strong").text
    assert len(word) == 9 and word[4] == "-", word
    assert [c["name"] for c in driver.get_cookies()] == ["belong_resume"], "the only cookie keeps the resume word"
    assert_accessible(driver, "the saved page")

    # Later, in the same browser: it picks up where it stopped.
    driver.get(f"{url}/s/{code}?lang=fr")
    assert "Tes réponses ont été gardées" in main_text(driver)

    # Elsewhere (no cookie): the answers open only with the resume word.
    driver.delete_all_cookies()
    driver.get(f"{url}/s/{code}?lang=fr")
    assert "Réponses enregistrées ailleurs" in main_text(driver)
    assert "Tes réponses ont été gardées" not in main_text(driver)
    assert_accessible(driver, "the welcome page asking for the resume word")
    box = driver.find_element(By.NAME, "resume")
    box.send_keys(word.lower())
    click_and_wait(driver, box.find_element(By.XPATH, "ancestor::form//button[@type='submit']"))
    assert page_number(driver) == 3, "resume goes to the first page with nothing answered"

    for _ in range(20):
        if "/review" in driver.current_url:
            break
        finish_page_on_a_phone(driver, "Question suivante", choice=2)
    assert "/review" in driver.current_url
    review = main_text(driver)
    assert "Relis tes réponses" in review
    assert "Passée" in review, "skipped questions are listed as skipped"
    assert_accessible(driver, "the review page")

    submit = driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]")
    click_and_wait(driver, submit)
    assert "Merci!" in main_text(driver)
    assert_accessible(driver, "the thank-you page")

    # The back button and a second try both meet a clear "already used".
    driver.back()
    driver.refresh()
    driver.get(f"{url}/s/{code}?lang=fr")
    assert "Ce code a déjà été utilisé" in main_text(driver)
    assert_accessible(driver, "the used-code page")
    enter_code(driver, url, code, "fr")
    assert "Ce code a déjà été utilisé" in main_text(driver)


def test_a_student_takes_it_in_english_and_a_double_submit_stores_one_response(phone):
    driver, url = phone
    code, _ = take_code()
    enter_code(driver, url, code, "en")
    assert "Before you start" in main_text(driver)
    start(driver)
    finish_page_on_a_phone(driver, "Next question", choice=0)
    driver.get(f"{url}/s/{code}/review?lang=en")
    assert "Review your answers" in main_text(driver)
    # A double click: the second submit of the same form must not store a second response.
    driver.execute_script("var f = document.querySelector('main form'); f.requestSubmit(); f.requestSubmit();")
    WebDriverWait(driver, 20).until(lambda d: "/review" not in d.current_url)
    text = main_text(driver)
    assert "Thank you!" in text or "already been used" in text
    driver.get(f"{url}/s/{code}")
    assert "This code has already been used" in main_text(driver)


def test_wrong_codes_get_their_own_messages(page):
    driver, url = page
    enter_code(driver, url, "OOO-111-LLL", "en")
    assert "never use the character" in main_text(driver)
    enter_code(driver, url, "ABC", "en")
    assert "A code has 9 letters and numbers; you typed 3" in main_text(driver)
    enter_code(driver, url, "ZZZ-ZZZ-ZZZ", "en")
    assert "That code was not found" in main_text(driver)
    field = driver.find_element(By.ID, "field-code")
    assert field.get_attribute("aria-invalid") == "true"
    assert_accessible(driver, "a wrong code")
    enter_code(driver, url, "ZZZ-ZZZ-ZZZ", "fr")
    assert "Ce code est introuvable" in main_text(driver)


def test_the_kindergarten_to_grade_3_form_has_faces_and_reads_each_question_aloud(page):
    driver, url = page
    code, _ = take_code(early_years=True)
    driver.get(f"{url}/s/{code}?lang=fr")
    assert visible(driver.find_elements(By.CSS_SELECTOR, "button.read-aloud")), "the welcome page can be heard too"
    start(driver)
    assert re.match(r"^Question 1 sur \d+$", driver.find_element(By.ID, "progress-label").text), "one question a page: no “1 à 1”"
    faces = driver.find_elements(By.CSS_SELECTOR, ".question--faces img.face")
    assert len(faces) >= 3
    assert all(face.get_attribute("alt") == "" for face in faces), "the faces are decoration: each has a text label"
    # Listen for what the browser would say instead of saying it.
    driver.execute_script(
        "window.__spoken = [];"
        "window.speechSynthesis.speak = function (u) { window.__spoken.push([u.text, u.lang]); };"
    )
    listen = visible(driver.find_elements(By.CSS_SELECTOR, "button.read-aloud"))
    assert listen, "read-aloud buttons show where speech synthesis exists"
    assert "Écouter" in listen[0].text
    listen[0].click()
    spoken = driver.execute_script("return window.__spoken;")
    question = driver.find_element(By.CSS_SELECTOR, ".question--faces legend").text.split(". ", 1)[1]
    assert spoken and spoken[0][1] == "fr-CA"
    assert spoken[0][0].startswith(question), spoken
    assert "Oui" in spoken[0][0]
    assert_accessible(driver, "the K–3 form")
    # Keyboard only: a face is chosen with the arrow keys like any radio group.
    driver.find_element(By.CSS_SELECTOR, ".question--faces input[type=radio]").click()
    assert driver.find_element(By.CSS_SELECTOR, ".question--faces input[type=radio]:checked")
    # The review shows each answer with its face and can be heard; so can the thank-you page.
    click_and_wait(driver, page_button(driver, "next"))
    driver.get(f"{url}/s/{code}/review?lang=fr")
    assert driver.find_elements(By.CSS_SELECTOR, ".review img.face"), "the review shows the face chosen"
    listen = visible(driver.find_elements(By.CSS_SELECTOR, "button.read-aloud"))
    assert listen
    driver.execute_script("window.__spoken = []; window.speechSynthesis.speak = function (u) { window.__spoken.push(u.text); };")
    listen[0].click()
    assert driver.execute_script("return window.__spoken[0];").startswith("Relis tes réponses")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "form=early" in driver.current_url
    assert visible(driver.find_elements(By.CSS_SELECTOR, "button.read-aloud")), "the thank-you page can be heard"
    assert_accessible(driver, "the K–3 thank-you page")


def test_the_principal_prints_slips_for_a_class_and_sees_the_count_rise(page, tmp_path):
    driver, url = page
    _, place = CODES_PEEK()
    wave_title = place.split(" · ")[-1]
    sign_in(driver, url, "schoolAdministrator")
    driver.get(url + "/surveys")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, wave_title))
    assert_accessible(driver, "the wave page")
    wave_window = driver.current_window_handle

    # A class with no codes yet: print its slips (the slips open in a new window).
    row = None
    for candidate in driver.find_elements(By.CSS_SELECTOR, "table tbody tr"):
        cells = candidate.find_elements(By.CSS_SELECTOR, "td[data-cell$='-issued']")
        if cells and cells[0].text == "0" and candidate.find_elements(By.CSS_SELECTOR, "form button"):
            row = candidate
            break
    assert row is not None, "a class without codes"
    responded = row.find_element(By.CSS_SELECTOR, "td[data-cell$='-responded']")
    cell_name = responded.get_attribute("data-cell")
    assert responded.text == "0"
    row.find_element(By.CSS_SELECTOR, "form select[name=paper] option[value=a4]").click()
    row.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 20).until(lambda d: len(d.window_handles) == 2)
    slips_window = [handle for handle in driver.window_handles if handle != wave_window][0]
    driver.switch_to.window(slips_window)
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".slip__code"))
    codes = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".slip__code")]
    assert len(codes) >= 10 and len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", code) for code in codes)
    slip = driver.find_element(By.CSS_SELECTOR, ".slip").text
    assert "Go to" in slip and "Va sur" in slip
    assert any("slips-a4.css" in link.get_attribute("href") for link in driver.find_elements(By.CSS_SELECTOR, "link[rel=stylesheet]"))
    # Each slip's QR code, read by an independent decoder (zbar) from the browser's own drawing, opens that slip's address.
    zbar = shutil.which("zbarimg")
    assert zbar, "zbarimg not found: apt-get install zbar-tools"
    drawn = [(slip.find_element(By.CSS_SELECTOR, ".slip__qr").get_attribute("outerHTML"), slip.find_element(By.CSS_SELECTOR, ".slip__link").text)
             for slip in driver.find_elements(By.CSS_SELECTOR, ".slip")[:4]]
    for svg, address in drawn:
        # As a camera sees the paper: the same vector drawing at a scanning size (it prints 2.2 cm wide).
        driver.get("data:image/svg+xml;charset=utf-8," + urllib.parse.quote(svg.replace("<svg ", '<svg width="360" height="360" ', 1)))
        image = tmp_path / "qr.png"
        driver.save_screenshot(str(image))
        decoded = subprocess.run([zbar, "--raw", "-q", str(image)], capture_output=True, text=True)
        assert decoded.returncode == 0, f"zbar read no code for {address}"
        assert decoded.stdout.strip() == address

    # A student of that class takes the survey with the first printed code, in this tab.
    driver.get(f"{url}/s/{codes[0]}?lang=fr")
    start(driver)
    answer_visible_questions(driver)
    # Saving the page keeps the answers: a submission with none is not a response, and is refused.
    click_and_wait(driver, page_button(driver, "next"))
    driver.get(f"{url}/s/{codes[0]}/review?lang=fr")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Merci!" in main_text(driver)
    driver.close()

    # Back on the wave's page, without reloading, the class's count rises at the next poll.
    driver.switch_to.window(wave_window)
    WebDriverWait(driver, 40).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"td[data-cell='{cell_name}']").text == "1"
    )
    issued = driver.find_element(By.CSS_SELECTOR, f"td[data-cell='{cell_name.replace('-responded', '-issued')}']")
    assert issued.text == str(len(codes))


def CODES_PEEK():
    from conftest import CODES

    assert CODES, "the demo printed survey codes"
    return CODES[0]
